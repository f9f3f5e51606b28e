// What a user sees around a payload file in VS Code: `*.revcent.json` opens in the RevCent Payload language (and a
// plain .json file does not), which activates the extension; every command it contributes is registered, the send
// commands among them, and Send… / Preview Request / Copy as cURL stand above `"$operation"`; hovering a key tells
// what the field is and what it risks. The send dialogs themselves are tested in the UI (test/e2e/send.test.ts):
// VS Code refuses modal dialogs in this mode.
import assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, example, exampleNames, hoverText, openFile, poll } from './helpers';

const SEND_COMMANDS = ['revcent.send', 'revcent.previewRequest', 'revcent.compareWithCurrent', 'revcent.copyAsCurl', 'revcent.selectProfile', 'revcent.setApiKey', 'revcent.showHistory'];

suite('the editor around a payload', () => {
  test('*.revcent.json files open as "revcent-json", which activates the extension; a plain .json file stays "json"', async () => {
    for (const name of await exampleNames()) {
      const document = await vscode.workspace.openTextDocument(example(name));
      assert.equal(document.languageId, 'revcent-json', name);
    }
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await openFile(example('rename-customer-portal.revcent.json'));
    await poll(`${EXTENSION_ID} active after a payload file opens`, () => extension.isActive, (active) => active);
    const manifest = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(extension.extensionUri, 'package.json'));
    assert.equal(manifest.languageId, 'json');
  });

  test('every contributed command is registered, the send commands among them', async () => {
    await openFile(example('rename-customer-portal.revcent.json'));
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await poll('the extension active', () => extension.isActive, (active) => active);
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((entry) => entry.command);
    for (const id of SEND_COMMANDS) assert.ok(contributed.includes(id), `${id} is not contributed in package.json`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered: the palette would say "command not found"');
  });

  test('Send…, Preview Request and Copy as cURL stand above "$operation"', async () => {
    const uri = example('rename-customer-portal.revcent.json');
    const document = (await openFile(uri)).document;
    const lenses = await poll(
      'the CodeLenses of rename-customer-portal.revcent.json',
      async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [],
      (found) => found.length > 0,
    );
    assert.deepEqual(lenses.map((lens) => [lens.command?.title, lens.command?.command]), [
      ['$(cloud-upload) Send…', 'revcent.send'],
      ['Preview Request', 'revcent.previewRequest'],
      ['Copy as cURL', 'revcent.copyAsCurl'],
    ]);
    const line = document.lineAt(lenses[0].range.start.line).text;
    assert.match(line, /^\s*"\$operation"\s*:/, `the lenses are above ${JSON.stringify(line)}`);
  });

  test('hovering a key says what the field is and what it risks', async () => {
    const uri = example('portal-confirm-email-only.revcent.json');
    const document = (await openFile(uri)).document;
    const at = (key: string): vscode.Position => {
      const offset = document.getText().indexOf(`"${key}"`);
      assert.ok(offset >= 0, `no "${key}" in ${uri.path}`);
      return document.positionAt(offset + 3);
    };
    const hover = (key: string) =>
      poll(
        `a hover on "${key}"`,
        async () => hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at(key))) ?? []),
        (text) => text.length > 0,
      );
    const emails = await hover('customer_emails');
    assert.match(emails, /^`customer_emails` · object · optional/);
    assert.ok(emails.includes('Send **both** complete templates, each with `{{email_code}}`.'), emails);
    assert.match(await hover('customer_portal_id'), /^`customer_portal_id` · 20-character customer portal ID · required\n\nThe 20-character ID of the customer portal to edit\./);
  });
});
