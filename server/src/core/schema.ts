// Building and reading operation schemas: documented fields, ID fields, and walking a payload along its schema.
import * as z from 'zod';
import type { JSONPath } from 'jsonc-parser';
import { isObject } from './jsonTree';

/**
 * Checks a user's value against a schema without letting zod word any message: zod's locale names the
 * received type from `value.constructor.name`, which throws on a value whose own `constructor` key is an
 * object. Every message a user sees is worded by this project from the issue's code and fields instead.
 */
export function checkSchema<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { error: (issue) => issue.code });
}

/** A union or a map words its members' issues as it goes: with this, only as their code (see `checkSchema`). */
const CODE_ONLY: z.core.ParseContextInternal<z.core.$ZodIssue> = { async: false, error: (issue) => issue.code };

/**
 * The issues of a value against a schema, as zod finds them, before any message is worded (zod words them only
 * when an error is built, and never here). Faster than `checkSchema` for the one caller that needs only the issues.
 */
export function schemaIssues(schema: z.ZodType, value: unknown): z.core.$ZodRawIssue[] {
  const result = schema._zod.run({ value, issues: [] }, CODE_ONLY);
  if (result instanceof Promise) throw new Error('A payload schema has an asynchronous check.');
  return result.issues;
}

/** Every RevCent ID is exactly 20 letters or digits. */
export const ID_PATTERN = /^[A-Za-z0-9]{20}$/;

/** Metadata kept next to each field's schema; it feeds hover, completion, the rules and the JSON Schemas. */
export interface FieldMeta {
  /** Markdown: meaning, allowed values, risk notes. */
  description: string;
  /** For ID fields: the kind of record the ID names, e.g. "customer group". */
  'x-revcent-id-kind'?: string;
  /** For ID fields: the pattern other JSON Schema tools check. */
  pattern?: string;
  /** For ID fields that also accept a record's name. */
  'x-revcent-id-or-name'?: boolean;
  /** A secret (a key, card data): sent, never shown back. Messages and fix titles do not repeat its value. */
  writeOnly?: boolean;
}

/** A secret field's schema with its documentation: its value is never repeated in messages. */
export function secretField<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description, writeOnly: true }) as T;
}

/** Whether a field holds a secret. */
export function isSecretField(schema: z.ZodType | undefined): boolean {
  return fieldMeta(schema)?.writeOnly === true;
}

/** Attaches documentation to a field's schema. */
export function documented<T extends z.ZodType>(schema: T, description: string): T {
  return schema.meta({ description }) as T;
}

/**
 * A 20-character ID of a given kind of record. The pattern is published in the JSON Schema but not checked by
 * zod: the ID rules check every ID once, and tell a placeholder from a typo.
 */
export function idField(kind: string, description: string) {
  return z.string().meta({ description, pattern: ID_PATTERN.source, 'x-revcent-id-kind': kind });
}

/** A list of IDs of one kind. */
export function idList(kind: string, description: string) {
  return z.array(idField(kind, `A 20-character ${kind} ID.`)).meta({ description });
}

/** The schema inside optional, nullable and default wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

export function fieldMeta(schema: z.ZodType | undefined): FieldMeta | undefined {
  if (!schema) return undefined;
  return (schema.meta() ?? unwrap(schema).meta()) as FieldMeta | undefined;
}

/** The schema of property `key` in an object shape; own properties only, so `constructor` is not a field. */
export function shapeField(shape: Record<string, z.ZodType> | undefined, key: string): z.ZodType | undefined {
  return shape && Object.prototype.hasOwnProperty.call(shape, key) ? shape[key] : undefined;
}

/** The properties an object schema accepts, or undefined when the schema is not an object. */
export function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  const inner = schema && unwrap(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

export function isOptional(schema: z.ZodType): boolean {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault;
}

/** The schema of the field at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: z.ZodType, path: JSONPath): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    const inner = unwrap(current);
    if (typeof segment === 'number') {
      current = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : undefined;
    } else {
      current = shapeField(objectShape(inner), segment);
    }
  }
  return current;
}

/** The values an enum field allows (also for a list of enum values), or undefined. */
export function enumValues(schema: z.ZodType | undefined): string[] | undefined {
  const inner = schema && unwrap(schema);
  if (inner instanceof z.ZodEnum) return inner.options.map(String);
  if (inner instanceof z.ZodArray) return enumValues(inner.element as z.ZodType);
  return undefined;
}

/** Calls `visit` for every value in the payload that its schema describes, depth first. */
export function walkPayload(
  schema: z.ZodType,
  value: unknown,
  visit: (path: JSONPath, value: unknown, schema: z.ZodType) => void,
  path: JSONPath = [],
): void {
  visit(path, value, schema);
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    for (const [key, item] of Object.entries(value)) {
      const field = shapeField(shape, key);
      if (field) walkPayload(field, item, visit, [...path, key]);
    }
  } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, index) => walkPayload(inner.element as z.ZodType, item, visit, [...path, index]));
  }
}
