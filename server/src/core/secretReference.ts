// `${secret:NAME}`: a string that stands in for a secret kept outside the payload file (NAME: letters, digits, `_`).
// The engine accepts it in any string field; the send pipeline resolves it, and only when sending.

/** Every reference in a text, NAME captured. */
export const SECRET_REFERENCES = /\$\{secret:([A-Za-z0-9_]+)\}/g;
const WHOLE_REFERENCE = /^\$\{secret:[A-Za-z0-9_]+\}$/;
const MARKER = '${secret:';

/** How a reference to NAME is written. */
export function secretReference(name: string): string {
  return `\${secret:${name}}`;
}

/** Whether the value is one reference and nothing else: then it is a valid value of any string field. */
export function isSecretReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(MARKER) && WHOLE_REFERENCE.test(value);
}

/** The names referenced in a text, each once, in order. */
export function secretNamesIn(text: string): string[] {
  if (!text.includes(MARKER)) return [];
  return [...new Set([...text.matchAll(SECRET_REFERENCES)].map((match) => match[1]))];
}
