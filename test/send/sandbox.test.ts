// The sandbox as a client meets it, over real HTTP on 127.0.0.1: its openapi.json (valid OpenAPI 3.1, routes the
// send pipeline reads), validation that agrees with the published schemas, the seeded store every example can be
// sent to, edits that replace possibly-replaced objects whole, reads, the request log, reset and fault modes.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'jsonc-parser';
import { findOperation, operations } from '../../server/src/catalog';
import { sandboxSpec } from '../../server/src/sandbox/openapi';
import { COLLECTIONS, sandboxOperations, type CollectionName } from '../../server/src/sandbox/operations';
import { recordSchema } from '../../server/src/sandbox/records';
import { defaultSeed, seedWith } from '../../server/src/sandbox/seed';
import { startSandbox, type Sandbox } from '../../server/src/sandbox/server';
import { sendPlan } from '../../server/src/send/execute';
import { buildSendPlan, type SendPlan } from '../../server/src/send/plan';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';
import { routesFromSpec } from '../../server/src/send/routeTable';
import { schemaProblems } from '../../server/src/sandbox/validation';

const ROOT = resolve(__dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
const KEY = 'test_sandbox_key_0001';
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const GROUP_ID = 'JJVt4tGiuwLw2EuFwAl5';
const CUSTOMER_ID = 'ZXZ5PB0BpMrZaqOXtm1r';

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

async function call(method: 'GET' | 'POST', path: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== '') headers['x-api-key'] = options.key ?? KEY;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(sandbox.baseUrl + path, { method, headers, body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body) });
  return { status: response.status, body: (await response.json()) as Json };
}

const read = async (collection: CollectionName, id: string) => (await call('GET', `/${collection}/${id}`)).body;

async function planFor(text: string, name = 'payload.revcent.json'): Promise<SendPlan> {
  const routes = await resolveRoutes(sandbox.baseUrl);
  return buildSendPlan({ text, fileName: name, target: { transport: 'rest', baseUrl: sandbox.baseUrl, routes } });
}

