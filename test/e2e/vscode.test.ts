// The extension in a real VS Code (code-server, through the harness in codeServer.ts) as a user sees it: a payload with a misspelled key, its language mode, the Problems panel, a hover and the "Rename to `name`" quick fix, with a screenshot of each state in test-output/ (`npm run test:vscode`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureCodeServer, INSTALL_MS, ROOT, withVSCode } from './codeServer';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'general', 'unknown-property-top-level.revcent.json');
const FILE_NAME = 'vip-group.revcent.json';
const TEST_MS = 300_000; // a cold run takes about 15 s; the machine has 2 cores and is shared

const NMAE_MESSAGE = '`nmae` is not a property of this operation. Did you mean `name`?';
const HOVER_TEXT = '20-character customer group ID';
const QUICK_FIX = 'Rename to `name`';

describe('VS Code (code-server) with the extension loaded', () => {
  before(() => ensureCodeServer(), { timeout: INSTALL_MS });

  it('shows the language mode, the problems, a hover, and applies the quick fix', { timeout: TEST_MS }, () =>
    // This checkout, loaded unpacked as an extension under development (the harness's default).
    withVSCode({ name: 'vscode', files: { [FILE_NAME]: readFileSync(FIXTURE, 'utf8') } }, async (vscode) => {
      const { see, screenshot } = vscode;

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
      const problems = await vscode.openProblems();
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
      const key = editor.locator('.view-line span span', { hasText: /^"?customer_group_id"?$/ }).first();
      const hover = await vscode.hover(key, HOVER_TEXT, 'customer_group_id');
      await screenshot('hover');
      await vscode.closeHover(hover);

      // The quick fix: cursor on `nmae`, Ctrl+. opens the code action menu, pick "Rename to `name`".
      // (The comment on line 1 also mentions "nmae": click the key token of line 5.)
      await editor.locator('.view-line', { hasText: '"VIP Customers"' }).locator('span span', { hasText: /^"?nmae"?$/ }).first().click();
      await see(vscode.statusBarItem('status.editor.selection').filter({ hasText: 'Ln 5' }), 'the cursor on line 5 (status bar "Ln 5")');
      const action = await vscode.codeAction(QUICK_FIX);
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
});
