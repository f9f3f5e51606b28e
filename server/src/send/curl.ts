// A planned request as a POSIX shell command: the key from $REVCENT_API_KEY, the body on standard input from a
// quoted here-document (any content, any size: an argument is capped at 128 KiB on Linux), secrets redacted.
import type { PlannedRequest } from './plan';
import { redactSecrets } from './redact';

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The cURL command for a request; `secrets` are hidden like everywhere else. */
export function toCurl(request: PlannedRequest, secrets: readonly string[] = []): string {
  const lines = ['# Values marked [redacted: ...] were hidden: put the real ones in before running this.'];
  const parts = [`curl -sS -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  parts.push(`-H "x-api-key: $REVCENT_API_KEY"`);
  if (request.body === undefined) {
    lines.push(parts.join(' \\\n  '));
    return redactSecrets(lines.join('\n'), secrets) + '\n';
  }
  const body = redactSecrets(request.body, secrets);
  let terminator = 'REVCENT_BODY';
  while (body.split('\n').includes(terminator)) terminator += '_END';
  parts.push(`--data-binary @- <<'${terminator}'`);
  lines.push(parts.join(' \\\n  '));
  return `${redactSecrets(lines.join('\n'), secrets)}\n${body}\n${terminator}\n`;
}
