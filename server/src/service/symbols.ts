// The outline of a payload file: its fields as document symbols, nested objects and lists as children.
import { parseTree, type Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { isMetadataKey } from '../core/jsonTree';

function kindOfValue(node: Node | undefined): SymbolKind {
  switch (node?.type) {
    case 'object':
      return SymbolKind.Object;
    case 'array':
      return SymbolKind.Array;
    case 'string':
      return SymbolKind.String;
    case 'number':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'null':
      return SymbolKind.Null;
    default:
      // A key still waiting for its value.
      return SymbolKind.Property;
  }
}

/** Symbol names must not be empty: an empty or blank key is shown as written, in quotes. */
function keyLabel(key: string): string {
  return key.trim() ? key.replace(/\n/g, '↵') : JSON.stringify(key);
}

export function getDocumentSymbols(document: TextDocument): DocumentSymbol[] {
  const root = parseTree(document.getText(), [], { allowTrailingComma: true });
  if (root?.type !== 'object') return [];

  // In a half-typed file a node's recorded length can fall short of its key; never end before it starts.
  const rangeOf = (start: number, end: number) =>
    Range.create(document.positionAt(start), document.positionAt(Math.max(start, end)));

  function childrenOf(value: Node | undefined): DocumentSymbol[] {
    if (value?.type === 'object') return propertySymbols(value, false);
    if (value?.type === 'array') return itemSymbols(value);
    return [];
  }

  function propertySymbols(objectNode: Node, isRoot: boolean): DocumentSymbol[] {
    const symbols: DocumentSymbol[] = [];
    for (const property of objectNode.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      if (property.type !== 'property' || keyNode?.type !== 'string') continue;
      const key = keyNode.value as string;
      const keyEnd = keyNode.offset + keyNode.length;
      const symbol: DocumentSymbol = {
        name: keyLabel(key),
        kind: kindOfValue(value),
        range: rangeOf(property.offset, Math.max(property.offset + property.length, keyEnd)),
        selectionRange: rangeOf(keyNode.offset, keyEnd),
        children: childrenOf(value),
      };
      if (isRoot && key === '$operation') {
        symbol.kind = SymbolKind.Function;
        if (typeof value?.value === 'string') symbol.detail = value.value;
      } else if (isRoot && isMetadataKey(key)) {
        symbol.kind = SymbolKind.Key;
      }
      symbols.push(symbol);
    }
    return symbols;
  }

  function itemSymbols(arrayNode: Node): DocumentSymbol[] {
    return (arrayNode.children ?? []).map((item, index) => {
      const range = rangeOf(item.offset, item.offset + item.length);
      return { name: String(index), kind: kindOfValue(item), range, selectionRange: range, children: childrenOf(item) };
    });
  }

  return propertySymbols(root, true);
}
