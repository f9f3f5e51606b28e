// Token look-ups on the raw text with jsonc-parser's scanner, for places the tree does not describe (half-typed text).
import { createScanner, SyntaxKind, type ScanError } from 'jsonc-parser';

export interface Token {
  kind: SyntaxKind;
  offset: number;
  length: number;
  error: ScanError;
}

/** The first token at or after `offset`, skipping white space and comments. */
export function tokenAfter(text: string, offset: number): Token {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  const kind = scanner.scan();
  return { kind, offset: scanner.getTokenOffset(), length: scanner.getTokenLength(), error: scanner.getTokenError() };
}

/** The token that covers `offset` or ends at it (white space and comments included), else the next one. */
export function tokenAt(text: string, offset: number): Token {
  const scanner = createScanner(text, false);
  let kind = scanner.scan();
  while (kind !== SyntaxKind.EOF && scanner.getTokenOffset() + scanner.getTokenLength() < offset) kind = scanner.scan();
  return { kind, offset: scanner.getTokenOffset(), length: scanner.getTokenLength(), error: scanner.getTokenError() };
}
