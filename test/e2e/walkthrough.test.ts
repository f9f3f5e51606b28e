// A newcomer's first hour in a real VS Code (code-server, the .vsix installed): with no file open, the walkthrough
// "Send your first RevCent payload", step by step: New Payload… from its task list, a problem and its quick fix, a
// send to the built-in Local sandbox, the response and the history; each step shows as done. Also the language
// status item.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ensureCodeServer, INSTALL_MS, PACKAGE, withVSCode, type VSCode } from './codeServer';

const TEST_MS = 300_000;
const TITLE = 'Send your first RevCent payload';
const STEPS = ['Create a payload from a task', 'See a problem and apply its fix', 'Send it to the Local sandbox', 'Read the response and the history'];

/** Opens the walkthrough from the command palette, as a user finds it. */
async function openWalkthrough(vscode: VSCode): Promise<void> {
  await vscode.runCommand('Welcome: Open Walkthrough...');
  await vscode.pickRow(TITLE, TITLE);
  await vscode.see(vscode.page.locator('.getting-started-step', { hasText: STEPS[0] }), 'the walkthrough');
}

/** The walkthrough's step (the walkthrough opened again if an editor replaced it). */
async function step(vscode: VSCode, title: string) {
  const { page, see } = vscode;
  const tab = page.locator('.tab', { hasText: 'Welcome' });
  if ((await tab.count()) > 0) await tab.first().click();
  if (!(await page.locator('.getting-started-step', { hasText: STEPS[0] }).isVisible())) await openWalkthrough(vscode);
  return see(page.locator('.getting-started-step', { hasText: title }), `the walkthrough step "${title}"`);
}

async function seeDone(vscode: VSCode, title: string): Promise<void> {
  await step(vscode, title);
  await vscode.see(vscode.page.locator('.getting-started-step', { hasText: title }).locator('.codicon-getting-started-step-checked'), `the step "${title}" marked done`);
}

describe('the walkthrough (code-server)', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('takes a newcomer from no file to a response from the Local sandbox, each step marked done', { timeout: TEST_MS }, () =>
    withVSCode({ name: 'walkthrough', extension: { vsix: PACKAGE }, files: {} }, async (vscode) => {
      const { see, screenshot, page } = vscode;
      await openWalkthrough(vscode);
      await see(page.locator('.getting-started-category-title, .category-title', { hasText: TITLE }).first(), 'the walkthrough title');
      for (const title of STEPS) await see(page.locator('.getting-started-step', { hasText: title }), `the step "${title}"`);
      await screenshot('walkthrough');

      // 1. New Payload…, from the step's button.
      const create = await step(vscode, STEPS[0]);
      await (await see(create.locator('.button-link, a, .monaco-button', { hasText: 'New Payload…' }).first(), 'the New Payload… button')).click();
      const tasks = await vscode.quickPickRows('RevCent: New Payload');
      // Grouped by operation, each task with its description (the list shows the first ones; it scrolls).
      assert.match(tasks[0], /^Composite customer group Outreach group built from other groups: .* EditCustomerGroup$/);
      await screenshot('tasks');
      await page.locator('.quick-input-widget .quick-input-box input').fill('rename customer portal');
      await vscode.pickRow('RevCent: New Payload', 'Rename customer portal');
      const editor = vscode.editor;
      await see(editor.locator('.view-lines', { hasText: '"name": "Brand A Customer Portal"' }), 'the new payload');
      await see(page.locator('.tab.active', { hasText: 'Untitled' }), 'an untitled payload');
      await page.keyboard.press('Escape');
      await seeDone(vscode, STEPS[0]);
      assert.equal(await page.locator('.getting-started-step', { hasText: STEPS[1] }).locator('.codicon-getting-started-step-checked').count(), 0, 'the fix step is not done before a fix');

      // 2. A problem and its fix.
      await page.locator('.tab', { hasText: 'Untitled' }).first().click();
      const nameKey = editor.locator('.view-line', { hasText: '"Brand A Customer Portal"' }).locator('span span', { hasText: /^"?name"?$/ }).first();
      await nameKey.dblclick();
      await page.keyboard.type('nmae');
      await see(editor.locator('.squiggly-error'), 'the misspelled key underlined');
      const fix = await vscode.codeAction('Rename to `name`');
      await fix.click();
      await see(editor.locator('.view-lines', { hasText: '"name": "Brand A Customer Portal"' }), 'the key fixed');
      await seeDone(vscode, STEPS[1]);

      // 3. Send to the Local sandbox (the step's button runs the same command as the palette).
      await page.locator('.tab', { hasText: 'Untitled' }).first().click();
      await vscode.runCommand('RevCent: Send Payload…');
      const dialog = await vscode.dialog(/Send: EditCustomerPortal to Local sandbox\?/);
      assert.match(dialog.detail, /^Changes: name$/m);
      await dialog.click('Send');
      await see(page.locator('.tab', { hasText: 'RevCent Response.json' }), 'the response view');
      await see(page.locator('.view-lines', { hasText: '"code": 1' }), 'code 1 in the response');
      await screenshot('response');

      // 4. The history.
      await vscode.runCommand('RevCent: Show Send History');
      const rows = await vscode.quickPickRows('RevCent: Send History');
      const sends = rows.filter((row) => row.includes('EditCustomerPortal OLl6G3dZvF6nEIEXpvjV')); // the reads of the record are listed too
      assert.equal(sends.length, 1, rows.join('\n'));
      assert.match(sends[0], /Customer portal OLl6G3dZvF6nEIEXpvjV updated/);
      await vscode.dismissInput();

      // Every step is marked done.
      await openWalkthrough(vscode);
      for (const title of STEPS) await seeDone(vscode, title);
      await screenshot('all-done');
    }));
});
