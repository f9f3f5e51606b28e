// revcent-send: the send pipeline from a terminal and from CI. A dry run unless --yes names the target.
import { readFileSync, statSync } from 'node:fs';
import { parseCommandLine, UsageError } from './arguments';
import { toCurl } from '../send/curl';
import { sendPlan } from '../send/execute';
import { checkUrl, DEFAULT_TIMEOUT_MS, TransportError } from '../send/http';
import { describeTransportError, type SendResult } from '../send/interpret';
import { buildSendPlan, type SendPlan, type SendTarget } from '../send/plan';
import { canRemove, compareWithCurrent } from '../send/read';
import { comparisonPreview, planPreview, planReport, resultPreview } from '../send/preview';
import { redactSecrets, type SecretValue } from '../send/redact';
import { resolveRoutes } from '../send/routes';

export const DEFAULT_BASE_URL = 'https://api.revcent.com/v2';
const KEY_VARIABLE = 'REVCENT_API_KEY';
const TOKEN_VARIABLE = 'REVCENT_MCP_TOKEN';
const SECRET_PREFIX = 'REVCENT_SECRET_';

const USAGE = `Usage: revcent-send [options] FILE

Shows what sending a RevCent payload file would do (a dry run), or sends it with --yes.

Options:
  --yes TARGET_ID         Send. TARGET_ID must equal the payload's target ID (the word "new" for CreateCustomer)
  --base-url URL          REST API V2 base URL (default: ${DEFAULT_BASE_URL}); routes come from URL/openapi.json
  --transport rest|mcp    Send over REST API V2 (default) or to the RevCent MCP server
  --mcp-url URL           The MCP server's URL (with --transport mcp)
  --timeout MS            Give up after MS milliseconds (default: ${DEFAULT_TIMEOUT_MS})
  --format text|json      Output format (default: text); JSON goes to stdout, notes to stderr
  --curl                  Print the request as a cURL command; send nothing
  --diff                  Read the record first and show, as a diff, what it may hold after the edit and what
                          the edit may remove (nested objects replaced whole); send nothing
  --allow-removals        With --yes: send even if the edit may remove something, or the record cannot be read
  -h, --help              Show this help

The API key is read from the ${KEY_VARIABLE} environment variable, never from a flag or a file; the MCP access
token from ${TOKEN_VARIABLE}. A "\${secret:NAME}" in a string value is replaced, only when sending, by the value of
the ${SECRET_PREFIX}NAME environment variable; without one, nothing is sent.

Exit codes: 0 a dry run of a file that can be sent, or RevCent answered code 1; 1 the file has errors or cannot
be sent, or the send failed; 2 bad usage, an unreadable file, a missing key, or a --yes that does not match
(nothing is sent), or a secret reference without a value (nothing is sent); 3 the edit may remove something
(--diff), or, with --yes, it may and --allow-removals was not given, or the record could not be read first
(nothing is sent).`;

