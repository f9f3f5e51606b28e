// Sending over MCP, against the sandbox's /mcp over real HTTP: the tool list and input schemas as an agent's SDK
// client sees them, a call per example with the exact arguments received, `code: 0` and `isError` answers, a
// missing token, timeout, cancellation and no retry; and secret references resolved on the wire (REST body and
// MCP arguments), hidden everywhere else, and refused before any request when a value is missing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { parse } from 'jsonc-parser';
import { flatInputSchema, sandboxOperations } from '../../server/src/sandbox/operations';
import { findOperation } from '../../server/src/catalog';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox, type Sandbox } from '../../server/src/sandbox/server';
import { toCurl } from '../../server/src/send/curl';
import { sendPlan } from '../../server/src/send/execute';
import { buildSendPlan, type SendPlan } from '../../server/src/send/plan';
import { planPreview, planReport, resultPreview } from '../../server/src/send/preview';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';

const ROOT = resolve(__dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
const TOKEN = 'test_mcp_token_canary_7f3a9c';
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const CUSTOMER_ID = 'ZXZ5PB0BpMrZaqOXtm1r';
const SECRET_VALUE = 'canary-recaptcha-secret-51c0e8d2';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ seed: defaultSeed() });
});
after(() => sandbox.close());
afterEach(async () => {
  await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
  forgetRoutes();
});

function mcpPlan(text: string, url = sandbox.mcpUrl): SendPlan {
  return buildSendPlan({ text, fileName: 'payload.revcent.json', target: { transport: 'mcp', url } });
}

/** The tools/call requests the sandbox received, with their arguments. */
function toolCalls(): { name: string; arguments: Json; headers: Json }[] {
  return sandbox.requests
    .filter((request) => (request.body as Json | undefined)?.method === 'tools/call')
    .map((request) => {
      const params = (request.body as Json).params as Json;
      return { name: String(params.name), arguments: params.arguments as Json, headers: request.headers };
    });
}

async function readPortal(): Promise<Json> {
  const response = await fetch(`${sandbox.baseUrl}/customer_portals/${PORTAL_ID}`, { headers: { 'x-api-key': 'test_reader' } });
  return (await response.json()) as Json;
}

