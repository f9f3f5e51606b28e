// The sandbox's HTTP server, on 127.0.0.1 only: REST V2 routes under /v2 (the spec at /v2/openapi.json), MCP at
// /mcp, the log of requests received at GET /_sandbox/requests, and POST /_sandbox/reset back to the seed. Faults
// apply to operation calls only (over MCP, to tool calls: delay, 500 and 429).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { redactSecrets } from '../send/redact';
import { answer, failure, keyMode, type Answer } from './answers';
import { FAULT_HEADER, HUGE_BYTES, parseFaults, type Fault } from './faults';
import { isJsonObject, setOwn, type JsonObject } from './json';
import { bearerToken, MCP_PATH, serveMcp } from './mcp';
import { sandboxOperations, type SandboxOperation } from './operations';
import { sandboxSpec } from './openapi';
import { SandboxStore, type SeedData } from './store';

export const API_PREFIX = '/v2';
/** Bodies larger than this are refused (413). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** The log keeps this many requests, and bodies up to this size. */
const LOG_LENGTH = 200;
const LOG_BODY_BYTES = 1024 * 1024;

export interface ReceivedRequest {
  time: string;
  method: string;
  /** Path and query, as received. */
  path: string;
  /** Every header, the key and any bearer token redacted. */
  headers: Record<string, unknown>;
  /** The JSON body as received (secret fields redacted), its text when it is not JSON, or a note for a large one. */
  body?: unknown;
  bytes: number;
  /** The operation it called, when it called one. */
  operation?: string;
}

export interface SandboxOptions {
  seed: SeedData;
  /** 0 (the default) for any free port. */
  port?: number;
  /** Faults for every operation call. */
  faults?: Fault[];
}

export interface Sandbox {
  origin: string;
  /** The REST API V2 base URL: `<origin>/v2`. */
  baseUrl: string;
  /** The MCP endpoint: `<origin>/mcp`. */
  mcpUrl: string;
  port: number;
  store: SandboxStore;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

interface Route {
  operation: SandboxOperation;
  pattern: RegExp;
}

const routes: Route[] = sandboxOperations.map((operation) => ({
  operation,
  pattern: new RegExp(`^${API_PREFIX}${operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}/?$`),
}));

function matchRoute(method: string, path: string): { route?: Route; pathMatched: boolean; values: string[] } {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.operation.method === method) return { route, pathMatched, values: match.slice(1) };
  }
  return { pathMatched, values: [] };
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

