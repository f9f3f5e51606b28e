// What an edit may do to the record it changes, under the cautious reading of the guides: top-level fields are set;
// the nested fields the catalog marks as possibly replaced are replaced whole; other objects are merged; lists are
// replaced. Gives the record as it may be after the edit and, in plain words, what may be removed. This is this
// module's own reading of the catalog's facts: the sandbox's store applies edits with its own code, so the tests
// comparing the two can fail.
import type { OperationDefinition } from '../core/types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Sets an own property, `__proto__` included, without touching a prototype. */
function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface EditPrediction {
  /** The record as it may be after the edit. */
  after: Json;
  /** What may be removed, one phrase each ("the `x` email template", "2 of 3 shop filters (...)"), in field order. */
  removals: string[];
}

function show(item: unknown): string {
  const text = typeof item === 'string' ? item : JSON.stringify(item);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** What `sent` removes from `current` when it replaces it at `path`: keys left out, list items left out, at any depth. */
function removalsIn(operation: OperationDefinition, path: string[], current: unknown, sent: unknown, into: string[]): void {
  const where = path.join('.');
  const noun = operation.itemNames?.[where];
  if (Array.isArray(current) && Array.isArray(sent)) {
    const kept = new Set(sent.map((item) => JSON.stringify(item)));
    const gone = current.filter((item) => !kept.has(JSON.stringify(item)));
    if (gone.length === 0) return;
    const named = gone.slice(0, 3).map((item) => `\`${show(item)}\``).join(', ') + (gone.length > 3 ? ', ...' : '');
    const items = noun ? `${noun}${current.length === 1 ? '' : 's'}` : `entries of \`${where}\``;
    into.push(`${gone.length} of ${current.length} ${items} (${named})`);
    return;
  }
  if (!isObject(current) || !isObject(sent)) return;
  const gone = Object.keys(current).filter((key) => !Object.hasOwn(sent, key));
  const of = path.length > 1 ? ` of \`${where}\`` : '';
  if (noun && gone.length > 2) {
    const named = gone.slice(0, 3).map((key) => `\`${key}\``).join(', ') + (gone.length > 3 ? ', ...' : '');
    into.push(`${gone.length} of ${Object.keys(current).length} ${noun}s${of} (${named})`);
  } else {
    for (const key of gone) into.push(noun ? `the \`${key}\` ${noun}${of}` : `\`${[...path, key].join('.')}\``);
  }
  for (const key of Object.keys(current)) {
    if (Object.hasOwn(sent, key)) removalsIn(operation, [...path, key], current[key], sent[key], into);
  }
}

/** `update` merged into `base`: objects merged key by key, anything else (lists included) replacing what was there. */
function merged(operation: OperationDefinition, path: string[], base: unknown, update: unknown, removals: string[]): unknown {
  if (!isObject(base) || !isObject(update)) {
    if (Array.isArray(base) && Array.isArray(update)) removalsIn(operation, path, base, update, removals);
    return copy(update);
  }
  const result = copy(base);
  for (const key of Object.keys(update)) {
    setOwn(result, key, merged(operation, [...path, key], Object.hasOwn(base, key) ? base[key] : undefined, update[key], removals));
  }
  return result;
}

/** The record after an edit of `payload` (the flat payload, ID included), and what the edit may remove. */
export function predictEdit(operation: OperationDefinition, current: Json, payload: Json): EditPrediction {
  const after = copy(current);
  const removals: string[] = [];
  const replacedWhole = new Set(operation.possiblyReplaced ?? []);
  for (const field of Object.keys(payload)) {
    if (field === operation.targetIdField) continue;
    const was = Object.hasOwn(current, field) ? current[field] : undefined;
    const sent = payload[field];
    if (replacedWhole.has(field)) {
      if (was !== undefined) removalsIn(operation, [field], was, sent, removals);
      setOwn(after, field, copy(sent));
    } else {
      setOwn(after, field, merged(operation, [field], was, sent, removals));
    }
  }
  return { after, removals };
}

/** Whether an edit of `payload` can remove anything at all: only a nested object or a list can. */
export function mayRemove(operation: OperationDefinition, payload: Json): boolean {
  return Object.keys(payload).some((field) => field !== operation.targetIdField && typeof payload[field] === 'object' && payload[field] !== null);
}

/** Where `actual` (the record read back after a send) differs from `predicted`, in the fields the payload sent. */
export function differencesFromPrediction(operation: OperationDefinition, payload: Json, predicted: Json, actual: Json): string[] {
  const found: string[] = [];
  const walk = (path: string[], expected: unknown, held: unknown): void => {
    if (JSON.stringify(expected) === JSON.stringify(held)) return;
    const where = `\`${path.join('.')}\``;
    if (isObject(expected) && isObject(held)) {
      for (const key of Object.keys(held)) if (!Object.hasOwn(expected, key)) found.push(`\`${[...path, key].join('.')}\` is still there: RevCent kept what the payload left out`);
      for (const key of Object.keys(expected)) walk([...path, key], expected[key], Object.hasOwn(held, key) ? held[key] : undefined);
      return;
    }
    if (held === undefined) found.push(`${where} is gone`);
    else if (expected === undefined) found.push(`${where} is still there: RevCent kept what the payload left out`);
    else found.push(`${where} holds ${show(held)}, not ${show(expected)}`);
  };
  for (const field of Object.keys(payload)) {
    if (field === operation.targetIdField) continue;
    walk([field], Object.hasOwn(predicted, field) ? predicted[field] : undefined, Object.hasOwn(actual, field) ? actual[field] : undefined);
  }
  return found;
}
