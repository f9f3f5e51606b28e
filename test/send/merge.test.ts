// What an edit may remove: the prediction of the record after an edit (nested objects the catalog marks as possibly
// replaced are replaced whole) and its words, checked against the sandbox after real sends, property-based; and
// revcent-send --diff, the --yes refusal and --allow-removals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { findOperation } from '../../server/src/catalog';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox, type Sandbox } from '../../server/src/sandbox/server';
import { sendPlan } from '../../server/src/send/execute';
import { predictEdit } from '../../server/src/send/merge';
import { buildSendPlan, type SendTarget } from '../../server/src/send/plan';
import { readCurrent } from '../../server/src/send/read';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';
import { startRecordingServer, catalogSpec } from './recordingServer';

type Json = Record<string, unknown>;
const ROOT = resolve(__dirname, '../..');
const KEY = 'test_merge_key';
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const GROUP_ID = 'JJVt4tGiuwLw2EuFwAl5';
const portalEdit = findOperation('EditCustomerPortal')!;
const groupEdit = findOperation('EditCustomerGroup')!;
const seedPortal = () => defaultSeed().customer_portals.find((portal) => portal.customer_portal_id === PORTAL_ID)!;
const seedGroup = (id = GROUP_ID) => defaultSeed().customer_groups.find((group) => group.customer_group_id === id)!;

