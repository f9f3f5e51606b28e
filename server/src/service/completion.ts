// Completion in payload files: property names with typed value placeholders, allowed values, whole-object snippets.
// Where the cursor is and what to overwrite follow vscode-json-languageservice, on jsonc-parser's tree and scanner.
import { createScanner, findNodeAtOffset, ScanError, SyntaxKind, type JSONPath, type Node } from 'jsonc-parser';
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
import * as z from 'zod';
import { operations } from '../catalog';
import { BRANCH_SKELETONS, NO_PRACTICAL_MAX } from '../catalog/editCustomerGroup';
import { EMAIL_CODE, EMAIL_TEMPLATES, recommendedPermissions } from '../catalog/editCustomerPortal';
import { enumValues, isOptional, objectShape, schemaAt, unwrap } from '../core/schema';
import { enumValueMeaning, fieldDocumentation, fieldFacts, fileQualifierMethod, readPayloadDocument, type PayloadDocument } from './hover';
import { isObject, nodeAt, pathOf } from '../core/jsonTree';

const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

// ---- Snippet bodies ----

type TabStopValue = string | number | boolean | [] | Record<string, never>;

/** A place in a snippet body the user tabs to, holding `value` until they type. */
class TabStop {
  constructor(readonly value: TabStopValue) {}
}

/** Escapes text for snippet syntax, where `$`, `}` and `\` are special and `{` is not. */
function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** Renders a JSON value as snippet text, tab-indented (editors re-indent it), numbering tab stops in order. */
function renderSnippet(value: unknown, indent = '', stops = { next: 1 }): string {
  if (value instanceof TabStop) {
    const stop = stops.next++;
    const held = value.value;
    if (Array.isArray(held)) return `[$${stop}]`;
    if (typeof held === 'object') return `{$${stop}}`;
    if (held === '') return `"$${stop}"`;
    const text = typeof held === 'string' ? JSON.stringify(held).slice(1, -1) : String(held);
    const placeholder = `\${${stop}:${escapeSnippet(text)}}`;
    return typeof held === 'string' ? `"${placeholder}"` : placeholder;
  }
  const inner = indent + '\t';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + renderSnippet(item, inner, stops)).join(',\n')}\n${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([key, item]) => `${inner}${escapeSnippet(JSON.stringify(key))}: ${renderSnippet(item, inner, stops)}`);
    return `{\n${lines.join(',\n')}\n${indent}}`;
  }
  return escapeSnippet(JSON.stringify(value));
}

/** Turns every empty list into a tab stop, so the user can tab from list to list. */
function withListStops(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? new TabStop([]) : value.map(withListStops);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withListStops(item)]));
  return value;
}

function isRangeShape(schema: z.ZodType): boolean {
  const keys = Object.keys(objectShape(schema) ?? {}).sort();
  return keys.join(',') === 'enabled,max,min';
}

/** An enabled range; the high max is deliberate, since a max of 0 means exactly 0, not "no limit". */
function rangeBody() {
  return { enabled: true, min: new TabStop(1), max: new TabStop(NO_PRACTICAL_MAX) };
}

function placeholderFor(schema: z.ZodType): unknown {
  const inner = unwrap(schema);
  if (isRangeShape(inner)) return rangeBody();
  const allowed = enumValues(inner);
  if (allowed && inner.def.type === 'enum') return new TabStop(allowed[0]);
  switch (inner.def.type) {
    case 'object':
      return requiredSkeleton(inner);
    case 'array':
      return new TabStop([]);
    case 'number': {
      const min = (inner as z.ZodNumber).minValue;
      return new TabStop(min !== null && Number.isFinite(min) ? min : 0);
    }
    case 'boolean':
      return new TabStop(false);
    default:
      return new TabStop('');
  }
}

/** An object holding only the required fields of `schema`, each with a placeholder of its type. */
function requiredSkeleton(schema: z.ZodType): Record<string, unknown> {
  const shape = objectShape(schema) ?? {};
  return Object.fromEntries(
    Object.entries(shape).filter(([, field]) => !isOptional(field)).map(([key, field]) => [key, placeholderFor(field)]),
  );
}

