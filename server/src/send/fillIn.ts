// "Fill in current values": adds to a possibly-replaced field of a payload file what the record holds there and the
// file leaves out (object keys at any depth, list items), so that sending it keeps them. The file's formatting and
// comments are kept; what the file already says wins. A secret field is never written into a file.
import { applyEdits, modify, parse, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import { secretFieldNames } from './redact';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface FillIn {
  /** One edit turning the file into the filled-in file; undefined when nothing was missing. */
  edit?: { offset: number; length: number; content: string };
  /** What was added, one phrase each (`customer_emails.customer_account_password_reset`, `2 items of customer_filters.campaign`). */
  added: string[];
  /** Secret fields the record holds that were not written (a file holds a `${secret:NAME}` reference instead). */
  skippedSecrets: string[];
}

/** `text` with `current` (the record's value of top-level `field`) filled in where the file leaves it out. */
export function fillInCurrent(text: string, field: string, current: unknown, formatting: FormattingOptions): FillIn {
  const secrets = secretFieldNames();
  const added: string[] = [];
  const skippedSecrets: string[] = [];
  let result = text;
  const set = (path: JSONPath, value: unknown, isArrayInsertion = false) => {
    result = applyEdits(result, modify(result, path, value, { formattingOptions: formatting, isArrayInsertion }));
  };
  const visit = (path: JSONPath, held: unknown, written: unknown): void => {
    const where = path.join('.');
    if (Array.isArray(held) && Array.isArray(written)) {
      const kept = new Set(written.map((item) => JSON.stringify(item)));
      const missing = held.filter((item) => !kept.has(JSON.stringify(item)));
      for (const item of missing) set([...path, -1], item, true);
      if (missing.length) added.push(`${missing.length} item${missing.length === 1 ? '' : 's'} of \`${where}\``);
      return;
    }
    if (!isObject(held) || !isObject(written)) return;
    for (const key of Object.keys(held)) {
      if (secrets.has(key)) {
        if (!Object.hasOwn(written, key)) skippedSecrets.push(`${where}.${key}`);
        continue;
      }
      if (Object.hasOwn(written, key)) visit([...path, key], held[key], written[key]);
      else {
        set([...path, key], withoutSecrets(held[key], `${where}.${key}`, skippedSecrets));
        added.push(`\`${where}.${key}\``);
      }
    }
  };
  const payload = parse(text, [], { allowTrailingComma: true, disallowComments: false }) as unknown;
  if (isObject(payload)) {
    if (!Object.hasOwn(payload, field)) {
      set([field], withoutSecrets(current, field, skippedSecrets));
      added.push(`\`${field}\``);
    } else visit([field], current, payload[field]);
  }
  return { edit: changedSpan(text, result), added, skippedSecrets };
}

/** A copy of `value` without the secret fields, which are named in `skipped`. */
function withoutSecrets(value: unknown, where: string, skipped: string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => withoutSecrets(item, `${where}.${index}`, skipped));
  if (!isObject(value)) return value;
  const copy: Json = {};
  for (const key of Object.keys(value)) {
    if (secretFieldNames().has(key)) skipped.push(`${where}.${key}`);
    else Object.defineProperty(copy, key, { value: withoutSecrets(value[key], `${where}.${key}`, skipped), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The one edit from `before` to `after`: the span between their common start and common end. */
function changedSpan(before: string, after: string): FillIn['edit'] {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) };
}
