// A small stand-in for a RevCent target on 127.0.0.1 for the send tests: serves an openapi.json (or not), records
// every request exactly as received, and answers what each test asks for (an answer, a status, a reset, a hang).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { operations } from '../../server/src/catalog';
import { objectShape } from '../../server/src/core/schema';

export interface ReceivedRequest {
  method: string;
  /** Path below the origin, without the query. */
  path: string;
  query: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Answer =
  | { status?: number; headers?: Record<string, string>; body: string | object }
  /** Destroy the connection without answering. */
  | 'reset'
  /** Never answer (until the server is closed). */
  | 'hang';

export interface RecordingServerOptions {
  /** The spec served at `/v2/openapi.json`, or `undefined` for a 404. */
  spec?: object | string;
  /** Answer the spec with 401 unless this key is sent. */
  specNeedsKey?: string;
  /** The answer to every other request; default `{ code: 1, ... }`. */
  answer?: (request: ReceivedRequest) => Answer;
}

export interface RecordingServer {
  origin: string;
  baseUrl: string;
  /** Every request, the spec's included, in order. */
  requests: ReceivedRequest[];
  /** The requests other than openapi.json. */
  operationRequests(): ReceivedRequest[];
  close(): Promise<void>;
}

export const SUCCESS = { api_call_id: 'AbCdEfGhIjKlMnOpQrSt', api_call_unix: 1764700000, code: 1, result: 'Success' };

export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const request: ReceivedRequest = { method: incoming.method ?? '', path: url.pathname, query: url.search, headers: { ...incoming.headers }, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      let answer: Answer;
      if (url.pathname === '/v2/openapi.json') {
        if (options.specNeedsKey !== undefined && incoming.headers['x-api-key'] !== options.specNeedsKey) answer = { status: 401, body: { code: 0, error_code: 'unauthorized', message: 'API key required' } };
        else if (options.spec === undefined) answer = { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' };
        else answer = { body: options.spec };
      } else {
        answer = options.answer ? options.answer(request) : { body: SUCCESS };
      }
      if (answer === 'reset') {
        incoming.socket.destroy();
        return;
      }
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      response.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    baseUrl: `${origin}/v2`,
    requests,
    operationRequests: () => requests.filter((request) => request.path !== '/v2/openapi.json'),
    async close() {
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/**
 * An OpenAPI document for the catalog's operations at their catalog paths (or `paths[name]`), each body schema
 * listing the operation's fields except its path parameters, as RevCent's spec is described.
 */
export function catalogSpec(paths: Record<string, string> = {}, omit: readonly string[] = []): object {
  const spec: { openapi: string; servers: object[]; paths: Record<string, Record<string, object>> } = {
    openapi: '3.1.0',
    // Never followed: routes are always joined to the base URL the user configured.
    servers: [{ url: 'https://elsewhere.invalid/v2' }],
    paths: {},
  };
  for (const operation of operations) {
    if (omit.includes(operation.name)) continue;
    const path = paths[operation.name] ?? operation.route.path;
    const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const properties = Object.fromEntries(
      Object.keys(objectShape(operation.schema) ?? {})
        .filter((key) => !pathParameters.includes(key))
        .map((key) => [key, {}]),
    );
    spec.paths[path] = {
      ...spec.paths[path], // a read and an edit share a path (GET and POST /customer_portals/{customer_portal_id})
      [operation.route.method.toLowerCase()]: {
        operationId: operation.name,
        parameters: pathParameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties } } } },
      },
    };
  }
  return spec;
}
