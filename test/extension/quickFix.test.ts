// A quick fix as Ctrl+. offers and applies it: a payload with a misspelled key (`nmae`) shows RC010 on it, the code
// actions there start with the preferred "Rename to `name`", and applying it (its edit, then its command, as VS Code
// does) renames the key keeping the value and the comment, after which only the other unknown key is reported. The
// payload is a temporary file, so examples/ is left as it is.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { openFile, waitForDiagnostics } from './helpers';

const PAYLOAD = `// Unknown top-level properties: "nmae" is close to "name", "colour" is close to nothing.
{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "nmae": "VIP Customers", // renamed in the sidebar last week
  "colour": "gold"
}
`;

suite('quick fixes', () => {
  let folder: string;
  let uri: vscode.Uri;
  suiteSetup(() => {
    folder = mkdtempSync(join(tmpdir(), 'revcent-extension-test-'));
    writeFileSync(join(folder, 'vip-group.revcent.json'), PAYLOAD);
    uri = vscode.Uri.file(join(folder, 'vip-group.revcent.json'));
  });
  suiteTeardown(async () => {
    // Closed without saving (a "save?" dialog would be refused in test mode), then removed.
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(folder, { recursive: true, force: true });
  });

  test('"Rename to `name`" on a misspelled key renames it, keeping its value and comment; its error goes away', async () => {
    const editor = await openFile(uri);
    await waitForDiagnostics(uri, ['error RC010 4:2-4:8', 'error RC010 5:2-5:10']);
    const typo = vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.range.start.line === 4)!;
    assert.equal(typo.message, '`nmae` is not a property of this operation. Did you mean `name`?');

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, typo.range)) ?? [];
    const quickFixes = actions.filter((action) => action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind));
    assert.deepEqual(quickFixes.map((action) => action.title), ['Rename to `name`', 'Remove `nmae`', 'Ignore RC010 on this line']);
    const rename = quickFixes[0];
    assert.equal(rename.isPreferred, true, 'the rename is what Ctrl+. selects first');
    assert.ok(rename.edit, 'the rename comes with its edit');

    assert.equal(await vscode.workspace.applyEdit(rename.edit), true);
    if (rename.command) await vscode.commands.executeCommand(rename.command.command, ...(rename.command.arguments ?? []));
    assert.equal(editor.document.getText(), PAYLOAD.replace('"nmae": ', '"name": '));
    assert.equal(editor.document.isDirty, true, 'the fix is an edit to review and save, not a save');
    await waitForDiagnostics(uri, ['error RC010 5:2-5:10']);
  });
});
