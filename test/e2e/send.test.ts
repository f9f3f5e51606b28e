// Sending from a real VS Code (code-server, through the harness in codeServer.ts, the .vsix installed) as a user
// does it: the Send… CodeLens and the status bar target, the modal confirmation (cancel sends nothing, Send sends
// exactly the payload, checked through the sandbox's request log), the response view and the history; a live target
// that needs the typed ID; a key typed into the password box that no output and no file holds; workspace settings
// that try to redirect the send are ignored. Screenshots of each state in test-output/ (`npm run test:vscode`).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox } from '../../server/src/sandbox/server';
import { ensureCodeServer, INSTALL_MS, OUTPUT, PACKAGE, ROOT, withVSCode, type VSCode } from './codeServer';

const EXAMPLE = readFileSync(join(ROOT, 'examples', 'rename-customer-portal.revcent.json'), 'utf8');
const FILE_NAME = 'rename-customer-portal.revcent.json';
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const CANARY = 'live_key_canary_4c1d9e7b20';
const TEST_MS = 300_000;

type Json = Record<string, unknown>;

async function requestsAt(origin: string): Promise<Json[]> {
  return ((await (await fetch(`${origin}/_sandbox/requests`)).json()) as { requests: Json[] }).requests;
}

/** Every file below a folder that holds `text`. */
function filesHolding(folder: string, text: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const name of entries) {
      const child = join(path, name);
      const stat = statSync(child, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) walk(child);
      else if (stat.isFile() && stat.size < 50 * 1024 * 1024 && readFileSync(child).includes(text)) found.push(child);
    }
  };
  walk(folder);
  return found;
}

async function responseText(vscode: VSCode, contains: string): Promise<string> {
  await vscode.see(vscode.page.locator('.tab', { hasText: 'RevCent Response.json' }), 'the response view tab');
  const view = vscode.page.locator('.editor-group-container', { has: vscode.page.locator('.tab.active', { hasText: 'RevCent Response.json' }) }).locator('.view-lines');
  await vscode.see(view.filter({ hasText: contains }), `the response view showing ${contains}`);
  return (await view.innerText()).replace(/\u00a0/g, ' ');
}

