// Hover for payload files: field docs with type facts, the operation's overview, and which qualifier branch counts.
// Completion reuses its reading of the document and its field facts, so both features describe a field alike.
import { findNodeAtOffset, getNodeValue, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, Range, type Hover, type Position } from 'vscode-languageserver-types';
import * as z from 'zod';
import { findOperation } from '../catalog';
import { QUALIFIER_METHODS } from '../catalog/editCustomerGroup';
import { enumValues, fieldMeta, isOptional, objectShape, schemaAt, unwrap } from '../core/schema';
import type { OperationDefinition } from '../core/types';
import { describePath, isMetadataKey, nodeAt, pathOf, showValue } from '../core/jsonTree';

/** A payload document as the editor features read it: tolerant of half-typed text, never throwing. */
export interface PayloadDocument {
  text: string;
  /** The root object, also when the text around it does not parse completely. */
  root: Node | undefined;
  /** The declared operation when the catalog knows it. */
  operation: OperationDefinition | undefined;
}

export function readPayloadDocument(document: TextDocument): PayloadDocument {
  const text = document.getText();
  const parsed = parseTree(text, [], { allowTrailingComma: true });
  const root = parsed?.type === 'object' ? parsed : undefined;
  const declared = root && nodeAt(root, ['$operation'])?.value;
  return { text, root, operation: typeof declared === 'string' ? findOperation(declared) : undefined };
}

// ---- Type facts, read from the zod schema ----

function isBeyondPractical(bound: number | null | undefined): boolean {
  return bound === null || bound === undefined || !Number.isFinite(bound) || Math.abs(bound) >= Number.MAX_SAFE_INTEGER;
}

/** What a value of this schema is called: "text", "whole number", "20-character campaign ID", "list of ...". */
function valueKind(schema: z.ZodType, plural = false): string {
  const inner = unwrap(schema);
  const meta = fieldMeta(schema);
  const idKind = meta?.['x-revcent-id-kind'];
  if (idKind) {
    const id = `20-character ${idKind} ID${plural ? 's' : ''}`;
    return meta?.['x-revcent-id-or-name'] ? `${id} or exact ${idKind} name${plural ? 's' : ''}` : id;
  }
  switch (inner.def.type) {
    case 'string': {
      const format = (inner as unknown as { format: string | null }).format;
      if (format === 'email') return plural ? 'email addresses' : 'email address';
      return plural ? 'text values' : 'text';
    }
    case 'enum':
      return plural ? 'text values' : 'text';
    case 'number':
      return ((inner as z.ZodNumber).isInt ? 'whole number' : 'number') + (plural ? 's' : '');
    case 'boolean':
      return plural ? 'true/false values' : 'true/false';
    case 'object':
      return plural ? 'objects' : 'object';
    case 'array':
      return `list${plural ? 's' : ''} of ${valueKind((inner as z.ZodArray).element as z.ZodType, true)}`;
    default:
      return plural ? 'values' : 'value';
  }
}

/** Length or range limits the schema states, in words; undefined when it states none. */
function limitsOf(schema: z.ZodType): string | undefined {
  const inner = unwrap(schema);
  if (fieldMeta(schema)?.['x-revcent-id-kind']) return undefined;
  if (inner.def.type === 'string') {
    const { minLength, maxLength } = inner as unknown as { minLength: number | null; maxLength: number | null };
    if (minLength !== null && minLength === maxLength) return `exactly ${minLength} characters`;
    if (minLength !== null && maxLength !== null) return `${minLength} to ${maxLength} characters`;
    if (maxLength !== null) return `at most ${maxLength} characters`;
    if (minLength === 1) return 'not empty';
    if (minLength !== null && minLength > 1) return `at least ${minLength} characters`;
    return undefined;
  }
  if (inner instanceof z.ZodNumber) {
    const min = isBeyondPractical(inner.minValue) ? undefined : inner.minValue;
    const max = isBeyondPractical(inner.maxValue) ? undefined : inner.maxValue;
    if (min !== undefined && max !== undefined) return `${min} to ${max}`;
    if (min !== undefined) return `${min} or more`;
    if (max !== undefined) return `at most ${max}`;
  }
  return undefined;
}

/**
 * The compact facts line for a field: type, required or optional (for object properties), allowed values,
 * limits. For example "true/false · optional" or "text · required · one of `a`, `b`".
 */