function emailTemplateBody(template: keyof typeof EMAIL_TEMPLATES) {
  const { subject, codeLine } = EMAIL_TEMPLATES[template];
  return {
    from: new TabStop('support@example.com'),
    from_name: new TabStop('Customer Support'),
    subject: new TabStop(subject),
    html: `<p>${codeLine}: <strong>${EMAIL_CODE}</strong></p>`,
    to_cc: [],
    to_bcc: [],
  };
}

const QUALIFIER_BRANCHES = Object.keys(BRANCH_SKELETONS) as (keyof typeof BRANCH_SKELETONS)[];

function isQualifierBranch(key: unknown): key is keyof typeof BRANCH_SKELETONS {
  return typeof key === 'string' && (QUALIFIER_BRANCHES as string[]).includes(key);
}

/** A ready-made value for an object field. */
interface ObjectSnippet {
  label: string;
  body: unknown;
  documentation: string;
}

function branchSnippet(branch: keyof typeof BRANCH_SKELETONS, wrapped: boolean): ObjectSnippet {
  const skeleton = withListStops(BRANCH_SKELETONS[branch]);
  return {
    label: `${branch} branch`,
    body: wrapped ? { [branch]: skeleton } : skeleton,
    documentation: `Only evaluated when \`qualifier_method\` is \`${branch}\`. Nothing is filtered yet: fill in the criteria.`,
  };
}

function samePath(path: JSONPath, expected: JSONPath): boolean {
  return path.length === expected.length && expected.every((segment, index) => segment === path[index]);
}

/** The ready-made values for the object field at `path`: the field's own snippets, or its required fields. */
function objectSnippets(payload: PayloadDocument, path: JSONPath, schema: z.ZodType): ObjectSnippet[] {
  if (samePath(path, ['customer_permissions'])) {
    return [
      {
        label: 'All permissions (conservative defaults)',
        body: recommendedPermissions(),
        documentation:
          'Every permission, so none changes by accident. Cancelling, suspending and trial actions are off; ' +
          'review each value before sending.',
      },
    ];
  }
  if (samePath(path, ['customer_emails'])) {
    const templates = Object.keys(EMAIL_TEMPLATES) as (keyof typeof EMAIL_TEMPLATES)[];
    return [
      {
        label: `Both templates with ${EMAIL_CODE}`,
        body: Object.fromEntries(templates.map((template) => [template, emailTemplateBody(template)])),
        documentation: `Both complete email templates, each carrying \`${EMAIL_CODE}\`.`,
      },
    ];
  }
  const template = path[1];
  if (path.length === 2 && path[0] === 'customer_emails' && typeof template === 'string' && template in EMAIL_TEMPLATES) {
    const name = template as keyof typeof EMAIL_TEMPLATES;
    return [
      {
        label: `Template with ${EMAIL_CODE}`,
        body: emailTemplateBody(name),
        documentation: `A complete ${EMAIL_TEMPLATES[name].purpose} email carrying \`${EMAIL_CODE}\`.`,
      },
    ];
  }
  if (samePath(path, ['qualifiers'])) {
    const method = fileQualifierMethod(payload);
    if (method?.set && method.value === 'none') {
      return [{ label: '{}', body: {}, documentation: 'With `qualifier_method: "none"` every qualifier is ignored: send an empty object.' }];
    }
    if (method?.set && isQualifierBranch(method.value)) return [branchSnippet(method.value, true)];
    return QUALIFIER_BRANCHES.map((branch) => branchSnippet(branch, true));
  }
  if (path.length === 2 && path[0] === 'qualifiers' && isQualifierBranch(path[1])) return [branchSnippet(path[1], false)];
  if (isRangeShape(schema)) {
    return [
      {
        label: 'Enabled range',
        body: rangeBody(),
        documentation: `A max of ${NO_PRACTICAL_MAX} means no practical upper limit; a max of 0 would mean exactly 0.`,
      },
    ];
  }
  const skeleton = requiredSkeleton(schema);
  const required = Object.keys(skeleton);
  if (required.length === 0) return [];
  return [{ label: `{ ${required.join(', ')} }`, body: skeleton, documentation: 'The required fields.' }];
}

