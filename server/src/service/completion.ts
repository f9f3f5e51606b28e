// Completion in payload files: property names with typed value placeholders, allowed values, whole-object snippets.
// Where the cursor is: completionPlace.ts; what a value becomes: completionValues.ts.
import type { JSONPath } from 'jsonc-parser';
import { SyntaxKind } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  Range,
  TextEdit,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import type * as z from 'zod';
import { operations } from '../catalog';
import { nodeAt, pathOf } from '../core/jsonTree';
import { tokenAfter } from '../core/scanner';
import { enumValues, isOptional, objectShape, schemaAt, unwrap } from '../core/schema';
import { escapeSnippet, renderSnippet, snippetToPlainText } from '../core/snippet';
import type { PayloadDocument } from '../core/types';
import { completionPlace, isInComment, missingCommaBefore, separatorAfter, type CompletionPlace } from './completionPlace';
import { objectSnippets, valuePlaceholder } from './completionValues';
import { enumValueMeaning, fieldDocumentation, fieldFacts } from './fieldDocs';
import { readPayloadDocument } from './payloadDocument';

const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function operationKeyItem(insertValue: boolean, separator: string): CompletionItem {
  return {
    label: '$operation',
    kind: CompletionItemKind.Property,
    detail: 'The RevCent operation this payload is for',
    documentation: markdown(
      'Names the RevCent operation this payload is for; hover, completion and checks follow from it. Editor ' +
        `metadata: never sent. Known operations: ${operations.map((operation) => `\`${operation.name}\``).join(', ')}.`,
    ),
    sortText: '0',
    filterText: JSON.stringify('$operation'),
    insertText: escapeSnippet(JSON.stringify('$operation')) + (insertValue ? `: $1${separator}` : ''),
    insertTextFormat: InsertTextFormat.Snippet,
    ...(insertValue ? { command: TRIGGER_SUGGEST } : {}),
  };
}

function propertyCompletions(payload: PayloadDocument, place: Extract<CompletionPlace, { kind: 'property' }>, text: string): CompletionItem[] {
  const { objectNode, currentProperty, overwrite } = place;
  const present = new Set(
    (objectNode.children ?? []).filter((property) => property !== currentProperty).map((property) => property.children?.[0]?.value as string),
  );
  // A colon already following the name means the value side exists: complete the name only.
  const insertValue = tokenAfter(text, overwrite.end).kind !== SyntaxKind.ColonToken;
  const separator = insertValue ? separatorAfter(text, overwrite.end) : '';
  const path = pathOf(objectNode);
  const items: CompletionItem[] = [];
  if (path.length === 0 && !present.has('$operation')) items.push(operationKeyItem(insertValue, separator));

  const operation = payload.operation;
  const shape = operation && objectShape(schemaAt(operation.schema, path));
  if (!shape) return items;
  const names = Object.keys(shape);
  const offered = new Set(operation.editor?.propertyNames?.(payload, path, names) ?? names);
  names.forEach((key, index) => {
    if (present.has(key) || !offered.has(key)) return;
    const field = shape[key];
    const required = !isOptional(field);
    const value = insertValue ? valuePlaceholder(payload, [...path, key], field) : undefined;
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      detail: fieldFacts(field, true),
      documentation: markdown(fieldDocumentation(field, true)),
      sortText: `${required ? 1 : 2}-${String(index).padStart(3, '0')}`,
      filterText: JSON.stringify(key),
      insertText: escapeSnippet(JSON.stringify(key)) + (value ? `: ${value.text}${separator}` : ''),
      insertTextFormat: InsertTextFormat.Snippet,
      ...(value?.suggest ? { command: TRIGGER_SUGGEST } : {}),
    });
  });
  return items;
}

function valueCompletions(payload: PayloadDocument, path: JSONPath, separator: string): CompletionItem[] {
  const item = (label: string, kind: CompletionItemKind, insertText: string, documentation?: string): CompletionItem => ({
    label,
    kind,
    insertText: insertText + separator,
    insertTextFormat: InsertTextFormat.Snippet,
    ...(documentation ? { documentation: markdown(documentation) } : {}),
  });

  if (path.length === 1 && path[0] === '$operation') {
    return operations.map((operation) => ({
      ...item(operation.name, CompletionItemKind.Function, escapeSnippet(JSON.stringify(operation.name)), operation.purpose),
      detail: operation.title,
      filterText: JSON.stringify(operation.name),
    }));
  }
  const operation = payload.operation;
  const schema = operation && schemaAt(operation.schema, path);
  if (!schema) return [];
  const inner = unwrap(schema);
  const allowed = enumValues(inner);
  if (allowed && inner.def.type === 'enum') {
    const index = path[path.length - 1];
    const listSchema = typeof index === 'number' ? schemaAt(operation.schema, path.slice(0, -1)) : undefined;
    // In a list, the values already in it are not offered again.
    const listed = new Set(
      typeof index === 'number' && payload.root
        ? (nodeAt(payload.root, path.slice(0, -1))?.children ?? []).filter((_, at) => at !== index).map((element) => element.value)
        : [],
    );
    return allowed.filter((value) => !listed.has(value)).map((value) => ({
      ...item(value, CompletionItemKind.EnumMember, escapeSnippet(JSON.stringify(value)), enumValueMeaning(schema, value) ?? enumValueMeaning(listSchema, value)),
      filterText: JSON.stringify(value),
    }));
  }
  switch (inner.def.type) {
    case 'boolean':
      return [item('true', CompletionItemKind.Value, 'true'), item('false', CompletionItemKind.Value, 'false')];
    case 'object': {
      const snippets = objectSnippets(payload, path, inner);
      if (snippets.length === 0) return [item('{}', CompletionItemKind.Snippet, '{$1}')];
      return snippets.map((snippet) => item(snippet.label, CompletionItemKind.Snippet, renderSnippet(snippet.body), snippet.documentation));
    }
    case 'array': {
      const items = [item('[]', CompletionItemKind.Snippet, '[$1]')];
      const element = unwrap((inner as z.ZodArray).element as z.ZodType);
      const [first] = element.def.type === 'object' ? objectSnippets(payload, [...path, 0], element) : [];
      if (first) items.push(item(`[ ${first.label} ]`, CompletionItemKind.Snippet, renderSnippet([first.body]), first.documentation));
      return items;
    }
    default:
      return [];
  }
}

export interface CompletionOptions {
  /** The editor expands snippets (tab stops); without it, items are plain text. Default true. */
  snippets?: boolean;
  /**
   * The editor runs VS Code's `editor.action.triggerSuggest` after an item that needs a value, to list the
   * values at once. Other editors would report an unknown command. Default true.
   */
  triggerSuggest?: boolean;
}

export function getCompletions(document: TextDocument, position: Position, options: CompletionOptions = {}): CompletionList {
  const list: CompletionList = { isIncomplete: false, items: [] };
  const payload = readPayloadDocument(document);
  const { text, root } = payload;
  const offset = document.offsetAt(position);
  if (!root || isInComment(text, offset)) return list;
  const place = completionPlace(root, text, offset);
  if (!place) return list;

  const items =
    place.kind === 'property'
      ? propertyCompletions(payload, place, text)
      : valueCompletions(payload, place.path, separatorAfter(text, place.overwrite.end));
  const range = Range.create(document.positionAt(place.overwrite.start), document.positionAt(place.overwrite.end));
  const commaAt = missingCommaBefore(text, place.overwrite.start);
  const commaEdit = commaAt === undefined ? {} : { additionalTextEdits: [TextEdit.insert(document.positionAt(commaAt), ',')] };
  const plainText = options.snippets === false;
  const withoutCommand = plainText || options.triggerSuggest === false;
  list.items = items
    .map((item, index) => {
      const insertText = item.insertText ?? item.label;
      const snippet = item.insertTextFormat === InsertTextFormat.Snippet;
      return {
        ...item,
        sortText: item.sortText ?? String(index).padStart(3, '0'),
        textEdit: TextEdit.replace(range, plainText && snippet ? snippetToPlainText(insertText) : insertText),
        ...(plainText ? { insertTextFormat: InsertTextFormat.PlainText, insertText: undefined } : {}),
        ...(withoutCommand ? { command: undefined } : {}),
        ...commaEdit,
      };
    })
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
  return list;
}
