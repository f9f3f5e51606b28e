// The extension's send pieces that need no VS Code: targets read from settings, the confirmation's words and when
// the ID must be typed, the history file (redacted, rotated, read back newest first), the Local sandbox child
// process, and the keychain over secret storage.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { confirmationFor } from '../../client/src/confirmation';
import { SendHistory, type HistoryEntry } from '../../client/src/history';
import { credentialKey, credentialProblem, Keychain, secretValueKey } from '../../client/src/keys';
import { activeProfile, LOCAL_SANDBOX, profileHost, readProfiles } from '../../client/src/profiles';
import { startSandboxProcess } from '../../client/src/sandboxProcess';
import { findOperation } from '../../server/src/catalog';
import { predictEdit } from '../../server/src/send/merge';
import { buildSendPlan } from '../../server/src/send/plan';
import type { Comparison } from '../../server/src/send/read';
import { openapiRouteSource, routesFromSpec } from '../../server/src/send/routeTable';
import { catalogSpec } from '../send/recordingServer';

const BASE = 'https://api.revcent.com/v2';
const routes = openapiRouteSource(BASE, routesFromSpec(catalogSpec()));
const plan = (text: string) => buildSendPlan({ text, fileName: 'p.revcent.json', target: { transport: 'rest', baseUrl: BASE, routes } });
const RENAME = '{"$operation":"EditCustomerPortal","customer_portal_id":"OLl6G3dZvF6nEIEXpvjV","name":"Brand A Customer Portal"}';
const FILTERS = '{"$operation":"EditCustomerPortal","customer_portal_id":"OLl6G3dZvF6nEIEXpvjV","customer_filters":{"campaign":["tI61UBsvmY08lV8gX1Z1"],"third_party_shop":[]}}';
const PORTAL = { customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV', name: 'Brand A Portal', customer_filters: { campaign: ['tI61UBsvmY08lV8gX1Z1'], third_party_shop: [] } };
/** The comparison of a payload with a record as read. */
function compared(text: string, current: Record<string, unknown>): Comparison {
  return { ok: true, readOperation: 'GetCustomerPortal', current, prediction: predictEdit(findOperation('EditCustomerPortal')!, current, plan(text).payload!) };
}

describe('targets', () => {
  it('always offer the Local sandbox first, in test mode, and read the user targets', () => {
    const { profiles, problems } = readProfiles([
      { name: 'Brand A test', baseUrl: BASE, mode: 'test' },
      { name: 'Brand A live', baseUrl: BASE },
      { name: 'Agent', transport: 'mcp', mcpUrl: 'https://mcp.example.com/mcp', mode: 'live' },
      { name: 'Local copy', baseUrl: 'http://127.0.0.1:4010/v2' },
    ]);
    assert.deepEqual(problems, []);
    assert.deepEqual(profiles.map((profile) => [profile.name, profile.transport, profile.mode]), [
      ['Local sandbox', 'rest', 'test'],
      ['Brand A test', 'rest', 'test'],
      ['Brand A live', 'rest', 'live'],
      ['Agent', 'mcp', 'live'],
      ['Local copy', 'rest', 'test'],
    ]);
    assert.equal(activeProfile(profiles, 'Brand A live').name, 'Brand A live');
    assert.equal(activeProfile(profiles, 'Gone'), LOCAL_SANDBOX);
    assert.equal(profileHost(profiles[2]), 'api.revcent.com');
    assert.equal(profileHost(LOCAL_SANDBOX, 'http://127.0.0.1:41234'), '127.0.0.1:41234');
  });

  it('refuse, with the reason, a target that is not https away from this machine, or that lacks what it needs', () => {
    const { profiles, problems } = readProfiles([
      { name: 'Plain', baseUrl: 'http://api.revcent.com/v2' },
      { name: 'No URL' },
      { name: 'Odd', transport: 'grpc', baseUrl: BASE },
      { name: 'Local sandbox', baseUrl: BASE },
      { baseUrl: BASE },
      { name: 'Mode', baseUrl: BASE, mode: 'sandbox' },
    ]);
    assert.deepEqual(profiles, [LOCAL_SANDBOX]);
    assert.deepEqual(problems, [
      'revcent.profiles[0] ("Plain") "baseUrl": Refused to send to http://api.revcent.com: only https: URLs are allowed (http: only for 127.0.0.1, [::1] and localhost). Nothing was sent.',
      'revcent.profiles[1] ("No URL") needs "baseUrl".',
      'revcent.profiles[2] ("Odd"): "transport" must be "rest" or "mcp".',
      'revcent.profiles[3]: the name "Local sandbox" is already used.',
      'revcent.profiles[4] needs a "name".',
      'revcent.profiles[5] ("Mode"): "mode" must be "test" or "live".',
    ]);
    assert.deepEqual(readProfiles({ name: 'x' }).problems, ['revcent.profiles must be a list of targets.']);
  });
});

describe('the confirmation', () => {
  const live = readProfiles([{ name: 'Brand A live', baseUrl: BASE }]).profiles[1];

  it('names the operation, the record and its name, the target, host and mode, and the fields that change', () => {
    const confirmation = confirmationFor(plan(RENAME), LOCAL_SANDBOX, '127.0.0.1:41234', compared(RENAME, PORTAL));
    assert.equal(confirmation.message, 'Send: EditCustomerPortal to Local sandbox?');
    assert.equal(
      confirmation.detail,
      [
        'Operation: EditCustomerPortal on customer_portal_id OLl6G3dZvF6nEIEXpvjV ("Brand A Portal")',
        'Target: Local sandbox, 127.0.0.1:41234, test mode',
        'Changes: name',
        'Compared with the current record (GetCustomerPortal): nothing would be removed.',
      ].join('\n'),
    );
    assert.equal(confirmation.needsTypedConfirmation, false);
  });

  it('lists what the edit may remove from the record read, and asks for the ID even on a test target', () => {
    const confirmation = confirmationFor(plan(FILTERS), LOCAL_SANDBOX, '127.0.0.1:41234', compared(FILTERS, { ...PORTAL, customer_filters: { campaign: ['tI61UBsvmY08lV8gX1Z1', 'Zz61UBsvmY08lV8gX1Z2'], third_party_shop: [] } }));
    assert.match(confirmation.detail, /\nMay remove: 1 of 2 campaign filters \(Zz61UBsvmY08lV8gX1Z2\)\n/);
    assert.doesNotMatch(confirmation.detail, /May replace:/, 'the record was read: no guess beside the facts');
    assert.equal(confirmation.needsTypedConfirmation, true);
  });

  it('a read that failed where the edit could remove something: says so, keeps the cautious lines, and sending stays possible', () => {
    const confirmation = confirmationFor(plan(FILTERS), LOCAL_SANDBOX, '127.0.0.1:41234', { ok: false, reason: 'Reading it with GetCustomerPortal failed: the key may not read portals.' });
    assert.match(confirmation.detail, /\nNot compared with the current record: Reading it with GetCustomerPortal failed: the key may not read portals\. What the edit may remove is unknown\.\nMay replace: customer_filters is sent whole/);
    assert.equal(confirmation.message, 'Send: EditCustomerPortal to Local sandbox?');
  });

  it('a live target asks for the ID to be typed, and says LIVE', () => {
    const confirmation = confirmationFor(plan(RENAME), live, 'api.revcent.com');
    assert.equal(confirmation.message, 'Send to LIVE data: EditCustomerPortal to Brand A live?');
    assert.deepEqual([confirmation.needsTypedConfirmation, confirmation.typedConfirmation], [true, 'OLl6G3dZvF6nEIEXpvjV']);
    assert.match(confirmation.detail, /Next, you will type the target ID to confirm \(a live target\)\.$/);
  });

  it('a high-impact change on a test target also asks for the ID, and says what may be replaced and why it matters', () => {
    const confirmation = confirmationFor(plan(FILTERS), LOCAL_SANDBOX, '127.0.0.1:41234');
    assert.equal(confirmation.needsTypedConfirmation, true);
    assert.match(confirmation.detail, /\nMay replace: customer_filters is sent whole; the stored customer_filters may be replaced, losing what this file leaves out\.\n/);
    assert.match(confirmation.detail, /\nHigh impact: customer_filters: /);
    assert.match(confirmation.detail, /\(a high-impact change\)\.$/);
  });

  it('a read is confirmed as a read, and never typed, even on a live target', () => {
    const confirmation = confirmationFor(plan('{"$operation":"GetCustomerPortal","customer_portal_id":"OLl6G3dZvF6nEIEXpvjV"}'), live, 'api.revcent.com');
    assert.equal(confirmation.message, 'Read LIVE data: GetCustomerPortal from Brand A live?');
    assert.match(confirmation.detail, /\nChanges: nothing \(a read\)$/);
    assert.equal(confirmation.needsTypedConfirmation, false);
  });

  it('a create is confirmed with the word new', () => {
    const create = plan('{"$operation":"CreateCustomer","campaign":"tI61UBsvmY08lV8gX1Z1","customer":{"first_name":"A","last_name":"B","email":"a@example.com"}}');
    const confirmation = confirmationFor(create, live, 'api.revcent.com');
    assert.match(confirmation.detail, /^Operation: CreateCustomer on a new record\n/);
    assert.deepEqual([confirmation.needsTypedConfirmation, confirmation.typedConfirmation], [true, 'new']);
    assert.match(confirmation.detail, /type the word new to confirm/);
  });

  it('lists the open warnings with their lines', () => {
    const withWarning = plan('{\n"$operation":"EditCustomerPortal",\n"customer_portal_id":"OLl6G3dZvF6nEIEXpvjV",\n"customer_permissions":{"subscription_cancel":true}\n}');
    const confirmation = confirmationFor(withWarning, LOCAL_SANDBOX, '127.0.0.1:1');
    assert.match(confirmation.detail, /\nOpen warnings \(2\):\n  line 4: /);
  });
});

describe('the send history', () => {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-history-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const entry = (n: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
    time: `2026-12-07T00:00:${String(n).padStart(2, '0')}Z`,
    file: 'examples/rename-customer-portal.revcent.json',
    operation: 'EditCustomerPortal',
    targetId: 'OLl6G3dZvF6nEIEXpvjV',
    target: 'Local sandbox',
    host: '127.0.0.1:41234',
    mode: 'test',
    transport: 'rest',
    outcome: 'succeeded',
    message: 'code 1',
    ...extra,
  });

  it('keeps every attempt, newest first, with every secret hidden', () => {
    const history = new SendHistory(join(folder, 'a', 'history.jsonl'));
    history.append(entry(1), []);
    history.append(entry(2, { outcome: 'failed', message: 'rejected key test_canary_key_123', response: { echo: 'test_canary_key_123', card_number: '4242424242424242' } }), ['test_canary_key_123']);
    history.append(entry(3, { outcome: 'not sent', message: 'Cancelled at the confirmation.' }), []);
    assert.deepEqual(history.entries().map((item) => item.outcome), ['not sent', 'failed', 'succeeded']);
    const text = readFileSync(join(folder, 'a', 'history.jsonl'), 'utf8');
    assert.ok(!text.includes('test_canary_key_123') && !text.includes('4242424242424242'), text);
    assert.equal(history.entries()[1].message, 'rejected key [redacted: secret]');
    assert.equal(statSync(join(folder, 'a', 'history.jsonl')).mode & 0o777, 0o600);
    history.clear();
    assert.deepEqual(history.entries(), []);
  });

  it('rotates past its size limit, keeping one older file, and skips a damaged line', () => {
    const file = join(folder, 'b.jsonl');
    const history = new SendHistory(file, 2000);
    for (let n = 0; n < 20; n++) history.append(entry(n), []);
    assert.ok(statSync(file).size <= 2000);
    assert.ok(statSync(`${file}.1`).size <= 2000);
    const kept = history.entries();
    assert.equal(kept[0].time, entry(19).time);
    assert.ok(kept.length < 20 && kept.length > 4);
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"time": "cut`);
    assert.equal(history.entries().length, kept.length);
  });
});

