// Turning fixes into text edits that touch only what the fix changes, in the file's own indentation and line
// endings. jsonc-parser's `modify` re-formats the whole line around an edit (rewriting neighbouring values),
// drops comments between siblings and can break a one-line list, so edits are built here on its parse tree
// and scanner instead: remove whole lines where a member has its own lines, keep every comment that is not
// on the removed member's line, and write new values inline where the surrounding text is inline.
import { applyEdits, parseTree, SyntaxKind, type Edit, type JSONPath, type Node } from 'jsonc-parser';
import { nodeAt, propertyAt, propertyNode } from '../core/jsonTree';
import { tokenAfter } from '../core/scanner';
import type { Fix, FixChange, FixSpec } from '../core/types';

export interface Formatting {
  /** One level of indentation: a tab or some spaces. */
  unit: string;
  eol: string;
}

const INLINE_LIMIT = 80;

/** The indentation and line ending the file already uses, so inserted text looks like the user's own. */
export function detectFormatting(text: string): Formatting {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented && indented[1].startsWith('\t')) return { unit: '\t', eol };
  const size = indented ? indented[1].length : 2;
  return { unit: ' '.repeat(size >= 2 && size <= 8 ? size : 2), eol };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the line holding `offset`, before its line break. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function lineBreakLength(text: string, end: number): number {
  return text.startsWith('\r\n', end) ? 2 : text[end] === '\n' ? 1 : 0;
}

function indentationAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset), offset))![0];
}

