// Document symbols: the outline of a payload file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { getDocumentSymbols } from '../../server/src/service/symbols';
import { payloadDocument } from '../caret';

const GROUP = `{
  "$operation": "EditCustomerGroup",
  // reviewed with support
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "qualifier_method": "customer_group",
  "qualifiers": {
    "customer_group": {
      "in_all_customer_group": ["Q2h7TgLx9PaVn3RcKd8E", "Lk3PqW9vXn2RbT7sYc4D"],
      "not_in_customer_group": []
    }
  },
  "enabled": false,
  "$note": "edit during the quiet hours"
}
`;

function outline(text: string) {
  const document = payloadDocument(text);
  const covered = (range: Range) => text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  return { symbols: getDocumentSymbols(document), covered };
}

function child(symbols: DocumentSymbol[] | undefined, name: string): DocumentSymbol {
  const found = symbols?.find((symbol) => symbol.name === name);
  assert.ok(found, `no symbol "${name}" among ${symbols?.map((symbol) => symbol.name).join(', ')}`);
  return found;
}

describe('document symbols', () => {
  it('lists the top-level fields in file order, $operation with the operation name', () => {
    const { symbols } = outline(GROUP);
    assert.deepEqual(
      symbols.map((symbol) => symbol.name),
      ['$operation', 'customer_group_id', 'qualifier_method', 'qualifiers', 'enabled', '$note'],
    );
    const operation = child(symbols, '$operation');
    assert.equal(operation.detail, 'EditCustomerGroup');
    assert.equal(operation.kind, SymbolKind.Function);
    assert.equal(child(symbols, '$note').kind, SymbolKind.Key);
  });

  it('gives each value kind its own symbol kind', () => {
    const { symbols } = outline(GROUP);
    assert.equal(child(symbols, 'customer_group_id').kind, SymbolKind.String);
    assert.equal(child(symbols, 'qualifiers').kind, SymbolKind.Object);
    assert.equal(child(symbols, 'enabled').kind, SymbolKind.Boolean);
  });

  it('nests objects and lists, list items by index', () => {
    const { symbols, covered } = outline(GROUP);
    const branch = child(child(symbols, 'qualifiers').children, 'customer_group');
    assert.deepEqual(branch.children?.map((symbol) => symbol.name), ['in_all_customer_group', 'not_in_customer_group']);
    const list = child(branch.children, 'in_all_customer_group');
    assert.equal(list.kind, SymbolKind.Array);
    assert.deepEqual(list.children?.map((item) => [item.name, covered(item.range)]), [
      ['0', '"Q2h7TgLx9PaVn3RcKd8E"'],
      ['1', '"Lk3PqW9vXn2RbT7sYc4D"'],
    ]);
    assert.deepEqual(child(branch.children, 'not_in_customer_group').children, []);
  });

  it('the range is the whole property, the selection range its key', () => {
    const { symbols, covered } = outline(GROUP);
    const qualifiers = child(symbols, 'qualifiers');
    assert.equal(covered(qualifiers.selectionRange), '"qualifiers"');
    assert.match(covered(qualifiers.range), /^"qualifiers": \{\n {4}"customer_group": \{[\s\S]*\n {2}\}$/);
    assert.equal(covered(child(symbols, 'enabled').range), '"enabled": false');
  });

  it('outlines a half-typed file: a key still waiting for its value is a property', () => {
    const { symbols, covered } = outline('{\n  "$operation": "EditCustomerPortal",\n  "customer_permissions": { "subscription_cancel"\n');
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['$operation', 'customer_permissions']);
    const permissions = child(symbols, 'customer_permissions');
    const pending = permissions.children?.find((symbol) => symbol.kind === SymbolKind.Property);
    assert.ok(pending, 'the property without a value is listed');
    assert.equal(covered(pending.selectionRange), '"subscription_cancel"');
  });

  it('is empty for an empty file, a non-object, and text that is not JSON', () => {
    for (const text of ['', '[1, 2]', '"text"', 'not json']) assert.deepEqual(outline(text).symbols, []);
  });

  it('never throws on any prefix, and every selection range lies within its range', () => {
    const within = (inner: Range, outer: Range) =>
      (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
      (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const check = (symbols: DocumentSymbol[]) => {
      for (const symbol of symbols) {
        assert.ok(symbol.name.length > 0);
        assert.ok(within(symbol.selectionRange, symbol.range), JSON.stringify(symbol));
        check(symbol.children ?? []);
      }
    };
    for (let end = 0; end <= GROUP.length; end++) check(outline(GROUP.slice(0, end)).symbols);
  });
});
