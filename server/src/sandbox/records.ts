// What the sandbox stores and what its reads return: one JSON Schema per kind of record, built from the catalog's
// published input schemas, and the public view of a record (write-only secrets are never read back).
import { isJsonObject as isSchemaObject, setOwn } from './json';
import { COLLECTIONS, sandboxOperations, type CollectionName, type JsonSchema } from './operations';

const ID_SCHEMA = { type: 'string', pattern: '^[A-Za-z0-9]{20}$' };

function inputProperties(kind: 'create' | 'edit', collection: CollectionName): Record<string, unknown> {
  const operation = sandboxOperations.find((candidate) => candidate.kind === kind && candidate.collection === collection);
  return (operation?.inputSchema.properties as Record<string, unknown> | undefined) ?? {};
}

/** A customer as the sandbox models it: the CreateCustomer fields it was created with, plus its state. */
function customerSchema(): JsonSchema {
  const created = inputProperties('create', 'customers');
  const properties: Record<string, unknown> = {
    customer_id: { ...ID_SCHEMA, description: 'The 20-character customer ID.' },
    campaign: { ...ID_SCHEMA, description: 'The 20-character ID of the campaign the customer belongs to.' },
  };
  for (const field of ['customer', 'bill_to', 'internal_customer_id', 'metadata']) {
    if (created[field] !== undefined) properties[field] = created[field];
  }
  properties.credit_cards = {
    type: 'array',
    description: 'Cards on file, without their numbers (modelled by the sandbox).',
    items: {
      type: 'object',
      properties: {
        last_four: { type: 'string', pattern: '^\\d{4}$' },
        exp_month: { type: 'integer', minimum: 1, maximum: 12 },
        exp_year: { type: 'integer', minimum: 0, maximum: 99 },
      },
      required: ['last_four', 'exp_month', 'exp_year'],
      additionalProperties: false,
    },
  };
  properties.enabled = { type: 'boolean', description: 'Whether the customer is enabled.' };
  properties.blocked = { type: 'boolean', description: 'Whether the customer is blocked.' };
  return {
    type: 'object',
    description: 'A customer as the sandbox stores it (the field set is a model, not RevCent\'s documented shape).',
    properties,
    required: ['customer_id', 'campaign', 'customer', 'enabled', 'blocked'],
    additionalProperties: false,
  };
}

/** A portal or group: every field its edit operation accepts, the ID required. */
function editableRecordSchema(collection: CollectionName): JsonSchema {
  const { idField, label } = COLLECTIONS[collection];
  return {
    type: 'object',
    description: `A ${label.toLowerCase()} as the sandbox stores it: the fields its edit operation accepts.`,
    properties: inputProperties('edit', collection),
    required: [idField],
    additionalProperties: false,
  };
}

const schemas = new Map<CollectionName, JsonSchema>();

/** The schema of a stored record (seed files are checked against it). */
export function recordSchema(collection: CollectionName): JsonSchema {
  let schema = schemas.get(collection);
  if (!schema) {
    schema = collection === 'customers' ? customerSchema() : editableRecordSchema(collection);
    schemas.set(collection, schema);
  }
  return schema;
}

/** A schema without its write-only properties, at any depth. */
export function withoutWriteOnly(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = { ...schema };
  if (isSchemaObject(schema.properties)) {
    const properties: Record<string, unknown> = {};
    const dropped = new Set<string>();
    for (const [key, property] of Object.entries(schema.properties)) {
      if (isSchemaObject(property) && property.writeOnly === true) dropped.add(key);
      else properties[key] = isSchemaObject(property) ? withoutWriteOnly(property) : property;
    }
    result.properties = properties;
    if (Array.isArray(schema.required)) result.required = schema.required.filter((key) => !dropped.has(String(key)));
  }
  if (isSchemaObject(schema.items)) result.items = withoutWriteOnly(schema.items);
  return result;
}

/** What a read returns of a record: everything but write-only secrets, as the schema marks them. */
export function publicView(collection: CollectionName, record: Record<string, unknown>): Record<string, unknown> {
  return stripWriteOnly(recordSchema(collection), record) as Record<string, unknown>;
}

function stripWriteOnly(schema: unknown, value: unknown): unknown {
  if (!isSchemaObject(schema)) return value;
  if (Array.isArray(value)) return value.map((item) => stripWriteOnly(schema.items, item));
  if (!isSchemaObject(value)) return value;
  const properties = isSchemaObject(schema.properties) ? schema.properties : {};
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (isSchemaObject(property) && property.writeOnly === true) continue;
    setOwn(result, key, stripWriteOnly(property, item));
  }
  return result;
}