describe('sending from VS Code (code-server)', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('to the built-in Local sandbox: the confirmation, cancel sends nothing, Send sends the payload; a workspace cannot redirect it', { timeout: TEST_MS }, () =>
    withVSCode(
      {
        name: 'send-sandbox',
        extension: { vsix: PACKAGE },
        files: {
          [FILE_NAME]: EXAMPLE,
          // A cloned repository trying to send elsewhere: ignored, the user's own settings decide.
          '.vscode/settings.json': JSON.stringify({ 'revcent.profiles': [{ name: 'Elsewhere', baseUrl: 'https://elsewhere.example.com/v2', mode: 'test' }], 'revcent.activeProfile': 'Elsewhere' }),
        },
      },
      async (vscode) => {
        const { see, screenshot, page } = vscode;
        const editor = await vscode.openFile(FILE_NAME, { via: 'explorer' });
        await see(page.locator('.statusbar-item', { hasText: 'Local sandbox' }), 'the target "Local sandbox" in the status bar');
        await see(editor.locator('.codelens-decoration', { hasText: 'Send…' }), 'the Send… CodeLens above "$operation"');
        await screenshot('payload');

        await vscode.runCommand('RevCent: Send Payload…');
        let dialog = await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/);
        // The record is read first (GetCustomerPortal), so the confirmation names it and says what the edit may remove.
        assert.match(dialog.detail, new RegExp(`^Operation: EditCustomerPortal on customer_portal_id ${PORTAL_ID} \\("Brand A Portal"\\)\\nTarget: Local sandbox, 127\\.0\\.0\\.1:\\d+, test mode\\nChanges: name\\nCompared with the current record \\(GetCustomerPortal\\): nothing would be removed\\.$`));
        assert.ok(dialog.buttons.includes('Send') && dialog.buttons.includes('Cancel'), dialog.buttons.join());
        const origin = `http://${/Target: Local sandbox, (127\.0\.0\.1:\d+),/.exec(dialog.detail)![1]}`;
        await screenshot('confirmation');
        await dialog.click('Cancel');
        assert.deepEqual((await requestsAt(origin)).filter((request) => request.operation).map((request) => request.operation), ['GetCustomerPortal'], 'cancel sends nothing (the record was read)');

        await vscode.runCommand('RevCent: Send Payload…');
        dialog = await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/);
        await dialog.click('Send');
        const response = await responseText(vscode, '"code": 1');
        assert.match(response, /"outcome": "succeeded"/);
        assert.match(response, /RevCent sandbox, a local simulation \(test mode\): Customer portal OLl6G3dZvF6nEIEXpvjV updated\./);
        await screenshot('response');
        const sent = (await requestsAt(origin)).filter((request) => request.operation === 'EditCustomerPortal');
        assert.equal(sent.length, 1);
        assert.deepEqual([sent[0].method, sent[0].path, sent[0].body], ['POST', `/v2/customer_portals/${PORTAL_ID}`, { name: 'Brand A Customer Portal' }]);
        assert.equal((sent[0].headers as Json)['x-api-key'], '[redacted: x-api-key]');
        assert.ok(!(await requestsAt(origin)).some((request) => String(request.path).includes('elsewhere')));

        await vscode.runCommand('RevCent: Show Send History');
        const rows = await vscode.quickPickRows('RevCent: Send History');
        // Newest first; the reads of the record are listed too.
        const sends = rows.filter((row) => row.includes(`EditCustomerPortal ${PORTAL_ID}`));
        assert.equal(sends.length, 2, rows.join('\n'));
        assert.match(sends[0], /Local sandbox \(test\).*RevCent sandbox, a local simulation \(test mode\): Customer portal OLl6G3dZvF6nEIEXpvjV updated\./);
        assert.match(sends[1], /Cancelled at the confirmation\./);
        assert.ok(rows.some((row) => row.includes(`GetCustomerPortal ${PORTAL_ID}`)), rows.join('\n'));
        await screenshot('history');
        await vscode.dismissInput();
      },
    ));

  it('to a live target: the key in the password box, the typed ID (a wrong one sends nothing), and the key in no output or file', { timeout: TEST_MS }, async () => {
    const sandbox = await startSandbox({ seed: defaultSeed() });
    try {
      await withVSCode(
        {
          name: 'send-live',
          extension: { vsix: PACKAGE },
          files: { [FILE_NAME]: EXAMPLE },
          settings: { 'revcent.profiles': [{ name: 'Brand A live', baseUrl: sandbox.baseUrl, mode: 'live' }], 'revcent.activeProfile': 'Brand A live' },
        },
        async (vscode) => {
          const { see, screenshot, page } = vscode;
          await vscode.openFile(FILE_NAME, { via: 'explorer' });
          await see(page.locator('.statusbar-item', { hasText: 'Brand A live (live)' }), 'the live target in the status bar');

          await vscode.runCommand('RevCent: Set API Key…');
          await vscode.answerInput(/API key for "Brand A live"/, CANARY);

          await vscode.runCommand('RevCent: Send Payload…');
          let dialog = await vscode.dialog(/Send to LIVE data: EditCustomerPortal to Brand A live\?/);
          assert.match(dialog.detail, /Next, you will type the target ID to confirm \(a live target\)\.$/);
          await screenshot('live-confirmation');
          await dialog.click('Send');
          await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, 'OLl6G3dZvF6nEIEXpvjW');
          await vscode.notification(/The typed text did not match OLl6G3dZvF6nEIEXpvjV\. Nothing was sent\./);
          await vscode.hideNotifications();
          assert.deepEqual(sandbox.requests.filter((request) => request.operation === 'EditCustomerPortal'), [], 'a wrong ID sends nothing');

          await vscode.runCommand('RevCent: Send Payload…');
          dialog = await vscode.dialog(/Send to LIVE data/);
          await dialog.click('Send');
          await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, PORTAL_ID);
          const response = await responseText(vscode, '"code": 1');
          assert.match(response, /\(live mode\)/, 'the key that arrived is the one typed (not test_)');
          assert.equal(sandbox.requests.filter((request) => request.operation === 'EditCustomerPortal').length, 1);
          await screenshot('live-response');

          await vscode.runCommand('RevCent: Preview Request');
          await see(page.locator('.tab', { hasText: 'RevCent Request Preview.txt' }), 'the request preview tab');
          const preview = (await page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'RevCent Request Preview.txt' }) }).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
          assert.match(preview, /^POST http:\/\/127\.0\.0\.1:\d+\/v2\/customer_portals\/OLl6G3dZvF6nEIEXpvjV$/m, preview);
          assert.match(preview, /^x-api-key: \[redacted: x-api-key\]$/m, preview);
          await screenshot('preview');

          const shown = [response, preview, ...(await vscode.notifications())].join('\n');
          assert.ok(!shown.includes(CANARY), 'the key is shown');
          const holding = [...filesHolding(vscode.userData, CANARY), ...filesHolding(vscode.workspace, CANARY), ...filesHolding(OUTPUT, CANARY)];
          assert.deepEqual(holding, [], 'files holding the key');
        },
      );
    } finally {
      await sandbox.close();
    }
  });
});

