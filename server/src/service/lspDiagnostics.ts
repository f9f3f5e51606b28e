// Engine diagnostics as LSP diagnostics: source "revcent", code, link to the rule's documentation, pointer in data.
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { findRule } from '../catalog';
import { ruleAnchor } from '../rules';
import type { Diagnostic, Severity } from '../core/types';

export const DIAGNOSTIC_SOURCE = 'revcent';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action needs to find the diagnostic again in a fresh analysis. */
export interface DiagnosticData {
  pointer: string;
}

export function toLspDiagnostic(diagnostic: Diagnostic, rulesDocumentUrl: string): LspDiagnostic {
  const rule = findRule(diagnostic.code);
  const data: DiagnosticData = { pointer: diagnostic.pointer };
  return {
    range: diagnostic.range,
    severity: SEVERITIES[diagnostic.severity],
    source: DIAGNOSTIC_SOURCE,
    code: diagnostic.code,
    codeDescription: rule ? { href: `${rulesDocumentUrl}#${ruleAnchor(rule)}` } : undefined,
    message: diagnostic.message,
    data,
  };
}

/** Whether an engine diagnostic is the one an editor sent back (same rule, node and start). */
export function isSameDiagnostic(engine: Diagnostic, lsp: LspDiagnostic): boolean {
  const data = lsp.data as Partial<DiagnosticData> | undefined;
  return (
    lsp.source === DIAGNOSTIC_SOURCE &&
    lsp.code === engine.code &&
    (data?.pointer === undefined || data.pointer === engine.pointer) &&
    lsp.range.start.line === engine.range.start.line &&
    lsp.range.start.character === engine.range.start.character
  );
}
