// HTTP for the send pipeline, over undici (Node's own HTTP client): the URL rule (https, or http on loopback), a
// timeout, the caller's cancellation, a response size cap read as a stream, the proxy variables, no redirect
// followed, no retry. Failures are TransportErrors that say what happened; interpret.ts words them for people.
//
// undici's `request` rather than `fetch`: on Node 20, fetch holds about three copies of a string body (the string
// encoded, then copied again for the socket) where `request` writes it with one, and sets content-length.
import { EnvHttpProxyAgent, request as undiciRequest } from 'undici';

export type TransportFailure = 'url' | 'timeout' | 'cancelled' | 'too-large' | 'connection-refused' | 'connection-reset' | 'dns' | 'tls' | 'network';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    /** Where the request went: an origin, or the URL as given when it is not one. */
    readonly where: string,
    readonly detail: { code?: string; timeoutMs?: number; maxBytes?: number; reason?: string } = {},
  ) {
    super(`${kind}: ${where}${detail.code ? ` (${detail.code})` : ''}${detail.reason ? `: ${detail.reason}` : ''}`);
    this.name = 'TransportError';
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Whether a URL's hostname is this machine (`127.0.0.1`, `[::1]`, `localhost`). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/** Refuses, before any request, a URL that is not `https:` (plain `http:` only on this machine, for the sandbox). */
export function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportError('url', url, { reason: 'not a URL' });
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
  throw new TransportError('url', parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : url, { reason: parsed.protocol });
}

let proxyAgent: { key: string; agent: EnvHttpProxyAgent } | undefined;

/** undici's agent for HTTPS_PROXY / HTTP_PROXY / NO_PROXY, only when a proxy variable is set. */
export function proxyDispatcher(): EnvHttpProxyAgent | undefined {
  const env = process.env;
  const proxies = [env.HTTPS_PROXY, env.https_proxy, env.HTTP_PROXY, env.http_proxy];
  if (!proxies.some(Boolean)) return undefined;
  const key = [...proxies, env.NO_PROXY, env.no_proxy].join('\n');
  if (proxyAgent?.key !== key) proxyAgent = { key, agent: new EnvHttpProxyAgent() };
  return proxyAgent.agent;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === 'string') return code;
    // Node tries every address of "localhost" and reports them together.
    if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|EPROTO|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|HOSTNAME_MISMATCH/i;

/** What a failed fetch means, judged from the error and which signal fired. */
export function classifyFetchError(error: unknown, where: string, signals: { caller?: AbortSignal; timeout?: AbortSignal; timeoutMs?: number }): TransportError {
  if (error instanceof TransportError) return error;
  if (signals.caller?.aborted) return new TransportError('cancelled', where);
  if (signals.timeout?.aborted) return new TransportError('timeout', where, { timeoutMs: signals.timeoutMs });
  const code = errorCode(error);
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  if (code === 'ECONNREFUSED') return new TransportError('connection-refused', where, { code });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'UND_ERR_CLOSED') return new TransportError('connection-reset', where, { code });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', where, { code });
  if (code && TLS_CODE.test(code)) return new TransportError('tls', where, { code, reason });
  return new TransportError('network', where, { code, reason });
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
}

export interface FetchLimits {
  /** Default 30 s, for the whole exchange: connection, request, and the complete response. */
  timeoutMs?: number;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  /** Default 10 MB. */
  maxBytes?: number;
}

/** Reads a response body as a stream, stopping past `maxBytes`. */
async function readLimited(body: AsyncIterable<Uint8Array> & { destroy(): unknown }, maxBytes: number, where: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      throw new TransportError('too-large', where, { maxBytes });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** One request, never retried, never redirected: its body read as a stream and stopped past the size cap. */
export async function fetchWithLimits(
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  limits: FetchLimits = {},
): Promise<HttpResponse> {
  const parsed = checkUrl(url);
  const where = parsed.origin;
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? MAX_RESPONSE_BYTES;
  if (limits.signal?.aborted) throw new TransportError('cancelled', where);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
  const started = performance.now();
  try {
    const dispatcher = proxyDispatcher();
    // No redirect is followed (undici's request never does): a redirect could carry the key to another host.
    const response = await undiciRequest(parsed, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
      // The timeout above bounds the whole exchange; undici's own (5 minutes) never fire first.
      headersTimeout: 0,
      bodyTimeout: 0,
      ...(dispatcher ? { dispatcher } : {}),
    });
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > maxBytes) {
      response.body.destroy();
      throw new TransportError('too-large', where, { maxBytes });
    }
    const body = await readLimited(response.body, maxBytes, where);
    const headers: Record<string, string> = Object.create(null);
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    return { status: response.statusCode, headers, body: body.toString('utf8'), elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw classifyFetchError(error, where, { caller: limits.signal, timeout, timeoutMs });
  }
}