/** Whether only white space and comments follow `offset` on its line. */
function restOfLineIsTrivia(text: string, offset: number): boolean {
  const token = tokenAfter(text, offset);
  return token.kind === SyntaxKind.EOF || lineStart(text, token.offset) > offset;
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** JSON on one line, with a space after colons and commas: `{ "enabled": true, "min": 1 }`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return value.length ? `[${value.map(inlineJson).join(', ')}]` : '[]';
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/**
 * A value as text: inline where the surrounding object is written on one line (and the value is short),
 * otherwise one member per line below `indentation`, like the rest of the file.
 */
function renderValue(value: unknown, indentation: string, formatting: Formatting, preferInline: boolean): string {
  const inline = inlineJson(value);
  if (isScalar(value) || inline === '{}' || inline === '[]' || (preferInline && inline.length <= INLINE_LIMIT)) {
    return inline;
  }
  return JSON.stringify(value, null, formatting.unit).split('\n').join(formatting.eol + indentation);
}

function isMultiLine(text: string, node: Node): boolean {
  return text.slice(node.offset, node.offset + node.length).includes('\n');
}

const memberIndexes = new WeakMap<Node, Map<Node, number>>();

/** A member's position in its container; indexed once per container, as one file can hold 100,000 members. */
function indexInContainer(container: Node, member: Node): number {
  const members = container.children ?? [];
  if (members.length < 64) return members.indexOf(member);
  let indexes = memberIndexes.get(container);
  if (!indexes) {
    indexes = new Map(members.map((node, index) => [node, index]));
    memberIndexes.set(container, indexes);
  }
  return indexes.get(member) ?? -1;
}

/** Edits that remove one member (a property, or an array element) from its container. */
function removeMember(text: string, container: Node, member: Node): Edit[] {
  const members = container.children ?? [];
  const index = indexInContainer(container, member);
  if (members.length === 1) {
    return [{ offset: container.offset + 1, length: container.length - 2, content: '' }];
  }
  const isLast = index === members.length - 1;
  const memberEnd = member.offset + member.length;
  const comma = tokenAfter(text, memberEnd);
  const afterMember = !isLast && comma.kind === SyntaxKind.CommaToken ? comma.offset + 1 : memberEnd;
  const ownsItsLines =
    text.slice(lineStart(text, member.offset), member.offset).trim() === '' && restOfLineIsTrivia(text, afterMember);
  const edits: Edit[] = [];
  if (ownsItsLines) {
    const start = lineStart(text, member.offset);
    const end = lineEnd(text, afterMember);
    edits.push({ offset: start, length: end + lineBreakLength(text, end) - start, content: '' });
    if (isLast) {
      const previous = members[index - 1];
      const previousComma = tokenAfter(text, previous.offset + previous.length);
      if (previousComma.kind === SyntaxKind.CommaToken) edits.push({ offset: previousComma.offset, length: 1, content: '' });
    }
  } else if (!isLast) {
    const next = members[index + 1];
    edits.push({ offset: member.offset, length: next.offset - member.offset, content: '' });
  } else {
    const previous = members[index - 1];
    const start = previous.offset + previous.length;
    edits.push({ offset: start, length: memberEnd - start, content: '' });
  }
  return edits;
}

/** Edits that add members (`"key": value`, or array elements) to a container, in the given order. */
function insertMembers(
  text: string,
  container: Node,
  entries: (indentation: string, inline: boolean) => string[],
  first: boolean,
  formatting: Formatting,
): Edit[] {
  const members = container.children ?? [];
  const { eol, unit } = formatting;
  if (!isMultiLine(text, container)) {
    const content = entries(indentationAt(text, container.offset) + unit, true).join(', ');
    if (!content.includes('\n')) {
      if (members.length === 0) return [{ offset: container.offset + 1, length: container.length - 2, content: ` ${content} ` }];
      if (first) return [{ offset: members[0].offset, length: 0, content: `${content}, ` }];
      const last = members[members.length - 1];
      return [{ offset: last.offset + last.length, length: 0, content: `, ${content}` }];
    }
  }
  const containerIndentation = indentationAt(text, container.offset);
  const indentation =
    members.length > 0 && text.slice(lineStart(text, members[0].offset), members[0].offset).trim() === ''
      ? indentationAt(text, members[0].offset)
      : containerIndentation + unit;
  const content = entries(indentation, false).join(`,${eol}${indentation}`);
  if (members.length === 0) {
    const closing = isMultiLine(text, container) ? '' : eol + containerIndentation;
    return [{ offset: container.offset + 1, length: container.length - 2, content: `${eol}${indentation}${content}${closing}` }];
  }
  if (first) return [{ offset: container.offset + 1, length: 0, content: `${eol}${indentation}${content},` }];
  const last = members[members.length - 1];
  const lastEnd = last.offset + last.length;
  const trailingComma = tokenAfter(text, lastEnd);
  const hasComma = trailingComma.kind === SyntaxKind.CommaToken;
  const afterLast = hasComma ? trailingComma.offset + 1 : lastEnd;
  const closingBrace = container.offset + container.length - 1;
  const edits: Edit[] = [];
  if (!hasComma) edits.push({ offset: lastEnd, length: 0, content: ',' });
  if (lineEnd(text, afterLast) > closingBrace) {
    // The closing brace shares the last member's line: the new members go between them, and the brace moves
    // to a line of its own (keeping any comment that sits before it).
    const between = text.slice(afterLast, closingBrace);
    const replaced = between.trim() === '' ? between.length : 0;
    const moved = `${eol}${indentation}${content}${hasComma ? ',' : ''}${eol}${containerIndentation}`;
    edits.push({ offset: afterLast, length: replaced, content: moved });
    return edits;
  }
  edits.push({ offset: lineEnd(text, afterLast), length: 0, content: `${eol}${indentation}${content}${hasComma ? ',' : ''}` });
  return edits;
}

/** Sets the value at `path` (creating missing parent objects), removing it when `value` is undefined. */
function setValue(text: string, root: Node, path: JSONPath, value: unknown, first: boolean, formatting: Formatting): Edit[] {
  let parentPath = path.slice(0, -1);
  let key = path[path.length - 1];
  let parent = nodeAt(root, parentPath);
  if (value === undefined) {
    if (!parent) return [];
    const member = typeof key === 'number' ? parent.children?.[key] : propertyNode(parent, key);
    return member ? removeMember(text, parent, member) : [];
  }
  const existing = parent && (typeof key === 'number' ? parent.children?.[key] : propertyNode(parent, key)?.children?.[1]);
  if (existing) {
    const content = renderValue(value, indentationAt(text, existing.offset), formatting, !isMultiLine(text, parent!));
    return [{ offset: existing.offset, length: existing.length, content }];
  }
  while (!parent && parentPath.length > 0) {
    value = typeof key === 'number' ? [value] : { [key]: value };
    key = parentPath[parentPath.length - 1];
    parentPath = parentPath.slice(0, -1);
    parent = nodeAt(root, parentPath);
  }
  if (!parent || (parent.type !== 'object' && parent.type !== 'array')) return [];
  const label = parent.type === 'object' ? `${JSON.stringify(key)}: ` : '';
  const entries = (indentation: string, inline: boolean) => [label + renderValue(value, indentation, formatting, inline)];
  return insertMembers(text, parent, entries, first, formatting);
}

function changeEdits(text: string, root: Node, change: FixChange, formatting: Formatting): Edit[] {
  if ('renameKeyTo' in change) {
    const parent = nodeAt(root, change.path.slice(0, -1));
    const key = parent && propertyNode(parent, String(change.path[change.path.length - 1]))?.children?.[0];
    return key ? [{ offset: key.offset, length: key.length, content: JSON.stringify(change.renameKeyTo) }] : [];
  }
  if ('insertIntoString' in change) {
    const node = nodeAt(root, change.path);
    if (node?.type !== 'string') return [];
    const source = text.slice(node.offset + 1, node.offset + node.length - 1).toLowerCase();
    const at = change.before ? source.lastIndexOf(change.before.toLowerCase()) : -1;
    // JSON-escape the inserted text only; the rest of the string keeps the user's own escaping.
    const content = JSON.stringify(change.insertIntoString).slice(1, -1);
    return [{ offset: at >= 0 ? node.offset + 1 + at : node.offset + node.length - 1, length: 0, content }];
  }
  if ('removePropertyAt' in change) {
    const property = propertyAt(root, change.removePropertyAt);
    return property?.parent ? removeMember(text, property.parent, property) : [];
  }
  return setValue(text, root, change.path, change.value, change.insertFirst === true, formatting);
}

/**
 * The text after edits that do not overlap, in one pass: jsonc-parser's `applyEdits` rebuilds the whole text
 * for each edit, which takes minutes for the 100,000 edits of a "fix all" on a file that size. Edits at one
 * offset keep their order.
 */
export function applyDisjointEdits(text: string, edits: Edit[]): string {
  const sorted = edits.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.offset - b.edit.offset || a.order - b.order);
  const parts: string[] = [];
  let copied = 0;
  for (const { edit } of sorted) {
    if (edit.offset < copied) throw new Error('Overlapping edits');
    parts.push(text.slice(copied, edit.offset), edit.content);
    copied = edit.offset + edit.length;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** The single edit that turns `before` into `after`: the changed middle, common prefix and suffix kept. */
export function diffEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shortest - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
    end++;
  }
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

/** The text after applying a fix's changes one after another (each change sees the previous one's result). */
export function applyFixSpec(text: string, root: Node | undefined, spec: FixSpec, formatting = detectFormatting(text)): string {
  let result = text;
  spec.changes.forEach((change, index) => {
    // The first change can use the tree we already have; later ones need a fresh parse of the changed text.
    const tree = index === 0 && root ? root : parseTree(result, [], { allowTrailingComma: true });
    if (tree) result = applyEdits(result, changeEdits(result, tree, change, formatting));
  });
  return result;
}

function existingValue(root: Node, path: JSONPath): Node | undefined {
  const parent = nodeAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  return parent && (typeof key === 'number' ? parent.children?.[key] : propertyNode(parent, key)?.children?.[1]);
}

/**
 * Edits for the common kinds of several-change fixes, computed on the one tree we have: values that replace
 * existing values (they cannot interact), or new keys for one existing object (inserted together). Undefined
 * for any other mix.
 */
function simultaneousEdits(text: string, root: Node, changes: FixChange[], formatting: Formatting): Edit[] | undefined {
  const sets = changes.filter((change): change is Extract<FixChange, { value: unknown }> => 'value' in change && change.value !== undefined && !change.insertFirst);
  if (sets.length !== changes.length) return undefined;
  if (sets.every((change) => existingValue(root, change.path))) {
    return sets.flatMap((change) => setValue(text, root, change.path, change.value, false, formatting));
  }
  const parentPath = sets[0].path.slice(0, -1);
  const parent = nodeAt(root, parentPath);
  const sameObject = sets.every(
    (change) =>
      change.path.length === parentPath.length + 1 &&
      change.path.slice(0, -1).every((segment, i) => segment === parentPath[i]) &&
      typeof change.path[parentPath.length] === 'string' &&
      !existingValue(root, change.path),
  );
  if (!parent || parent.type !== 'object' || !sameObject) return undefined;
  const entries = (indentation: string, inline: boolean) =>
    sets.map((change) => `${JSON.stringify(change.path[parentPath.length])}: ${renderValue(change.value, indentation, formatting, inline)}`);
  return insertMembers(text, parent, entries, false, formatting);
}

/** The deepest node that contains every change of a fix (the parent of a single path). */
function commonAncestor(root: Node, changes: FixChange[]): { node: Node; depth: number } {
  const paths = changes.map((change) => change.path.slice(0, -1));
  let depth = 0;
  while (paths.every((path) => path.length > depth && path[depth] === paths[0][depth])) depth++;
  for (; depth > 0; depth--) {
    const node = nodeAt(root, paths[0].slice(0, depth));
    if (node && (node.type === 'object' || node.type === 'array')) return { node, depth };
  }
  return { node: root, depth: 0 };
}

/**
 * Builds a machine-applicable fix. One change, or several that cannot interact, are edited in place on the
 * tree. Any other mix is applied one change after another to the text of the smallest object holding them
 * all, so the cost does not grow with the size of the file.
 */
export function buildFix(text: string, root: Node, spec: FixSpec, formatting = detectFormatting(text)): Fix | undefined {
  let edits = spec.changes.length === 1 ? changeEdits(text, root, spec.changes[0], formatting) : simultaneousEdits(text, root, spec.changes, formatting);
  if (!edits) {
    const { node, depth } = commonAncestor(root, spec.changes);
    const start = lineStart(text, node.offset);
    // Keep the line's indentation before the object and blank out the rest (a key), so the window parses alone
    // and every offset and column stays the same.
    const prefix = text.slice(start, node.offset).replace(/[^ \t]/g, ' ');
    const window = prefix + text.slice(node.offset, node.offset + node.length);
    const relative = spec.changes.map((change) => ({ ...change, path: change.path.slice(depth) }) as FixChange);
    const windowRoot = parseTree(window, [], { allowTrailingComma: true });
    const changed = windowRoot ? applyFixSpec(window, windowRoot, { ...spec, changes: relative }, formatting) : window;
    edits = diffEdit(window, changed).map((edit) => ({ ...edit, offset: edit.offset + start }));
  }
  if (edits.length === 0) return undefined;
  return {
    title: spec.title,
    edits,
    isPreferred: spec.preferred === true,
    isStrip: spec.strip === true,
    isAutomatic: spec.automatic === true,
    ...(spec.storesSecret ? { storesSecret: spec.storesSecret } : {}),
  };
}
