// Opening the examples/ payloads in VS Code: each shows exactly the findings revcent-lint reports for it in CI, with
// its code at the key it is about (what the squiggle and the Problems panel show), and the one warning of examples/,
// on portal-confirm-email-only.revcent.json, says what a send may remove. Read with vscode.languages.getDiagnostics,
// polled until the language server has answered.
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, example, exampleNames, openFile, waitForDiagnostics } from './helpers';

/** Every example and its findings (`npx revcent-lint --format json examples/`, 0-based ranges): no errors anywhere. */
const EXPECTED: Record<string, string[]> = {
  'composite-customer-group.revcent.json': ['information RC024 5:2-5:20', 'information RC024 6:2-6:14'],
  'convert-group-to-manual.revcent.json': ['information RC024 5:2-5:20'],
  'create-customer.revcent.json': [],
  'describe-customer-group.revcent.json': [],
  'disable-customer-group.revcent.json': [],
  'disable-customer-portal.revcent.json': [],
  'enable-customer-group.revcent.json': ['information RC024 5:2-5:11'],
  'enable-customer-portal.revcent.json': ['information RC024 5:2-5:11'],
  'enable-customer.revcent.json': ['information RC024 4:2-4:15'],
  'portal-confirm-email-only.revcent.json': ['information RC024 5:2-5:19', 'warning RC201 5:2-5:19'],
  'portal-display-name-footer.revcent.json': [],
  'portal-emails.revcent.json': ['information RC024 5:2-5:19'],
  'portal-filters.revcent.json': ['information RC024 5:2-5:20'],
  'portal-permissions.revcent.json': ['information RC024 5:2-5:24'],
  'portal-shop-filters.revcent.json': ['information RC024 5:2-5:20'],
  'read-customer-group.revcent.json': [],
  'read-customer-portal.revcent.json': [],
  'read-customer.revcent.json': [],
  'rename-customer-group.revcent.json': [],
  'rename-customer-portal.revcent.json': [],
  'specific-values-group.revcent.json': ['information RC024 5:2-5:20', 'information RC024 6:2-6:14'],
};

suite('diagnostics of the examples', () => {
  suiteSetup(async () => {
    // The files with findings first: once they show theirs, the language server is answering.
    const names = await exampleNames();
    const ordered = [...names.filter((name) => EXPECTED[name]?.length), ...names.filter((name) => !EXPECTED[name]?.length)];
    for (const name of ordered) await openFile(example(name));
  });

  test('the one warning: portal-confirm-email-only.revcent.json, RC201 on `customer_emails`, saying the reset template may be lost', async () => {
    const uri = example('portal-confirm-email-only.revcent.json');
    await waitForDiagnostics(uri, EXPECTED['portal-confirm-email-only.revcent.json']);
    const warning = vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning)!;
    assert.equal(warning.message, '`customer_emails` lacks `customer_account_password_reset`. Send both complete templates: a partial object may leave the password reset email empty.');
    assert.equal(warning.source, 'revcent');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.getText(warning.range), '"customer_emails"', 'the squiggle is under the key');
    // The code links to its rule in docs/rules.md, as the Problems panel shows it.
    const code = warning.code;
    assert.ok(typeof code === 'object' && code !== null, `RC201 has no link to its rule: ${JSON.stringify(code)}`);
    assert.match(code.target.toString(), /\/docs\/rules\.md#rc201-/);
  });

  test('every example shows exactly its findings (as revcent-lint reports them), and none has an error', async () => {
    const names = await exampleNames();
    assert.deepEqual(names, Object.keys(EXPECTED).sort(), 'the examples/ folder holds other files than this test knows');
    for (const name of names) await waitForDiagnostics(example(name), EXPECTED[name]);
    const errors = names.flatMap((name) => vscode.languages.getDiagnostics(example(name)).filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).map((diagnostic) => `${name}: ${codeOf(diagnostic)}`));
    assert.deepEqual(errors, []);
  });
});
