// The one place that reads an answer and words every outcome: `code: 1` is success and `code: 0` failure whatever
// the HTTP status; statuses, bodies and transport failures that are not a RevCent answer get actionable messages.
import { TransportError } from './http';

export type Transport = 'rest' | 'mcp';

export type FailureKind =
  /** RevCent answered `code: 0` (or an MCP tool error). */
  | 'rejected'
  | 'unauthorized'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'redirect'
  | 'not-json'
  | 'not-revcent'
  | 'timeout'
  | 'cancelled'
  | 'too-large'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'url'
  | 'network'
  /** Stopped before any request: the plan cannot be sent, or a secret reference has no value. */
  | 'not-sendable'
  | 'missing-secret';

export interface SendResult {
  ok: boolean;
  transport: Transport;
  failure?: FailureKind;
  /** What happened, in words, redacted. */
  message: string;
  /** HTTP status, when an HTTP answer came. */
  status?: number;
  code?: number;
  result?: string;
  apiCallId?: string;
  errorCode?: string;
  /** The parsed answer (redacted), when it was JSON. */
  response?: unknown;
  elapsedMs?: number;
  /** Whether a request may have reached RevCent: false only when the pipeline stopped before sending. */
  sent: boolean;
}

const READ_BACK = 'It may or may not have been applied: read the object back before sending again.';

function credential(transport: Transport): string {
  return transport === 'mcp' ? 'the MCP access token (REVCENT_MCP_TOKEN)' : 'the API key (REVCENT_API_KEY)';
}

