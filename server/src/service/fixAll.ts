// Applying many fixes at once ("fix all", "strip all unrelated fields"), ESLint-style: each pass applies the
// fixes that do not overlap, then the text is analysed again, until nothing is left to fix.
import { applyEdits, type Edit } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePayload, type AnalysisOptions } from './analyze';
import type { Diagnostic, Fix } from './types';

const MAX_PASSES = 10;

/** Which fix of a diagnostic a batch applies, if any. */
export type FixChooser = (diagnostic: Diagnostic) => Fix | undefined;

/** Every preferred fix: what `source.fixAll` applies. */
export const preferredFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isPreferred);

/** Every fix that strips ignored or unrelated content: the "strip all unrelated fields" action. */
export const stripFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isStrip);

function nonOverlapping(fixes: Fix[]): Edit[] {
  const edits = fixes.flatMap((fix) => fix.edits).sort((a, b) => a.offset - b.offset);
  const accepted: Edit[] = [];
  let end = -1;
  for (const edit of edits) {
    if (edit.offset < end || (edit.offset === end && edit.length === 0 && accepted.length > 0)) continue;
    accepted.push(edit);
    end = edit.offset + edit.length;
  }
  return accepted;
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
    const fixes = analysis.diagnostics.map(choose).filter((fix): fix is Fix => fix !== undefined);
    const edits = nonOverlapping(fixes);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current;
}
