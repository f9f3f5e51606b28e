// In-file suppression: `// revcent-disable-next-line RC208` silences the named rules (or all, if the comment
// names nothing) on the next line. Per-rule severity settings (`"revcent.rules": {"RC024": "off"}`) apply here too.
import { visit } from 'jsonc-parser';
import type { Diagnostic, Severity } from '../core/types';

export const SUPPRESSION_DIRECTIVE = 'revcent-disable-next-line';

export type RuleSetting = Severity | 'off';

/** Line number (0-based) → the rule codes silenced on it; an empty set silences every rule. */
function suppressedLines(text: string): Map<number, Set<string>> {
  const lines = new Map<number, Set<string>>();
  if (!text.includes(SUPPRESSION_DIRECTIVE)) return lines;
  visit(
    text,
    {
      onComment(offset, length, startLine) {
        const comment = text.slice(offset, offset + length).replace(/^\/\/|^\/\*|\*\/$/g, '').trim();
        if (!comment.startsWith(SUPPRESSION_DIRECTIVE)) return;
        const rest = comment.slice(SUPPRESSION_DIRECTIVE.length).split(/--/)[0]; // `-- reason` is allowed
        const named = rest.split(/[\s,]+/).filter((token) => token !== '');
        const codes = named.filter((token) => /^RC\d{3}$/i.test(token)).map((code) => code.toUpperCase());
        // A comment that names only things that are not rule codes (`RC28`, a rule's name) silences nothing:
        // a typo must not hide every finding on the line.
        if (named.length > 0 && codes.length === 0) return;
        const lastLine = startLine + (text.slice(offset, offset + length).match(/\n/g)?.length ?? 0);
        lines.set(lastLine + 1, new Set(codes));
      },
    },
    { allowTrailingComma: true },
  );
  return lines;
}

/**
 * The diagnostics left after in-file suppressions and per-rule settings, with severities overridden. `comments`:
 * whether the text may hold comments (a file read without seeing one has no suppression to look for).
 */
export function applySuppressions(
  text: string,
  diagnostics: Diagnostic[],
  settings: Record<string, RuleSetting> = {},
  comments = true,
): Diagnostic[] {
  const lines = comments ? suppressedLines(text) : new Map<number, Set<string>>();
  const result: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const silenced = lines.get(diagnostic.range.start.line);
    if (silenced && (silenced.size === 0 || silenced.has(diagnostic.code))) continue;
    const setting = settings[diagnostic.code];
    if (setting === 'off') continue;
    // Set in place: a copy would build the diagnostic's fixes, which wait until someone asks for them.
    if (setting) diagnostic.severity = setting;
    result.push(diagnostic);
  }
  return result;
}
