// Sends a payload to the RevCent MCP server: the official SDK client over Streamable HTTP with a bearer token, the
// tool named after the operation, the flat payload as its arguments; once, no reconnection, no retry. The same URL
// rule, timeout, cancellation, size cap, redaction and interpretation as REST.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { checkUrl, classifyFetchError, DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, proxyDispatcher, TransportError, type FetchLimits } from './http';
import { beforeSending, interpretAnswer, interpretFailure, interpretStatus, type SendResult } from './interpret';
import type { PlannedToolCall } from './plan';
import { redactSecrets, type SecretValue } from './redact';

export interface McpSendOptions extends FetchLimits {
  /** The MCP access token, sent as `Authorization: Bearer`. */
  token: string;
  /** Values to hide in the result besides the token. */
  secrets?: readonly SecretValue[];
}

const CLIENT_INFO = { name: 'revcent-send', version: '0.1.0' };

/** A response whose body errors with a TransportError past `maxBytes`, reported through `onTooLarge`. */
function capped(response: Response, maxBytes: number, where: string, onTooLarge: (error: TransportError) => void): Response {
  if (!response.body) return response;
  let size = 0;
  const limiter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        const error = new TransportError('too-large', where, { maxBytes });
        onTooLarge(error);
        controller.error(error);
        return;
      }
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(limiter), { status: response.status, statusText: response.statusText, headers: response.headers });
}

function textOf(result: { content?: unknown }): string {
  const content = Array.isArray(result.content) ? result.content : [];
  return content
    .filter((item): item is { type: 'text'; text: string } => typeof item === 'object' && item !== null && item.type === 'text' && typeof item.text === 'string')
    .map((item) => item.text)
    .join('\n');
}

/** What a tool result means: `isError`, or a text whose JSON has `code: 0`, is a failure with the server's message. */
function interpretToolResult(result: { content?: unknown; isError?: unknown; structuredContent?: unknown }, elapsedMs: number): SendResult {
  const text = textOf(result);
  let parsed: unknown = result.structuredContent;
  if (parsed === undefined) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  const hasCode = typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, 'code');
  if (hasCode) {
    const answer = interpretAnswer(parsed, 'mcp', undefined, elapsedMs);
    if (result.isError !== true || !answer.ok) return answer;
  }
  if (result.isError === true) {
    return { ok: false, transport: 'mcp', sent: true, failure: 'rejected', elapsedMs, response: parsed ?? text, message: `The MCP tool answered with an error: ${text || 'no message'}` };
  }
  return { ok: true, transport: 'mcp', sent: true, elapsedMs, response: parsed ?? text, message: text || 'The MCP tool call succeeded.' };
}

/** What a failure of the SDK or of the HTTP exchange under it means. */
function interpretMcpError(error: unknown, where: string, signals: { caller?: AbortSignal; timeout: AbortSignal; timeoutMs: number }, tooLarge?: TransportError): SendResult {
  if (tooLarge) return interpretFailure(tooLarge, 'mcp');
  if (signals.caller?.aborted || signals.timeout.aborted) return interpretFailure(classifyFetchError(error, where, signals), 'mcp');
  if (error instanceof TransportError) return interpretFailure(error, 'mcp');
  if (error instanceof StreamableHTTPError && typeof error.code === 'number' && error.code >= 300) return interpretStatus(error.code, 'mcp');
  if (error instanceof Error && error.name === 'UnauthorizedError') return interpretStatus(401, 'mcp');
  if (error instanceof McpError) {
    return { ok: false, transport: 'mcp', sent: true, failure: 'rejected', message: `The MCP server refused the call: ${error.message}` };
  }
  return interpretFailure(classifyFetchError(error, where, signals), 'mcp');
}

/** Calls the operation's tool once with the payload as its arguments; the result is redacted. */
export async function sendMcp(call: PlannedToolCall, args: Record<string, unknown>, options: McpSendOptions): Promise<SendResult> {
  const secrets: SecretValue[] = [{ value: options.token, label: 'authorization' }, ...(options.secrets ?? [])];
  let url: URL;
  try {
    url = checkUrl(call.url);
  } catch (error) {
    return redactSecrets({ ...interpretFailure(error, 'mcp') }, secrets);
  }
  const where = url.origin;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_RESPONSE_BYTES;
  if (options.signal?.aborted) return redactSecrets(interpretFailure(new TransportError('cancelled', where), 'mcp'), secrets);
  const timeout = AbortSignal.timeout(timeoutMs);
  const stop = new AbortController();
  const signal = AbortSignal.any([timeout, stop.signal, ...(options.signal ? [options.signal] : [])]);
  let tooLarge: TransportError | undefined;
  const onTooLarge = (error: TransportError) => {
    tooLarge ??= error;
    stop.abort(error);
  };
  const dispatcher = proxyDispatcher();
  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: { headers: { Authorization: `Bearer ${options.token}` }, redirect: 'manual' },
    // One attempt: a stream that breaks is not reopened, and nothing is sent twice.
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
    fetch: async (input, init) => {
      const response = await fetch(input, {
        ...init,
        signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal,
        ...(dispatcher ? ({ dispatcher } as object) : {}),
      });
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        const error = new TransportError('too-large', where, { maxBytes });
        onTooLarge(error);
        throw error;
      }
      return capped(response, maxBytes, where, onTooLarge);
    },
  });
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  const started = performance.now();
  let result: SendResult;
  let calling = false;
  try {
    // The SDK's own timeout is a backstop only: ours, one for the whole exchange, fires first.
    const requestOptions = { signal, timeout: timeoutMs + 5_000 };
    await client.connect(transport, requestOptions);
    calling = true;
    const answer = await client.callTool({ name: call.tool, arguments: args }, undefined, requestOptions);
    result = interpretToolResult(answer as { content?: unknown; isError?: unknown; structuredContent?: unknown }, Math.round(performance.now() - started));
  } catch (error) {
    result = interpretMcpError(error, where, { caller: options.signal, timeout, timeoutMs }, tooLarge);
    if (!calling) result = beforeSending(result);
  } finally {
    await client.close().catch(() => undefined);
  }
  return redactSecrets(result, secrets);
}