describe('the Local sandbox process', () => {
  it('starts the sandbox bundle on a free loopback port, answers, and stops with its process group', async () => {
    const sandbox = await startSandboxProcess(join(__dirname, '../../server/out/sandbox.js'));
    try {
      assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v2$/);
      assert.equal(sandbox.mcpUrl, `${sandbox.origin}/mcp`);
      const spec = await fetch(`${sandbox.baseUrl}/openapi.json`);
      assert.equal(spec.status, 200);
    } finally {
      await sandbox.stop();
    }
    await assert.rejects(fetch(`${sandbox.baseUrl}/openapi.json`), 'it is gone');
  });

  it('stops when the process that started it ends, even killed (the pipe it reads closes)', { timeout: 30_000 }, async () => {
    const parentCode = `const { startSandboxProcess } = require(${JSON.stringify(join(__dirname, '../../client/src/sandboxProcess.ts'))});
      startSandboxProcess(${JSON.stringify(join(__dirname, '../../server/out/sandbox.js'))}).then((s) => console.log(s.baseUrl));`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '-e', parentCode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const baseUrl = line.toString().trim();
    assert.equal((await fetch(`${baseUrl}/openapi.json`)).status, 200);
    parent.kill('SIGKILL');
    await once(parent, 'exit');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const answered = await fetch(`${baseUrl}/openapi.json`).then(() => true, () => false);
      if (!answered) break;
      assert.ok(Date.now() < deadline, 'the sandbox outlived the process that started it');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it('says why when it cannot start', async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'revcent-sandbox-')), 'broken.js');
    writeFileSync(script, 'console.error("cannot listen"); process.exit(3);');
    await assert.rejects(startSandboxProcess(script), /^Error: The sandbox stopped before it was ready \(exit 3\):\ncannot listen$/);
  });
});

