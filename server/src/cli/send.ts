// revcent-send: the send pipeline from a terminal and from CI. A dry run unless --yes names the target.
import { readFileSync } from 'node:fs';
import { parseCommandLine, UsageError } from './arguments';
import { toCurl } from '../send/curl';
import { DEFAULT_TIMEOUT_MS } from '../send/http';
import type { SendResult } from '../send/interpret';
import { buildSendPlan, type SendPlan } from '../send/plan';
import { redactSecrets } from '../send/redact';
import { sendRest } from '../send/rest';
import { resolveRoutes } from '../send/routes';

const USAGE = `Usage: revcent-send [options] FILE

Shows what sending a RevCent payload file would do (a dry run), or sends it with --yes.

Options:
  --yes TARGET_ID     Send. TARGET_ID must equal the payload's target ID (the word "new" for CreateCustomer)
  --base-url URL      REST API V2 base URL (default: https://api.revcent.com/v2)
  --timeout MS        Give up after MS milliseconds (default: ${DEFAULT_TIMEOUT_MS})
  --format text|json  Output format (default: text); JSON goes to stdout, notes to stderr
  --curl              Print the request as a cURL command; send nothing
  -h, --help          Show this help

The API key is read from the REVCENT_API_KEY environment variable, never from a flag or a file.

Exit codes: 0 dry run of a file without errors, or RevCent answered code 1; 1 the file has errors or the send
failed; 2 bad usage, an unreadable file, a missing key, or a --yes that does not match (nothing is sent).`;

export const DEFAULT_BASE_URL = 'https://api.revcent.com/v2';

interface Options {
  file: string;
  yes?: string;
  baseUrl: string;
  timeoutMs: number;
  format: 'text' | 'json';
  curl: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    yes: { type: 'string' },
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    timeout: { type: 'string' },
    format: { type: 'string', default: 'text' },
    curl: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be "text" or "json", not "${values.format}".`);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || timeoutMs < 1) throw new UsageError(`--timeout must be a whole number of milliseconds, not "${values.timeout}".`);
  }
  if (positionals.length !== 1) throw new UsageError('Name exactly one payload file.');
  if (values.yes !== undefined && values.curl) throw new UsageError('--curl sends nothing: use it without --yes.');
  return { file: positionals[0], yes: values.yes, baseUrl: values['base-url']!, timeoutMs, format: values.format, curl: values.curl! };
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The plan in words: request, findings, and what --yes would do. */
function planText(plan: SendPlan, file: string): string {
  const lines: string[] = [];
  const target = plan.targetIdField ? `${plan.targetIdField} ${plan.targetId ?? '(missing)'}` : 'a new record';
  lines.push(`${file}: ${plan.operation ?? 'unknown operation'} on ${target}`);
  if (plan.request) {
    lines.push('', `${plan.request.method} ${plan.request.url}`);
    for (const [name, value] of Object.entries(plan.request.headers)) lines.push(`${name}: ${value}`);
    lines.push('x-api-key: $REVCENT_API_KEY');
    if (plan.request.body !== undefined) lines.push('', pretty(plan.request.body));
    lines.push('');
  }
  if (plan.routeNote) lines.push(`Route: ${plan.routeNote}.`);
  if (plan.changedFields.length) lines.push(`Changes: ${plan.changedFields.map((field) => `\`${field}\``).join(', ')}.`);
  for (const field of plan.possiblyReplaced) lines.push(`May replace: \`${field}\` is sent whole; what it holds now and this payload leaves out may be removed.`);
  for (const change of plan.highImpact) lines.push(`High impact: ${change}`);
  for (const warning of plan.warnings) lines.push(`Warning: line ${warning.line} ${warning.code} ${warning.message}`);
  for (const error of plan.errors) lines.push(`Error: line ${error.line} ${error.code} ${error.message}`);
  if (plan.refusal) lines.push(`Cannot be sent: ${plan.refusal}`);
  return lines.join('\n');
}

function resultText(result: SendResult): string {
  const lines = [result.ok ? `Sent: RevCent answered code 1: ${result.message}` : `Failed: ${result.message}`];
  if (result.apiCallId) lines.push(`api_call_id: ${result.apiCallId}`);
  if (result.status !== undefined) lines.push(`HTTP ${result.status}${result.elapsedMs !== undefined ? ` in ${result.elapsedMs} ms` : ''}`);
  if (result.response !== undefined) lines.push('', JSON.stringify(result.response, null, 2));
  return lines.join('\n');
}

async function run(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let text: string;
  try {
    text = new TextDecoder().decode(readFileSync(options.file));
  } catch (error) {
    process.stderr.write(`revcent-send: ${options.file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).\n`);
    return 2;
  }
  const apiKey = process.env.REVCENT_API_KEY ?? '';
  if (options.yes !== undefined && !apiKey) {
    process.stderr.write('revcent-send: set the REVCENT_API_KEY environment variable to the API key to send with (a test-mode key for test data). Nothing was sent.\n');
    return 2;
  }
  const secrets = apiKey ? [apiKey] : [];
  const say = (output: string) => process.stdout.write(redactSecrets(output, secrets) + '\n');
  const note = (output: string) => process.stderr.write(redactSecrets(output, secrets) + '\n');
  const routes = await resolveRoutes(options.baseUrl, { apiKey: apiKey || undefined, timeoutMs: options.timeoutMs });
  const plan = buildSendPlan({ text, fileName: options.file, baseUrl: options.baseUrl, routes });

  if (options.curl) {
    if (plan.request) say(toCurl(plan.request, secrets).trimEnd());
    else note(`revcent-send: ${options.file}: ${plan.refusal ?? 'no request'}`);
    return plan.request ? 0 : 1;
  }
  if (options.yes === undefined) {
    if (options.format === 'json') say(JSON.stringify({ plan: { ...plan, payload: undefined } }, null, 2));
    else say(planText(plan, options.file) + `\n\nDry run: nothing was sent.${plan.refusal ? '' : ` To send, add --yes ${plan.targetId ?? 'new'}.`}`);
    return plan.errors.length || (plan.refusal && !plan.request) ? 1 : 0;
  }
  const expected = plan.targetIdField ? plan.targetId : 'new';
  if (options.yes !== expected) {
    note(`revcent-send: --yes ${options.yes} does not match this payload's target (${expected ?? 'none'}). Nothing was sent.`);
    return 2;
  }
  if (plan.refusal || !plan.request) {
    if (options.format === 'json') say(JSON.stringify({ plan: { ...plan, payload: undefined } }, null, 2));
    else say(planText(plan, options.file) + '\n\nNothing was sent.');
    return 1;
  }
  const result = await sendRest(plan.request, { apiKey, timeoutMs: options.timeoutMs });
  if (options.format === 'json') say(JSON.stringify({ plan: { ...plan, payload: undefined }, result }, null, 2));
  else say(`${plan.request.method} ${plan.request.url}\n${resultText(result)}`);
  return result.ok ? 0 : 1;
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`revcent-send: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`revcent-send: ${redactSecrets(error instanceof Error ? error.message : String(error), process.env.REVCENT_API_KEY ? [process.env.REVCENT_API_KEY] : [])}\n`);
    process.exitCode = 2;
  },
);
