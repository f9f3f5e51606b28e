// The one place that reads RevCent's answer: `code: 1` is success and `code: 0` failure whatever the HTTP
// status, with an actionable message for the statuses and bodies that are not a RevCent answer at all.

export interface SendResult {
  ok: boolean;
  /** HTTP status, when an answer came. */
  status?: number;
  code?: number;
  result?: string;
  apiCallId?: string;
  errorCode?: string;
  /** What happened, in words, redacted. */
  message: string;
  /** The parsed answer, when it was JSON. */
  response?: unknown;
  elapsedMs?: number;
}

function statusAdvice(status: number): string | undefined {
  if (status === 401 || status === 403) {
    return `RevCent rejected the key (HTTP ${status}). Check that it is current and has access to this operation, and whether a test-mode key is being used against live data or the reverse.`;
  }
  if (status === 404) return 'RevCent answered 404: the route or the object was not found. Check the target ID and the base URL.';
  if (status === 429) return 'RevCent answered 429: too many requests. Wait before sending again; nothing is retried automatically.';
  if (status >= 500) return `RevCent answered HTTP ${status}: a server error. The request may or may not have been applied: read the object back before sending again.`;
  return undefined;
}

/** What an HTTP answer means. */
export function interpretResponse(status: number, body: string, elapsedMs?: number): SendResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const advice = statusAdvice(status);
    return { ok: false, status, elapsedMs, message: advice ?? `The answer (HTTP ${status}) is not JSON, so it is not a RevCent response: check the base URL.` };
  }
  return interpretAnswer(parsed, status, elapsedMs);
}

/** What a parsed RevCent answer (REST body or MCP tool result) means. */
export function interpretAnswer(parsed: unknown, status?: number, elapsedMs?: number): SendResult {
  const answer = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const base = { status, elapsedMs, response: parsed, code: typeof answer.code === 'number' ? answer.code : undefined, result: text(answer.result), apiCallId: text(answer.api_call_id) };
  if (answer.code === 1) return { ...base, ok: true, message: base.result ?? 'RevCent accepted the request.' };
  const advice = status === undefined ? undefined : statusAdvice(status);
  if (answer.code === 0) {
    const errorCode = text(answer.error_code);
    const message = text(answer.message) ?? base.result ?? 'no message';
    return { ...base, ok: false, errorCode, message: `RevCent refused the request${errorCode ? ` (${errorCode})` : ''}: ${message}${advice ? ` ${advice}` : ''}` };
  }
  return { ...base, ok: false, message: advice ?? `The answer (HTTP ${status ?? '?'}) has no RevCent \`code\`, so it is not a RevCent response: check the base URL.` };
}
