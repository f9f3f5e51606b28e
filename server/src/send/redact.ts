// The one redaction function: every output of the send pipeline (plan text, preview, cURL, history, logs, errors)
// passes through `redactSecrets`, so no API key, bearer token, card data or reCAPTCHA secret is ever shown.
import * as z from 'zod';
import { operations } from '../catalog';
import { isObject } from '../core/jsonTree';
import { isSecretField, unwrap } from '../core/schema';
import { isSecretReference } from '../core/secretReference';
import type { OperationDefinition } from '../core/types';

/** A value to hide wherever it appears, with the name its placeholder shows (`x-api-key`, `secret:NAME`, ...). */
export interface LabelledSecret {
  value: string;
  label: string;
}
/** A bare string is shown as `[redacted: secret]`. */
export type SecretValue = string | LabelledSecret;

/** The placeholder a redacted value is shown as. */
export function redactedMark(label: string): string {
  return `[redacted: ${label}]`;
}

/**
 * Values shorter than this are hidden only where their field or header names them, not everywhere: replacing
 * every "123" of a 3-digit card code throughout a response would garble IDs and numbers without protecting more.
 */
const MIN_ANYWHERE_LENGTH = 4;

/** Header names whose values are credentials. */
const CREDENTIAL_HEADERS = new Set(['x-api-key', 'authorization']);

/** Where secret fields sit in an operation's schema: object keys, and `*` for any list item. */
type SecretPath = (string | '*')[];

function collectSecretPaths(schema: z.ZodType, path: SecretPath, into: SecretPath[], depth = 0): void {
  if (depth > 20) return;
  if (isSecretField(schema)) {
    into.push(path);
    return;
  }
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) collectSecretPaths(field, [...path, key], into, depth + 1);
  } else if (inner instanceof z.ZodArray) {
    collectSecretPaths(inner.element as z.ZodType, [...path, '*'], into, depth + 1);
  } else if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as z.ZodType[]) collectSecretPaths(option, path, into, depth + 1);
  }
}

let secretPathsByOperation: Map<string, SecretPath[]> | undefined;
let secretNames: ReadonlySet<string> | undefined;

function secretPathIndex(): Map<string, SecretPath[]> {
  if (!secretPathsByOperation) {
    secretPathsByOperation = new Map(
      operations.map((operation) => {
        const paths: SecretPath[] = [];
        collectSecretPaths(operation.schema, [], paths);
        return [operation.name, paths];
      }),
    );
  }
  return secretPathsByOperation;
}

/** The names of the catalog's secret fields (`writeOnly` in the JSON Schemas): card number, card code, reCAPTCHA secret. */
export function secretFieldNames(): ReadonlySet<string> {
  secretNames ??= new Set([...secretPathIndex().values()].flat().map((path) => String(path[path.length - 1])));
  return secretNames;
}

