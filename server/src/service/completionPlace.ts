// Where the completion cursor is: in an object (a property name) or at a value, and what text to overwrite.
// It follows vscode-json-languageservice, on jsonc-parser's tree and scanner.
import { createScanner, findNodeAtOffset, ScanError, SyntaxKind, type JSONPath, type Node } from 'jsonc-parser';
import { pathOf } from '../core/jsonTree';
import { tokenAfter, tokenAt } from '../core/scanner';

export interface OffsetRange {
  start: number;
  end: number;
}

export type CompletionPlace =
  | { kind: 'property'; objectNode: Node; currentProperty?: Node; overwrite: OffsetRange }
  | { kind: 'value'; path: JSONPath; overwrite: OffsetRange };

/** The unquoted word being typed at the offset (a half-typed name or value), or an empty range at the offset. */
function typedWord(text: string, offset: number): OffsetRange {
  const token = tokenAt(text, offset);
  const word = [SyntaxKind.Unknown, SyntaxKind.TrueKeyword, SyntaxKind.FalseKeyword, SyntaxKind.NullKeyword, SyntaxKind.NumericLiteral];
  return word.includes(token.kind) && token.offset < offset ? { start: token.offset, end: token.offset + token.length } : { start: offset, end: offset };
}

/**
 * Where a comma is missing before an insertion at `start`: right after the value that precedes it, when that
 * value is not followed by a comma yet (the cursor is on a new line after the last property).
 */
export function missingCommaBefore(text: string, start: number): number | undefined {
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

export function isInComment(text: string, offset: number): boolean {
  const token = tokenAt(text, offset);
  if (token.offset >= offset) return false;
  if (token.kind === SyntaxKind.LineCommentTrivia) return true;
  if (token.kind !== SyntaxKind.BlockCommentTrivia) return false;
  return offset < token.offset + token.length || token.error === ScanError.UnexpectedEndOfComment;
}

/** A comma to add after an inserted value, unless one (or the end of the object or list) already follows. */
export function separatorAfter(text: string, offset: number): string {
  const next = tokenAfter(text, offset).kind;
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

export function completionPlace(root: Node, text: string, offset: number): CompletionPlace | undefined {
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
