// Regressions for inputs that once crashed a feature: files nested thousands of levels deep.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRevcentService } from '../../server/src/service';

const service = createRevcentService({ rulesDocumentUrl: 'file:///rules.md' });
const DEEP = {
  'lists 10,000 deep': `{"$operation":"EnableCustomer","customer_id":${'['.repeat(10000)}${']'.repeat(10000)}}`,
  'objects 10,000 deep': `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}`,
  'an unclosed list 10,000 deep': `{"$operation":"EnableCustomer","customer_id":${'['.repeat(10000)}`,
};

describe('deeply nested files', () => {
  for (const [name, text] of Object.entries(DEEP)) {
    it(`${name}: one clear error, and every feature answers without throwing`, () => {
      const document = TextDocument.create('file:///deep.revcent.json', 'revcent-json', 1, text);
      const diagnostics = service.validate(document);
      assert.equal(diagnostics.length >= 1, true);
      assert.equal(diagnostics[0].code, 'RC001');
      const middle = document.positionAt(text.length / 2);
      assert.equal(service.hover(document, middle), null);
      assert.deepEqual(service.complete(document, middle).items, []);
      assert.deepEqual(service.documentSymbols(document), []);
      assert.deepEqual(service.codeActions(document, { start: middle, end: middle }, { diagnostics, only: ['source'] }), []);
    });
  }
});
