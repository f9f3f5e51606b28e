// The payload grammar (syntaxes/revcent-json.tmLanguage.json) tokenised as VS Code does it, with vscode-textmate
// and vscode-oniguruma: JSON with comments, `$` metadata keys, {{email_code}} and ${secret:NAME} in strings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const ROOT = join(__dirname, '../..');
const GRAMMAR = join(ROOT, 'syntaxes', 'revcent-json.tmLanguage.json');

let grammar: IGrammar;
before(async () => {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => (scopeName === 'source.revcent-json' ? parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null),
  });
  grammar = (await registry.loadGrammar('source.revcent-json'))!;
});

/** Each token of the text as `text: scope scope ...` (the root scope left out). */
function tokens(text: string): string[] {
  let state = INITIAL;
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, token.endIndex);
      if (piece.trim()) found.push(`${piece}: ${token.scopes.slice(1).join(' ')}`);
    }
    state = result.ruleStack;
  }
  return found;
}

function scopesOf(text: string, piece: string): string {
  const line = tokens(text).find((token) => token.startsWith(`${piece}: `));
  assert.ok(line, `no token "${piece}" in:\n${tokens(text).join('\n')}`);
  return line.slice(piece.length + 2);
}

describe('payload grammar', () => {
  const payload = [
    '// Brand A portal emails',
    '{',
    '  "$operation": "EditCustomerPortal", /* editor metadata */',
    '  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",',
    '  "enabled": false,',
    '  "recaptcha": { "site_key": "6Lc", "secret_key": "${secret:RECAPTCHA}" },',
    '  "customer_emails": { "customer_account_password_reset": { "html": "<p>Code: {{email_code}} \\"now\\"</p>", "to_cc": [] } },',
    '  "count": -1.5e3',
    '}',
  ].join('\n');

  it('marks `$` metadata keys apart from payload keys', () => {
    assert.equal(scopesOf(payload, '$operation'), 'meta.structure.dictionary.json string.json support.type.property-name.json keyword.other.metadata.revcent');
    assert.equal(scopesOf(payload, 'customer_portal_id'), 'meta.structure.dictionary.json string.json support.type.property-name.json');
  });

  it('marks {{email_code}} inside a string, and its escapes', () => {
    assert.match(scopesOf(payload, '{{email_code}}'), /string\.quoted\.double\.json constant\.other\.placeholder\.email-code\.revcent$/);
    assert.match(scopesOf(payload, '\\"'), /string\.quoted\.double\.json constant\.character\.escape\.json$/);
  });

  it('marks a ${secret:NAME} reference and its name', () => {
    assert.match(scopesOf(payload, '${'), /string\.quoted\.double\.json variable\.other\.secret-reference\.revcent punctuation\.definition\.template-expression\.begin\.revcent$/);
    assert.match(scopesOf(payload, 'RECAPTCHA'), /variable\.other\.secret-reference\.revcent variable\.other\.constant\.secret-name\.revcent$/);
  });

  it('keeps the JSON scopes: comments, values, numbers, constants, lists', () => {
    assert.equal(scopesOf(payload, ' Brand A portal emails'), 'comment.line.double-slash.js');
    assert.match(scopesOf(payload, '/*'), /comment\.block\.json punctuation\.definition\.comment\.json$/);
    assert.match(scopesOf(payload, 'EditCustomerPortal'), /meta\.structure\.dictionary\.value\.json string\.quoted\.double\.json$/);
    assert.match(scopesOf(payload, 'false'), /constant\.language\.json$/);
    assert.match(scopesOf(payload, '-1.5e3'), /constant\.numeric\.json$/);
    assert.match(scopesOf(payload, '['), /meta\.structure\.array\.json punctuation\.definition\.array\.begin\.json$/);
  });

  it('leaves look-alikes alone: a misspelled shortcode, a name that is not a reference', () => {
    const text = '{ "html": "{{email_cod}} ${secret:my-key}" }';
    assert.ok(!tokens(text).some((token) => /email-code|secret-reference/.test(token)), tokens(text).join('\n'));
  });
});