describe('sending from VS Code (code-server): targets, secrets, cURL and history', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('selects a target, stores a literal secret through its quick fix, sends it resolved, copies cURL, clears the history', { timeout: TEST_MS }, async () => {
    const SECRET = '6LcLiteralSecretKeyCanary00000000000000';
    const KEY = 'test_brand_a_key_canary_77d1';
    const sandbox = await startSandbox({ seed: defaultSeed() });
    const portal = `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "${PORTAL_ID}",\n  "recaptcha": {\n    "site_key": "6LcBrandASiteKeyExample000000000000000000",\n    "secret_key": "${SECRET}"\n  }\n}\n`;
    try {
      await withVSCode(
        {
          name: 'send-secrets',
          extension: { vsix: PACKAGE },
          files: { 'recaptcha.revcent.json': portal },
          settings: { 'revcent.profiles': [{ name: 'Brand A test', baseUrl: sandbox.baseUrl, mode: 'test' }] },
        },
        async (vscode) => {
          const { see, screenshot, page } = vscode;
          const editor = await vscode.openFile('recaptcha.revcent.json', { via: 'explorer' });
          await see(page.locator('.statusbar-item', { hasText: 'Local sandbox' }), 'the default target');

          await vscode.runCommand('RevCent: Select Target…');
          const rows = await vscode.quickPickRows('RevCent: Select Target');
          assert.deepEqual(rows.map((row) => row.split(' ')[0]), ['Local', 'Brand', 'Add', 'Edit'], rows.join('\n'));
          await screenshot('select-target');
          await vscode.pickRow('RevCent: Select Target', 'Brand A test');
          await see(page.locator('.statusbar-item', { hasText: 'Brand A test' }), 'the chosen target in the status bar');
          // The language status item ({} in the status bar) names the operation and the new target.
          await page.locator('[id="status.languageStatus"]').click();
          const languageStatus = await see(page.locator('.monaco-hover', { hasText: 'EditCustomerPortal' }), 'the language status hover');
          assert.match((await languageStatus.innerText()).replace(/\s+/g, ' '), /EditCustomerPortal.*sent to Brand A test, test mode/);
          await screenshot('language-status');
          await page.keyboard.press('Escape');
          await vscode.runCommand('RevCent: Set API Key…');
          await vscode.answerInput(/API key for "Brand A test"/, KEY);

          // The quick fix moves the literal secret into secret storage and leaves a reference in the file.
          await editor.locator('.view-line', { hasText: SECRET }).locator('span span', { hasText: SECRET }).first().click();
          const fix = await vscode.codeAction('Store the secret in VS Code and use "${secret:RECAPTCHA_SECRET_KEY}"');
          await screenshot('store-secret-fix');
          await fix.click();
          await see(editor.locator('.view-lines', { hasText: '"${secret:RECAPTCHA_SECRET_KEY}"' }), 'the reference in the file');
          await vscode.notification(/the value is stored as \$\{secret:RECAPTCHA_SECRET_KEY\}/);
          await vscode.hideNotifications();
          assert.ok(!(await vscode.editorText()).includes(SECRET));

          await vscode.runCommand('RevCent: Send Payload…');
          const dialog = await vscode.dialog(/Send: EditCustomerPortal to Brand A test\?/);
          assert.match(dialog.detail, /Secrets: \$\{secret:RECAPTCHA_SECRET_KEY\}, filled in from your secret storage\./);
          assert.match(dialog.detail, /^Compared with the current record \(GetCustomerPortal\): nothing would be removed\.$/m);
          assert.match(dialog.detail, /^High impact: recaptcha: replaces the reCAPTCHA keys/m);
          await dialog.click('Send');
          // reCAPTCHA keys are a high-impact change: the ID is typed even on a test target.
          await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, PORTAL_ID);
          await responseText(vscode, '"code": 1');
          assert.equal((sandbox.store.get('customer_portals', PORTAL_ID)!.recaptcha as Json).secret_key, SECRET, 'the value was filled in');
          assert.match(readFileSync(join(vscode.workspace, 'recaptcha.revcent.json'), 'utf8'), /"\$\{secret:RECAPTCHA_SECRET_KEY\}"/, 'saved before sending');

          await vscode.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(vscode.url).origin });
          await vscode.openFile('recaptcha.revcent.json', { via: 'explorer' });
          await vscode.runCommand('RevCent: Copy as cURL');
          await vscode.notification(/the cURL command is on the clipboard; it reads the key from \$REVCENT_API_KEY/);
          await vscode.hideNotifications();
          const curl = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
          assert.match(curl, /^curl /m);
          assert.ok(curl.includes('x-api-key: $REVCENT_API_KEY') && curl.includes('${secret:RECAPTCHA_SECRET_KEY}'), curl);
          assert.ok(!curl.includes(KEY) && !curl.includes(SECRET), curl);

          await vscode.runCommand('RevCent: Clear Send History');
          await (await vscode.dialog(/Clear the RevCent send history\?/)).click('Clear History');
          await vscode.runCommand('RevCent: Show Send History');
          await vscode.notification('RevCent: nothing has been sent yet.');

          const holding = [KEY, SECRET].flatMap((value) => [...filesHolding(vscode.userData, value), ...filesHolding(vscode.workspace, value), ...filesHolding(OUTPUT, value)]);
          assert.deepEqual(holding, [], 'files holding the key or the secret');
        },
      );
    } finally {
      await sandbox.close();
    }
  });
});

