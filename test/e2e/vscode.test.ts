// The packaged extension (.vsix from `npm run package`, installed into a fresh code-server through the harness in
// codeServer.ts) on a newcomer's first day, in one VS Code session: a payload with a misspelled key (language mode,
// Problems, a hover, the "Rename to `name`" quick fix), a send refused because of an error, the ignored-branch warning
// in the editor and in Problems and "Strip all unrelated fields", hovers on `salvage_transaction_process` and on a
// risky permission, completion of a permission name, the `{{email_code}}` fix, Preview Request with the key hidden, a
// send over MCP (the client's transports load on first use) to a sandbox target, and the extension's listing in the
// Extensions view. A screenshot of each state in test-output/ (`npm run test:vscode`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox } from '../../server/src/sandbox/server';
import { ensureCodeServer, INSTALL_MS, launchVSCode, PACKAGE, ROOT, type VSCode } from './codeServer';

const fixture = (path: string): string => readFileSync(join(ROOT, 'test', 'fixtures', path), 'utf8');
const FILE_NAME = 'vip-group.revcent.json';
const GROUP_FILE = 'winback-group.revcent.json';
const PORTAL_FILE = 'portal-access.revcent.json';
const PORTAL = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",
  "customer_permissions": {
    "salvage_transaction_process": true,
    "subscription_cancel": false
  },
  "customer_emails": {
    "customer_account_password_reset": {
      "from": "support@brand-a.example",
      "from_name": "Brand A Support",
      "subject": "Reset your password",
      "html": "<p>Click below to reset your password.</p>",
      "to_cc": [],
      "to_bcc": []
    }
  }
}
`;
const TEST_MS = 300_000; // a cold session takes about 15 s; the machine has 2 cores and is shared

const NMAE_MESSAGE = '`nmae` is not a property of this operation. Did you mean `name`?';
const BRANCH_MESSAGE = '`qualifiers.customer_group` is ignored because `qualifier_method` is "specific_values".';
const EMAIL_CODE_MESSAGE = 'The password reset email has no {{email_code}}';

describe('the packaged extension in VS Code (code-server): a first day', () => {
  let vscode: VSCode;
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  before(async () => {
    await ensureCodeServer();
    sandbox = await startSandbox({ seed: defaultSeed() });
    vscode = await launchVSCode({
      name: 'vscode',
      extension: { vsix: PACKAGE },
      settings: { 'revcent.profiles': [{ name: 'Brand A MCP', transport: 'mcp', mcpUrl: sandbox.mcpUrl, mode: 'test' }] },
      files: { [FILE_NAME]: fixture('general/unknown-property-top-level.revcent.json'), [GROUP_FILE]: fixture('customer-group/both-branches-specific-values.revcent.json'), [PORTAL_FILE]: PORTAL },
    });
  }, { timeout: INSTALL_MS });
  after(async () => {
    if (vscode) {
      vscode.saveBrowserLog();
      await vscode.stop();
    }
    await sandbox?.close();
  });
  /** A step of the session: on a failure, test-output/vscode-failure.png shows what the user saw. */
  const step = (journey: () => Promise<void>) => async () => {
    try {
      await journey();
    } catch (error) {
      await vscode.saveFailure();
      throw error;
    }
  };
  /** The rows of the Problems panel, opened from the status bar unless it shows already (the item toggles it). */
  const problemRows = async () => {
    if (!(await vscode.page.locator('.markers-panel').isVisible())) await vscode.openProblems();
    return vscode.page.locator('.markers-panel .monaco-list-row');
  };
  /** The token of a key on the line holding `line` (the comment on line 1 of a fixture may name the key too). */
  const keyToken = (key: string, line: string = key) =>
    vscode.editor.locator('.view-line', { hasText: line }).locator('span span', { hasText: new RegExp(`^"?${key}"?$`) }).first();

  it('is installed from the .vsix, and shows the language mode, the problems, a hover, and applies the quick fix', { timeout: TEST_MS }, step(async () => {
    const { see, screenshot } = vscode;
    assert.deepEqual(vscode.installedExtensions(), ['revcent-payloads.revcent-payloads-0.1.0']);

    // Open the payload from the Explorer, as a user does.
    await see(vscode.explorerItem(FILE_NAME), `${FILE_NAME} in the Explorer`);
    await screenshot('workbench');
    const editor = await vscode.openFile(FILE_NAME, { via: 'explorer' });
    await see(editor.locator('.view-lines', { hasText: '"nmae"' }), 'the payload text in the editor');

    // The status bar names the language mode contributed by package.json.
    await see(vscode.statusBarItem('status.editor.mode').filter({ hasText: 'RevCent Payload' }), 'the language mode "RevCent Payload" in the status bar');
    // The language server's diagnostics: squiggles in the editor.
    await see(editor.locator('.squiggly-error'), 'an error squiggle in the editor');
    await screenshot('diagnostics');

    // The Problems panel, opened from the status bar's problem counts.
    const problems = await problemRows();
    const nmaeProblem = problems.filter({ hasText: NMAE_MESSAGE });
    const colourProblem = problems.filter({ hasText: '`colour` is not a property of this operation' });
    await see(nmaeProblem, `the problem "${NMAE_MESSAGE}" in the Problems panel`);
    await see(colourProblem, 'the problem about `colour` in the Problems panel');
    const nmaeRow = (await nmaeProblem.first().innerText()).replace(/\s+/g, ' ');
    assert.match(nmaeRow, /RC010/, `the Problems panel row does not show the rule code: ${nmaeRow}`);
    assert.match(nmaeRow, /Ln 5, Col 3/, `the Problems panel row does not point at line 5: ${nmaeRow}`);
    assert.match((await colourProblem.first().innerText()).replace(/\s+/g, ' '), /RC010.*Ln 6, Col 3/);
    await screenshot('problems');

    // Hover over `customer_group_id`.
    const hover = await vscode.hover(keyToken('customer_group_id'), '20-character customer group ID', 'customer_group_id');
    await screenshot('hover');
    await vscode.closeHover(hover);

    // The quick fix: cursor on `nmae` (line 5), Ctrl+. opens the code action menu, pick "Rename to `name`".
    await keyToken('nmae', '"VIP Customers"').click();
    await see(vscode.statusBarItem('status.editor.selection').filter({ hasText: 'Ln 5' }), 'the cursor on line 5 (status bar "Ln 5")');
    const action = await vscode.codeAction('Rename to `name`');
    await screenshot('quick-fix-menu');
    await action.click();

    await see(editor.locator('.view-lines', { hasText: '"name": "VIP Customers"' }), 'the editor text `"name": "VIP Customers"` after the quick fix');
    const text = await vscode.editorText();
    const lines = text.split('\n');
    assert.ok(lines.includes('  "name": "VIP Customers", // renamed in the sidebar last week'), `the editor text after the quick fix:\n${text}`);
    assert.ok(!lines.some((line) => line.trimStart().startsWith('"nmae"')), `the misspelled key is still there:\n${text}`);
    // The language server checks the edited text again: only the `colour` problem is left.
    await nmaeProblem.first().waitFor({ state: 'detached' });
    await see(colourProblem, 'the problem about `colour` still listed after the fix');
    await screenshot('after-quick-fix');
  }));

  it('refuses to send a file with an error, and offers the Problems panel', { timeout: TEST_MS }, step(async () => {
    const { page, see } = vscode;
    await vscode.openFile(FILE_NAME, { via: 'explorer' });
    await vscode.runCommand('RevCent: Send Payload…');
    const refusal = await vscode.notification(/RevCent: not sent\. The file has 1 error \(first, line 6: `colour` is not a property of this operation/);
    assert.ok(refusal.buttons.includes('Open Problems'), refusal.buttons.join());
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation for a file with an error');
    await vscode.screenshot('send-refused');
    await refusal.click('Open Problems');
    await see(page.locator('.markers-panel .monaco-list-row', { hasText: '`colour` is not a property of this operation' }), 'the error in the Problems panel');
    await vscode.hideNotifications();
  }));

  it('warns of the ignored qualifier branch in the editor and in Problems, and strips it', { timeout: TEST_MS }, step(async () => {
    const { page, see, screenshot } = vscode;
    const editor = await vscode.openFile(GROUP_FILE, { via: 'explorer' });
    await see(editor.locator('.squiggly-warning'), 'a warning squiggle in the editor');
    const problems = await problemRows();
    const branchProblem = problems.filter({ hasText: BRANCH_MESSAGE });
    await see(branchProblem, 'the ignored-branch warning in the Problems panel');
    assert.match((await branchProblem.first().innerText()).replace(/\s+/g, ' '), /RC101.*Ln 11, Col 5/);
    await screenshot('ignored-branch');

    // Source Action… → "Strip all unrelated fields": the ignored branch goes, the rest stays.
    await keyToken('customer_group', '"not_in_customer_group"').click();
    await vscode.runCommand('Source Action...');
    await (await see(page.locator('.action-widget .monaco-list-row', { hasText: 'Strip all unrelated fields' }), 'the source action "Strip all unrelated fields"')).click();
    await editor.locator('.view-lines', { hasText: '"not_in_customer_group"' }).waitFor({ state: 'detached' });
    const text = await vscode.editorText();
    assert.match(text, /"specific_values": \{/, text);
    assert.match(text, /"lifetime_value": \{ "enabled": true, "min": 500, "max": 999999 \}/, text);
    await branchProblem.first().waitFor({ state: 'detached' });
    await screenshot('branch-stripped');
  }));

  it('explains permissions on hover, completes a permission name, and inserts {{email_code}}', { timeout: TEST_MS }, step(async () => {
    const { page, see, screenshot } = vscode;
    const editor = await vscode.openFile(PORTAL_FILE, { via: 'explorer' });

    let hover = await vscode.hover(keyToken('salvage_transaction_process'), 'pay failed renewals or failed trial expirations', 'salvage_transaction_process');
    assert.match(await hover.innerText(), /customer_permissions\.salvage_transaction_process/);
    await screenshot('hover-salvage');
    await vscode.closeHover(hover);
    hover = await vscode.hover(keyToken('subscription_cancel'), 'with no retention step', 'subscription_cancel');
    assert.match(await hover.innerText(), /High risk/);
    await screenshot('hover-permission');
    await vscode.closeHover(hover);

    // Completion: a new permission on the line after `"subscription_cancel": false`.
    await editor.locator('.view-line', { hasText: '"subscription_cancel": false' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"subscription_re');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'subscription_renew' });
    await see(suggestion, 'subscription_renew in the completion list');
    await screenshot('permission-completion');
    await page.keyboard.press('Enter');
    await see(editor.locator('.view-lines', { hasText: '"subscription_renew": ' }), 'the completed permission name');
    await page.keyboard.press('Escape'); // the value's own suggestions
    await page.keyboard.type('true');
    await see(editor.locator('.view-lines', { hasText: '"subscription_renew": true' }), 'the new permission');

    // The {{email_code}} fix on the password-reset template.
    const problems = await problemRows();
    const emailProblem = problems.filter({ hasText: EMAIL_CODE_MESSAGE });
    await see(emailProblem, 'the missing {{email_code}} warning in the Problems panel');
    await editor.locator('.view-line', { hasText: 'Click below to reset your password.' }).first().click();
    await (await vscode.codeAction('Insert {{email_code}}')).click();
    await see(editor.locator('.view-lines', { hasText: '{{email_code}}' }), '{{email_code}} in the template');
    await emailProblem.first().waitFor({ state: 'detached' });
    assert.match(await vscode.editorText(), /"html": "<p>Click below to reset your password\.<\/p>.*\{\{email_code\}\}.*"/);
    await screenshot('email-code-inserted');
  }));

  it('previews the request with the key hidden', { timeout: TEST_MS }, step(async () => {
    const { page, see } = vscode;
    await vscode.openFile(PORTAL_FILE, { via: 'explorer' });
    await vscode.runCommand('RevCent: Preview Request');
    const view = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'RevCent Request Preview.txt' }) }).locator('.view-lines');
    await see(view.filter({ hasText: 'x-api-key' }), 'the request preview');
    const preview = (await view.innerText()).replace(/\u00a0/g, ' ');
    assert.match(preview, /^POST http:\/\/127\.0\.0\.1:\d+\/v2\/customer_portals\/OLl6G3dZvF6nEIEXpvjV$/m, preview);
    assert.match(preview, /^x-api-key: \[redacted: x-api-key\]$/m, preview);
    assert.ok(!preview.includes('test_local_sandbox'), `the Local sandbox's key is shown:\n${preview}`);
    await vscode.screenshot('preview');
  }));

  it('sends over MCP to a target in the user settings', { timeout: TEST_MS }, step(async () => {
    const { page, see } = vscode;
    await vscode.openFile(PORTAL_FILE, { via: 'explorer' });
    await vscode.runCommand('RevCent: Select Target…');
    await vscode.pickRow('RevCent: Select Target', 'Brand A MCP');
    await see(page.locator('.statusbar-item', { hasText: 'Brand A MCP' }), 'the MCP target in the status bar');
    await vscode.runCommand('RevCent: Set API Key…');
    await vscode.answerInput(/for "Brand A MCP"/, 'test_mcp_token');

    await vscode.runCommand('RevCent: Send Payload…');
    const dialog = await vscode.dialog(/Send: EditCustomerPortal to Brand A MCP\?/);
    await vscode.screenshot('mcp-confirmation');
    await dialog.click('Send');
    // Permissions and emails are high-impact: the ID is typed even on a test target.
    await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, 'OLl6G3dZvF6nEIEXpvjV');
    const view = page.locator('.editor-group-container', { has: page.locator('.tab.active', { hasText: 'RevCent Response.json' }) }).locator('.view-lines');
    await see(view.filter({ hasText: '"code": 1' }), 'code 1 in the response');
    const calls = sandbox.requests.filter((request) => request.operation === 'EditCustomerPortal');
    assert.equal(calls.length, 1, JSON.stringify(sandbox.requests.map((request) => [request.method, request.path, request.operation])));
    assert.equal(calls[0].path, '/mcp');
    const portal = sandbox.store.get('customer_portals', 'OLl6G3dZvF6nEIEXpvjV')!;
    assert.equal((portal.customer_permissions as Record<string, boolean>).subscription_renew, true, 'the completed permission arrived');
    assert.match(((portal.customer_emails as Record<string, Record<string, string>>).customer_account_password_reset).html, /\{\{email_code\}\}/);
    await vscode.screenshot('mcp-response');
  }));

  it('lists itself in the Extensions view with the icon and README from the package', { timeout: TEST_MS }, step(async () => {
    const { page, see } = vscode;
    await vscode.runCommand('Extensions: Show Installed Extensions');
    await (await see(page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'RevCent Payloads' }), 'RevCent Payloads in the installed extensions')).click();
    const details = page.locator('.extension-editor');
    await see(details.locator('.name', { hasText: 'RevCent Payloads' }), 'the extension details');
    const icon = await see(details.locator('img.icon'), 'the extension icon');
    assert.match((await icon.getAttribute('src')) ?? '', /revcent-payloads-0\.1\.0%2Fimages%2Ficon\.png/);
    await page.waitForFunction((image) => (image as unknown as { naturalWidth: number } | null)?.naturalWidth === 256, await icon.elementHandle());
    // The README renders in a webview (an overlay of the workbench, one frame inside another).
    const readme = page.frameLocator('iframe.webview').frameLocator('iframe');
    await see(readme.locator('h2', { hasText: /^revcent-lint$/ }), 'the README in the extension details');
    await vscode.screenshot('extension-details');
  }));
});