// ---- Where the cursor is ----

interface OffsetRange {
  start: number;
  end: number;
}

type CompletionPlace =
  | { kind: 'property'; objectNode: Node; currentProperty?: Node; overwrite: OffsetRange }
  | { kind: 'value'; path: JSONPath; overwrite: OffsetRange };

/** The unquoted word being typed at the offset (a half-typed name or value), or an empty range at the offset. */
function typedWord(text: string, offset: number): OffsetRange {
  const scanner = createScanner(text, false);
  let token = scanner.scan();
  while (token !== SyntaxKind.EOF && scanner.getTokenOffset() + scanner.getTokenLength() < offset) token = scanner.scan();
  const start = scanner.getTokenOffset();
  const word = [SyntaxKind.Unknown, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.NumericLiteral];
  return word.includes(token) && start < offset ? { start, end: start + scanner.getTokenLength() } : { start: offset, end: offset };
}

/**
 * Where a comma is missing before an insertion at `start`: right after the value that precedes it, when that
 * value is not followed by a comma yet (the cursor is on a new line after the last property).
 */
function missingCommaBefore(text: string, start: number): number | undefined {
  const scanner = createScanner(text, true);
  let previous: SyntaxKind | undefined;
  let previousEnd = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < start; token = scanner.scan()) {
    previous = token;
    previousEnd = scanner.getTokenOffset() + scanner.getTokenLength();
  }
  const valueEnds = [
    SyntaxKind.StringLiteral,
    SyntaxKind.NumericLiteral,
    SyntaxKind.TrueKeyword,
    SyntaxKind.FalseKeyword,
    SyntaxKind.NullKeyword,
    SyntaxKind.CloseBraceToken,
    SyntaxKind.CloseBracketToken,
  ];
  return previous !== undefined && valueEnds.includes(previous) && previousEnd <= start ? previousEnd : undefined;
}

function isInComment(text: string, offset: number): boolean {
  const scanner = createScanner(text, false);
  let token = scanner.scan();
  while (token !== SyntaxKind.EOF && scanner.getTokenOffset() + scanner.getTokenLength() < offset) token = scanner.scan();
  if (scanner.getTokenOffset() >= offset) return false;
  if (token === SyntaxKind.LineCommentTrivia) return true;
  if (token !== SyntaxKind.BlockCommentTrivia) return false;
  return offset < scanner.getTokenOffset() + scanner.getTokenLength() || scanner.getTokenError() === ScanError.UnexpectedEndOfComment;
}

function tokenAfter(text: string, offset: number): SyntaxKind {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  return scanner.scan();
}

/** A comma to add after an inserted value, unless one (or the end of the object or list) already follows. */
function separatorAfter(text: string, offset: number): string {
  const next = tokenAfter(text, offset);
  const ends = [SyntaxKind.CommaToken, SyntaxKind.CloseBraceToken, SyntaxKind.CloseBracketToken, SyntaxKind.EOF];
  return ends.includes(next) ? '' : ',';
}

/** True when the offset is right after the node's closing bracket, i.e. outside it. */
function isAfterClosingBracket(node: Node, text: string, offset: number): boolean {
  const end = node.offset + node.length;
  return offset >= end && node.length > 1 && text[end - 1] === (node.type === 'object' ? '}' : ']');
}

/** The place at an offset between the items of an object (a property name) or of a list (an item). */
function placeInContainer(container: Node, text: string, offset: number): CompletionPlace {
  const overwrite = typedWord(text, offset);
  if (container.type === 'object') return { kind: 'property', objectNode: container, overwrite };
  const index = (container.children ?? []).filter((item) => item.offset + item.length < offset).length;
  return { kind: 'value', path: [...pathOf(container), index], overwrite };
}

