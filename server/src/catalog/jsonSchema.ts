// JSON Schema (draft-07) for an operation's payload file, generated from its zod schema for other tools.
import * as z from 'zod';
import type { OperationDefinition } from '../core/types';

export function operationJsonSchema(operation: OperationDefinition): Record<string, unknown> {
  const generated = z.toJSONSchema(operation.schema, { target: 'draft-7' }) as Record<string, unknown>;
  const properties = generated.properties as Record<string, unknown>;
  return {
    ...generated,
    $id: `https://revcent-payloads.local/schemas/${operation.name}.schema.json`,
    title: `${operation.name} payload`,
    description: operation.purpose,
    properties: {
      $operation: { const: operation.name, description: 'The RevCent operation this payload is for. Never sent.' },
      ...properties,
    },
    // Other top-level `$` keys are editor metadata: allowed and never sent.
    patternProperties: { '^\\$': {} },
  };
}