describe('sandbox: openapi.json', () => {
  it('is served without a key and is valid OpenAPI 3.1 under a real validator', async () => {
    const response = await fetch(`${sandbox.baseUrl}/openapi.json`);
    assert.equal(response.status, 200);
    const spec = (await response.json()) as Json;
    assert.equal(spec.openapi, '3.1.0');
    const result = await validate(structuredClone(spec) as never);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  it('names path parameters as the payload ID fields, and the send pipeline reads every catalog route from it', async () => {
    const paths = sandboxSpec().paths as Record<string, Record<string, Json>>;
    const edit = paths['/customer_portals/{customer_portal_id}'].post;
    assert.equal(edit.operationId, 'EditCustomerPortal');
    assert.deepEqual((edit.parameters as Json[]).map((parameter) => [parameter.name, parameter.in]), [['customer_portal_id', 'path']]);
    const routes = await resolveRoutes(sandbox.baseUrl);
    assert.equal(routes.kind, 'openapi', routes.problem);
    for (const operation of operations) {
      const route = routes.routes.get(operation.name);
      assert.ok(route, operation.name);
      assert.deepEqual([route.method, route.path], [operation.route.method, operation.route.path], operation.name);
      assert.ok(!route.bodyProperties?.includes(operation.targetIdField ?? '\0'), `${operation.name}: the ID is a path parameter only`);
    }
    assert.deepEqual([...routesFromSpec(sandboxSpec()).keys()].sort(), sandboxOperations.map((operation) => operation.name).sort());
  });

  it('describes the reads, GetCustomerGroup as modelled, with response schemas that hold no write-only secret', () => {
    const paths = sandboxSpec().paths as Record<string, Record<string, Json>>;
    const group = paths['/customer_groups/{customer_group_id}'].get;
    assert.equal(group.operationId, 'GetCustomerGroup');
    assert.match(String(group.description), /RevCent has not published it/);
    assert.doesNotMatch(String(paths['/customer_portals/{customer_portal_id}'].get.description), /not published/);
    const portal = JSON.stringify((paths['/customer_portals/{customer_portal_id}'].get.responses as Json)['200']);
    assert.match(portal, /"site_key"/);
    assert.doesNotMatch(portal, /"secret_key"/);
  });
});

describe('sandbox: the seed', () => {
  it('fits the record schemas', () => {
    const seed = defaultSeed();
    for (const collection of Object.keys(COLLECTIONS) as CollectionName[]) {
      for (const record of seed[collection]) assert.equal(schemaProblems(recordSchema(collection), record), undefined, `${collection} ${JSON.stringify(record).slice(0, 80)}`);
    }
  });

  it('holds every portal, group, customer and campaign that examples/ names', () => {
    const seed = defaultSeed();
    const known = new Set([
      ...(Object.keys(COLLECTIONS) as CollectionName[]).flatMap((collection) => seed[collection].map((record) => String(record[COLLECTIONS[collection].idField]))),
      ...seed.campaigns.map((campaign) => campaign.campaign_id),
    ]);
    const named: string[] = [];
    for (const name of readdirSync(EXAMPLES).filter((file) => file.endsWith('.revcent.json'))) {
      const value = parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Json;
      const operation = findOperation(String(value.$operation))!;
      if (operation.targetIdField) named.push(String(value[operation.targetIdField]));
      if (typeof value.campaign === 'string') named.push(value.campaign);
      const branch = (value.qualifiers as Json | undefined)?.customer_group as Record<string, string[]> | undefined;
      for (const list of Object.values(branch ?? {})) named.push(...list);
      named.push(...(((value.customer_filters as Json | undefined)?.campaign as string[] | undefined) ?? []));
    }
    assert.ok(named.length >= 17);
    assert.deepEqual(named.filter((id) => !known.has(id)), []);
  });

  it('--seed records are checked, and replace seeded ones with the same ID', () => {
    const seed = seedWith({ customer_groups: [{ customer_group_id: GROUP_ID, name: 'Replaced' }] }, 'extra.json');
    assert.equal(seed.customer_groups.find((group) => group.customer_group_id === GROUP_ID)?.name, 'Replaced');
    assert.throws(() => seedWith({ customer_groups: [{ customer_group_id: GROUP_ID, nmae: 'x' }] }, 'extra.json'), /extra\.json: customer_groups\[0\] does not fit: \/: must NOT have additional properties: "nmae"/);
    assert.throws(() => seedWith({ portals: [] }, 'extra.json'), /unknown key "portals"/);
  });
});

describe('sandbox: every example sent with the send pipeline', () => {
  const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.revcent.json')).sort();
  for (const name of files) {
    it(`${name}: code 1, and a read-back shows what was sent`, async () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const value = parse(text) as Json;
      const operation = findOperation(String(value.$operation))!;
      const plan = await planFor(text, `examples/${name}`);
      assert.equal(plan.canSend, true, plan.refusal);
      const result = await sendPlan(plan, { apiKey: KEY });
      assert.equal(result.ok, true, result.message);
      assert.equal(result.code, 1);
      assert.match(String(result.result), /^RevCent sandbox, a local simulation \(test mode\): /);
      const response = result.response as Json;
      if (operation.kind === 'create') {
        assert.match(String(response.customer_id), /^[A-Za-z0-9]{20}$/);
        const customer = await read('customers', String(response.customer_id));
        assert.deepEqual(customer.customer, value.customer);
        assert.equal(customer.campaign, value.campaign);
        assert.equal(customer.internal_customer_id, value.internal_customer_id);
        return;
      }
      const collection = sandboxOperations.find((candidate) => candidate.name === operation.name)!.collection!;
      const id = String(value[operation.targetIdField!]);
      const stored = await read(collection, id);
      if (operation.name === 'EnableCustomer') {
        assert.deepEqual([stored.enabled, stored.blocked], [true, false]);
        return;
      }
      for (const [field, sent] of Object.entries(value)) {
        if (field.startsWith('$')) continue;
        assert.deepEqual(stored[field], sent, `${field} read back`);
      }
    });
  }
});

describe('sandbox: edits', () => {
  it('set top-level fields and keep the others', async () => {
    const before = await read('customer_portals', PORTAL_ID);
    const result = await sendPlan(await planFor(`{"$operation":"EditCustomerPortal","customer_portal_id":"${PORTAL_ID}","name":"Renamed"}`), { apiKey: KEY });
    assert.equal(result.ok, true, result.message);
    const afterEdit = await read('customer_portals', PORTAL_ID);
    assert.equal(afterEdit.name, 'Renamed');
    assert.deepEqual({ ...afterEdit, name: before.name, api_call_id: 0, api_call_unix: 0, result: '' }, { ...before, api_call_id: 0, api_call_unix: 0, result: '' });
  });

  it('replace a possibly-replaced object whole, and say so in the result', async () => {
    const before = await read('customer_portals', PORTAL_ID);
    assert.equal(Object.keys(before.customer_permissions as Json).length, 12);
    const text = `{"$operation":"EditCustomerPortal","customer_portal_id":"${PORTAL_ID}","customer_permissions":{"subscription_cancel":false,"contact_modify":true}}`;
    const result = await sendPlan(await planFor(text), { apiKey: KEY });
    assert.equal(result.ok, true, result.message);
    assert.match(String(result.result), /Replaced whole, as the sandbox models it: customer_permissions\./);
    assert.deepEqual((await read('customer_portals', PORTAL_ID)).customer_permissions, { subscription_cancel: false, contact_modify: true });
  });

  it('accept what the project warns about but RevCent takes: an ignored qualifier branch is stored as sent', async () => {
    const text = JSON.stringify({
      $operation: 'EditCustomerGroup',
      customer_group_id: GROUP_ID,
      qualifier_method: 'customer_group',
      qualifiers: { specific_values: { values: { has_no_sales: true } } },
    });
    const plan = await planFor(text);
    assert.ok(plan.warnings.length > 0, 'the project warns');
    const result = await sendPlan(plan, { apiKey: KEY });
    assert.equal(result.ok, true, result.message);
    const group = await read('customer_groups', GROUP_ID);
    assert.equal(group.qualifier_method, 'customer_group');
    assert.deepEqual(group.qualifiers, { specific_values: { values: { has_no_sales: true } } });
  });

  it('an unknown record is a 404 with code 0', async () => {
    const { status, body } = await call('POST', '/customer_groups/AAAAAAAAAAAAAAAAAAAA', { body: { name: 'x' } });
    assert.equal(status, 404);
    assert.deepEqual([body.code, body.error_code, body.message], [0, 'not_found', 'Customer group AAAAAAAAAAAAAAAAAAAA does not exist.']);
  });

  it('EnableCustomer enables and unblocks; CreateCustomer takes a campaign name and never keeps card data', async () => {
    assert.equal((await read('customers', CUSTOMER_ID)).enabled, false);
    assert.equal((await call('POST', `/customers/${CUSTOMER_ID}/enable`)).body.code, 1);
    assert.equal((await read('customers', CUSTOMER_ID)).enabled, true);
    const created = await call('POST', '/customers', {
      body: {
        campaign: 'Brand B',
        customer: { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.com' },
        payment: { credit_card: { card_number: '4242424242424242', exp_month: 4, exp_year: 29, card_code: '123' } },
      },
    });
    assert.equal(created.body.code, 1, JSON.stringify(created.body));
    const customer = await read('customers', String(created.body.customer_id));
    assert.deepEqual(customer.credit_cards, [{ last_four: '4242', exp_month: 4, exp_year: 29 }]);
    assert.deepEqual(customer.bill_to, { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.com' });
    assert.ok(!JSON.stringify(customer).includes('4242424242424242'));
    const unknown = await call('POST', '/customers', { body: { campaign: 'No Such Brand', customer: { first_name: 'A', last_name: 'B', email: 'a@example.com' } } });
    assert.deepEqual([unknown.status, unknown.body.code, unknown.body.error_code], [404, 0, 'not_found']);
  });
});

describe('sandbox: validation agrees with the published schemas', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const published = new Map(operations.map((operation) => [operation.name, ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', `${operation.name}.schema.json`), 'utf8')))]));

  const cases: [string, Json][] = [
    ['a valid rename', { $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, name: 'Portal' }],
    ['an unknown top-level field', { $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, nmae: 'Portal' }],
    ['an unknown nested field', { $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, customer_permissions: { subscription_cancle: false } }],
    ['a wrong type', { $operation: 'EditCustomerGroup', customer_group_id: GROUP_ID, enabled: 'true' }],
    ['a wrong enum value', { $operation: 'EditCustomerGroup', customer_group_id: GROUP_ID, qualifier_method: 'manual' }],
    ['a bad email', { $operation: 'CreateCustomer', campaign: 'Brand A', customer: { first_name: 'A', last_name: 'B', email: 'not-an-email' } }],
    ['a valid create', { $operation: 'CreateCustomer', campaign: 'Brand A', customer: { first_name: 'A', last_name: 'B', email: 'a@example.com' } }],
    ['a short ID', { $operation: 'EnableCustomer', customer_id: 'ZXZ5PB0B' }],
    ['a valid enable', { $operation: 'EnableCustomer', customer_id: CUSTOMER_ID }],
  ];
  for (const [name, payload] of cases) {
    it(name, async () => {
      const operation = findOperation(String(payload.$operation))!;
      const schemaAccepts = published.get(operation.name)!(payload);
      const { $operation: _name, ...flat } = payload;
      const id = operation.targetIdField ? String(flat[operation.targetIdField]) : '';
      if (operation.targetIdField) delete flat[operation.targetIdField];
      const path = operation.route.path.replace(`{${operation.targetIdField}}`, encodeURIComponent(id));
      const { status, body } = await call('POST', path, { body: flat });
      assert.equal(body.code === 1, schemaAccepts, JSON.stringify(body));
      if (!schemaAccepts) {
        assert.equal(status, 400);
        assert.equal(body.error_code, 'invalid_input');
        assert.match(String(body.message), new RegExp(`^The ${operation.name} input does not match its schema: /`));
      }
    });
  }

  it('names the unknown field, and refuses a body that is not JSON or an ID sent in the body', async () => {
    const unknown = await call('POST', `/customer_portals/${PORTAL_ID}`, { body: { nmae: 'x' } });
    assert.match(String(unknown.body.message), /\/: must NOT have additional properties: "nmae"/);
    const notJson = await call('POST', `/customer_portals/${PORTAL_ID}`, { body: '{"name": ' });
    assert.deepEqual([notJson.status, notJson.body.error_code], [400, 'invalid_json']);
    const twice = await call('POST', `/customer_portals/${PORTAL_ID}`, { body: { customer_portal_id: PORTAL_ID, name: 'x' } });
    assert.deepEqual([twice.status, twice.body.message], [400, `customer_portal_id belongs in the path (/customer_portals/{customer_portal_id}), not in the body.`]);
  });
});

describe('sandbox: keys, the request log and reset', () => {
  it('refuses a call without a key (401, code 0), and says whether a key is test or live', async () => {
    const none = await call('GET', `/customer_portals/${PORTAL_ID}`, { key: '' });
    assert.deepEqual([none.status, none.body.code, none.body.error_code], [401, 0, 'unauthorized']);
    assert.match(String((await call('GET', `/customers/${CUSTOMER_ID}`, { key: 'test_abc' })).body.result), /\(test mode\)/);
    assert.match(String((await call('GET', `/customers/${CUSTOMER_ID}`, { key: 'live_abc' })).body.result), /\(live mode\)/);
    const missing = await sendPlan(await planFor(`{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`), { apiKey: ' ' });
    assert.equal(missing.failure, 'unauthorized', missing.message);
  });

  it('logs each request with the key and secret fields redacted, and reset brings back the seed and an empty log', async () => {
    const secret = '6LcNewSecretKeyValue0000000000000000000';
    const text = `// a comment\n{"$operation":"EditCustomerPortal","$note":"x","customer_portal_id":"${PORTAL_ID}","recaptcha":{"site_key":"6LcSite","secret_key":"${secret}"}}`;
    assert.equal((await sendPlan(await planFor(text), { apiKey: KEY })).ok, true);
    const { requests } = (await (await fetch(`${sandbox.origin}/_sandbox/requests`)).json()) as { requests: Json[] };
    const edit = requests.find((request) => request.operation === 'EditCustomerPortal')!;
    assert.equal(edit.method, 'POST');
    assert.equal(edit.path, `/v2/customer_portals/${PORTAL_ID}`);
    assert.equal((edit.headers as Json)['x-api-key'], '[redacted: x-api-key]');
    assert.deepEqual(edit.body, { recaptcha: { site_key: '6LcSite', secret_key: '[redacted: secret_key]' } });
    const log = JSON.stringify(requests);
    assert.ok(!log.includes(KEY) && !log.includes(secret));
    assert.equal((await read('customer_portals', PORTAL_ID)).recaptcha && ((await read('customer_portals', PORTAL_ID)).recaptcha as Json).secret_key, undefined, 'a read never returns the secret');

    const reset = await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    assert.deepEqual(((await read('customer_portals', PORTAL_ID)).recaptcha as Json).site_key, '6LcBrandASiteKeyExample000000000000000000');
    const afterReset = (await (await fetch(`${sandbox.origin}/_sandbox/requests`)).json()) as { requests: Json[] };
    assert.deepEqual(afterReset.requests.map((request) => request.operation), ['GetCustomerPortal']);
  });

  it('answers an unknown path or method with code 0 pointing at openapi.json', async () => {
    const unknown = await call('GET', '/customer_portal');
    assert.deepEqual([unknown.status, unknown.body.code], [404, 0]);
    assert.match(String(unknown.body.message), /the operations are listed at \/v2\/openapi\.json/);
    const wrongMethod = await call('GET', `/customers/${CUSTOMER_ID}/enable`);
    assert.equal(wrongMethod.status, 405);
  });
});

describe('sandbox: fault modes, and what the send pipeline says of each', () => {
  const enable = `{"$operation":"EnableCustomer","customer_id":"${CUSTOMER_ID}"}`;
  async function sendWithFault(fault: string, timeoutMs?: number) {
    const plan = await planFor(enable);
    plan.request!.headers['x-sandbox-fault'] = fault;
    return sendPlan(plan, { apiKey: KEY, timeoutMs });
  }
  const operationCalls = () => sandbox.requests.filter((request) => request.operation === 'EnableCustomer').length;

  it('500: a server error that says to read back before sending again; the call was not run; one request', async () => {
    const result = await sendWithFault('500');
    assert.equal(result.failure, 'server-error');
    assert.match(result.message, /HTTP 500, a server error/);
    assert.equal((await read('customers', CUSTOMER_ID)).enabled, false);
    assert.equal(operationCalls(), 1);
  });

  it('429: rate limited, nothing retried', async () => {
    const result = await sendWithFault('429');
    assert.equal(result.failure, 'rate-limited');
    assert.match(result.message, /nothing is retried automatically/);
    assert.equal(operationCalls(), 1);
  });

  it('non-json: not a RevCent answer, though the call ran', async () => {
    const result = await sendWithFault('non-json');
    assert.equal(result.failure, 'not-json', result.message);
    assert.equal((await read('customers', CUSTOMER_ID)).enabled, true);
  });

  it('drop: the connection reset mid-answer; the outcome is unknown and nothing is retried', async () => {
    const result = await sendWithFault('drop');
    assert.ok(result.failure === 'connection-reset' || result.failure === 'network', `${result.failure}: ${result.message}`);
    assert.equal(result.sent, true);
    assert.equal(operationCalls(), 1);
  });

  it('huge: an answer over 10 MB is not read', async () => {
    const result = await sendWithFault('huge');
    assert.equal(result.failure, 'too-large', result.message);
  });

  it('delay: a client timeout', async () => {
    const result = await sendWithFault('delay=3000', 300);
    assert.equal(result.failure, 'timeout', result.message);
  });

  it('at start, for every operation call, but never for openapi.json', async () => {
    const faulty = await startSandbox({ seed: defaultSeed(), faults: [{ kind: 'status', status: 500 }] });
    try {
      const routes = await resolveRoutes(faulty.baseUrl);
      assert.equal(routes.kind, 'openapi');
      const plan = buildSendPlan({ text: enable, fileName: 'e.revcent.json', target: { transport: 'rest', baseUrl: faulty.baseUrl, routes } });
      assert.equal((await sendPlan(plan, { apiKey: KEY })).failure, 'server-error');
    } finally {
      await faulty.close();
    }
  });

  it('an unknown fault is refused with the list', async () => {
    const { status, body } = await call('POST', `/customers/${CUSTOMER_ID}/enable`, { headers: { 'x-sandbox-fault': 'explode' } });
    assert.equal(status, 400);
    assert.match(String(body.message), /unknown fault "explode"; the faults are delay=MS, 500, 429, non-json, drop, huge/);
  });
});
