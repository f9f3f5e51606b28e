// Knowing what a send may destroy, in a real VS Code (code-server, through the harness in codeServer.ts) with the
// packaged extension, as a newcomer meets it with the one-template example and the Local sandbox: Compare with Current opens the diff editor
// with the password-reset template on the current side only; the confirmation says so in words and asks for the
// ID; after the send the portal holds what the diff showed, and the read back says so. Then "Fill in current
// values" keeps the template, and the send removes nothing. Screenshots in test-output/ (`npm run test:vscode`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureCodeServer, INSTALL_MS, PACKAGE, ROOT, withVSCode } from './codeServer';

const FILE_NAME = 'portal-confirm-email-only.revcent.json';
const EXAMPLE = readFileSync(join(ROOT, 'examples', FILE_NAME), 'utf8');
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const TEST_MS = 300_000;

type Json = Record<string, unknown>;

describe('comparing with the current record (code-server)', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('shows what the one-template edit removes, confirms it in words, sends what the diff showed, and fills the template in', { timeout: TEST_MS }, () =>
    withVSCode({ name: 'compare', files: { [FILE_NAME]: EXAMPLE }, extension: { vsix: PACKAGE } }, async (vscode) => {
      const { see, screenshot, page, editor } = vscode;
      await vscode.openFile(FILE_NAME, { via: 'explorer' });
      await see(page.locator('.statusbar-item', { hasText: 'Local sandbox' }), 'the target in the status bar');
      await vscode.runCommand('RevCent: Start Local Sandbox');
      const started = await vscode.notification(/The RevCent sandbox runs at http:\/\/127\.0\.0\.1:\d+\/v2\./);
      const baseUrl = /(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(started.message)![1];
      await vscode.hideNotifications();
      const portal = async () => (await (await fetch(`${baseUrl}/customer_portals/${PORTAL_ID}`, { headers: { 'x-api-key': 'test_reader' } })).json()) as Json;
      const templates = async () => Object.keys((await portal()).customer_emails as Json);
      assert.deepEqual(await templates(), ['customer_account_confirm_email', 'customer_account_password_reset']);

      // Compare with Current: the diff editor, the template on the current side only, and the removal in words.
      await vscode.runCommand('RevCent: Compare with Current');
      await see(page.locator('.tab.active', { hasText: `${PORTAL_ID}: current ↔ after ${FILE_NAME}` }), 'the diff editor tab');
      const diff = page.locator('.monaco-diff-editor').first();
      await see(diff.locator('.editor.original .view-lines', { hasText: '"customer_account_password_reset"' }), 'the password-reset template on the current side');
      await see(diff.locator('.editor.modified .view-lines:not(.line-delete)', { hasText: 'Confirm your new Brand A account' }), 'the new confirmation subject on the after side');
      assert.doesNotMatch(await diff.locator('.editor.modified .view-lines:not(.line-delete)').innerText(), /customer_account_password_reset/, 'not on the after side');
      await vscode.notification(`sending ${FILE_NAME} may remove the customer_account_password_reset email template`);
      await screenshot('diff');
      await vscode.hideNotifications();

      // Send (back in the payload): the confirmation lists the removal and asks for the ID; the portal then holds
      // what the diff showed.
      await vscode.openFile(FILE_NAME, { via: 'explorer' });
      await vscode.runCommand('RevCent: Send Payload…');
      let dialog = await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/);
      assert.match(dialog.detail, /^Operation: EditCustomerPortal on customer_portal_id OLl6G3dZvF6nEIEXpvjV \("Brand A Portal"\)$/m);
      assert.match(dialog.detail, /^May remove: the customer_account_password_reset email template$/m);
      await screenshot('confirmation-lists-removal');
      await dialog.click('Send');
      await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, PORTAL_ID);
      await vscode.notification(`After the send, ${PORTAL_ID} holds exactly what the comparison showed.`);
      await vscode.hideNotifications();
      assert.deepEqual(await templates(), ['customer_account_confirm_email'], 'the sandbox replaced customer_emails whole, as the diff showed');
      assert.equal(((await portal()).customer_emails as Record<string, Json>).customer_account_confirm_email.subject, 'Confirm your new Brand A account');

      // Fill in current values: after a reset, the quick fix inside customer_emails keeps the template.
      await vscode.runCommand('RevCent: Reset Local Sandbox');
      await vscode.notification('RevCent sandbox is back to its seed');
      await vscode.hideNotifications();
      await vscode.openFile(FILE_NAME, { via: 'explorer' });
      await editor.locator('.view-line', { hasText: '"subject"' }).first().click();
      await (await vscode.codeAction('Fill in current values for `customer_emails`')).click();
      await vscode.notification('kept the current customer_emails.customer_account_password_reset');
      await vscode.hideNotifications();
      await see(editor.locator('.view-lines', { hasText: '"customer_account_password_reset"' }), 'the template filled in, in the editor');
      await screenshot('filled-in');

      await vscode.runCommand('RevCent: Send Payload…');
      dialog = await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/);
      assert.match(dialog.detail, /^Compared with the current record \(GetCustomerPortal\): nothing would be removed\.$/m);
      await dialog.click('Send');
      await vscode.answerInput(/Type the target ID OLl6G3dZvF6nEIEXpvjV to send/, PORTAL_ID); // a high-impact change still asks
      await vscode.notification(`After the send, ${PORTAL_ID} holds exactly what the comparison showed.`);
      assert.deepEqual(await templates(), ['customer_account_confirm_email', 'customer_account_password_reset'], 'the template was kept');
      assert.match(readFileSync(join(vscode.workspace, FILE_NAME), 'utf8'), /"customer_account_password_reset"/, 'the filled-in file was saved before the send');
    }),
  );
});