describe('MCP: the sandbox as an agent sees it', () => {
  it('lists every operation as a tool with the published input schema', async () => {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(sandbox.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((tool) => tool.name).sort(), sandboxOperations.map((operation) => operation.name).sort());
      const edit = tools.find((tool) => tool.name === 'EditCustomerPortal')!;
      const { $schema: _dialect, ...published } = flatInputSchema(findOperation('EditCustomerPortal')!);
      assert.deepEqual(edit.inputSchema, published);
      assert.equal((edit.inputSchema as Json).additionalProperties, false);
      assert.ok(Object.hasOwn(edit.inputSchema.properties!, 'customer_portal_id'), 'ID fields are arguments');
      const answer = await client.callTool({ name: 'GetCustomer', arguments: { customer_id: CUSTOMER_ID } });
      const body = JSON.parse((answer.content as { text: string }[])[0].text) as Json;
      assert.deepEqual([answer.isError, body.code, (body.customer as Json).last_name], [false, 1, 'Okafor']);
    } finally {
      await client.close();
    }
  });

  it('refuses a request without a bearer token, and answers GET with 405 (stateless)', async () => {
    const post = await fetch(sandbox.mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    assert.equal(post.status, 401);
    assert.match(((await post.json()) as { error: { message: string } }).error.message, /^Missing bearer token/);
    assert.equal((await fetch(sandbox.mcpUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 405);
  });
});

describe('MCP: sending with the send pipeline', () => {
  const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.revcent.json')).sort();
  for (const name of files) {
    it(`${name}: one tool call named after the operation, with the flat payload as its arguments`, async () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const value = parse(text) as Json;
      const plan = mcpPlan(text);
      assert.equal(plan.canSend, true, plan.refusal);
      assert.equal(plan.request, undefined, 'nothing for REST');
      const result = await sendPlan(plan, { mcpToken: TOKEN });
      assert.equal(result.ok, true, result.message);
      assert.equal(result.transport, 'mcp');
      assert.match(String(result.result), /^RevCent sandbox, a local simulation \(test mode\)/);
      const calls = toolCalls();
      assert.equal(calls.length, 1);
      assert.equal(calls[0].name, value.$operation);
      assert.deepEqual(calls[0].arguments, Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$'))));
      assert.equal(calls[0].headers.authorization, '[redacted: authorization]');
      assert.ok(!sandbox.requests.some((request) => request.path.startsWith('/v2')), 'nothing is fetched from a REST base URL');
    });
  }

  it('a code 0 answer is a failure with the server message: a record that does not exist, an input the schema refuses', async () => {
    const result = await sendPlan(mcpPlan('{"$operation":"EnableCustomer","customer_id":"AAAAAAAAAAAAAAAAAAAB"}'), { mcpToken: TOKEN });
    assert.deepEqual([result.ok, result.failure, result.errorCode], [false, 'rejected', 'not_found']);
    assert.equal(result.message, 'RevCent refused the request (not_found): Customer AAAAAAAAAAAAAAAAAAAB does not exist.');
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(sandbox.mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } }));
    try {
      const answer = await client.callTool({ name: 'EnableCustomer', arguments: { customer_id: CUSTOMER_ID, reason: 'x' } });
      const body = JSON.parse((answer.content as { text: string }[])[0].text) as Json;
      assert.deepEqual([answer.isError, body.code, body.error_code], [true, 0, 'invalid_input']);
      assert.match(String(body.message), /must NOT have additional properties: "reason"/);
    } finally {
      await client.close();
    }
  });

  it('an isError result with plain text is a failure with that text', async () => {
    const server = await startPlainMcpServer();
    try {
      const result = await sendPlan(mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`, server.url), { mcpToken: TOKEN });
      assert.deepEqual([result.ok, result.failure], [false, 'rejected']);
      assert.equal(result.message, 'The MCP tool answered with an error: Customer locked by fraud review');
    } finally {
      await server.close();
    }
  });

  it('a token the server does not take (blank) is refused with the token named; no token at all sends nothing', async () => {
    const plan = mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`);
    const rejected = await sendPlan(plan, { mcpToken: ' ' });
    assert.equal(rejected.failure, 'unauthorized', rejected.message);
    assert.match(rejected.message, /MCP access token \(REVCENT_MCP_TOKEN\)/);
    const before = sandbox.requests.length;
    const none = await sendPlan(plan, {});
    assert.deepEqual([none.sent, none.failure], [false, 'not-sendable']);
    assert.match(none.message, /No MCP access token was given \(REVCENT_MCP_TOKEN\)\. Nothing was sent\./);
    assert.equal(sandbox.requests.length, before);
  });

  it('a tool call that takes too long times out, once: nothing is retried', async () => {
    const slow = await startSandbox({ seed: defaultSeed(), faults: [{ kind: 'delay', ms: 5000 }] });
    try {
      const plan = mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`, slow.mcpUrl);
      const result = await sendPlan(plan, { mcpToken: TOKEN, timeoutMs: 1500 });
      assert.equal(result.failure, 'timeout', result.message);
      assert.equal(slow.requests.filter((request) => request.operation === 'EnableCustomer').length, 1);
    } finally {
      await slow.close();
    }
  });

  it('the caller can cancel a tool call in flight', async () => {
    const slow = await startSandbox({ seed: defaultSeed(), faults: [{ kind: 'delay', ms: 5000 }] });
    try {
      const controller = new AbortController();
      const sending = sendPlan(mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`, slow.mcpUrl), { mcpToken: TOKEN, signal: controller.signal });
      while (!slow.requests.some((request) => request.operation === 'EnableCustomer')) await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      controller.abort();
      const result = await sending;
      assert.equal(result.failure, 'cancelled', result.message);
    } finally {
      await slow.close();
    }
  });

  it('a server error on the tool call is reported once, with the advice to read back', async () => {
    const failing = await startSandbox({ seed: defaultSeed(), faults: [{ kind: 'status', status: 500 }] });
    try {
      const result = await sendPlan(mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`, failing.mcpUrl), { mcpToken: TOKEN });
      assert.equal(result.failure, 'server-error', result.message);
      assert.equal(failing.requests.filter((request) => request.operation === 'EnableCustomer').length, 1);
    } finally {
      await failing.close();
    }
  });

  it('refuses an MCP URL that is not https away from this machine, before any request', async () => {
    const result = await sendPlan(mcpPlan(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`, 'http://mcp.example.com/mcp'), { mcpToken: TOKEN });
    assert.deepEqual([result.sent, result.failure], [false, 'url']);
  });
});

