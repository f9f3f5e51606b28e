// REST transport and route resolution against small local servers: routes from the target's openapi.json (or
// the confirmed table), every failure class with its message, timeout, cancellation, size cap, the URL rule, the
// proxy variables, and never a second request for a mutation.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sendPlan } from '../../server/src/send/execute';
import type { SendResult } from '../../server/src/send/interpret';
import { buildSendPlan, type SendPlan } from '../../server/src/send/plan';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';
import { type RouteSource } from '../../server/src/send/routeTable';
import { sendRest } from '../../server/src/send/rest';
import { catalogSpec, startRecordingServer, SUCCESS, type Answer, type ReceivedRequest, type RecordingServer, type RecordingServerOptions } from './recordingServer';

const KEY = 'canary-key-7f3a9c1e';
const PORTAL = `// rename
{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",
  "name": "Brand A Customer Portal"
}`;
const CUSTOMER = JSON.stringify({ $operation: 'CreateCustomer', campaign: 'tI61UBsvmY08lV8gX1Z1', customer: { first_name: 'A', last_name: 'B', email: 'a@example.com' } });

const servers: RecordingServer[] = [];
async function serve(options: RecordingServerOptions = {}): Promise<RecordingServer> {
  const server = await startRecordingServer({ spec: catalogSpec(), ...options });
  servers.push(server);
  return server;
}
beforeEach(() => forgetRoutes());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function planFor(text: string, baseUrl: string): Promise<{ plan: SendPlan; routes: RouteSource }> {
  const routes = await resolveRoutes(baseUrl, { apiKey: KEY });
  return { plan: buildSendPlan({ text, fileName: 'p.revcent.json', target: { transport: 'rest', baseUrl, routes } }), routes };
}

async function sendWith(answer: (request: ReceivedRequest) => Answer, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const server = await serve({ answer });
  const { plan } = await planFor(PORTAL, server.baseUrl);
  assert.equal(plan.canSend, true, plan.refusal);
  const result = await sendPlan(plan, { apiKey: KEY, ...options });
  return { server, result };
}

function assertNoKey(result: SendResult): void {
  assert.ok(!JSON.stringify(result).includes(KEY), `the key in ${JSON.stringify(result)}`);
}