describe('the keychain', () => {
  function fakes() {
    const values = new Map<string, string>();
    const state = new Map<string, unknown>();
    const secrets = { get: async (key: string) => values.get(key), store: async (key: string, value: string) => void values.set(key, value), delete: async (key: string) => void values.delete(key) };
    const index = { get: <T>(key: string) => state.get(key) as T | undefined, update: async (key: string, value: unknown) => void state.set(key, value) };
    return { values, state, keychain: new Keychain(secrets, index) };
  }

  it('stores values only in secret storage, keeps the list of names beside it, and forgets on delete', async () => {
    const { values, state, keychain } = fakes();
    await keychain.store(credentialKey('Brand A live'), 'live_key_canary_1');
    await keychain.store(secretValueKey('RECAPTCHA'), 'recaptcha_canary_2');
    await keychain.store(credentialKey('Brand A live'), 'live_key_canary_3');
    assert.deepEqual(keychain.storedKeys(), ['revcent.credential:Brand A live', 'revcent.secret:RECAPTCHA']);
    assert.ok(!JSON.stringify([...state]).includes('canary'), 'no value in the name list');
    assert.deepEqual(await keychain.allValues(), ['live_key_canary_3', 'recaptcha_canary_2']);
    await keychain.delete(credentialKey('Brand A live'));
    assert.deepEqual([...values.keys()], ['revcent.secret:RECAPTCHA']);
    assert.deepEqual(keychain.storedKeys(), ['revcent.secret:RECAPTCHA']);
  });

  it('refuses an empty value or one with whitespace, saying why', async () => {
    const { keychain } = fakes();
    assert.equal(credentialProblem(''), 'Enter the value, or press Escape to cancel.');
    assert.equal(credentialProblem('abc def'), 'It contains a space or a line break: paste the value alone.');
    assert.equal(credentialProblem('test_abc'), undefined);
    await assert.rejects(keychain.store(credentialKey('x'), 'a\nb'), /paste the value alone/);
    assert.deepEqual(keychain.storedKeys(), []);
  });
});