export function fieldFacts(schema: z.ZodType, isProperty: boolean): string {
  const facts = [valueKind(schema)];
  if (isProperty) facts.push(isOptional(schema) ? 'optional' : 'required');
  const allowed = enumValues(schema);
  if (allowed) facts.push(`one of ${allowed.map((value) => `\`${value}\``).join(', ')}`);
  const limits = limitsOf(schema);
  if (limits) facts.push(limits);
  return facts.join(' · ');
}

/** Facts line plus the field's own documentation, as markdown. */
export function fieldDocumentation(schema: z.ZodType, isProperty: boolean): string {
  const description = fieldMeta(schema)?.description;
  return [fieldFacts(schema, isProperty), description].filter(Boolean).join('\n\n');
}

/** What one enum value means, when the field's docs list it as "- `value`: meaning". */
export function enumValueMeaning(schema: z.ZodType | undefined, value: string): string | undefined {
  const description = fieldMeta(schema)?.description ?? '';
  for (const line of description.split('\n')) {
    const match = /^\s*[-*]\s+`([^`]+)`\s*:\s*(.+)$/.exec(line);
    if (match && match[1] === value) return match[2].trim();
  }
  return undefined;
}

// ---- Qualifier branches (EditCustomerGroup) ----

const QUALIFIER_BRANCHES = ['specific_values', 'customer_group'] as const;

function isQualifierMethod(value: unknown): value is (typeof QUALIFIER_METHODS)[number] {
  return typeof value === 'string' && (QUALIFIER_METHODS as readonly string[]).includes(value);
}

/** The file's `qualifier_method`: whether it sets one, and its value (which may be invalid). */
export type FileQualifierMethod = { set: false } | { set: true; value: unknown };

/** The `qualifier_method` the file sets, for operations that have one; undefined for other operations. */
export function fileQualifierMethod(payload: PayloadDocument): FileQualifierMethod | undefined {
  const shape = payload.operation && objectShape(payload.operation.schema);
  if (!shape?.qualifier_method || !payload.root) return undefined;
  const node = nodeAt(payload.root, ['qualifier_method']);
  return node ? { set: true, value: getNodeValue(node) } : { set: false };
}

function unknownMethodNote(method: unknown): string {
  return (
    `${showValue(method)} is not a qualifier method (${QUALIFIER_METHODS.map((m) => `\`${m}\``).join(', ')}), ` +
    'so which branch counts cannot be told.'
  );
}

function methodNote(method: FileQualifierMethod): string {
  if (!method.set) {
    return 'This file sets no `qualifier_method`: the method stored on the group decides which branch of `qualifiers` counts.';
  }
  const { value } = method;
  if (!isQualifierMethod(value)) return unknownMethodNote(value);
  if (value === 'none') {
    return 'With `none`, **no branch is active**: every qualifier is ignored and membership is manual or by workflow.';
  }
  const other = value === 'specific_values' ? 'customer_group' : 'specific_values';
  return `Active branch: \`qualifiers.${value}\`. \`qualifiers.${other}\` is **ignored**.`;
}

function branchNote(method: FileQualifierMethod, branch: string): string {
  if (!method.set) {
    return `This file sets no \`qualifier_method\`: the method stored on the group decides whether \`qualifiers.${branch}\` counts.`;
  }
  const { value } = method;
  if (!isQualifierMethod(value)) return unknownMethodNote(value);
  if (value === branch) return `**Active**: \`qualifier_method\` is \`${value}\`, so this branch is evaluated.`;
  if (value === 'none') return '**Ignored**: `qualifier_method` is `none`, so every qualifier is ignored.';
  return `**Ignored**: \`qualifier_method\` is \`${value}\`, so only \`qualifiers.${value}\` is evaluated.`;
}

/** Which qualifier branch is active, for hovers on `qualifier_method`, `qualifiers` and anything inside a branch. */
function qualifierNote(payload: PayloadDocument, path: JSONPath): string | undefined {
  const method = fileQualifierMethod(payload);
  if (method === undefined) return undefined;
  if (path[0] === 'qualifier_method' || (path.length === 1 && path[0] === 'qualifiers')) return methodNote(method);
  const branch = path[1];
  if (path[0] === 'qualifiers' && typeof branch === 'string' && (QUALIFIER_BRANCHES as readonly string[]).includes(branch)) {
    return branchNote(method, branch);
  }
  return undefined;
}

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

  const note = qualifierNote(payload, path);
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
