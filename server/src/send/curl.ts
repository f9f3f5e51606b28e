// A planned request as a POSIX shell command: the key from $REVCENT_API_KEY, the body on standard input from a
// quoted here-document (any content and any size: an argument is capped at 128 KiB on Linux), secrets redacted.
import type { PlannedRequest } from './plan';
import { redactSecrets, type SecretValue } from './redact';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A here-document terminator that is no line of the body. */
function terminatorFor(body: string): string {
  const lines = new Set(body.split('\n'));
  let terminator = 'REVCENT_BODY';
  for (let n = 1; lines.has(terminator); n++) terminator = `REVCENT_BODY_${n}`;
  return terminator;
}

/** The cURL command for a request; card data, reCAPTCHA secrets and every one of `secrets` are redacted. */
export function toCurl(request: PlannedRequest, secrets: readonly SecretValue[] = []): string {
  const url = redactSecrets(request.url, secrets);
  const headers = redactSecrets(request.headers, secrets);
  const body = request.body === undefined ? undefined : redactSecrets(request.body, secrets);
  const redacted = url !== request.url || body !== request.body || Object.entries(headers).some(([name, value]) => request.headers[name] !== value);
  const comments = ['# The key is read from $REVCENT_API_KEY; set it first.'];
  if (redacted) comments.push('# Values shown as [redacted: ...] were hidden: put the real ones in before running this command.');
  if (body?.includes('${secret:')) comments.push('# Replace each ${secret:NAME} with its value before running this command.');
  const parts = [`curl -sS -X ${request.method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  parts.push('-H "x-api-key: $REVCENT_API_KEY"');
  if (body === undefined) return `${comments.join('\n')}\n${parts.join(' \\\n  ')}\n`;
  const terminator = terminatorFor(body);
  parts.push(`--data-binary @- <<'${terminator}'`);
  return `${comments.join('\n')}\n${parts.join(' \\\n  ')}\n${body}\n${terminator}\n`;
}