/** Advice for an HTTP status that is a failure in itself, or undefined. */
function statusFailure(status: number, transport: Transport): { failure: FailureKind; advice: string } | undefined {
  const server = transport === 'mcp' ? 'The MCP server' : 'RevCent';
  if (status === 401 || status === 403) {
    return {
      failure: 'unauthorized',
      advice:
        `${server} rejected ${credential(transport)} (HTTP ${status}). Check that it is current and allowed to run this ` +
        'operation, and whether a test-mode key is being used against live data or a live key against test data.',
    };
  }
  if (status === 404) {
    return {
      failure: 'not-found',
      advice: `${server} answered HTTP 404: the route or the record was not found. Check the target ID and the ${transport === 'mcp' ? 'MCP URL' : 'base URL'}.`,
    };
  }
  if (status === 429) return { failure: 'rate-limited', advice: `${server} answered HTTP 429 (too many requests). Wait before sending again; nothing is retried automatically.` };
  if (status >= 500) return { failure: 'server-error', advice: `${server} answered HTTP ${status}, a server error. ${READ_BACK}` };
  return undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What a parsed RevCent answer (a REST body, or the JSON text of an MCP tool result) means. */
export function interpretAnswer(parsed: unknown, transport: Transport, status?: number, elapsedMs?: number): SendResult {
  const answer = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const own = (key: string) => (Object.hasOwn(answer, key) ? answer[key] : undefined);
  const base = {
    transport,
    sent: true,
    status,
    elapsedMs,
    response: parsed,
    code: typeof own('code') === 'number' ? (own('code') as number) : undefined,
    result: text(own('result')),
    apiCallId: text(own('api_call_id')),
  };
  const bad = status === undefined ? undefined : statusFailure(status, transport);
  if (base.code === 1) return { ...base, ok: true, message: base.result ?? 'RevCent accepted the request (code 1).' };
  if (base.code === 0) {
    const errorCode = text(own('error_code'));
    const said = text(own('message')) ?? base.result ?? 'no message';
    return {
      ...base,
      ok: false,
      failure: bad?.failure ?? 'rejected',
      errorCode,
      message: `RevCent refused the request${errorCode ? ` (${errorCode})` : ''}: ${said}${bad ? ` ${bad.advice}` : ''}`,
    };
  }
  if (bad) return { ...base, ok: false, failure: bad.failure, message: bad.advice };
  return {
    ...base,
    ok: false,
    failure: 'not-revcent',
    message: `The answer${status === undefined ? '' : ` (HTTP ${status})`} has no RevCent \`code\`, so it is not a RevCent response: check the ${transport === 'mcp' ? 'MCP URL' : 'base URL'}. ${READ_BACK}`,
  };
}

/** What a failing HTTP status means when there is no RevCent answer to read (the MCP transport's HTTP errors). */
export function interpretStatus(status: number, transport: Transport, detail?: string): SendResult {
  const bad = statusFailure(status, transport);
  const message = bad?.advice ?? `The server answered HTTP ${status}${detail ? ` (${detail})` : ''}. ${READ_BACK}`;
  return { ok: false, transport, sent: true, status, failure: bad?.failure ?? 'not-revcent', message };
}

/** What an HTTP answer to a REST request means. */
export function interpretResponse(response: { status: number; headers: Record<string, string>; body: string; elapsedMs?: number }): SendResult {
  const { status, elapsedMs } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.location;
    return {
      ok: false,
      transport: 'rest',
      sent: true,
      failure: 'redirect',
      status,
      elapsedMs,
      message: `The server answered with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}), which is never followed, so the key cannot travel to another host. Use the final URL as the base URL. ${READ_BACK}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    const bad = statusFailure(status, 'rest');
    return {
      ok: false,
      transport: 'rest',
      sent: true,
      failure: bad?.failure ?? 'not-json',
      status,
      elapsedMs,
      message: bad?.advice ?? `The answer (HTTP ${status}) is not JSON, so it is not a RevCent response: check the base URL. ${READ_BACK}`,
    };
  }
  return interpretAnswer(parsed, 'rest', status, elapsedMs);
}

/** The words for a transport failure, for a send and for reading openapi.json alike. */
export function describeTransportError(error: TransportError, transport: Transport = 'rest'): string {
  const { where, detail } = error;
  switch (error.kind) {
    case 'url':
      return detail.reason === 'not a URL'
        ? `"${where}" is not a URL.`
        : `Refused to send to ${where}: only https: URLs are allowed (http: only for 127.0.0.1, [::1] and localhost). Nothing was sent.`;
    case 'timeout':
      return `No complete answer from ${where} within ${detail.timeoutMs ?? '?'} ms (raise it with --timeout). ${READ_BACK}`;
    case 'cancelled':
      return `The request to ${where} was cancelled. If it had already left, it may or may not have been applied: read the object back before sending again.`;
    case 'too-large':
      return `The answer from ${where} is larger than ${Math.round((detail.maxBytes ?? 0) / 1024 / 1024)} MB, so it was not read. The request itself was sent: read the object back to see its effect.`;
    case 'connection-refused':
      return `${where} refused the connection: is the server running (for the sandbox, \`npx revcent-sandbox\`), and is the ${transport === 'mcp' ? 'MCP URL' : 'base URL'} right? Nothing was sent.`;
    case 'connection-reset':
      return `${where} closed the connection before the answer was complete. ${READ_BACK}`;
    case 'dns':
      return `${where} could not be found (${detail.code}): check the URL and your network or proxy. Nothing was sent.`;
    case 'tls':
      return `The secure connection to ${where} failed (${detail.code}): the certificate could not be verified or the server does not speak TLS. Check the URL, or your proxy's certificate (NODE_EXTRA_CA_CERTS). Nothing was sent.`;
    case 'network':
      return `The request to ${where} failed${detail.reason ? `: ${detail.reason}` : ''}${detail.code ? ` (${detail.code})` : ''}. ${READ_BACK}`;
  }
}

/** Failures that happen for sure before any byte of the request is sent. */
const BEFORE_SENDING = new Set(['url', 'connection-refused', 'dns', 'tls']);

/** What an exception from a transport means. */
export function interpretFailure(error: unknown, transport: Transport): SendResult {
  if (error instanceof TransportError) {
    return { ok: false, transport, sent: !BEFORE_SENDING.has(error.kind), failure: error.kind, message: describeTransportError(error, transport) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, transport, sent: true, failure: 'network', message: `The request failed: ${message}. ${READ_BACK}` };
}

/** The same failure, known to have happened before the operation's request left (an MCP connection that failed). */
export function beforeSending(result: SendResult): SendResult {
  if (result.ok || !result.sent) return result;
  const message = result.message.replace(` ${READ_BACK}`, '').replace(READ_BACK, '').replace(/ Nothing was sent\.$/, '');
  return { ...result, sent: false, message: `${message} Nothing was sent.` };
}
