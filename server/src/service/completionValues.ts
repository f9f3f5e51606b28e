// What completion inserts as a value: typed placeholders, the required fields of an object, and the ready-made
// objects operations contribute.
import type { JSONPath } from 'jsonc-parser';
import * as z from 'zod';
import { enumValues, isOptional, objectShape, unwrap } from '../core/schema';
import { escapeSnippet, renderSnippet, TabStop } from '../core/snippet';
import type { ObjectSnippet, PayloadDocument } from '../core/types';

/** The placeholder for a value of `schema` at `path`: the operation's own where it has one, else by type. */
export function placeholderFor(document: PayloadDocument, path: JSONPath, schema: z.ZodType): unknown {
  const inner = unwrap(schema);
  const contributed = document.operation?.editor?.valuePlaceholder?.(document, path, inner);
  if (contributed !== undefined) return contributed;
  const allowed = enumValues(inner);
  if (allowed && inner.def.type === 'enum') return new TabStop(allowed[0]);
  switch (inner.def.type) {
    case 'object':
      return requiredSkeleton(document, path, inner);
    case 'array':
      return new TabStop([]);
    case 'number': {
      const min = (inner as z.ZodNumber).minValue;
      return new TabStop(min !== null && Number.isFinite(min) ? min : 0);
    }
    case 'boolean':
      return new TabStop(false);
    default:
      return new TabStop('');
  }
}

/** An object holding only the required fields of `schema`, each with a placeholder of its type. */
function requiredSkeleton(document: PayloadDocument, path: JSONPath, schema: z.ZodType): Record<string, unknown> {
  const shape = objectShape(schema) ?? {};
  return Object.fromEntries(
    Object.entries(shape)
      .filter(([, field]) => !isOptional(field))
      .map(([key, field]) => [key, placeholderFor(document, [...path, key], field)]),
  );
}

/** The ready-made values for the object field at `path`: the operation's own, or its required fields. */
export function objectSnippets(document: PayloadDocument, path: JSONPath, schema: z.ZodType): ObjectSnippet[] {
  const contributed = document.operation?.editor?.objectSnippets?.(document, path, schema);
  if (contributed) return contributed;
  const skeleton = requiredSkeleton(document, path, schema);
  const required = Object.keys(skeleton);
  if (required.length === 0) return [];
  return [{ label: `{ ${required.join(', ')} }`, body: skeleton, documentation: 'The required fields.' }];
}

/** What follows a completed property name: a placeholder for its value, and whether to suggest values next. */
export function valuePlaceholder(document: PayloadDocument, path: JSONPath, schema: z.ZodType): { text: string; suggest: boolean } {
  const inner = unwrap(schema);
  const allowed = enumValues(inner);
  if (allowed && inner.def.type === 'enum') {
    return allowed.length === 1 ? { text: escapeSnippet(JSON.stringify(allowed[0])), suggest: false } : { text: '$1', suggest: true };
  }
  switch (inner.def.type) {
    case 'boolean':
      return { text: '$1', suggest: true };
    case 'string':
      return { text: '"$1"', suggest: false };
    case 'number':
      return { text: renderSnippet(placeholderFor(document, path, inner)), suggest: false };
    case 'object': {
      const snippets = objectSnippets(document, path, inner);
      return snippets.length === 1 ? { text: renderSnippet(snippets[0].body, ''), suggest: false } : { text: '{$1}', suggest: false };
    }
    case 'array':
      return { text: '[$1]', suggest: false };
    default:
      return { text: '$1', suggest: false };
  }
}
