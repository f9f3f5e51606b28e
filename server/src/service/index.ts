// The language service facade: every editor feature over a TextDocument, with no LSP connection in it.
// The language server, the protocol and fuzz tests and the benchmark go through it; the linter and the send
// plan need only the analysis and call `analyzePayload` (analyze.ts) without the facade's per-document cache.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CompletionList,
  Diagnostic as LspDiagnostic,
  DocumentSymbol,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { analyzePayload, type AnalysisOptions } from './analyze';
import { getCodeActions, type ClientAbilities } from './codeActions';
import { getCompletions, type CompletionOptions } from './completion';
import { getHover } from './hover';
import { toLspDiagnostic } from './lspDiagnostics';
import { DEFAULT_SETTINGS, type RevcentSettings } from './settings';
import { getDocumentSymbols } from './symbols';
import type { Analysis } from '../core/types';

export type { RevcentSettings } from './settings';

export interface RevcentServiceOptions {
  /** Where `docs/rules.md` can be opened; each diagnostic links to its rule's section. */
  rulesDocumentUrl: string;
}

export interface RevcentService {
  analyze(document: TextDocument, settings?: RevcentSettings): Analysis;
  validate(document: TextDocument, settings?: RevcentSettings): LspDiagnostic[];
  hover(document: TextDocument, position: Position): Hover | null;
  complete(document: TextDocument, position: Position, options?: CompletionOptions): CompletionList;
  codeActions(document: TextDocument, range: Range, context: CodeActionContext, settings?: RevcentSettings, abilities?: ClientAbilities): CodeAction[];
  documentSymbols(document: TextDocument): DocumentSymbol[];
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

/**
 * Runs a feature that parses or walks the document recursively. A file nested thousands of levels deep
 * exhausts the stack; no payload looks like that, so the feature answers "nothing here" instead of failing.
 */
function shallowOnly<T>(fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError) return fallback;
    throw error;
  }
}

export function createRevcentService(options: RevcentServiceOptions): RevcentService {
  // One analysis per document text and settings: validation and code actions on the same text share it.
  const cache = new Map<string, { text: string; settingsKey: string; analysis: Analysis }>();

  function analyze(document: TextDocument, settings: RevcentSettings = DEFAULT_SETTINGS): Analysis {
    const settingsKey = JSON.stringify(settings.rules);
    const text = document.getText();
    const cached = cache.get(document.uri);
    if (cached && cached.text === text && cached.settingsKey === settingsKey) return cached.analysis;
    const analysisOptions: AnalysisOptions = { rules: settings.rules };
    const analysis = analyzePayload(document.getText(), analysisOptions);
    cache.set(document.uri, { text, settingsKey, analysis });
    return analysis;
  }

  return {
    analyze,
    validate(document, settings) {
      return analyze(document, settings).diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, options.rulesDocumentUrl));
    },
    hover: (document, position) => shallowOnly(null, () => getHover(document, position)),
    complete: (document, position, completionOptions) =>
      shallowOnly({ isIncomplete: false, items: [] }, () => getCompletions(document, position, completionOptions)),
    codeActions(document, range, context, settings = DEFAULT_SETTINGS, abilities = {}) {
      return getCodeActions(document, range, context, analyze(document, settings), { rules: settings.rules }, abilities);
    },
    documentSymbols: (document) => shallowOnly([], () => getDocumentSymbols(document)),
    forget(uri) {
      cache.delete(uri);
    },
  };
}
