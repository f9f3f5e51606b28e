// Checks inputs against the published JSON Schemas with ajv (draft-07, formats such as email), and words the
// failures as "<JSON pointer>: <ajv message>". Shapes only: this project's semantic rules are not run here.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './operations';

// Not strict: the published schemas carry `x-revcent-*` annotations that ajv does not know.
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let detail = '';
  if (error.keyword === 'additionalProperties') detail = `: "${String(params.additionalProperty)}"`;
  else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) detail = `: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  return `${where}: ${error.message ?? error.keyword}${detail}`;
}

/** Undefined when the value fits the schema, else every problem, one per `; `. */
export function schemaProblems(schema: JsonSchema, value: unknown): string | undefined {
  const validate = validatorFor(schema);
  if (validate(value)) return undefined;
  const messages = (validate.errors ?? []).map(describeError);
  return [...new Set(messages)].join('; ') || 'the input does not match the schema';
}
