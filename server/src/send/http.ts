// HTTP for the send pipeline: the URL rule (https, or http on loopback), a timeout, cancellation, a response size
// cap, the proxy variables, and one error type whose messages say what happened and what to do.
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

export type TransportErrorKind = 'url' | 'timeout' | 'cancelled' | 'too-large' | 'refused' | 'reset' | 'dns' | 'tls' | 'network';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Refuses, before any request, a URL that is not `https:` (plain `http:` only on this machine, for the sandbox). */
export function checkUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportError('url', `"${url}" is not a URL.`);
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new TransportError('url', `Refused to send to ${parsed.origin}: only https: URLs leave this machine (http: is allowed for 127.0.0.1, [::1] and localhost).`);
}

let proxyAgent: EnvHttpProxyAgent | undefined;
/** undici's agent for HTTPS_PROXY / HTTP_PROXY / NO_PROXY, only when one of them is set. */
function dispatcher(): EnvHttpProxyAgent | undefined {
  const env = process.env;
  if (!(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy)) return undefined;
  proxyAgent ??= new EnvHttpProxyAgent();
  return proxyAgent;
}

function causeCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return '';
}

function networkError(error: unknown, url: URL): TransportError {
  const code = causeCode(error);
  const where = url.origin;
  if (code === 'ECONNREFUSED') return new TransportError('refused', `${where} refused the connection: is the server running, and is the URL right?`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return new TransportError('reset', `${where} closed the connection before the response was complete. The request may or may not have been applied: read the object back before sending again.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('dns', `${url.hostname} could not be found: check the URL and your network.`);
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(code)) return new TransportError('tls', `The TLS certificate of ${where} could not be verified (${code}): check the URL, or your proxy's certificate.`);
  return new TransportError('network', `The request to ${where} failed: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}.`);
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
}

export interface FetchLimits {
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** One request, never retried: its body read as a stream and stopped past the size cap. */
export async function fetchWithLimits(url: string, init: { method: string; headers: Record<string, string>; body?: string }, limits: FetchLimits = {}): Promise<HttpResponse> {
  const parsed = checkUrl(url);
  const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? MAX_RESPONSE_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
  const started = performance.now();
  const fail = (error: unknown): never => {
    if (limits.signal?.aborted) throw new TransportError('cancelled', 'The request was cancelled. It may already have reached RevCent: read the object back before sending again.');
    if (timeout.aborted) throw new TransportError('timeout', `No complete answer from ${parsed.origin} within ${timeoutMs} ms. The request may still have been applied: read the object back before sending again.`);
    if (error instanceof TransportError) throw error;
    throw networkError(error, parsed);
  };
  let response: Awaited<ReturnType<typeof undiciFetch>>;
  try {
    // undici's own fetch, so that its proxy agent fits it (Node's built-in fetch bundles another undici).
    response = await undiciFetch(parsed, { method: init.method, headers: init.headers, body: init.body, signal, redirect: 'manual', dispatcher: dispatcher() });
  } catch (error) {
    return fail(error);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          throw new TransportError('too-large', `The response from ${parsed.origin} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, so it was not read. The request itself was sent.`);
        }
        chunks.push(chunk);
      }
    }
  } catch (error) {
    return fail(error);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { status: response.status, headers, body: Buffer.concat(chunks).toString('utf8'), elapsedMs: Math.round(performance.now() - started) };
}