interface Options {
  file: string;
  yes?: string;
  baseUrl: string;
  timeoutMs: number;
  format: 'text' | 'json';
  curl: boolean;
  transport: 'rest' | 'mcp';
  mcpUrl?: string;
  diff: boolean;
  allowRemovals: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    yes: { type: 'string' },
    'base-url': { type: 'string', default: DEFAULT_BASE_URL },
    timeout: { type: 'string' },
    format: { type: 'string', default: 'text' },
    curl: { type: 'boolean', default: false },
    transport: { type: 'string', default: 'rest' },
    'mcp-url': { type: 'string' },
    diff: { type: 'boolean', default: false },
    'allow-removals': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be "text" or "json", not "${values.format}".`);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || timeoutMs < 1 || !Number.isSafeInteger(timeoutMs)) {
      throw new UsageError(`--timeout must be a whole number of milliseconds, 1 or more, not "${values.timeout}".`);
    }
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Name the payload file to send.' : 'Name exactly one payload file.');
  if (values.yes !== undefined && values.curl) throw new UsageError('--curl sends nothing: use it without --yes.');
  if (values.diff && (values.yes !== undefined || values.curl)) throw new UsageError('--diff sends nothing: use it without --yes or --curl.');
  if (values.yes === '') throw new UsageError('--yes needs the target ID (or "new" for CreateCustomer).');
  const transport = values.transport;
  if (transport !== 'rest' && transport !== 'mcp') throw new UsageError(`--transport must be "rest" or "mcp", not "${transport}".`);
  if (transport === 'mcp') {
    if (!values['mcp-url']) throw new UsageError('--transport mcp needs --mcp-url URL, the MCP server to send to.');
    if (argv.some((arg) => arg === '--base-url' || arg.startsWith('--base-url='))) throw new UsageError('--base-url is for REST: with --transport mcp, only --mcp-url is used.');
    if (values.curl) throw new UsageError('--curl prints a REST request: it does not apply to --transport mcp.');
  } else if (values['mcp-url'] !== undefined) {
    throw new UsageError('--mcp-url needs --transport mcp.');
  }
  return {
    file: positionals[0],
    yes: values.yes,
    baseUrl: values['base-url']!,
    timeoutMs,
    format: values.format,
    curl: values.curl!,
    transport,
    mcpUrl: values['mcp-url'],
    diff: values.diff!,
    allowRemovals: values['allow-removals']!,
  };
}

/** The file's text, or why it cannot be read. */
function readPayloadFile(path: string): { text: string } | { problem: string } {
  try {
    if (!statSync(path).isFile()) return { problem: `${path}: not a regular file; name a payload file.` };
    const bytes = readFileSync(path);
    if (bytes.includes(0)) return { problem: `${path}: this is a binary file, not a JSON payload.` };
    return { text: new TextDecoder('utf-8').decode(bytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${path}: cannot read this file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'error')}).` };
  }
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Runs revcent-send; returns the exit code. Every line written passes through the redaction function. */
export async function runSend(argv: string[], env: NodeJS.ProcessEnv, io: Output, signal?: AbortSignal): Promise<number> {
  const known: SecretValue[] = [];
  const apiKey = env[KEY_VARIABLE] || undefined;
  const mcpToken = env[TOKEN_VARIABLE] || undefined;
  if (apiKey) known.push({ value: apiKey, label: 'x-api-key' });
  if (mcpToken) known.push({ value: mcpToken, label: 'authorization' });
  const say = (text: string) => io.out(redactSecrets(text, known));
  const note = (text: string) => io.err(redactSecrets(text, known));

  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    note(`revcent-send: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    say(USAGE);
    return 0;
  }
  const read = readPayloadFile(options.file);
  if ('problem' in read) {
    note(`revcent-send: ${read.problem}`);
    return 2;
  }
  if (options.yes !== undefined && options.transport === 'rest' && !apiKey) {
    note(`revcent-send: set the ${KEY_VARIABLE} environment variable to the API key to send with (a test-mode key for test data). Nothing was sent.`);
    return 2;
  }
  if (options.yes !== undefined && options.transport === 'mcp' && !mcpToken) {
    note(`revcent-send: set the ${TOKEN_VARIABLE} environment variable to the MCP access token to send with. Nothing was sent.`);
    return 2;
  }

  let target: SendTarget;
  try {
    if (options.transport === 'mcp') {
      checkUrl(options.mcpUrl!);
      target = { transport: 'mcp', url: options.mcpUrl! };
    } else {
      target = { transport: 'rest', baseUrl: options.baseUrl, routes: await resolveRoutes(options.baseUrl, { apiKey, timeoutMs: options.timeoutMs, signal }) };
    }
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    note(`revcent-send: ${describeTransportError(error)}`);
    return error.kind === 'url' ? 2 : 1;
  }
  const plan = buildSendPlan({ text: read.text, fileName: options.file, target });
  // Values of the references this payload names, hidden from every line even before they are sent.
  for (const name of plan.secretReferences) {
    const value = env[SECRET_PREFIX + name];
    if (value) known.push({ value, label: `secret:${name}` });
  }
  const report = (result?: SendResult) => JSON.stringify(result ? { plan: planReport(plan, known), result } : { plan: planReport(plan, known) }, null, 2);

  if (options.curl) {
    if (!plan.request) {
      if (options.format === 'json') say(report());
      note(`revcent-send: ${options.file}: no request to print: ${plan.refusal ?? 'the plan has none'}`);
      return 1;
    }
    const curl = toCurl(plan.request, known).trimEnd();
    if (options.format === 'json') say(JSON.stringify({ plan: planReport(plan, known), curl }, null, 2));
    else say(curl);
    if (!plan.canSend) note(`revcent-send: ${options.file}: this payload cannot be sent as it is: ${plan.refusal}`);
    return plan.canSend ? 0 : 1;
  }

  // What the edit may remove: read the record first (--diff, or before a send that can remove anything).
  const compare = () => compareWithCurrent(plan, target, { apiKey, mcpToken, timeoutMs: options.timeoutMs, signal, secrets: known });
  if (options.diff) {
    if (!plan.canSend || !plan.payload) {
      say(planPreview(plan, known));
      note('revcent-send: nothing to compare: the payload cannot be sent as it is.');
      return 1;
    }
    const comparison = await compare();
    if (!comparison.ok) {
      note(`revcent-send: cannot compare: ${comparison.reason}`);
      return 1;
    }
    const { current, prediction } = comparison;
    if (options.format === 'json') say(JSON.stringify(redactSecrets({ current, after: prediction.after, removals: prediction.removals }, known), null, 2));
    else say(comparisonPreview(plan, comparison.readOperation, current, prediction, known));
    return prediction.removals.length ? 3 : 0;
  }

  if (options.yes === undefined) {
    if (options.format === 'json') {
      say(report());
      note(dryRunNote(plan));
    } else {
      say(`${planPreview(plan, known)}\n\n${dryRunNote(plan)}`);
    }
    return plan.canSend ? 0 : 1;
  }

  if (options.yes !== plan.confirmation) {
    const expected = plan.confirmation ? `--yes ${plan.confirmation}` : 'a payload with its target ID';
    note(`revcent-send: --yes ${options.yes} does not match this payload's target: it needs ${expected}. Nothing was sent.`);
    return 2;
  }
  if (!plan.canSend) {
    if (options.format === 'json') say(report());
    else say(planPreview(plan, known));
    note('revcent-send: nothing was sent.');
    return 1;
  }
  // A reference without a value stops here, before any request (the read included).
  const missing = plan.secretReferences.filter((name) => !env[SECRET_PREFIX + name]);
  if (missing.length) {
    note(`revcent-send: No value for ${missing.map((name) => `\${secret:${name}} (set ${SECRET_PREFIX}${name})`).join(', ')}. Nothing was sent.`);
    return 2;
  }
  if (canRemove(plan) && !options.allowRemovals) {
    const comparison = await compare();
    if (!comparison.ok) {
      note(`revcent-send: the record could not be read first, so what this edit may remove is unknown: ${comparison.reason} Run again with --allow-removals to send anyway. Nothing was sent.`);
      return 3;
    }
    if (comparison.prediction.removals.length) {
      say(comparisonPreview(plan, comparison.readOperation, comparison.current, comparison.prediction, known));
      note('revcent-send: this edit may remove what is listed above. Keep it in the payload, or run again with --allow-removals to send as it is. Nothing was sent.');
      return 3;
    }
  }
  const result = await sendPlan(plan, { apiKey, mcpToken, timeoutMs: options.timeoutMs, signal, secrets: (name) => env[SECRET_PREFIX + name] });
  if (options.format === 'json') say(report(result));
  else {
    const where = plan.request ? `${plan.request.method} ${plan.request.url}` : plan.toolCall ? `MCP tool ${plan.toolCall.tool} at ${plan.toolCall.url}` : '';
    say(`${plan.operation} ${where}\n${resultPreview(result, known)}`);
  }
  if (result.failure === 'missing-secret') return 2;
  return result.ok ? 0 : 1;
}

function dryRunNote(plan: SendPlan): string {
  if (!plan.canSend) return 'Dry run: nothing was sent. Fix what is listed above before sending.';
  return `Dry run: nothing was sent. To send it, run again with --yes ${plan.confirmation}.`;
}

if (require.main === module) {
  // Ctrl-C cancels a request in flight instead of leaving its outcome unknown without a word.
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io: Output = { out: (text) => process.stdout.write(text + '\n'), err: (text) => process.stderr.write(text + '\n') };
  runSend(process.argv.slice(2), process.env, io, controller.signal).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      const key = process.env[KEY_VARIABLE];
      io.err(`revcent-send: internal error: ${redactSecrets(error instanceof Error ? error.message : String(error), key ? [key] : [])}. Please report it.`);
      process.exitCode = 1;
    },
  );
}