describe('routes', () => {
  it('come from the target spec by operationId, on its own path, joined to the configured base URL (not the spec servers)', async () => {
    const server = await serve({ spec: catalogSpec({ EditCustomerPortal: '/portals/edit/{customer_portal_id}/now' }) });
    const { plan } = await planFor(PORTAL, server.baseUrl);
    const result = await sendPlan(plan, { apiKey: KEY });
    assert.equal(result.ok, true, result.message);
    const [spec, sent] = server.requests;
    assert.equal(spec.path, '/v2/openapi.json');
    assert.equal(spec.headers['x-api-key'], undefined, 'the spec is asked for without the key');
    assert.equal(sent.path, '/v2/portals/edit/OLl6G3dZvF6nEIEXpvjV/now');
    assert.equal(sent.body, '{"name":"Brand A Customer Portal"}');
    assert.equal(plan.routeNote, `POST /portals/edit/{customer_portal_id}/now, from ${server.baseUrl}/openapi.json`);
  });

  it('without openapi.json: only the confirmed routes, the plan says so, and everything else is refused with the URL tried', async () => {
    const server = await serve({ spec: undefined });
    const customer = await planFor(CUSTOMER, server.baseUrl);
    assert.equal(customer.routes.kind, 'confirmed');
    assert.equal(customer.plan.routeNote, `POST /customers, one of the routes RevCent has confirmed, because ${server.baseUrl}/openapi.json answered HTTP 404`);
    const sent = await sendPlan(customer.plan, { apiKey: KEY });
    assert.equal(sent.ok, true, sent.message);
    const portal = await planFor(PORTAL, server.baseUrl);
    assert.equal(portal.plan.canSend, false);
    assert.match(portal.plan.refusal ?? '', new RegExp(`^EditCustomerPortal cannot be sent: ${server.baseUrl}/openapi.json answered HTTP 404, and EditCustomerPortal is not among the routes RevCent has confirmed`));
    const refused = await sendPlan(portal.plan, { apiKey: KEY });
    assert.equal(refused.sent, false);
    assert.equal(refused.failure, 'not-sendable');
    assert.deepEqual(server.operationRequests().map((r) => r.path), ['/v2/customers'], 'nothing was sent for the portal');
  });

  it('an openapi.json that is not JSON, or declares nothing, falls back to the confirmed routes with the reason', async () => {
    const notJson = await serve({ spec: '<html>maintenance</html>' });
    assert.equal((await resolveRoutes(notJson.baseUrl)).problem, `${notJson.baseUrl}/openapi.json is not JSON`);
    const empty = await serve({ spec: { openapi: '3.1.0', paths: {} } });
    assert.equal((await resolveRoutes(empty.baseUrl)).problem, `${empty.baseUrl}/openapi.json declares no operation`);
  });

  it('an unreachable target falls back with the network reason', async () => {
    const port = await closedPort();
    const routes = await resolveRoutes(`http://127.0.0.1:${port}/v2`);
    assert.equal(routes.kind, 'confirmed');
    assert.match(routes.problem ?? '', /could not be read \(http:\/\/127\.0\.0\.1:\d+ refused the connection/);
  });

  it('asks again with the key only after a 401', async () => {
    const server = await serve({ specNeedsKey: KEY });
    const routes = await resolveRoutes(server.baseUrl, { apiKey: KEY });
    assert.equal(routes.kind, 'openapi');
    assert.deepEqual(server.requests.map((r) => r.headers['x-api-key'] ?? null), [null, KEY]);
    forgetRoutes();
    const withoutKey = await resolveRoutes(server.baseUrl);
    assert.equal(withoutKey.problem, `${server.baseUrl}/openapi.json answered HTTP 401`);
  });

  it('fetches the spec once per base URL (also when asked twice at once), and keeps it on disk when given a folder', async () => {
    const server = await serve();
    const [first, second] = await Promise.all([resolveRoutes(server.baseUrl), resolveRoutes(server.baseUrl)]);
    assert.equal(first, second);
    await resolveRoutes(server.baseUrl);
    assert.equal(server.requests.length, 1);

    const folder = mkdtempSync(join(tmpdir(), 'revcent-routes-'));
    try {
      forgetRoutes();
      await resolveRoutes(server.baseUrl, { cacheFolder: folder });
      assert.equal(server.requests.length, 2);
      const files = readdirSync(folder);
      assert.equal(files.length, 1);
      forgetRoutes();
      const fromDisk = await resolveRoutes(server.baseUrl, { cacheFolder: folder });
      assert.equal(server.requests.length, 2, 'read from the disk cache');
      assert.equal(fromDisk.routes.get('EditCustomerPortal')?.path, '/customer_portals/{customer_portal_id}');
      forgetRoutes();
      await resolveRoutes(server.baseUrl, { cacheFolder: folder, maxAgeMs: 0 });
      assert.equal(server.requests.length, 3, 'an expired cache is fetched again');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a base URL that is not https before any request', async () => {
    for (const url of ['http://api.revcent.com/v2', 'ftp://127.0.0.1/v2', 'not a url']) {
      await assert.rejects(resolveRoutes(url), (error: Error) => error.name === 'TransportError');
    }
  });
});

describe('REST answers', () => {
  it('code 1 is success with result and api_call_id; exactly one request with the key', async () => {
    const { server, result } = await sendWith(() => ({ body: SUCCESS }));
    assert.equal(result.ok, true);
    assert.equal(result.result, 'Success');
    assert.equal(result.apiCallId, SUCCESS.api_call_id);
    assert.equal(result.status, 200);
    const [sent] = server.operationRequests();
    assert.equal(sent.headers['x-api-key'], KEY);
    assert.equal(sent.headers['content-type'], 'application/json');
  });

  it('code 0 is a failure with error_code and message, whatever the status', async () => {
    const { result } = await sendWith(() => ({ status: 200, body: { code: 0, error_code: 'validation_error', message: 'name already used', result: 'Error' } }));
    assert.equal(result.ok, false);
    assert.equal(result.failure, 'rejected');
    assert.equal(result.errorCode, 'validation_error');
    assert.equal(result.message, 'RevCent refused the request (validation_error): name already used');
  });

  const cases: [string, Answer, RegExp, string][] = [
    ['401 with code 0', { status: 401, body: { code: 0, error_code: 'unauthorized', message: 'Invalid API key' } }, /^RevCent refused the request \(unauthorized\): Invalid API key RevCent rejected the API key \(REVCENT_API_KEY\) \(HTTP 401\)\..*a test-mode key is being used against live data or a live key against test data\.$/, 'unauthorized'],
    ['403 not JSON', { status: 403, headers: { 'content-type': 'text/html' }, body: 'Forbidden' }, /^RevCent rejected the API key \(REVCENT_API_KEY\) \(HTTP 403\)\./, 'unauthorized'],
    ['404', { status: 404, headers: { 'content-type': 'text/html' }, body: 'Not Found' }, /^RevCent answered HTTP 404: the route or the record was not found\. Check the target ID and the base URL\.$/, 'not-found'],
    ['429', { status: 429, body: 'slow down' }, /^RevCent answered HTTP 429 \(too many requests\)\. Wait before sending again; nothing is retried automatically\.$/, 'rate-limited'],
    ['500', { status: 500, body: 'oops' }, /^RevCent answered HTTP 500, a server error\. It may or may not have been applied: read the object back before sending again\.$/, 'server-error'],
    ['a non-JSON 200', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>login</html>' }, /^The answer \(HTTP 200\) is not JSON, so it is not a RevCent response: check the base URL\./, 'not-json'],
    ['JSON without code', { status: 200, body: { hello: 'world' } }, /has no RevCent `code`, so it is not a RevCent response/, 'not-revcent'],
    ['a redirect', { status: 302, headers: { location: 'https://elsewhere.invalid/steal' }, body: '' }, /^The server answered with a redirect \(HTTP 302 to https:\/\/elsewhere\.invalid\/steal\), which is never followed/, 'redirect'],
    ['a reset connection', 'reset', /closed the connection before the answer was complete\. It may or may not have been applied/, 'connection-reset'],
  ];
  for (const [name, answer, message, failure] of cases) {
    it(`${name}: a clear message, and no second request`, async () => {
      const { server, result } = await sendWith(() => answer);
      assert.equal(result.ok, false);
      assert.equal(result.failure, failure);
      assert.match(result.message, message);
      assert.equal(server.operationRequests().length, 1, 'never retried');
      assertNoKey(result);
    });
  }

  it('a server that never answers: timeout, one request', async () => {
    const { server, result } = await sendWith(() => 'hang', { timeoutMs: 300 });
    assert.equal(result.failure, 'timeout');
    assert.match(result.message, /^No complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms \(raise it with --timeout\)\. It may or may not have been applied/);
    assert.equal(server.operationRequests().length, 1);
  });

  it('cancellation by the caller, once the request has arrived', async () => {
    const controller = new AbortController();
    const server = await serve({ answer: () => 'hang' });
    const { plan } = await planFor(PORTAL, server.baseUrl);
    const sending = sendPlan(plan, { apiKey: KEY, signal: controller.signal });
    while (server.operationRequests().length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await sending;
    assert.equal(result.failure, 'cancelled');
    assert.match(result.message, /^The request to http:\/\/127\.0\.0\.1:\d+ was cancelled\. If it had already left, it may or may not have been applied/);
    const again = await sendPlan(plan, { apiKey: KEY, signal: controller.signal });
    assert.equal(again.failure, 'cancelled', 'an aborted signal sends nothing');
    assert.equal(server.operationRequests().length, 1);
  });

  it('an answer larger than 10 MB is not read, with a clear message', async () => {
    const huge = JSON.stringify({ code: 1, result: 'x'.repeat(10 * 1024 * 1024) });
    const { result } = await sendWith(() => ({ body: huge }));
    assert.equal(result.failure, 'too-large');
    assert.match(result.message, /is larger than 10 MB, so it was not read\. The request itself was sent/);
  });

  it('a refused connection says the server is not running, and sent nothing', async () => {
    const port = await closedPort();
    const result = await sendRest({ method: 'POST', url: `http://127.0.0.1:${port}/v2/customers`, headers: {}, body: '{}' }, { apiKey: KEY });
    assert.equal(result.failure, 'connection-refused');
    assert.equal(result.sent, false);
    assert.match(result.message, /refused the connection: is the server running \(for the sandbox, `npx revcent-sandbox`\)/);
  });

  it('a TLS failure (https to a server that does not speak it) is named as such', async () => {
    const server = await serve();
    const result = await sendRest({ method: 'POST', url: server.origin.replace('http:', 'https:') + '/v2/customers', headers: {}, body: '{}' }, { apiKey: KEY, timeoutMs: 5000 });
    assert.equal(result.failure, 'tls', result.message);
    assert.match(result.message, /^The secure connection to https:\/\/127\.0\.0\.1:\d+ failed \(/);
  });

  it('refuses a non-https URL away from this machine before any request', async () => {
    for (const url of ['http://api.revcent.com/v2/customers', 'http://10.0.0.1/v2/customers', 'file:///etc/passwd']) {
      const result = await sendRest({ method: 'POST', url, headers: {}, body: '{}' }, { apiKey: KEY });
      assert.equal(result.failure, 'url', url);
      assert.equal(result.sent, false);
      assert.match(result.message, /only https: URLs are allowed \(http: only for 127\.0\.0\.1, \[::1\] and localhost\)\. Nothing was sent\.$/);
    }
  });

  it('hides the key and the payload card data when the server echoes them', async () => {
    const card = '4111111111111111';
    const server = await serve({ answer: (request) => ({ status: 400, body: { code: 0, error_code: 'bad', message: `key ${request.headers['x-api-key']} card ${card}`, echo: request.body } }) });
    const text = JSON.stringify({
      $operation: 'CreateCustomer',
      campaign: 'tI61UBsvmY08lV8gX1Z1',
      customer: { first_name: 'A', last_name: 'B', email: 'a@example.com' },
      payment: { credit_card: { card_number: card, exp_month: 1, exp_year: 30, card_code: '123' } },
    });
    const { plan } = await planFor(text, server.baseUrl);
    const result = await sendPlan(plan, { apiKey: KEY });
    assert.equal(result.message, 'RevCent refused the request (bad): key [redacted: x-api-key] card [redacted: card_number]');
    const shown = JSON.stringify(result);
    for (const secret of [KEY, card, '"123"', '\\"123\\"']) assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
  });
});

describe('proxy variables', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('HTTP_PROXY routes the request through the proxy, and NO_PROXY exempts a host', async () => {
    const target = await serve();
    const proxied: string[] = [];
    const proxy = createHttpServer();
    const sockets = new Set<Socket>();
    proxy.on('connect', (request, client: Socket) => {
      proxied.push(request.url ?? '');
      const upstream = connect(Number(new URL(target.origin).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      sockets.add(client).add(upstream);
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    try {
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const request = { method: 'POST' as const, url: `${target.baseUrl}/customers`, headers: {}, body: '{}' };
      assert.equal((await sendRest(request, { apiKey: KEY })).ok, true);
      assert.equal(proxied.length, 1);
      process.env.NO_PROXY = '127.0.0.1';
      assert.equal((await sendRest(request, { apiKey: KEY })).ok, true);
      assert.equal(proxied.length, 1, 'NO_PROXY: straight to the target');
      assert.equal(target.operationRequests().length, 2);
    } finally {
      for (const socket of sockets) socket.destroy();
      proxy.close();
      await once(proxy, 'close');
    }
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createTcpServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

