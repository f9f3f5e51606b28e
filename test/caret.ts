// Caret-marked fixtures: a payload text with one `|` where the cursor is.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export interface CaretFixture {
  /** The text without the caret marker. */
  text: string;
  /** Where the caret was. */
  position: Position;
  offset: number;
  document: TextDocument;
}

export function payloadDocument(text: string): TextDocument {
  return TextDocument.create('file:///test.revcent.json', 'revcent-json', 1, text);
}

/** Splits a fixture at its single `|` caret marker. */
export function caret(marked: string): CaretFixture {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`expected exactly one | caret in:\n${marked}`);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const document = payloadDocument(text);
  return { text, position: document.positionAt(offset), offset, document };
}
