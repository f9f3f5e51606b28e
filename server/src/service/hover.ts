// Hover for payload files: field docs with type facts, the operation's overview, and the notes operations add.
import { findNodeAtOffset, type JSONPath, type Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver-types';
import { describePath, isMetadataKey, pathOf } from '../core/jsonTree';
import { fieldMeta, schemaAt } from '../core/schema';
import type { OperationDefinition, PayloadDocument } from '../core/types';
import { enumValueMeaning, fieldFacts } from './fieldDocs';
import { readPayloadDocument } from './payloadDocument';

// ---- Hover contents ----

function routeLine(operation: OperationDefinition): string {
  const { method, path, confirmed } = operation.route;
  return `**Route:** \`${method} ${path}\`` + (confirmed ? '' : ' (unconfirmed: check it against RevCent\'s API reference)');
}

function operationHover(operation: OperationDefinition): string {
  return [
    `**${operation.title}** · \`${operation.name}\``,
    operation.purpose,
    `**Recommended workflow**\n\n${operation.workflow}`,
    routeLine(operation),
  ].join('\n\n');
}

const METADATA_HOVER = 'Editor metadata: top-level keys starting with `$` are not validated and never sent to RevCent.';

function fieldHover(payload: PayloadDocument, operation: OperationDefinition, path: JSONPath, valueNode: Node | undefined): string | undefined {
  const schema = schemaAt(operation.schema, path);
  if (!schema) return undefined;
  const isProperty = typeof path[path.length - 1] === 'string';
  const sections = [`\`${describePath(path)}\` · ${fieldFacts(schema, isProperty)}`];

  const listSchema = isProperty ? undefined : schemaAt(operation.schema, path.slice(0, -1));
  const value = valueNode && valueNode.type === 'string' ? (valueNode.value as string) : undefined;
  const meaning = value !== undefined ? (enumValueMeaning(schema, value) ?? enumValueMeaning(listSchema, value)) : undefined;
  if (meaning) sections.push(`\`"${value}"\`: ${meaning}`);

  const description = fieldMeta(schema)?.description;
  if (description) sections.push(description);
  const listDescription = fieldMeta(listSchema)?.description;
  if (listDescription && listDescription !== description) sections.push(listDescription);

  const note = operation.editor?.hoverNote?.(payload, path);
  if (note) sections.push(note);
  return sections.join('\n\n');
}

/** The key or value node the offset is on, with the JSON path of its field. */
function hoveredField(root: Node, offset: number): { node: Node; path: JSONPath; isKey: boolean } | undefined {
  const node = findNodeAtOffset(root, offset, false);
  if (!node) return undefined;
  const parent = node.parent;
  if (node.type === 'string' && parent?.type === 'property' && parent.children?.[0] === node) {
    const objectNode = parent.parent;
    return objectNode ? { node, path: [...pathOf(objectNode), node.value as string], isKey: true } : undefined;
  }
  if (node.type === 'property') return undefined;
  if (node.type === 'object' || node.type === 'array') {
    // Inside the brackets is not "on" the value; only the brackets themselves are.
    const onBracket = offset === node.offset || offset === node.offset + node.length - 1;
    if (!onBracket || node === root) return undefined;
  }
  return { node, path: pathOf(node), isKey: false };
}

export function getHover(document: TextDocument, position: Position): Hover | null {
  const payload = readPayloadDocument(document);
  const { root, operation } = payload;
  if (!root || !operation) return null;
  const hovered = hoveredField(root, document.offsetAt(position));
  if (!hovered || hovered.path.length === 0) return null;
  const { node, path, isKey } = hovered;

  const first = path[0];
  let markdown: string | undefined;
  if (path.length === 1 && first === '$operation') markdown = operationHover(operation);
  else if (typeof first === 'string' && isMetadataKey(first)) markdown = path.length === 1 ? METADATA_HOVER : undefined;
  else markdown = fieldHover(payload, operation, path, isKey ? undefined : node);
  if (!markdown) return null;

  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: Range.create(document.positionAt(node.offset), document.positionAt(node.offset + node.length)),
  };
}