/** The values of the payload's secret fields, each labelled with its field name, for redaction of echoes. */
export function payloadSecrets(operation: OperationDefinition, payload: unknown): LabelledSecret[] {
  const found: LabelledSecret[] = [];
  const visit = (value: unknown, path: SecretPath, at: number, label: string): void => {
    if (at === path.length) {
      // A `${secret:NAME}` reference is not the secret: it stays visible, and its value is hidden once resolved.
      if ((typeof value === 'string' && !isSecretReference(value)) || typeof value === 'number') found.push({ value: String(value), label });
      return;
    }
    const segment = path[at];
    if (segment === '*') {
      if (Array.isArray(value)) for (const item of value) visit(item, path, at + 1, label);
    } else if (isObject(value) && Object.hasOwn(value, segment)) {
      visit(value[segment], path, at + 1, label);
    }
  };
  for (const path of secretPathIndex().get(operation.name) ?? []) visit(payload, path, 0, String(path[path.length - 1]));
  // A secret field where this operation has none (a field it does not take, sent by mistake) is still a secret:
  // its value is hidden as it is, and as it reads in a query string.
  const names = secretFieldNames();
  const add = (secret: LabelledSecret) => {
    if (!found.some((known) => known.value === secret.value)) found.push(secret);
  };
  const walk = (value: unknown, depth: number): void => {
    if (depth > 200 || typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if (names.has(key) && (typeof item === 'string' || typeof item === 'number') && !isSecretReference(item)) {
        add({ value: String(item), label: key });
        add({ value: new URLSearchParams({ v: String(item) }).toString().slice(2), label: key });
      } else walk(item, depth + 1);
    }
  };
  walk(payload, 0);
  return found;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let fieldPatterns: { json: RegExp; query: RegExp; encodedJson: RegExp } | undefined;

/**
 * `"card_number": "..."` in JSON text, `card_number=...` in a query string, and the JSON of an object sent in a
 * query string (`%22card_number%22%3A%22...%22`), for every secret field name.
 */
function secretFieldPatterns(): { json: RegExp; query: RegExp; encodedJson: RegExp } {
  if (!fieldPatterns) {
    const names = [...secretFieldNames()].map(escapeForRegExp).join('|') || '(?!)';
    fieldPatterns = {
      // A value that is a `${secret:NAME}` reference is left as it is: it shows where the secret goes, not what it is.
      json: new RegExp(`"(${names})"(\\s*:\\s*)(?!"\\$\\{secret:\\w+\\}")(?:"(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*|true|false)`, 'g'),
      query: new RegExp(`([?&](${names})=)(?!(?:\\$\\{|%24%7B)secret(?::|%3A)\\w+(?:\\}|%7D)(?:[&#\\s]|$))[^&#\\s]*`, 'g'),
      encodedJson: new RegExp(`(%22(${names})%22%3A)(?!%22%24%7Bsecret%3A\\w+%7D%22)(?:%22(?:%5C%22|%5C%5C|[^%&#\\s]|%(?!22)[0-9A-Fa-f]{2})*%22|[-\\d.eE+]+)`, 'g'),
    };
  }
  return fieldPatterns;
}

/** `x-api-key: value`, `"x-api-key": "value"`, `x-api-key=value`; the reference `$REVCENT_API_KEY` is kept. */
const API_KEY_HEADER = /(x-api-key["']?\s*[:=]\s*["']?)(?![$[])[^\s"',;&}]+/gi;
/** `authorization: Bearer value` and the like, quoted or not; a `$VARIABLE` reference is kept. */
const AUTHORIZATION_HEADER = /(authorization["']?\s*[:=]\s*["']?(?:(?:bearer|basic|token)\s+)?)(?![$[])[^\s"',;}]+/gi;
/** A bearer token anywhere else (a log line, an echoed header). */
const BEARER_TOKEN = /(\bbearer\s+)(?![$[])[A-Za-z0-9._~+/=-]{8,}/gi;

function labelled(secret: SecretValue): LabelledSecret {
  return typeof secret === 'string' ? { value: secret, label: 'secret' } : secret;
}

function redactText(text: string, secrets: readonly LabelledSecret[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.value.length >= MIN_ANYWHERE_LENGTH && result.includes(secret.value)) result = result.split(secret.value).join(redactedMark(secret.label));
  }
  // Cheap checks first: most strings (IDs, names, HTML) name no secret field and no credential.
  const lower = result.length < 4096 ? result.toLowerCase() : undefined;
  const mentions = (word: string) => (lower ? lower.includes(word) : new RegExp(escapeForRegExp(word), 'i').test(result));
  const patterns = secretFieldPatterns();
  if ([...secretFieldNames()].some((name) => result.includes(name))) {
    result = result
      .replace(patterns.json, (_match, name: string, colon: string) => `"${name}"${colon}"${redactedMark(name)}"`)
      .replace(patterns.query, (_match, prefix: string, name: string) => `${prefix}${redactedMark(name)}`)
      .replace(patterns.encodedJson, (_match, prefix: string, name: string) => `${prefix}${encodeURIComponent(`"${redactedMark(name)}"`)}`);
  }
  if (mentions('x-api-key')) result = result.replace(API_KEY_HEADER, (_match, prefix: string) => `${prefix}${redactedMark('x-api-key')}`);
  if (mentions('authorization')) result = result.replace(AUTHORIZATION_HEADER, (_match, prefix: string) => `${prefix}${redactedMark('authorization')}`);
  if (mentions('bearer')) result = result.replace(BEARER_TOKEN, (_match, prefix: string) => `${prefix}${redactedMark('bearer token')}`);
  return result;
}

function redactStructure(value: unknown, secrets: readonly LabelledSecret[], names: ReadonlySet<string>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  // Nothing unredacted is shown past the depth limit (a payload this deep is not a RevCent payload anyway).
  if (depth > 200) return redactedMark('nested too deeply to show');
  if (Array.isArray(value)) return value.map((item) => redactStructure(item, secrets, names, depth + 1));
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const hidden = item !== undefined && item !== null && typeof item !== 'object' && !isSecretReference(item) && (names.has(key) || CREDENTIAL_HEADERS.has(key.toLowerCase()));
    // defineProperty, so that a `__proto__` key stays a key instead of replacing the prototype.
    Object.defineProperty(result, key, {
      value: hidden ? redactedMark(names.has(key) ? key : key.toLowerCase()) : redactStructure(item, secrets, names, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/**
 * `input` with every secret hidden behind a `[redacted: ...]` placeholder: each of `secrets` (the API key, the MCP
 * token, resolved `${secret:NAME}` values, the payload's card data) wherever it appears; the values of
 * `x-api-key` and `authorization` headers and bearer tokens; the values of the catalog's secret fields. A string
 * is redacted as text; any other JSON value is copied with each of its strings and secret fields redacted.
 */
export function redactSecrets(input: string, secrets?: readonly SecretValue[]): string;
export function redactSecrets<T>(input: T, secrets?: readonly SecretValue[]): T;
export function redactSecrets(input: unknown, secrets: readonly SecretValue[] = []): unknown {
  // Longest first, so that a secret containing another is hidden whole.
  const sorted = secrets
    .map(labelled)
    .filter((secret) => secret.value.length > 0)
    .sort((a, b) => b.value.length - a.value.length);
  return redactStructure(input, sorted, secretFieldNames(), 0);
}