describe('sending from VS Code (code-server): the sandbox, new targets and stored values', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('starts, resets and stops the Local sandbox; adds a target; stores and clears its key and a secret', { timeout: TEST_MS }, () =>
    withVSCode(
      {
        name: 'send-commands',
        extension: { vsix: PACKAGE },
        files: {
          [FILE_NAME]: EXAMPLE,
          'create-customer.revcent.json': readFileSync(join(ROOT, 'examples', 'create-customer.revcent.json'), 'utf8'),
        },
      },
      async (vscode) => {
        const { see, screenshot, page } = vscode;
        await vscode.openFile(FILE_NAME, { via: 'explorer' });
        // The palette lists what is registered when it opens: wait until the extension is active.
        await see(page.locator('.statusbar-item', { hasText: 'Local sandbox' }), 'the target in the status bar');

        await vscode.runCommand('RevCent: Start Local Sandbox');
        const started = await vscode.notification(/The RevCent sandbox runs at http:\/\/127\.0\.0\.1:\d+\/v2\./);
        const baseUrl = /(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(started.message)![1];
        await vscode.hideNotifications();
        const portalName = async () => ((await (await fetch(`${baseUrl}/customer_portals/${PORTAL_ID}`, { headers: { 'x-api-key': 'test_reader' } })).json()) as Json).name;
        assert.equal(await portalName(), 'Brand A Portal');

        await vscode.runCommand('RevCent: Send Payload…');
        await (await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/)).click('Send');
        await responseText(vscode, '"code": 1');
        assert.equal(await portalName(), 'Brand A Customer Portal', 'sent to the sandbox that was started');

        await vscode.runCommand('RevCent: Reset Local Sandbox');
        await vscode.notification('RevCent sandbox is back to its seed');
        await vscode.hideNotifications();
        assert.equal(await portalName(), 'Brand A Portal');

        await vscode.runCommand('RevCent: Stop Local Sandbox');
        await vscode.notification('The RevCent sandbox was stopped.');
        await vscode.hideNotifications();
        await assert.rejects(fetch(`${baseUrl}/openapi.json`), 'the sandbox is gone');

        // Add Target…: a URL that is not https away from this machine is refused as it is typed.
        await vscode.runCommand('RevCent: Select Target…');
        await vscode.pickRow('RevCent: Select Target', 'Add Target…');
        await vscode.answerInput(/Add Target \(1\/4\)/, 'Brand B test');
        await vscode.pickRow(/Add Target \(2\/4\)/, 'REST API V2');
        const input = page.locator('.quick-input-widget .quick-input-box input');
        await see(page.locator('.quick-input-widget', { hasText: 'Add Target (3/4)' }), 'the URL step');
        await input.fill('http://api.example.com/v2');
        await see(page.locator('.quick-input-widget', { hasText: 'only https: URLs are allowed' }), 'the URL rule as the user types');
        await screenshot('add-target-refused-url');
        // A loopback port where nothing listens: nothing is reached beyond this machine.
        await vscode.answerInput(/Add Target \(3\/4\)/, 'http://127.0.0.1:9/v2');
        await vscode.pickRow(/Add Target \(4\/4\)/, 'test');
        await vscode.notification('Target "Brand B test" added and selected.');
        await vscode.hideNotifications();
        await see(page.locator('.statusbar-item', { hasText: 'Brand B test' }), 'the new target in the status bar');
        const userSettings = JSON.parse(readFileSync(join(vscode.userData, 'User', 'settings.json'), 'utf8')) as Json;
        assert.deepEqual(userSettings['revcent.profiles'], [{ name: 'Brand B test', transport: 'rest', baseUrl: 'http://127.0.0.1:9/v2', mode: 'test' }]);
        assert.equal(userSettings['revcent.activeProfile'], 'Brand B test');

        // Its key, stored then cleared: a send then says what to run, and sends nothing.
        await vscode.runCommand('RevCent: Set API Key…');
        await vscode.answerInput(/API key for "Brand B test"/, 'test_brand_b_key');
        await vscode.notification('the API key for "Brand B test" is stored');
        await vscode.runCommand('RevCent: Clear API Key');
        await vscode.notification('the key for "Brand B test" is removed');
        await vscode.hideNotifications();
        await vscode.openFile('create-customer.revcent.json', { via: 'explorer' });
        await vscode.runCommand('RevCent: Send Payload…');
        await vscode.notification(/No API key is stored for the target "Brand B test": run "RevCent: Set API Key…" first\. Nothing was sent\./);
        await vscode.hideNotifications();
        assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation without a key');

        // A secret by name (the file has no reference), stored then cleared.
        await vscode.runCommand('RevCent: Set Secret…');
        await vscode.answerInput(/Store a secret/, 'SHOP_TOKEN');
        await vscode.answerInput(/value of \$\{secret:SHOP_TOKEN\}/, 'shop_token_value_1');
        await vscode.notification('${secret:SHOP_TOKEN} is stored.');
        await vscode.runCommand('RevCent: Clear Secret…');
        await vscode.answerInput(/Remove a secret/, 'SHOP_TOKEN');
        await vscode.notification('${secret:SHOP_TOKEN} is removed.');
        await screenshot('stored-values');
      },
    ));
});
