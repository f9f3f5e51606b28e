// Every shipped example, sent as the pipeline sends it, to a local target whose openapi.json lists the catalog's
// operations: the exact method, path, headers and body the target receives; no `$` key and no comment in a body.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { findOperation } from '../../server/src/catalog';
import { sendPlan } from '../../server/src/send/execute';
import { buildSendPlan } from '../../server/src/send/plan';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';
import { catalogSpec, startRecordingServer, type RecordingServer } from './recordingServer';

const EXAMPLES = join(__dirname, '../../examples');
const KEY = 'test_key_examples_0001';

describe('every example, as RevCent receives it', () => {
  let server: RecordingServer;
  before(async () => {
    forgetRoutes();
    server = await startRecordingServer({ spec: catalogSpec() });
  });
  after(() => server.close());

  const files = readdirSync(EXAMPLES).filter((name) => name.endsWith('.revcent.json')).sort();
  it('has examples to send', () => assert.ok(files.length >= 10, files.join()));

  for (const name of files) {
    it(name, async () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const value = parse(text) as Record<string, unknown>;
      const operation = findOperation(value.$operation as string)!;
      const routes = await resolveRoutes(server.baseUrl);
      const plan = buildSendPlan({ text, fileName: `examples/${name}`, target: { transport: 'rest', baseUrl: server.baseUrl, routes } });
      assert.equal(plan.canSend, true, plan.refusal);
      const before = server.operationRequests().length;
      const result = await sendPlan(plan, { apiKey: KEY });
      assert.equal(result.ok, true, result.message);
      const received = server.operationRequests().slice(before);
      assert.equal(received.length, 1);
      const [request] = received;

      const id = operation.targetIdField ? (value[operation.targetIdField] as string) : undefined;
      const expectedPath = '/v2' + operation.route.path.replace(`{${operation.targetIdField}}`, id ?? '');
      const expectedBody = JSON.stringify(Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$') && key !== operation.targetIdField)));
      assert.equal(request.method, operation.route.method);
      assert.equal(request.path, expectedPath);
      assert.equal(request.query, '');
      // A read (GET) has no body: its one field is the ID, in the path.
      assert.equal(request.body, operation.route.method === 'GET' ? '' : expectedBody);
      assert.ok(!request.body.includes('"$'), 'no $ key');
      assert.ok(!/\/\/|\/\*/.test(request.body.replace(/https?:\/\//g, '')), 'no comment');
      assert.equal(request.headers['x-api-key'], KEY);
      assert.equal(request.headers['content-type'], operation.route.method === 'GET' ? undefined : 'application/json');
      assert.equal(request.headers.accept, 'application/json');
      assert.equal(request.headers.authorization, undefined);
      assert.equal(request.headers.cookie, undefined);
      const others = Object.entries(request.headers).filter(([header]) => header !== 'x-api-key');
      assert.ok(!JSON.stringify(others).includes(KEY), 'the key travels only in x-api-key');
    });
  }
});
