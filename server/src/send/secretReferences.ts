// `${secret:NAME}` references in a payload's string values: found when planning, resolved only when sending,
// through a lookup the caller provides (the CLI reads REVCENT_SECRET_<NAME>; the editor its secret storage).
import { SECRET_REFERENCES, secretNamesIn } from '../core/secretReference';
import type { LabelledSecret } from './redact';

/** Returns the value of secret NAME, or undefined when there is none. */
export type SecretLookup = (name: string) => string | undefined;


function eachString(value: unknown, visit: (text: string) => void, depth = 0): void {
  if (typeof value === 'string') visit(value);
  else if (depth > 500 || typeof value !== 'object' || value === null) return;
  else if (Array.isArray(value)) for (const item of value) eachString(item, visit, depth + 1);
  else for (const key of Object.keys(value)) eachString((value as Record<string, unknown>)[key], visit, depth + 1);
}

/** The names referenced in the payload's string values (not its keys), each once, in order. */
export function secretReferencesIn(payload: unknown): string[] {
  const names = new Set<string>();
  eachString(payload, (text) => {
    for (const name of secretNamesIn(text)) names.add(name);
  });
  return [...names];
}

function replaceStrings(value: unknown, values: ReadonlyMap<string, string>, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.includes('${secret:') ? value.replace(SECRET_REFERENCES, (whole, name: string) => values.get(name) ?? whole) : value;
  }
  if (depth > 500 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, values, depth + 1));
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) copy[key] = replaceStrings((value as Record<string, unknown>)[key], values, depth + 1);
  return copy;
}

/**
 * The payload with every reference replaced by its value, and the values (to redact wherever they appear); or
 * the references that have no value, in which case nothing may be sent.
 */
export function resolveSecretReferences<T>(
  payload: T,
  names: readonly string[],
  lookup: SecretLookup | undefined,
): { payload: T; resolved: LabelledSecret[] } | { missing: string[] } {
  if (names.length === 0) return { payload, resolved: [] };
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    let value: string | undefined;
    try {
      value = lookup?.(name);
    } catch {
      value = undefined;
    }
    if (typeof value === 'string' && value.length > 0) values.set(name, value);
    else missing.push(name);
  }
  if (missing.length > 0) return { missing };
  return {
    payload: replaceStrings(payload, values) as T,
    resolved: [...values].map(([name, value]) => ({ value, label: `secret:${name}` })),
  };
}
