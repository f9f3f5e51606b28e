// Code actions: each engine fix as a quick fix tied to its diagnostic (matched by rule code and node, never by
// message), a "suppress on this line" action, "fill in current values" where the editor can read the record, and
// the file-wide "fix all" and "strip all unrelated fields".
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic as LspDiagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { findNodeAtOffset, parseTree } from 'jsonc-parser';
import { findOperation } from '../catalog';
import type { AnalysisOptions } from './analyze';
import { diffEdit } from './edits';
import { applyAllFixes, automaticFixes, stripFixes, type FixChooser } from './fixAll';
import { isSameDiagnostic } from './lspDiagnostics';
import { SUPPRESSION_DIRECTIVE } from './suppressions';
import type { Analysis, Diagnostic, Fix } from '../core/types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.revcent`;
export const STRIP_UNRELATED_KIND = `${CodeActionKind.Source}.stripUnrelatedFields.revcent`;

function textEdits(document: TextDocument, fix: Pick<Fix, 'edits'>): TextEdit[] {
  return fix.edits.map((edit) => ({
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.content,
  }));
}

function workspaceEdit(document: TextDocument, edits: TextEdit[]) {
  return { changes: { [document.uri]: edits } };
}

/** What the editor can do besides applying edits. */
export interface ClientAbilities {
  /** The command that stores a secret's value, given its name and value (VS Code's revcent.setSecret). */
  storeSecretCommand?: string;
  /** A command run after a quick fix is applied (VS Code's walkthrough step "apply its fix" completes on it). */
  fixAppliedCommand?: string;
  /** The command that reads the record and fills a field in with its current values, given the URI and the field. */
  fillInCurrentCommand?: string;
}

/**
 * "Fill in current values for `field`" on a top-level field that an edit may replace whole (`customer_emails`,
 * `qualifiers`, ...), where the cursor is: the editor's command reads the record and adds what the file leaves out.
 */
function fillInAction(document: TextDocument, range: Range, analysis: Analysis, command: string): CodeAction[] {
  const operation = analysis.operation ? findOperation(analysis.operation) : undefined;
  if (!operation?.readOperation || !operation.possiblyReplaced?.length) return [];
  const root = parseTree(document.getText());
  const property = root?.type === 'object' ? findNodeAtOffset(root, document.offsetAt(range.start), true) : undefined;
  let top = property;
  while (top?.parent && top.parent !== root) top = top.parent;
  const [key, value] = top?.type === 'property' ? (top.children ?? []) : [];
  const field = typeof key?.value === 'string' ? key.value : undefined;
  if (!field || !operation.possiblyReplaced.includes(field) || (value?.type !== 'object' && value?.type !== 'array')) return [];
  const title = `Fill in current values for \`${field}\``;
  return [{ title, kind: CodeActionKind.QuickFix, command: { title, command, arguments: [document.uri, field] } }];
}

function quickFixes(document: TextDocument, engine: Diagnostic, lsp: LspDiagnostic, abilities: ClientAbilities): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const fix of engine.fixes) {
    // A fix that stores a secret is offered only where the editor can store it.
    if (fix.storesSecret && !abilities.storeSecretCommand) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      isPreferred: fix.isPreferred,
      edit: workspaceEdit(document, textEdits(document, fix)),
      ...(fix.storesSecret && abilities.storeSecretCommand
        ? { command: { title: fix.title, command: abilities.storeSecretCommand, arguments: [fix.storesSecret.name, fix.storesSecret.value] } }
        : abilities.fixAppliedCommand
          ? // No arguments: VS Code then runs the command by its own id, which is what a walkthrough step listens for.
            { command: { title: fix.title, command: abilities.fixAppliedCommand } }
          : {}),
    });
  }
  if (engine.code !== 'RC001') actions.push(suppressAction(document, engine, lsp));
  return actions;
}

/** Adds `// revcent-disable-next-line CODE` above the diagnostic's line, in that line's indentation. */
function suppressAction(document: TextDocument, engine: Diagnostic, lsp: LspDiagnostic): CodeAction {
  const line = engine.range.start.line;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indentation = /^[ \t]*/.exec(lineText)![0];
  const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
  return {
    title: `Ignore ${engine.code} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [lsp],
    edit: workspaceEdit(document, [
      { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indentation}// ${SUPPRESSION_DIRECTIVE} ${engine.code}${eol}` },
    ]),
  };
}

function fileAction(document: TextDocument, title: string, kind: string, choose: FixChooser, options: AnalysisOptions): CodeAction[] {
  const text = document.getText();
  const fixed = applyAllFixes(text, choose, options);
  if (fixed === text) return [];
  return [{ title, kind, edit: workspaceEdit(document, textEdits(document, { edits: diffEdit(text, fixed) })) }];
}

function wants(context: CodeActionContext, kind: string): boolean {
  return !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
}

/** The code actions for a range; none when the file does not parse. */
export function getCodeActions(
  document: TextDocument,
  range: Range,
  context: CodeActionContext,
  analysis: Analysis,
  options: AnalysisOptions,
  abilities: ClientAbilities = {},
): CodeAction[] {
  if (analysis.diagnostics.some((diagnostic) => diagnostic.code === 'RC001')) return [];
  const actions: CodeAction[] = [];
  if (wants(context, CodeActionKind.QuickFix)) {
    for (const lsp of context.diagnostics) {
      const engine = analysis.diagnostics.find((candidate) => isSameDiagnostic(candidate, lsp));
      if (engine) actions.push(...quickFixes(document, engine, lsp, abilities));
    }
    if (abilities.fillInCurrentCommand) actions.push(...fillInAction(document, range, analysis, abilities.fillInCurrentCommand));
  }
  if (context.only && wants(context, FIX_ALL_KIND)) {
    actions.push(...fileAction(document, 'Fix all auto-fixable RevCent problems', FIX_ALL_KIND, automaticFixes, options));
  }
  if (wants(context, STRIP_UNRELATED_KIND) && analysis.diagnostics.some((diagnostic) => diagnostic.fixes.some((fix) => fix.isStrip))) {
    actions.push(...fileAction(document, 'Strip all unrelated fields', STRIP_UNRELATED_KIND, stripFixes, options));
  }
  return actions;
}