function sendAnswer(response: ServerResponse, { status, body }: Answer): void {
  send(response, status, body);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/** The faults one request asks for in its header; throws when the list is wrong. */
function requestFaults(request: IncomingMessage): Fault[] {
  const asked = headerText(request.headers[FAULT_HEADER]);
  return asked ? parseFaults(asked) : [];
}

/** The flat input of a REST call: path parameters, query parameters and the body's properties side by side. */
function flatInput(operation: SandboxOperation, values: string[], query: URLSearchParams, body: unknown): JsonObject | string {
  const input: JsonObject = {};
  if (body !== undefined) {
    if (!isJsonObject(body)) return 'The body must be a JSON object.';
    for (const [key, value] of Object.entries(body)) {
      if (operation.pathParameters.includes(key)) return `${key} belongs in the path (${operation.path}), not in the body.`;
      setOwn(input, key, value);
    }
  }
  for (const [key, value] of query) {
    if (Object.hasOwn(input, key) || operation.pathParameters.includes(key)) return `${key} is given twice.`;
    setOwn(input, key, value);
  }
  operation.pathParameters.forEach((name, index) => {
    let value = values[index];
    try {
      value = decodeURIComponent(value);
    } catch {
      // Kept as received: validation says what is wrong with it.
    }
    setOwn(input, name, value);
  });
  return input;
}

/** Delay and status faults before an MCP tool call; true when a status fault answered instead. */
async function mcpFaults(response: ServerResponse, faults: Fault[]): Promise<boolean> {
  for (const fault of faults) if (fault.kind === 'delay') await delay(fault.ms);
  const status = faults.find((fault) => fault.kind === 'status');
  if (status?.kind !== 'status' || response.destroyed) return response.destroyed;
  send(response, status.status, `${status.status === 429 ? 'Too Many Requests' : 'Internal Server Error'} (a sandbox fault): the call was not run.`);
  return true;
}

function mcpRefusal(response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  send(response, status, { jsonrpc: '2.0', error: { code: -32001, message }, id: null }, headers);
}

/** Answers with the faults applied. */
async function answerWithFaults(response: ServerResponse, faults: Fault[], run: () => Answer): Promise<void> {
  for (const fault of faults) {
    if (fault.kind === 'delay') await delay(fault.ms);
  }
  if (response.destroyed) return;
  const status = faults.find((fault) => fault.kind === 'status');
  if (status?.kind === 'status') {
    if (status.status === 429) sendAnswer(response, { ...failure(429, 'rate_limited', 'Too many requests (a sandbox fault): the call was not run.'), status: 429 });
    else send(response, 500, 'Internal Server Error (a sandbox fault): the call was not run.');
    return;
  }
  const result = run();
  if (faults.some((fault) => fault.kind === 'drop')) {
    const text = JSON.stringify(result.body);
    response.writeHead(result.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    response.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))), () => response.destroy());
    return;
  }
  if (faults.some((fault) => fault.kind === 'non-json')) {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html><body><h1>Service temporarily unavailable</h1><p>A sandbox fault: the call was run.</p></body></html>');
    return;
  }
  if (faults.some((fault) => fault.kind === 'huge')) {
    const padding = 'x'.repeat(HUGE_BYTES);
    sendAnswer(response, { status: result.status, body: { ...result.body, padding } });
    return;
  }
  sendAnswer(response, result);
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const store = new SandboxStore(options.seed);
  const requests: ReceivedRequest[] = [];
  const spec = JSON.stringify(sandboxSpec());
  const sockets = new Set<Socket>();

  const log = (entry: ReceivedRequest) => {
    requests.push(entry);
    if (requests.length > LOG_LENGTH) requests.splice(0, requests.length - LOG_LENGTH);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const bytes = raw === 'too-large' ? MAX_BODY_BYTES + 1 : raw.length;
    const text = raw === 'too-large' ? '' : raw.toString('utf8');
    let parsed: unknown;
    let json = false;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
        json = true;
      } catch {
        parsed = undefined;
      }
    }
    const key = headerText(request.headers['x-api-key']);
    const entry: ReceivedRequest = {
      time: new Date().toISOString(),
      method,
      path: url.pathname + url.search,
      headers: redactSecrets({ ...request.headers }, key ? [{ value: key, label: 'x-api-key' }] : []),
      bytes,
    };
    if (bytes > LOG_BODY_BYTES) entry.body = `[a body of ${bytes} bytes, not kept]`;
    else if (text !== '') entry.body = redactSecrets(json ? parsed : text, key ? [{ value: key, label: 'x-api-key' }] : []);

    if (url.pathname === '/_sandbox/requests' && method === 'GET') return send(response, 200, { requests });
    if (url.pathname === '/_sandbox/reset' && method === 'POST') {
      store.reset();
      requests.length = 0;
      return send(response, 200, { result: 'The sandbox is back to its seed; the request log is empty.' });
    }
    log(entry);
    if (url.pathname === MCP_PATH) {
      // Stateless: no session to resume or to end, so only POST carries messages.
      if (method !== 'POST') return mcpRefusal(response, 405, 'This MCP server is stateless: send each message with POST.', { allow: 'POST' });
      const token = bearerToken(request);
      if (!token) return mcpRefusal(response, 401, 'Missing bearer token: send "Authorization: Bearer <token>" (any non-empty token here; test_... for test mode).', { 'www-authenticate': 'Bearer realm="revcent-sandbox"' });
      if (!json) return mcpRefusal(response, 400, 'The body is not JSON-RPC.');
      const toolCall = isJsonObject(parsed) && parsed.method === 'tools/call' && isJsonObject(parsed.params) ? parsed.params : undefined;
      if (toolCall) {
        entry.operation = String(toolCall.name);
        if (await mcpFaults(response, [...(options.faults ?? []), ...requestFaults(request)])) return;
      }
      return serveMcp(store, request, response, parsed, token);
    }
    if (url.pathname === `${API_PREFIX}/openapi.json`) {
      if (method !== 'GET') return sendAnswer(response, failure(405, 'method_not_allowed', 'Read the specification with GET.'));
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(spec)) });
      response.end(spec);
      return;
    }
    const { route, pathMatched, values } = matchRoute(method, url.pathname);
    if (!route) {
      if (pathMatched) return sendAnswer(response, failure(405, 'method_not_allowed', `${method} is not an operation at ${url.pathname}; see ${API_PREFIX}/openapi.json.`));
      return sendAnswer(response, failure(404, 'not_found', `No operation at ${method} ${url.pathname}; the operations are listed at ${API_PREFIX}/openapi.json.`));
    }
    entry.operation = route.operation.name;
    if (!key.trim()) return sendAnswer(response, failure(401, 'unauthorized', 'Missing x-api-key header: every operation needs an API key (any non-empty key here; test_... for test mode).'));
    const mode = keyMode(key);
    if (raw === 'too-large') return sendAnswer(response, failure(413, 'too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`, mode));
    if (text.trim() !== '' && !json) return sendAnswer(response, failure(400, 'invalid_json', 'The body is not JSON.', mode));
    let faults: Fault[];
    try {
      faults = [...(options.faults ?? []), ...requestFaults(request)];
    } catch (error) {
      return sendAnswer(response, failure(400, 'invalid_fault', `${FAULT_HEADER}: ${(error as Error).message}`, mode));
    }
    const input = flatInput(route.operation, values, url.searchParams, json ? parsed : undefined);
    if (typeof input === 'string') return sendAnswer(response, failure(400, 'invalid_input', input, mode));
    await answerWithFaults(response, faults, () => answer(store, route.operation, input, mode));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
      else response.destroy();
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    mcpUrl: `${origin}${MCP_PATH}`,
    port,
    store,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
