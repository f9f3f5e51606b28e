// The one-pass reader (server/src/core/parse.ts) against jsonc-parser on the whole findings corpus and on crafted
// edge cases: where it reads a file, jsonc-parser finds no error and builds the same tree with the same value;
// anything else it leaves to jsonc-parser. And the line index (core/positions.ts) against TextDocument's positions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getNodeValue, parseTree, visit, type Node, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseClean } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/positions';
import { findDuplicateKeys } from '../../server/src/rules/duplicateKeys';
import { corpusDocuments } from './findingsSnapshot';

/** What differs between two trees, node by node (the first difference), or undefined. */
function treeDifference(a: Node, b: Node, path = '$'): string | undefined {
  for (const field of ['type', 'offset', 'length', 'value', 'colonOffset'] as const) {
    if (!Object.is(a[field], b[field])) return `${path}.${field}: ${String(a[field])} ≠ ${String(b[field])}`;
  }
  if ('parent' in a !== 'parent' in b) return `${path}: parent present in one tree only`;
  const left = a.children ?? [];
  const right = b.children ?? [];
  if ((a.children === undefined) !== (b.children === undefined) || left.length !== right.length) return `${path}: children differ`;
  for (let i = 0; i < left.length; i++) {
    if (left[i].parent !== a || right[i].parent !== b) return `${path}[${i}]: wrong parent`;
    const difference = treeDifference(left[i], right[i], `${path}[${i}]`);
    if (difference) return difference;
  }
  return undefined;
}

function compare(text: string): { read: boolean; problem?: string } {
  const clean = parseClean(text);
  if (!clean) return { read: false };
  const errors: ParseError[] = [];
  const expected = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) return { read: true, problem: `read a file with errors: ${JSON.stringify(errors)}` };
  if (!expected) return { read: true, problem: 'read a file without a value' };
  const difference = treeDifference(clean.root, expected);
  if (difference) return { read: true, problem: difference };
  assert.deepStrictEqual(clean.value, getNodeValue(expected));
  const repeated = findDuplicateKeys(expected, () => 0).length > 0;
  if (clean.duplicateKeys !== repeated) return { read: true, problem: `duplicateKeys ${clean.duplicateKeys}, jsonc-parser's tree ${repeated}` };
  let comments = false;
  visit(text, { onComment: () => (comments = true) }, { allowTrailingComma: true });
  if (clean.comments !== comments) return { read: true, problem: `comments ${clean.comments}, jsonc-parser's scanner ${comments}` };
  return { read: true };
}

describe('the one-pass reader', () => {
  it('builds jsonc-parser\'s tree and value for every clean file of the corpus, and reads most of them', () => {
    let read = 0;
    const problems: string[] = [];
    const documents = corpusDocuments();
    for (const { name, text } of documents) {
      const result = compare(text);
      if (result.read) read++;
      if (result.problem) problems.push(`${name}: ${result.problem}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(read > documents.length / 2, `read only ${read} of ${documents.length}`);
  });

  it('leaves every file with an error to jsonc-parser, and reads comments, trailing commas and escapes', () => {
    const leftAlone = ['', '  ', '{', '{"a" 1}', '{"a": 01}', '{"a": 1.}', '{"a": -}', '{"a": tru}', '{"a": truex}', '[1 2]', '[,1]', '{,}',
      '{"a": 1,,}', '{"a": "\\x"}', '{"a": "\t"}', '{"a": "b\n"}', '/* open', '{} x', '\uFEFF{}', '{"a": 1e}', '{a: 1}', '{"a": /x}', '[1]/'];
    for (const text of leftAlone) assert.equal(parseClean(text), undefined, JSON.stringify(text));
    const read = ['{}', '[]', '// c\n{"a": [1, 2,], "b": {"c": null,},}', '{"a": "\\u00e9\\"\\\\\\/\\b\\f\\n\\r\\t", "a": -0.5e+3}', '/**/1/* x */',
      '{"__proto__": {"constructor": 1}}', '{"a": 1, "b": {"a": 2}}', '{"a": 1, "a": 2}', '[{"__proto__": 1, "__proto__": 2}]', '\r\n\t"x"\r\n', '{"a": "\\ud800"}', '[true,false,null]'];
    for (const text of read) assert.deepEqual(compare(text), { read: true }, JSON.stringify(text));
  });

  it('leaves deep nesting to jsonc-parser, whose recursion decides what is too deep', () => {
    assert.ok(parseClean('['.repeat(100) + ']'.repeat(100)));
    assert.equal(parseClean('['.repeat(1000) + ']'.repeat(1000)), undefined);
  });
});

describe('the line index', () => {
  it('gives every offset the position TextDocument gives it, with any line breaks', () => {
    const texts = ['', 'a', '\n', '\r', '\r\n', 'a\r\nb\rc\n\nd', '\r\r\n\n\r', '{\n  "a": 1\r\n}\r', 'x\u2028y'];
    for (const text of texts) {
      const document = TextDocument.create('file:///a', 'json', 1, text);
      const lines = new LineIndex(text);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        assert.deepEqual(lines.positionAt(offset), document.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });
});
