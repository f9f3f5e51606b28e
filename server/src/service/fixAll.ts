// Applying many fixes at once ("fix all", "strip all unrelated fields"), ESLint-style: each pass applies the
// fixes that do not overlap, then the text is analysed again, until nothing is left to fix.
import { applyEdits, type Edit } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePayload, type AnalysisOptions } from './analyze';
import type { Diagnostic, Fix } from './types';

const MAX_PASSES = 50;

/** Which fix of a diagnostic a batch applies, if any. */
export type FixChooser = (diagnostic: Diagnostic) => Fix | undefined;

/** Every preferred fix: what `source.fixAll` applies. */
export const preferredFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isPreferred);

/** Every fix that strips ignored or unrelated content: the "strip all unrelated fields" action. */
export const stripFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isStrip);

/** Whether one pointer is the other or inside it (`/a` and `/a/b`, not `/a` and `/ab`). */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`) || a === '' || b === '';
}

/**
 * The edits of one pass: fixes whose text does not overlap and whose nodes are unrelated. Two fixes on the same
 * object (renaming a key, and adding the missing keys) could each be right alone and wrong together, so the
 * second waits for the next pass, which sees the first one's result.
 */
function compatibleEdits(fixes: { pointer: string; fix: Fix }[]): Edit[] {
  const accepted: { pointer: string; start: number; end: number }[] = [];
  const edits: Edit[] = [];
  for (const { pointer, fix } of fixes) {
    const start = Math.min(...fix.edits.map((edit) => edit.offset));
    const end = Math.max(...fix.edits.map((edit) => edit.offset + edit.length));
    const clashes = accepted.some((other) => related(other.pointer, pointer) || (start <= other.end && other.start <= end));
    if (clashes) continue;
    accepted.push({ pointer, start, end });
    edits.push(...fix.edits);
  }
  return edits;
}

/** The text after applying the chosen fix of every diagnostic, re-analysing between passes. */
export function applyAllFixes(
  text: string,
  choose: FixChooser,
  options: AnalysisOptions = {},
  uri = 'file:///payload.revcent.json',
): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const analysis = analyzePayload(TextDocument.create(uri, 'revcent-json', pass, current), options);
    const fixes = analysis.diagnostics.flatMap((diagnostic) => {
      const fix = choose(diagnostic);
      return fix ? [{ pointer: diagnostic.pointer, fix }] : [];
    });
    // The most specific fixes first: renaming a misspelled key beats adding the "missing" one to its object.
    fixes.sort((a, b) => b.pointer.split('/').length - a.pointer.split('/').length);
    const edits = compatibleEdits(fixes);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current;
}
