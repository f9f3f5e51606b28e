// The one redaction function: every output of the send pipeline (plan, preview, cURL, history, logs, errors)
// passes through it, so no API key, bearer token, card data or reCAPTCHA secret is ever shown.

/** Payload fields whose values are secrets (the catalog marks them `writeOnly`): card data, reCAPTCHA secret key. */
const SECRET_FIELDS = ['card_number', 'card_code', 'secret_key'];

const SECRET_FIELD_VALUE = new RegExp(`("(?:${SECRET_FIELDS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
const KEY_HEADER = /(\bx-api-key"?\s*[:=]\s*)("?)[^\s"',}]+/gi;
const BEARER = /(\bBearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** The placeholder a redacted value is shown as. */
export function redactedMark(what: string): string {
  return `[redacted: ${what}]`;
}

/**
 * `text` with every secret hidden: each of `secrets` (the key, the token, resolved secret values) wherever it
 * appears, the values of `x-api-key` headers and bearer tokens, and the values of the payload's secret fields.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  // Longest first, so a secret that contains another is hidden whole.
  for (const secret of [...secrets].filter((value) => value.length >= 4).sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join(redactedMark('secret'));
  }
  return result
    .replace(SECRET_FIELD_VALUE, (_, prefix: string) => `${prefix}"${redactedMark('secret field')}"`)
    .replace(KEY_HEADER, (match, prefix: string, quote: string) => (match.includes('$REVCENT_API_KEY') ? match : `${prefix}${quote}${redactedMark('x-api-key')}`))
    .replace(BEARER, (_, prefix: string) => `${prefix}${redactedMark('token')}`);
}