let sandbox: Sandbox;
let folder: string;
before(async () => {
  sandbox = await startSandbox({ seed: defaultSeed() });
  folder = mkdtempSync(join(tmpdir(), 'revcent-merge-'));
});
after(async () => {
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(async () => {
  await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
  forgetRoutes();
});

async function target(): Promise<SendTarget> {
  return { transport: 'rest', baseUrl: sandbox.baseUrl, routes: await resolveRoutes(sandbox.baseUrl) };
}

describe('what an edit may remove, in words', () => {
  it('a portal email template, a permission, a reCAPTCHA key, filter IDs', () => {
    const { removals } = predictEdit(portalEdit, seedPortal(), {
      customer_portal_id: PORTAL_ID,
      customer_emails: { customer_account_confirm_email: (seedPortal().customer_emails as Json).customer_account_confirm_email },
      customer_permissions: { subscription_cancel: false },
      recaptcha: { site_key: 'x' },
      customer_filters: { campaign: [], third_party_shop: [] },
    });
    assert.deepEqual(removals, [
      'the `customer_account_password_reset` email template',
      '11 of 12 permissions (`contact_modify`, `credit_card_add`, `credit_card_remove`, ...)',
      'the `secret_key` reCAPTCHA key',
      '1 of 1 campaign filter (`tI61UBsvmY08lV8gX1Z1`)',
    ]);
  });

  it('a qualifier branch, and the criteria left out of a branch sent again', () => {
    const winback = seedGroup();
    const { removals, after } = predictEdit(groupEdit, winback, {
      customer_group_id: GROUP_ID,
      qualifier_method: 'specific_values',
      qualifiers: { specific_values: { values: { has_no_sales: false, lifetime_value: { enabled: true, min: 500, max: 999999 } } } },
    });
    assert.deepEqual(removals, ['`qualifiers.specific_values.filters`', '`qualifiers.specific_values.subscription_options`', '`qualifiers.specific_values.values.days_last_sale`']);
    assert.deepEqual(after.qualifiers, { specific_values: { values: { has_no_sales: false, lifetime_value: { enabled: true, min: 500, max: 999999 } } } });
    const outreach = seedGroup('GAFC8xtW1Zhd7lEb2gh9');
    assert.deepEqual(predictEdit(groupEdit, outreach, { customer_group_id: 'GAFC8xtW1Zhd7lEb2gh9', qualifiers: {} }).removals, ['the `customer_group` qualifier branch']);
  });

  it('nothing for a complete object, a top-level value, or a field the record did not have', () => {
    assert.deepEqual(predictEdit(portalEdit, seedPortal(), { customer_portal_id: PORTAL_ID, name: 'New', customer_permissions: seedPortal().customer_permissions }).removals, []);
    const staging = defaultSeed().customer_portals[1];
    assert.deepEqual(predictEdit(portalEdit, staging, { customer_portal_id: staging.customer_portal_id, customer_emails: {} }).removals, []);
  });
});

describe('the prediction is what the sandbox holds after the send', () => {
  const permissionKeys = Object.keys(seedPortal().customer_permissions as Json);
  const portalPayload = fc.record(
    {
      name: fc.constantFrom('Brand A Portal', 'Renamed portal'),
      enabled: fc.boolean(),
      customer_permissions: fc.dictionary(fc.constantFrom(...permissionKeys), fc.boolean(), { minKeys: 1 }),
      customer_filters: fc.record({ campaign: fc.subarray(['tI61UBsvmY08lV8gX1Z1', 'Qm3kT8vWc1ZyR5nP0aLd']), third_party_shop: fc.constant([]) }, { requiredKeys: [] }),
      recaptcha: fc.constant({ site_key: '6LcNewSiteKey', secret_key: '6LcNewSecretKey' }),
    },
    { requiredKeys: [] },
  );
  const groupPayload = fc.record(
    {
      name: fc.constant('Renamed group'),
      qualifier_method: fc.constantFrom('specific_values', 'customer_group', 'none'),
      qualifiers: fc.oneof(
        fc.constant({}),
        fc.record({ specific_values: fc.record({ values: fc.record({ has_no_sales: fc.boolean() }) }) }),
        fc.record({ customer_group: fc.record({ in_any_customer_group: fc.subarray(['v9fLpBfXwmlfsPx7cEie', 's9y22mlbbx8FyIJfdFKv']) }, { requiredKeys: [] }) }),
      ),
    },
    { requiredKeys: [] },
  );

  async function sendAndRead(operation: string, id: Json, payload: Json): Promise<{ predicted: Json; stored: Json }> {
    const text = JSON.stringify({ $operation: operation, ...id, ...payload });
    const plan = buildSendPlan({ text, fileName: 'p.revcent.json', target: await target() });
    assert.equal(plan.canSend, true, plan.refusal);
    const current = await readCurrent(plan, await target(), { apiKey: KEY });
    assert.ok(current.ok, current.ok ? '' : current.reason);
    const predicted = predictEdit(findOperation(operation)!, current.record, plan.payload!).after;
    const result = await sendPlan(plan, { apiKey: KEY });
    assert.equal(result.ok, true, result.message);
    const stored = await readCurrent(plan, await target(), { apiKey: KEY });
    assert.ok(stored.ok);
    await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
    // Reads never return write-only secrets: compare what a read shows.
    const shown = (record: Json) => JSON.parse(JSON.stringify(record, (key, value) => (key === 'secret_key' ? undefined : value))) as Json;
    return { predicted: shown(predicted), stored: shown(stored.record) };
  }

  it('for portal edits', async () => {
    await fc.assert(
      fc.asyncProperty(portalPayload, async (payload) => {
        const { predicted, stored } = await sendAndRead('EditCustomerPortal', { customer_portal_id: PORTAL_ID }, payload);
        assert.deepEqual(stored, predicted);
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });

  it('for customer group edits', async () => {
    await fc.assert(
      fc.asyncProperty(groupPayload, async (payload) => {
        const { predicted, stored } = await sendAndRead('EditCustomerGroup', { customer_group_id: GROUP_ID }, payload);
        assert.deepEqual(stored, predicted);
      }),
      { numRuns: 25, seed: 20261207 },
    );
  });
});

describe('reading the record first', () => {
  it('says why it cannot: no read route in the spec, no key, an answer without the record fields', async () => {
    const text = JSON.stringify({ $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, customer_filters: { campaign: [] } });
    const recording = await startRecordingServer({ spec: catalogSpec({}, ['GetCustomerPortal']) });
    try {
      const routes = await resolveRoutes(recording.baseUrl);
      const plan = buildSendPlan({ text, fileName: 'p.revcent.json', target: { transport: 'rest', baseUrl: recording.baseUrl, routes } });
      const noRoute = await readCurrent(plan, { transport: 'rest', baseUrl: recording.baseUrl, routes }, { apiKey: KEY });
      assert.deepEqual(noRoute, { ok: false, reason: `${recording.baseUrl}/openapi.json lists no GetCustomerPortal, so the current record cannot be read.` });
    } finally {
      await recording.close();
    }
    const plan = buildSendPlan({ text, fileName: 'p.revcent.json', target: await target() });
    assert.deepEqual(await readCurrent(plan, await target(), {}), { ok: false, reason: 'No API key was given, so the current record cannot be read.' });
  });
});

describe('revcent-send --diff, and --yes when the edit may remove something', () => {
  const ONE_TEMPLATE = JSON.stringify({
    $operation: 'EditCustomerPortal',
    customer_portal_id: PORTAL_ID,
    customer_emails: { customer_account_confirm_email: (seedPortal().customer_emails as Json).customer_account_confirm_email },
  });
  async function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [join(ROOT, 'server', 'out', 'send.js'), ...args], { env: { PATH: process.env.PATH ?? '', REVCENT_API_KEY: KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [status] = (await once(child, 'close')) as [number | null];
    return { status, stdout, stderr };
  }
  const edits = () => sandbox.requests.filter((request) => request.operation === 'EditCustomerPortal').length;

  it('--diff on the shipped one-template example prints the diff and what may be removed, sends nothing, exits 3; 0 when nothing may be', async () => {
    const diff = await run(['--base-url', sandbox.baseUrl, '--diff', join(ROOT, 'examples', 'portal-confirm-email-only.revcent.json')]);
    assert.equal(diff.status, 3, diff.stderr);
    assert.match(diff.stdout, /^--- current \(GetCustomerPortal OLl6G3dZvF6nEIEXpvjV\)\n\+\+\+ after the edit \(if nested objects are replaced whole\)\n@@ /);
    assert.match(diff.stdout, /^-    "customer_account_password_reset": \{$/m);
    assert.match(diff.stdout, /^\+      "subject": "Confirm your new Brand A account",$/m);
    assert.match(diff.stdout.trimEnd(), /\nMay remove:\n {2}the `customer_account_password_reset` email template$/);
    assert.equal(edits(), 0);
    const complete = join(folder, 'complete.revcent.json');
    writeFileSync(complete, JSON.stringify({ $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, customer_emails: seedPortal().customer_emails }));
    const none = await run(['--base-url', sandbox.baseUrl, '--diff', complete]);
    assert.equal(none.status, 0, none.stderr);
    assert.match(none.stdout.trimEnd(), /\nNothing would be removed\.$/);
  });

  it('--yes refuses (exit 3, nothing sent) unless --allow-removals is given', async () => {
    const file = join(folder, 'one-template-send.revcent.json');
    writeFileSync(file, ONE_TEMPLATE);
    const refused = await run(['--base-url', sandbox.baseUrl, '--yes', PORTAL_ID, file]);
    assert.equal(refused.status, 3);
    assert.match(refused.stderr, /this edit may remove what is listed above\. Keep it in the payload, or run again with --allow-removals to send as it is\. Nothing was sent\./);
    assert.equal(edits(), 0);
    const allowed = await run(['--base-url', sandbox.baseUrl, '--yes', PORTAL_ID, '--allow-removals', file]);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.equal(edits(), 1);
  });

  it('--yes where the record cannot be read: says so, exit 3, sends only with --allow-removals', async () => {
    const recording = await startRecordingServer({ spec: catalogSpec({}, ['GetCustomerPortal']) });
    try {
      const file = join(folder, 'unreadable.revcent.json');
      writeFileSync(file, ONE_TEMPLATE);
      const refused = await run(['--base-url', recording.baseUrl, '--yes', PORTAL_ID, file]);
      assert.equal(refused.status, 3);
      assert.match(refused.stderr, /the record could not be read first, so what this edit may remove is unknown: .*lists no GetCustomerPortal.* Run again with --allow-removals to send anyway\. Nothing was sent\./);
      assert.equal(recording.operationRequests().length, 0);
      const allowed = await run(['--base-url', recording.baseUrl, '--yes', PORTAL_ID, '--allow-removals', file]);
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.equal(recording.operationRequests().length, 1);
    } finally {
      await recording.close();
    }
  });
});
