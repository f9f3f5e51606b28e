// Applying many fixes at once ("fix all", "strip all unrelated fields"), ESLint-style: each pass applies the
// fixes that do not overlap, then the text is analysed again, until nothing is left to fix.
import type { Edit } from 'jsonc-parser';
import { analyzePayload, type AnalysisOptions } from './analyze';
import { applyDisjointEdits } from './edits';
import type { Diagnostic, Fix } from '../core/types';

const MAX_PASSES = 50;

/** Which fix of a diagnostic a batch applies, if any. */
export type FixChooser = (diagnostic: Diagnostic) => Fix | undefined;

/** Every fix that is safe to apply unseen: what "fix all" (`source.fixAll`, also on save) applies. */
export const automaticFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isAutomatic);

/** Every fix that strips ignored or unrelated content: the "strip all unrelated fields" action. */
export const stripFixes: FixChooser = (diagnostic) => diagnostic.fixes.find((fix) => fix.isStrip);

/** A pointer and every pointer above it: `/a/b` → `""`, `/a`, `/a/b`. */
function selfAndAncestors(pointer: string): string[] {
  const pointers = [''];
  for (let slash = pointer.indexOf('/', 1); slash !== -1; slash = pointer.indexOf('/', slash + 1)) pointers.push(pointer.slice(0, slash));
  if (pointer !== '') pointers.push(pointer);
  return pointers;
}

/** Accepted pointers, indexed so that "is this pointer the same as, above or below an accepted one" is cheap. */
class PointerIndex {
  private readonly pointers = new Set<string>();
  private readonly covered = new Set<string>();

  /** Whether `pointer` is an accepted pointer, lies inside one, or holds one (`/a` and `/a/b`, not `/ab`). */
  relatesTo(pointer: string): boolean {
    return this.covered.has(pointer) || selfAndAncestors(pointer).some((above) => this.pointers.has(above));
  }

  add(pointer: string): void {
    this.pointers.add(pointer);
    for (const above of selfAndAncestors(pointer)) this.covered.add(above);
  }
}

interface Span {
  start: number;
  end: number;
  /** Every edit only deletes text. */
  deletes: boolean;
}

/** Whether two fixes' text spans clash. Two deletions may touch (their results compose); anything else may not. */
function spansClash(a: Span, b: Span): boolean {
  return a.deletes && b.deletes ? a.start < b.end && b.start < a.end : a.start <= b.end && b.start <= a.end;
}

/** Accepted spans, kept sorted by start; they never overlap, so only the neighbours of a new span can clash. */
class SpanIndex {
  private readonly spans: Span[] = [];

  /** Where a span starting at `start` goes: after every span that starts before it or at it. */
  private insertionIndex(start: number): number {
    let low = 0;
    let high = this.spans.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.spans[middle].start <= start) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  clashes(span: Span): boolean {
    const index = this.insertionIndex(span.start);
    // Walk out while a neighbour can still reach the span; zero-length spans at one offset can pile up.
    for (let i = index - 1; i >= 0 && this.spans[i].end >= span.start; i--) if (spansClash(this.spans[i], span)) return true;
    for (let i = index; i < this.spans.length && this.spans[i].start <= span.end; i++) if (spansClash(this.spans[i], span)) return true;
    return false;
  }

  add(span: Span): void {
    this.spans.splice(this.insertionIndex(span.start), 0, span);
  }
}

/**
 * The edits of one pass: fixes whose text does not overlap and whose nodes are unrelated. Two fixes on the same
 * object (renaming a key, and adding the missing keys) could each be right alone and wrong together, so the
 * second waits for the next pass, which sees the first one's result. Fixes that only delete text (the copies of
 * a duplicated key share one pointer) compose whenever their text is apart, so they all go in one pass.
 */
function compatibleEdits(fixes: { pointer: string; fix: Fix }[]): Edit[] {
  const allPointers = new PointerIndex();
  const nonDeletionPointers = new PointerIndex();
  const spans = new SpanIndex();
  const edits: Edit[] = [];
  for (const { pointer, fix } of fixes) {
    const span: Span = {
      start: Math.min(...fix.edits.map((edit) => edit.offset)),
      end: Math.max(...fix.edits.map((edit) => edit.offset + edit.length)),
      deletes: fix.edits.every((edit) => edit.content === ''),
    };
    const pointers = span.deletes ? nonDeletionPointers : allPointers;
    if (pointers.relatesTo(pointer) || spans.clashes(span)) continue;
    allPointers.add(pointer);
    if (!span.deletes) nonDeletionPointers.add(pointer);
    spans.add(span);
    edits.push(...fix.edits);
  }
  return edits;
}

/** The text after applying the chosen fix of every diagnostic, re-analysing between passes. */
export function applyAllFixes(text: string, choose: FixChooser, options: AnalysisOptions = {}): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const analysis = analyzePayload(current, options);
    const fixes = analysis.diagnostics.flatMap((diagnostic) => {
      const fix = choose(diagnostic);
      return fix ? [{ pointer: diagnostic.pointer, fix }] : [];
    });
    // The most specific fixes first: renaming a misspelled key beats adding the "missing" one to its object.
    fixes.sort((a, b) => b.pointer.split('/').length - a.pointer.split('/').length);
    const edits = compatibleEdits(fixes);
    if (edits.length === 0) break;
    const next = applyDisjointEdits(current, edits);
    if (next === current) break;
    current = next;
  }
  return current;
}
