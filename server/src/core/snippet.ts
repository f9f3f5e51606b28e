// Snippet bodies: JSON values with tab stops, rendered in the editor's snippet syntax (or as plain text).
import { isObject } from './jsonTree';

type TabStopValue = string | number | boolean | [] | Record<string, never>;

/** A place in a snippet body the user tabs to, holding `value` until they type. */
export class TabStop {
  constructor(readonly value: TabStopValue) {}
}

/** Escapes text for snippet syntax, where `$`, `}` and `\` are special and `{` is not. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Renders a JSON value as snippet text, tab-indented (editors re-indent it), numbering tab stops in order. */
export function renderSnippet(value: unknown, indent = '', stops = { next: 1 }): string {
  if (value instanceof TabStop) {
    const stop = stops.next++;
    const held = value.value;
    if (Array.isArray(held)) return `[$${stop}]`;
    if (typeof held === 'object') return `{$${stop}}`;
    if (held === '') return `"$${stop}"`;
    const text = typeof held === 'string' ? JSON.stringify(held).slice(1, -1) : String(held);
    const placeholder = `\${${stop}:${escapeSnippet(text)}}`;
    return typeof held === 'string' ? `"${placeholder}"` : placeholder;
  }
  const inner = indent + '\t';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + renderSnippet(item, inner, stops)).join(',\n')}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, item]) => `${inner}${escapeSnippet(JSON.stringify(key))}: ${renderSnippet(item, inner, stops)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return escapeSnippet(JSON.stringify(value));
}

/** Turns every empty list into a tab stop, so the user can tab from list to list. */
export function withListStops(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? new TabStop([]) : value.map(withListStops);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withListStops(item)]));
  return value;
}

/** Snippet text as plain text, for editors without snippet support: each tab stop keeps its placeholder (a choice, its first option). */
export function snippetToPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}|\$\{\d+\|((?:\\.|[^\\,|])*)(?:,(?:\\.|[^\\|])*)*\|\}|\$\d+/g, (_, placeholder?: string, choice?: string) => placeholder ?? choice?.replace(/\\([,|])/g, '$1') ?? '')
    .replace(/\\([$}\\])/g, '$1');
}