describe('secret references on the wire', () => {
  const text = `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "${PORTAL_ID}",\n  "recaptcha": { "site_key": "6LcSiteKeyForBrandA", "secret_key": "\${secret:RECAPTCHA}" }\n}`;
  const lookup = (name: string) => (name === 'RECAPTCHA' ? SECRET_VALUE : undefined);

  it('REST: the value is in the body received and nowhere else; the plan, preview, report and cURL show the reference', async () => {
    const routes = await resolveRoutes(sandbox.baseUrl);
    const plan = buildSendPlan({ text, fileName: 'portal.revcent.json', target: { transport: 'rest', baseUrl: sandbox.baseUrl, routes } });
    assert.deepEqual(plan.secretReferences, ['RECAPTCHA']);
    const shown = [JSON.stringify(plan), planPreview(plan, []), JSON.stringify(planReport(plan, [])), toCurl(plan.request!, [])].join('\n');
    assert.ok(shown.includes('${secret:RECAPTCHA}'));
    assert.ok(!shown.includes(SECRET_VALUE));
    const result = await sendPlan(plan, { apiKey: 'test_key', secrets: lookup });
    assert.equal(result.ok, true, result.message);
    assert.ok(!JSON.stringify(result).includes(SECRET_VALUE) && !resultPreview(result, []).includes(SECRET_VALUE));
    assert.equal(sandbox.store.get('customer_portals', PORTAL_ID)!.recaptcha && (sandbox.store.get('customer_portals', PORTAL_ID)!.recaptcha as Json).secret_key, SECRET_VALUE, 'the value was sent');
    assert.ok(!JSON.stringify(sandbox.requests).includes(SECRET_VALUE), 'the sandbox log hides it too');
    assert.ok(!JSON.stringify(await readPortal()).includes(SECRET_VALUE));
  });

  it('MCP: the value is in the arguments the tool received', async () => {
    const result = await sendPlan(mcpPlan(text), { mcpToken: TOKEN, secrets: lookup });
    assert.equal(result.ok, true, result.message);
    assert.equal((sandbox.store.get('customer_portals', PORTAL_ID)!.recaptcha as Json).secret_key, SECRET_VALUE);
    assert.ok(!JSON.stringify(result).includes(SECRET_VALUE));
  });

  it('a reference without a value is refused before any request, naming it', async () => {
    const routes = await resolveRoutes(sandbox.baseUrl);
    const plan = buildSendPlan({ text, fileName: 'portal.revcent.json', target: { transport: 'rest', baseUrl: sandbox.baseUrl, routes } });
    const before = sandbox.requests.length;
    for (const result of [await sendPlan(plan, { apiKey: 'test_key', secrets: () => undefined }), await sendPlan(mcpPlan(text), { mcpToken: TOKEN, secrets: () => '' })]) {
      assert.deepEqual([result.ok, result.sent, result.failure], [false, false, 'missing-secret']);
      assert.equal(result.message, 'No value for ${secret:RECAPTCHA}. Nothing was sent.');
    }
    assert.equal(sandbox.requests.length, before);
  });

  it('a value echoed back in an answer is hidden', async () => {
    const echo = await startEchoingRestTarget();
    try {
      const routes = await resolveRoutes(echo.baseUrl);
      const plan = buildSendPlan({ text, fileName: 'portal.revcent.json', target: { transport: 'rest', baseUrl: echo.baseUrl, routes } });
      const result = await sendPlan(plan, { apiKey: 'test_key', secrets: lookup });
      assert.equal(result.ok, true, result.message);
      assert.match(JSON.stringify(result.response), /\[redacted: secret:RECAPTCHA\]/);
      assert.ok(!JSON.stringify(result).includes(SECRET_VALUE));
    } finally {
      await echo.close();
    }
  });
});

/** An MCP server whose EnableCustomer answers `isError` with plain text, as a server other than RevCent might. */
async function startPlainMcpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const http: HttpServer = createServer((request, response) => {
    const server = new Server({ name: 'plain', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
    server.setRequestHandler(CallToolRequestSchema, () => ({ content: [{ type: 'text', text: 'Customer locked by fraud review' }], isError: true }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    response.on('close', () => void server.close());
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    void server.connect(transport).then(() => transport.handleRequest(request, response));
  });
  http.listen(0, '127.0.0.1');
  await new Promise((resolveListen) => http.once('listening', resolveListen));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    close: () => new Promise((resolveClose) => http.close(() => resolveClose())),
  };
}

/**
 * A REST target (the sandbox's openapi.json) that echoes the body it received inside a `code: 1` answer, with the
 * secret field renamed, so that only the resolved value itself can give it away.
 */
async function startEchoingRestTarget(): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const spec = await (await fetch(`${sandbox.baseUrl}/openapi.json`)).text();
  const http = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(request.url === '/v2/openapi.json' ? spec : JSON.stringify({ api_call_id: 'AbCdEfGhIjKlMnOpQrSt', api_call_unix: 1, code: 1, result: 'ok', echo: body.replace('secret_key', 'k') }));
    });
  });
  http.listen(0, '127.0.0.1');
  await new Promise((resolveListen) => http.once('listening', resolveListen));
  return {
    baseUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}/v2`,
    close: () => new Promise((resolveClose) => http.close(() => resolveClose())),
  };
}
