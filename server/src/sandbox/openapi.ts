// The sandbox's OpenAPI 3.1 document, served at /v2/openapi.json: one path per operation with path parameters
// named as the payload's ID fields, the JSON body schema (the published input schema less the path parameters)
// and the response schemas, all generated from the same operations as the published schemas in schemas/.
import { COLLECTIONS, sandboxOperations, type JsonSchema, type SandboxOperation } from './operations';
import { recordSchema, withoutWriteOnly } from './records';

const ID = { type: 'string', pattern: '^[A-Za-z0-9]{20}$' };

/** A draft-07 schema as an OpenAPI 3.1 schema object: the dialect marker goes (3.1 uses JSON Schema 2020-12). */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

function bodySchema(operation: SandboxOperation): JsonSchema {
  const properties = { ...(operation.inputSchema.properties as Record<string, unknown>) };
  for (const name of operation.pathParameters) delete properties[name];
  const required = Array.isArray(operation.inputSchema.required) ? operation.inputSchema.required.filter((name) => !operation.pathParameters.includes(String(name))) : [];
  const schema = embedded({ ...operation.inputSchema, properties });
  if (required.length) schema.required = required;
  else delete schema.required;
  return schema;
}

function parameterSchema(operation: SandboxOperation, name: string): JsonSchema {
  const property = (operation.inputSchema.properties as Record<string, JsonSchema | undefined>)[name];
  return property ? embedded(property) : ID;
}

/** The fields a success answer carries besides code, result and the API call's ID and time. */
function answerFields(operation: SandboxOperation): { properties: Record<string, unknown>; required: string[] } {
  if (operation.kind === 'read' && operation.collection) {
    const record = withoutWriteOnly(recordSchema(operation.collection));
    return { properties: record.properties as Record<string, unknown>, required: (record.required as string[]) ?? [] };
  }
  if (operation.kind === 'create') return { properties: { customer_id: { ...ID, description: 'The new customer\'s ID.' } }, required: ['customer_id'] };
  const idField = operation.collection ? COLLECTIONS[operation.collection].idField : undefined;
  return idField ? { properties: { [idField]: ID }, required: [idField] } : { properties: {}, required: [] };
}

function successSchema(operation: SandboxOperation): JsonSchema {
  const fields = answerFields(operation);
  return {
    type: 'object',
    properties: {
      api_call_id: { ...ID, description: 'The ID of this API call.' },
      api_call_unix: { type: 'integer', description: 'When the call was made, in Unix seconds.' },
      code: { const: 1, description: '1: success.' },
      result: { type: 'string', description: 'What happened, in words (it names the sandbox and the key\'s mode).' },
      ...fields.properties,
    },
    required: ['api_call_id', 'api_call_unix', 'code', 'result', ...fields.required],
  };
}

const ERROR_RESPONSE = { $ref: '#/components/responses/Error' };

function operationObject(operation: SandboxOperation): JsonSchema {
  const parameters = operation.pathParameters.map((name) => ({ name, in: 'path', required: true, schema: parameterSchema(operation, name) }));
  const description = operation.confirmedRoute
    ? operation.description
    : `${operation.description}\n\nThe route is the sandbox's reading: RevCent has not published it.`;
  return {
    operationId: operation.name,
    summary: operation.title,
    description,
    tags: [operation.collection ?? 'other'],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.method === 'POST' ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchema(operation) } } } } : {}),
    responses: {
      '200': { description: 'Success (`code: 1`).', content: { 'application/json': { schema: successSchema(operation) } } },
      '400': ERROR_RESPONSE,
      '401': ERROR_RESPONSE,
      '404': ERROR_RESPONSE,
    },
  };
}

/** The whole document. `servers` names the sandbox's own prefix; clients join routes to their configured base URL. */
export function sandboxSpec(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of sandboxOperations) {
    paths[operation.path] ??= {};
    paths[operation.path][operation.method.toLowerCase()] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'RevCent sandbox',
      version: '1.0.0',
      description:
        'A local simulation of RevCent REST API V2 for the operations this project knows, for trying payloads and ' +
        'for tests. Not RevCent: nested objects that may be replaced are modelled as replaced whole, and routes RevCent ' +
        'has not published are the sandbox\'s reading.',
    },
    servers: [{ url: '/v2' }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Any non-empty key; `test_...` models a test-mode key.' } },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            api_call_id: ID,
            api_call_unix: { type: 'integer' },
            code: { const: 0, description: '0: failure.' },
            error_code: { type: 'string' },
            message: { type: 'string' },
            result: { type: 'string' },
          },
          required: ['api_call_id', 'api_call_unix', 'code', 'error_code', 'message', 'result'],
        },
      },
      responses: { Error: { description: 'Failure (`code: 0`).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    },
  };
}
