// The Send command's flow against the sandbox over real HTTP, with the dialogs stubbed at their one seam: cancel
// sends nothing, Send sends exactly the payload, a live target needs the typed ID, a file with errors is refused,
// a second send of the same file waits, and every attempt is in the history with no key in it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Confirmation } from '../../client/src/confirmation';
import { SendHistory } from '../../client/src/history';
import { LOCAL_SANDBOX, readProfiles, type Profile } from '../../client/src/profiles';
import { runSendFlow, type SendRequest, type SendUi } from '../../client/src/sendFlow';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox, type Sandbox } from '../../server/src/sandbox/server';
import type { SendResult } from '../../server/src/send/interpret';
import { buildSendPlan } from '../../server/src/send/plan';
import { compareWithCurrent } from '../../server/src/send/read';
import { forgetRoutes, resolveRoutes } from '../../server/src/send/routes';

const ROOT = resolve(__dirname, '../..');
const RENAME = readFileSync(join(ROOT, 'examples', 'rename-customer-portal.revcent.json'), 'utf8');
const CONFIRM_EMAIL_ONLY = readFileSync(join(ROOT, 'examples', 'portal-confirm-email-only.revcent.json'), 'utf8');
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const KEY = 'test_flow_key_canary_93be';

interface Seen {
  confirmations: Confirmation[];
  typedPrompts: string[];
  refusals: string[];
  failures: string[];
  results: SendResult[];
  verified: string[];
}

function stubUi(answers: { confirm: boolean; typed?: string }, seen: Seen, onProgress?: () => void): SendUi {
  return {
    confirm: async (confirmation) => (seen.confirmations.push(confirmation), answers.confirm),
    askTyped: async (prompt) => (seen.typedPrompts.push(prompt), answers.typed),
    refuse: (message) => void seen.refusals.push(message),
    fail: (message) => void seen.failures.push(message),
    showResult: (result) => void seen.results.push(result),
    verified: (message, differs) => void seen.verified.push(`${differs ? 'differs' : 'same'}: ${message}`),
    withProgress: (_title, run) => {
      onProgress?.();
      return run(new AbortController().signal);
    },
  };
}
const fresh = (): Seen => ({ confirmations: [], typedPrompts: [], refusals: [], failures: [], results: [], verified: [] });

let sandbox: Sandbox;
let folder: string;
let history: SendHistory;
before(async () => {
  sandbox = await startSandbox({ seed: defaultSeed() });
  folder = mkdtempSync(join(tmpdir(), 'revcent-flow-'));
  history = new SendHistory(join(folder, 'history.jsonl'));
});
after(async () => {
  await sandbox.close();
  rmSync(folder, { recursive: true, force: true });
});
afterEach(async () => {
  await fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' });
  forgetRoutes();
});

async function request(text: string, profile: Profile = LOCAL_SANDBOX): Promise<SendRequest> {
  const routes = await resolveRoutes(sandbox.baseUrl);
  const target = { transport: 'rest' as const, baseUrl: sandbox.baseUrl, routes };
  const plan = buildSendPlan({ text, fileName: 'examples/rename-customer-portal.revcent.json', target });
  const compare = (signal: AbortSignal) => compareWithCurrent(plan, target, { apiKey: KEY, signal });
  return { file: 'examples/rename-customer-portal.revcent.json', plan, profile, host: new URL(sandbox.origin).host, credential: KEY, secrets: () => undefined, hidden: [], compare, verifyAfterSend: true };
}
const storedPortal = async () => (await (await fetch(`${sandbox.baseUrl}/customer_portals/${PORTAL_ID}`, { headers: { 'x-api-key': KEY } })).json()) as Record<string, unknown>;
const edits = () => sandbox.requests.filter((entry) => entry.operation === 'EditCustomerPortal');

