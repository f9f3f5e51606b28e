// Field documentation read from the zod schemas: a field's type facts, its description, an enum value's meaning.
// Hover and completion both describe fields through it, so they say the same thing.
import * as z from 'zod';
import { enumValues, fieldMeta, isOptional, unwrap } from '../core/schema';

function isBeyondPractical(bound: number | null | undefined): boolean {
  return bound === null || bound === undefined || !Number.isFinite(bound) || Math.abs(bound) >= Number.MAX_SAFE_INTEGER;
}

/** What a value of this schema is called: "text", "whole number", "20-character campaign ID", "list of ...". */
function valueKind(schema: z.ZodType, plural = false): string {
  const inner = unwrap(schema);
  const meta = fieldMeta(schema);
  const idKind = meta?.['x-revcent-id-kind'];
  if (idKind) {
    const id = `20-character ${idKind} ID${plural ? 's' : ''}`;
    return meta?.['x-revcent-id-or-name'] ? `${id} or exact ${idKind} name${plural ? 's' : ''}` : id;
  }
  switch (inner.def.type) {
    case 'string': {
      const format = (inner as unknown as { format: string | null }).format;
      if (format === 'email') return plural ? 'email addresses' : 'email address';
      return plural ? 'text values' : 'text';
    }
    case 'enum':
      return plural ? 'text values' : 'text';
    case 'number':
      return ((inner as z.ZodNumber).isInt ? 'whole number' : 'number') + (plural ? 's' : '');
    case 'boolean':
      return plural ? 'true/false values' : 'true/false';
    case 'object':
      return plural ? 'objects' : 'object';
    case 'array':
      return `list${plural ? 's' : ''} of ${valueKind((inner as z.ZodArray).element as z.ZodType, true)}`;
    default:
      return plural ? 'values' : 'value';
  }
}

/** Length or range limits the schema states, in words; undefined when it states none. */
function limitsOf(schema: z.ZodType): string | undefined {
  const inner = unwrap(schema);
  if (fieldMeta(schema)?.['x-revcent-id-kind']) return undefined;
  if (inner.def.type === 'string') {
    const { minLength, maxLength } = inner as unknown as { minLength: number | null; maxLength: number | null };
    if (minLength !== null && minLength === maxLength) return `exactly ${minLength} characters`;
    if (minLength !== null && maxLength !== null) return `${minLength} to ${maxLength} characters`;
    if (maxLength !== null) return `at most ${maxLength} characters`;
    if (minLength === 1) return 'not empty';
    if (minLength !== null && minLength > 1) return `at least ${minLength} characters`;
    return undefined;
  }
  if (inner instanceof z.ZodNumber) {
    const min = isBeyondPractical(inner.minValue) ? undefined : inner.minValue;
    const max = isBeyondPractical(inner.maxValue) ? undefined : inner.maxValue;
    if (min !== undefined && max !== undefined) return `${min} to ${max}`;
    if (min !== undefined) return `${min} or more`;
    if (max !== undefined) return `at most ${max}`;
  }
  return undefined;
}

/**
 * The compact facts line for a field: type, required or optional (for object properties), allowed values,
 * limits. For example "true/false · optional" or "text · required · one of `a`, `b`".
 */
export function fieldFacts(schema: z.ZodType, isProperty: boolean): string {
  const facts = [valueKind(schema)];
  if (isProperty) facts.push(isOptional(schema) ? 'optional' : 'required');
  const allowed = enumValues(schema);
  if (allowed) facts.push(`one of ${allowed.map((value) => `\`${value}\``).join(', ')}`);
  const limits = limitsOf(schema);
  if (limits) facts.push(limits);
  return facts.join(' · ');
}

/** Facts line plus the field's own documentation, as markdown. */
export function fieldDocumentation(schema: z.ZodType, isProperty: boolean): string {
  const description = fieldMeta(schema)?.description;
  return [fieldFacts(schema, isProperty), description].filter(Boolean).join('\n\n');
}

/** What one enum value means, when the field's docs list it as "- `value`: meaning". */
export function enumValueMeaning(schema: z.ZodType | undefined, value: string): string | undefined {
  const description = fieldMeta(schema)?.description ?? '';
  for (const line of description.split('\n')) {
    const match = /^\s*[-*]\s+`([^`]+)`\s*:\s*(.+)$/.exec(line);
    if (match && match[1] === value) return match[2].trim();
  }
  return undefined;
}
