// The extension in a real VS Code, as a user sees it: code-server (VS Code's server and workbench, installed into
// .vscode-test/ by scripts/installCodeServer.sh) loads this checkout unpacked as an extension under development,
// and Debian's Chromium, driven by playwright-core, opens a payload with a misspelled key. The test checks the
// language mode in the status bar, the Problems panel, a hover and the "Rename to `name`" quick fix, and saves a
// screenshot of each state into test-output/. Run with `npm run test:vscode` (it builds and installs first).
// The harness (code-server, Chromium, clean-up) is in codeServer.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openWorkbench, ROOT, UI_MS, type Workbench } from './codeServer';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'general', 'unknown-property-top-level.revcent.json');
const FILE_NAME = 'vip-group.revcent.json';
const TEST_MS = 300_000;

const NMAE_MESSAGE = '`nmae` is not a property of this operation. Did you mean `name`?';
const HOVER_TEXT = '20-character customer group ID';
const QUICK_FIX = 'Rename to `name`';

describe('VS Code (code-server) with the extension loaded', () => {
  let workbench: Workbench | undefined;
  after(async () => {
    await workbench?.stop();
  });

  it('shows the language mode, the problems, a hover, and applies the quick fix', { timeout: TEST_MS }, async () => {
    workbench = await openWorkbench({ name: 'vscode', files: { [FILE_NAME]: readFileSync(FIXTURE, 'utf8') } });
    try {
      await runScenario(workbench);
    } catch (error) {
      await workbench.saveFailure();
      throw error;
    } finally {
      workbench.saveBrowserLog();
    }
  });
});

async function runScenario({ page, see, screenshot }: Workbench): Promise<void> {
  
  // Open the payload from the Explorer, as a user does.
  const explorerRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE_NAME });
  await see(explorerRow, `${FILE_NAME} in the Explorer`);
  await screenshot('workbench');
  await explorerRow.first().click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await see(page.locator('.tabs-container .tab.active', { hasText: FILE_NAME }), `an editor tab for ${FILE_NAME}`);
  await see(editor.locator('.view-lines', { hasText: '"nmae"' }), 'the payload text in the editor');

  // The status bar names the language mode contributed by package.json.
  await see(page.locator('[id="status.editor.mode"]', { hasText: 'RevCent Payload' }), 'the language mode "RevCent Payload" in the status bar');
  // The language server's diagnostics: squiggles in the editor.
  await see(editor.locator('.squiggly-error'), 'an error squiggle in the editor');
  await screenshot('diagnostics');

  // The Problems panel, opened from the status bar's problem counts.
  await page.locator('[id="status.problems"]').click();
  const problems = page.locator('.markers-panel .monaco-list-row');
  const nmaeProblem = problems.filter({ hasText: NMAE_MESSAGE });
  const colourProblem = problems.filter({ hasText: '`colour` is not a property of this operation' });
  await see(nmaeProblem, `the problem "${NMAE_MESSAGE}" in the Problems panel`);
  await see(colourProblem, 'the problem about `colour` in the Problems panel');
  const nmaeRow = (await nmaeProblem.first().innerText()).replace(/\s+/g, ' ');
  assert.match(nmaeRow, /RC010/, `the Problems panel row does not show the rule code: ${nmaeRow}`);
  assert.match(nmaeRow, /Ln 5, Col 3/, `the Problems panel row does not point at line 5: ${nmaeRow}`);
  assert.match((await colourProblem.first().innerText()).replace(/\s+/g, ' '), /RC010.*Ln 6, Col 3/);
  await screenshot('problems');

  // Hover over `customer_group_id`; move the mouse away and back if the first hover does not take.
  const key = editor.locator('.view-line span span', { hasText: /^"?customer_group_id"?$/ }).first();
  const hover = page.locator('.monaco-hover', { hasText: HOVER_TEXT });
  const hoverDeadline = Date.now() + UI_MS;
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await key.hover();
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      if (Date.now() > hoverDeadline) {
        throw new Error(`no hover containing "${HOVER_TEXT}" over customer_group_id after ${attempt} attempts: ${String(error).split('\n')[0]}`);
      }
    }
  }
  await screenshot('hover');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await hover.first().waitFor({ state: 'hidden' });

  // The quick fix: cursor on `nmae`, Ctrl+. opens the code action menu, pick "Rename to `name`".
  // (The comment on line 1 also mentions "nmae": click the key token of line 5.)
  await editor.locator('.view-line', { hasText: '"VIP Customers"' }).locator('span span', { hasText: /^"?nmae"?$/ }).first().click();
  await see(page.locator('[id="status.editor.selection"]', { hasText: 'Ln 5' }), 'the cursor on line 5 (status bar "Ln 5")');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: QUICK_FIX });
  const actionDeadline = Date.now() + UI_MS;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Period');
    try {
      await action.first().waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      // The code actions arrive from the language server; ask again if the menu opened empty or not at all.
      await page.keyboard.press('Escape');
      if (Date.now() > actionDeadline) {
        throw new Error(`no "${QUICK_FIX}" in the Ctrl+. menu after ${attempt} attempts: ${String(error).split('\n')[0]}`);
      }
    }
  }
  await screenshot('quick-fix-menu');
  await action.first().click();

  await see(editor.locator('.view-lines', { hasText: '"name": "VIP Customers"' }), 'the editor text `"name": "VIP Customers"` after the quick fix');
  const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  const lines = text.split('\n');
  assert.ok(lines.includes('  "name": "VIP Customers", // renamed in the sidebar last week'), `the editor text after the quick fix:\n${text}`);
  assert.ok(!lines.some((line) => line.trimStart().startsWith('"nmae"')), `the misspelled key is still there:\n${text}`);
  // The language server checks the edited text again: only the `colour` problem is left.
  await nmaeProblem.first().waitFor({ state: 'detached' });
  await see(colourProblem, 'the problem about `colour` still listed after the fix');
  await screenshot('after-quick-fix');
}