function completionPlace(root: Node, text: string, offset: number): CompletionPlace | undefined {
  const node = findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  const parent = node.parent;
  const wholeNode = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'object':
    case 'array': {
      if (offset <= node.offset) return undefined;
      if (isAfterClosingBracket(node, text, offset)) {
        // Right after a nested object or list: the cursor is in the container holding it.
        const container = parent?.type === 'property' ? parent.parent : parent;
        return container ? placeInContainer(container, text, offset) : undefined;
      }
      return placeInContainer(node, text, offset);
    }
    case 'property': {
      const [keyNode, valueNode] = node.children ?? [];
      if (node.colonOffset === undefined || offset <= node.colonOffset || valueNode || !parent) return undefined;
      return { kind: 'value', path: [...pathOf(parent), keyNode?.value as string], overwrite: typedWord(text, offset) };
    }
    default:
      if (parent?.type === 'property' && parent.children?.[0] === node) {
        return parent.parent ? { kind: 'property', objectNode: parent.parent, currentProperty: parent, overwrite: wholeNode } : undefined;
      }
      return { kind: 'value', path: pathOf(node), overwrite: wholeNode };
  }
}

// ---- Proposals ----

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/** What follows a completed property name: a placeholder for its value, and whether to suggest values next. */
function valuePlaceholder(
  payload: PayloadDocument,
  path: JSONPath,
  schema: z.ZodType,
  inRange: boolean,
): { text: string; suggest: boolean } {
  const inner = unwrap(schema);
  const allowed = enumValues(inner);
  if (allowed && inner.def.type === 'enum') {
    return allowed.length === 1 ? { text: escapeSnippet(JSON.stringify(allowed[0])), suggest: false } : { text: '$1', suggest: true };
  }
  switch (inner.def.type) {
    case 'boolean':
      return { text: '$1', suggest: true };
    case 'string':
      return { text: '"$1"', suggest: false };
    case 'number':
      // The bounds of a whole range snippet: min 1 (valid for day ranges too), a deliberate high max.
      if (inRange) return { text: `\${1:${path[path.length - 1] === 'max' ? NO_PRACTICAL_MAX : 1}}`, suggest: false };
      return { text: renderSnippet(placeholderFor(inner)), suggest: false };
    case 'object': {
      const snippets = objectSnippets(payload, path, inner);
      return snippets.length === 1 ? { text: renderSnippet(snippets[0].body, ''), suggest: false } : { text: '{$1}', suggest: false };
    }
    case 'array':
      return { text: '[$1]', suggest: false };
    default:
      return { text: '$1', suggest: false };
  }
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
  const insertValue = tokenAfter(text, overwrite.end) !== SyntaxKind.ColonToken;
  const separator = insertValue ? separatorAfter(text, overwrite.end) : '';
  const path = pathOf(objectNode);
  const items: CompletionItem[] = [];
  if (path.length === 0 && !present.has('$operation')) items.push(operationKeyItem(insertValue, separator));

  const objectSchema = payload.operation && schemaAt(payload.operation.schema, path);
  const shape = objectShape(objectSchema);
  if (!objectSchema || !shape) return items;
  const inRange = isRangeShape(objectSchema);
  let keys = Object.keys(shape);
  if (samePath(path, ['qualifiers'])) {
    // Offer only the branch the file's qualifier_method evaluates: the other would be ignored.
    const method = fileQualifierMethod(payload);
    if (method?.set && method.value === 'none') keys = keys.filter((key) => !isQualifierBranch(key));
    else if (method?.set && isQualifierBranch(method.value)) keys = keys.filter((key) => key === method.value || !isQualifierBranch(key));
  }
  keys.forEach((key, index) => {
    if (present.has(key)) return;
    const field = shape[key];
    const required = !isOptional(field);
    const value = insertValue ? valuePlaceholder(payload, [...path, key], field, inRange) : undefined;
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

  if (samePath(path, ['$operation'])) {
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

/** Snippet text as plain text, for editors without snippet support: each tab stop keeps its placeholder. */
export function snippetToPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}|\$\d+/g, (_, placeholder: string | undefined) => placeholder ?? '')
    .replace(/\\([$}\\])/g, '$1');
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
