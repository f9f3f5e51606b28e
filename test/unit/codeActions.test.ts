// Code actions through the language service, as the editor's light bulb and "fix on save" see them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createRevcentService } from '../../server/src/service';
import { analyzePayload } from '../../server/src/service/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const service = createRevcentService({ rulesDocumentUrl: 'file:///docs/rules.md' });

function documentOf(text: string): TextDocument {
  return TextDocument.create('file:///p.revcent.json', 'revcent-json', 1, text);
}

function apply(document: TextDocument, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[document.uri] ?? [];
  return TextDocument.applyEdits(document, edits);
}

function actionsFor(document: TextDocument, diagnostics: Diagnostic[], only?: string[]): CodeAction[] {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return service.codeActions(document, range, { diagnostics, only }, DEFAULT_SETTINGS);
}

const IGNORED_BRANCH = `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "qualifier_method": "none",
  "qualifiers": { "customer_group": { "in_any_customer_group": ["Q2h7TgLx9PaVn3RcKd8E"] } }
}`;

describe('quick fixes', () => {
  it('are tied to their diagnostic, with the obvious one preferred', () => {
    const document = documentOf(IGNORED_BRANCH);
    const diagnostics = service.validate(document).filter((d) => d.code === 'RC101');
    const actions = actionsFor(document, diagnostics);
    const preferred = actions.filter((action) => action.isPreferred);
    assert.equal(preferred.length, 1);
    assert.deepEqual(preferred[0].diagnostics, diagnostics);
    assert.equal(preferred[0].title, 'Replace with `"qualifiers": {}`');
    assert.equal(apply(document, preferred[0]), IGNORED_BRANCH.replace(/"qualifiers": \{.*\}\n/, '"qualifiers": {}\n'));
  });

  it('are found by rule code and node even when the editor reworded the message', () => {
    const document = documentOf(IGNORED_BRANCH);
    const diagnostics = service.validate(document).filter((d) => d.code === 'RC101').map((d) => ({ ...d, message: 'reworded' }));
    assert.ok(actionsFor(document, diagnostics).some((action) => action.isPreferred));
  });

  it('offer none for a diagnostic of another source', () => {
    const document = documentOf(IGNORED_BRANCH);
    const [diagnostic] = service.validate(document).filter((d) => d.code === 'RC101');
    const quickFixes = actionsFor(document, [{ ...diagnostic, source: 'json' }]).filter((action) => action.kind === 'quickfix');
    assert.deepEqual(quickFixes, []);
  });

  it('include "Ignore on this line", which inserts the suppression comment with the line indentation', () => {
    const document = documentOf(IGNORED_BRANCH);
    const diagnostics = service.validate(document).filter((d) => d.code === 'RC101');
    const ignore = actionsFor(document, diagnostics).find((action) => action.title === 'Ignore RC101 on this line')!;
    const result = apply(document, ignore);
    assert.ok(result.includes('  "qualifier_method": "none",\n  // revcent-disable-next-line RC101\n  "qualifiers"'));
    assert.deepEqual(service.validate(documentOf(result)).filter((d) => d.code === 'RC101'), []);
  });

  it('are not offered while the file does not parse', () => {
    const document = documentOf('{ "$operation": "EnableCustomer", ');
    const diagnostics = service.validate(document);
    assert.equal(diagnostics[0].code, 'RC001');
    assert.deepEqual(actionsFor(document, diagnostics, undefined), []);
    assert.deepEqual(actionsFor(document, [], ['source.fixAll']), []);
  });
});

describe('source actions', () => {
  const UNRELATED = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "name": "Brand A Customer Portal",
  "customer_permissions": {},
  "create_non_existing_customer": false,
  "create_non_existing_customer_campaign": "Hs4KpT7wQz1NdR8mXc2L"
}`;

  it('"source.fixAll.revcent" applies every automatic fix, for editor.codeActionsOnSave', () => {
    const document = documentOf(IGNORED_BRANCH.replace('"none"', '"None"'));
    const [fixAll] = actionsFor(document, [], ['source.fixAll']);
    assert.equal(fixAll.kind, 'source.fixAll.revcent');
    assert.equal(fixAll.title, 'Fix all auto-fixable RevCent problems');
    // The typo is corrected; the qualifiers that "none" ignores stay for the user to strip or keep.
    assert.equal(apply(document, fixAll), IGNORED_BRANCH);
  });

  it('"source.fixAll.revcent" leaves the fixes that need a decision: risky permissions, templates to review', () => {
    const text = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "customer_permissions": { "subscription_cancel": true, "contact_modfy": true }
}`;
    const document = documentOf(text);
    const [fixAll] = actionsFor(document, [], ['source.fixAll']);
    assert.equal(apply(document, fixAll), text.replace('"contact_modfy"', '"contact_modify"'));
    const left = analyzePayload(apply(document, fixAll)).diagnostics.map((d) => d.code);
    assert.ok(left.includes('RC207') && left.includes('RC208'), left.join(', '));
  });

  it('"strip all unrelated fields" removes every ignored or unrelated field at once', () => {
    const document = documentOf(UNRELATED);
    const strip = actionsFor(document, [], ['source']).find((action) => action.title === 'Strip all unrelated fields')!;
    assert.equal(strip.kind, 'source.stripUnrelatedFields.revcent');
    assert.equal(
      apply(document, strip),
      `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "name": "Brand A Customer Portal",
  "create_non_existing_customer": false
}`,
    );
  });

  it('are not offered when there is nothing to do', () => {
    const document = documentOf('{\n  "$operation": "EnableCustomer",\n  "customer_id": "Cu7XrB2mKq9WzT4nLp6S"\n}');
    assert.deepEqual(actionsFor(document, [], ['source']), []);
  });
});