describe('the send flow', () => {
  it('cancel at the confirmation: nothing reaches the sandbox, and the history says so', async () => {
    const seen = fresh();
    assert.equal(await runSendFlow(await request(RENAME), stubUi({ confirm: false }, seen), history), 'cancelled');
    assert.equal(edits().length, 0);
    assert.match(seen.confirmations[0].detail, /^Operation: EditCustomerPortal on customer_portal_id OLl6G3dZvF6nEIEXpvjV \("Brand A Portal"\)\nTarget: Local sandbox, 127\.0\.0\.1:\d+, test mode\nChanges: name\nCompared with the current record \(GetCustomerPortal\): nothing would be removed\.$/);
    assert.deepEqual([history.entries()[0].outcome, history.entries()[0].message], ['not sent', 'Cancelled at the confirmation.']);
    assert.deepEqual([history.entries()[1].kind, history.entries()[1].operation, history.entries()[1].message], ['read', 'GetCustomerPortal', 'Read: nothing would be removed.']);
  });

  it('an edit that may remove a template: the confirmation says which, the ID must be typed, and the portal then holds what was predicted', async () => {
    const seen = fresh();
    const before = await storedPortal();
    assert.equal(await runSendFlow(await request(CONFIRM_EMAIL_ONLY), stubUi({ confirm: true, typed: PORTAL_ID }, seen), history), 'sent');
    assert.match(seen.confirmations[0].detail, /\nMay remove: the customer_account_password_reset email template\n/);
    assert.match(seen.confirmations[0].detail, /Next, you will type the target ID to confirm/);
    assert.deepEqual(seen.typedPrompts, [`Type the target ID ${PORTAL_ID} to send`]);
    assert.deepEqual(seen.verified, [`same: After the send, ${PORTAL_ID} holds exactly what the comparison showed.`]);
    const after = await storedPortal();
    assert.deepEqual(Object.keys(after.customer_emails as object), ['customer_account_confirm_email'], 'the sandbox replaced customer_emails whole');
    assert.deepEqual(after.name, before.name);
    const kinds = history.entries().slice(0, 3).map((entry) => `${entry.kind ?? 'send'} ${entry.outcome}`);
    assert.deepEqual(kinds, ['read succeeded', 'send succeeded', 'read succeeded'], 'newest first: the read back, the send, the read before');
  });

  it('a read that fails keeps the send possible and the confirmation says why', async () => {
    const seen = fresh();
    const unreadable: SendRequest = { ...(await request(CONFIRM_EMAIL_ONLY)), compare: async () => ({ ok: false, reason: 'Reading it with GetCustomerPortal failed: HTTP 403.' }) };
    assert.equal(await runSendFlow(unreadable, stubUi({ confirm: true, typed: PORTAL_ID }, seen), history), 'sent');
    assert.match(seen.confirmations[0].detail, /\nNot compared with the current record: Reading it with GetCustomerPortal failed: HTTP 403\. What the edit may remove is unknown\.\nMay replace: customer_emails is sent whole/);
    assert.deepEqual(seen.verified, [], 'nothing to verify against');
    assert.equal(edits().length, 1);
    assert.deepEqual([history.entries()[1].kind, history.entries()[1].outcome, history.entries()[1].message], ['read', 'failed', 'Read failed: Reading it with GetCustomerPortal failed: HTTP 403.']);
  });

  it('a record that differs from the prediction after the send is reported, field by field', async () => {
    const seen = fresh();
    // An account that merges nested settings: the read back still holds the template the payload left out.
    const merging = await request(CONFIRM_EMAIL_ONLY);
    const compare = merging.compare!;
    let reads = 0;
    merging.compare = async (signal) => {
      const comparison = await compare(signal);
      if (++reads === 2 && comparison.ok) {
        const emails = comparison.current.customer_emails as Record<string, unknown>;
        emails.customer_account_password_reset = { subject: 'Reset your Brand A password' };
      }
      return comparison;
    };
    assert.equal(await runSendFlow(merging, stubUi({ confirm: true, typed: PORTAL_ID }, seen), history), 'sent');
    assert.deepEqual(seen.verified, [
      `differs: After the send, ${PORTAL_ID} differs from the comparison: \`customer_emails.customer_account_password_reset\` is still there: RevCent kept what the payload left out.`,
    ]);
  });

  it('Send: exactly the payload reaches the sandbox, once, and the response is code 1', async () => {
    const seen = fresh();
    assert.equal(await runSendFlow(await request(RENAME), stubUi({ confirm: true }, seen), history), 'sent');
    const [edit] = edits();
    assert.equal(edits().length, 1);
    assert.equal(edit.path, `/v2/customer_portals/${PORTAL_ID}`);
    assert.deepEqual(edit.body, { name: 'Brand A Customer Portal' });
    assert.equal((edit.headers as Record<string, string>)['x-api-key'], '[redacted: x-api-key]');
    assert.deepEqual([seen.results[0].ok, seen.results[0].code], [true, 1]);
    assert.deepEqual(seen.typedPrompts, [], 'a test target and no high-impact change: no typed ID');
    const last = history.entries().find((entry) => entry.kind !== 'read')!;
    assert.deepEqual([last.outcome, last.targetId, last.apiCallId], ['succeeded', PORTAL_ID, seen.results[0].apiCallId]);
  });

  it('a live target needs the typed ID: a wrong one sends nothing, the right one sends', async () => {
    const live = readProfiles([{ name: 'Brand A live', baseUrl: 'http://127.0.0.1:1/v2', mode: 'live' }]).profiles[1];
    const wrong = fresh();
    assert.equal(await runSendFlow(await request(RENAME, live), stubUi({ confirm: true, typed: 'OLl6G3dZvF6nEIEXpvjW' }, wrong), history), 'cancelled');
    assert.deepEqual(wrong.typedPrompts, [`Type the target ID ${PORTAL_ID} to send`]);
    assert.deepEqual(wrong.failures, [`The typed text did not match ${PORTAL_ID}. Nothing was sent.`]);
    assert.equal(edits().length, 0);
    const dismissed = fresh();
    assert.equal(await runSendFlow(await request(RENAME, live), stubUi({ confirm: true }, dismissed), history), 'cancelled');
    assert.equal(edits().length, 0);
    const right = fresh();
    assert.equal(await runSendFlow(await request(RENAME, live), stubUi({ confirm: true, typed: PORTAL_ID }, right), history), 'sent');
    assert.equal(edits().length, 1);
  });

  it('a file with errors is refused with them, before any dialog', async () => {
    const seen = fresh();
    const broken = RENAME.replace('"name"', '"nmae"');
    assert.equal(await runSendFlow(await request(broken), stubUi({ confirm: true }, seen), history), 'refused');
    assert.deepEqual(seen.confirmations, []);
    assert.match(seen.refusals[0], /^The file has 1 error \(first, line \d+: `nmae` is not a property of this operation\. Did you mean `name`\?\)/);
    assert.equal(edits().length, 0);
  });

  it('no stored key: refused with the command to run', async () => {
    const seen = fresh();
    const withoutKey = { ...(await request(RENAME)), credential: undefined };
    assert.equal(await runSendFlow(withoutKey, stubUi({ confirm: true }, seen), history), 'refused');
    assert.deepEqual(seen.failures, ['No API key is stored for the target "Local sandbox": run "RevCent: Set API Key…" first. Nothing was sent.']);
  });

  it('a second send of the same file while the first runs is refused', async () => {
    const seen = fresh();
    let second: Promise<string> | undefined;
    const again = await request(RENAME);
    const first = runSendFlow(await request(RENAME), stubUi({ confirm: true }, seen, () => {
      second ??= runSendFlow(again, stubUi({ confirm: true }, seen), history);
    }), history);
    assert.equal(await first, 'sent');
    assert.equal(await second, 'busy');
    assert.deepEqual(seen.failures, ['This file is being sent already: wait for that send to end.']);
    assert.equal(edits().length, 1);
  });

  it('a failure shows the transport message and is recorded as failed; no key anywhere in the history', async () => {
    const seen = fresh();
    const missing = await request(RENAME.replace(PORTAL_ID, 'AAAAAAAAAAAAAAAAAAAB'));
    assert.equal(await runSendFlow(missing, stubUi({ confirm: true }, seen), history), 'failed');
    assert.match(seen.failures[0], /^RevCent refused the request \(not_found\): Customer portal AAAAAAAAAAAAAAAAAAAB does not exist\./);
    assert.equal(history.entries()[0].outcome, 'failed');
    assert.ok(!readFileSync(join(folder, 'history.jsonl'), 'utf8').includes(KEY));
  });
});
