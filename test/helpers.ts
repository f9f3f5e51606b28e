// Shared test helpers: analyse a text as a payload file and apply fixes to it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { analyzePayload } from '../server/src/service/analyze';
import type { Analysis, Diagnostic, Fix } from '../server/src/core/types';

export function analyze(text: string): Analysis {
  return analyzePayload(text);
}

/** `code severity pointer` for each diagnostic: a compact form to compare in assertions. */
export function summarize(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.severity} ${d.pointer}`);
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** The text a diagnostic's range covers. */
export function coveredText(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.offset, diagnostic.offset + diagnostic.length);
}

export const FIXTURES = join(__dirname, 'fixtures');

/** Every file below a folder, depth first, in name order. */
export function filesBelow(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? filesBelow(path) : [path];
    });
}

/** The text of a fixture, by its path below test/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
