// Reads an open document for the editor features: its tree (tolerant of half-typed text) and its operation.
import { parseTree } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findOperation } from '../catalog';
import { nodeAt } from '../core/jsonTree';
import type { PayloadDocument } from '../core/types';

export function readPayloadDocument(document: TextDocument): PayloadDocument {
  const text = document.getText();
  const parsed = parseTree(text, [], { allowTrailingComma: true });
  const root = parsed?.type === 'object' ? parsed : undefined;
  const declared = root && nodeAt(root, ['$operation'])?.value;
  return { text, root, operation: typeof declared === 'string' ? findOperation(declared) : undefined };
}
