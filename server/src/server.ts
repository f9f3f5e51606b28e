// The language server: wires LSP requests to the RevCent language service, and `revcent/sendPlan` to the send plan
// (never a key, never a request of its own). Start it with `--stdio` or `--node-ipc`. Every handler is guarded, so
// one failing request never takes the server down.
import { join } from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isPayloadDocument } from './core/payloadFile';
import { MessageFraming } from './messageFraming';
import { Commands, SendPlanRequest, type InitializationOptions } from './protocol';
import { buildSendPlan, unsendablePlan, type SendTarget } from './send/plan';
import { routeSourceFromWire } from './send/routeTable';
import { FIX_ALL_KIND, STRIP_UNRELATED_KIND, type ClientAbilities } from './service/codeActions';
import { createRevcentService } from './service';
import { DEFAULT_SETTINGS, parseSettings, type RevcentSettings } from './service/settings';

/** Over stdio, stdin goes through MessageFraming so one malformed header cannot leave the server deaf. */
function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const stdioConnection = createConnection(ProposedFeatures.all, process.stdin.pipe(new MessageFraming()), process.stdout);
  // Given its streams, the library no longer keeps console output off stdout, where it would corrupt the protocol.
  const remote = stdioConnection.console;
  console.log = console.info = console.debug = (...args: unknown[]) => remote.log(format(...args));
  console.warn = (...args: unknown[]) => remote.warn(format(...args));
  console.error = (...args: unknown[]) => remote.error(format(...args));
  return stdioConnection;
}

const connection = connect();
const documents = new TextDocuments(TextDocument);
const service = createRevcentService({
  rulesDocumentUrl: pathToFileURL(join(__dirname, '..', '..', 'docs', 'rules.md')).toString(),
});

let pullDiagnostics = false;
let diagnosticsRefresh = false;
let snippetSupport = true;
let triggerSuggest = false;
const clientAbilities: ClientAbilities = {};
let workspaceConfiguration = false;
let initialSettings: unknown;
const settingsByUri = new Map<string, Promise<RevcentSettings>>();
const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();
/** When each open document last changed, so that pulled diagnostics wait out the debounce too. */
const lastChange = new Map<string, number>();

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function throwIfCancelled(token: CancellationToken | undefined): void {
  // An error, not an empty answer: a client that applied an empty diagnostics report would wipe the real one.
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/**
 * Runs a handler; on an exception, logs it and answers with the fallback instead of failing the server. A
 * cancelled request is answered with the RequestCancelled error.
 */
async function guard<T>(name: string, fallback: T, token: CancellationToken | undefined, run: () => T | Promise<T>): Promise<T> {
  throwIfCancelled(token);
  let result: T;
  try {
    result = await run();
  } catch (error) {
    throwIfCancelled(token); // the handler gave up because the request was cancelled
    connection.console.error(`${name} failed: ${describeError(error)}`);
    return fallback;
  }
  throwIfCancelled(token);
  return result;
}

function settingsFor(uri: string): Promise<RevcentSettings> {
  let settings = settingsByUri.get(uri);
  if (!settings) {
    const raw = workspaceConfiguration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'revcent' })
      : Promise.resolve(initialSettings);
    settings = raw.then(
      (value) => {
        const { settings: parsed, problems } = parseSettings(value);
        for (const problem of problems) connection.console.warn(problem);
        return parsed;
      },
      (error) => {
        connection.console.error(`Reading settings failed: ${describeError(error)}`);
        return DEFAULT_SETTINGS;
      },
    );
    settingsByUri.set(uri, settings);
  }
  return settings;
}

async function publishDiagnostics(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document || !isPayloadDocument(document)) return;
  const version = document.version;
  const settings = await settingsFor(uri);
  // Drop stale results: the document changed (or closed) while we waited for settings.
  if (documents.get(uri)?.version !== version) return;
  const diagnostics = service.validate(document, settings);
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

function scheduleValidation(document: TextDocument, immediately: boolean): void {
  if (pullDiagnostics || !isPayloadDocument(document)) return;
  clearTimeout(pendingValidation.get(document.uri));
  void settingsFor(document.uri).then((settings) => {
    clearTimeout(pendingValidation.get(document.uri));
    const run = () => {
      pendingValidation.delete(document.uri);
      void guard('Validation', undefined, undefined, () => publishDiagnostics(document.uri));
    };
    pendingValidation.set(document.uri, setTimeout(run, immediately ? 0 : settings.debounceMs));
  });
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
  diagnosticsRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
  snippetSupport = capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  workspaceConfiguration = capabilities.workspace?.configuration === true;
  const initializationOptions = params.initializationOptions as InitializationOptions | undefined;
  initialSettings = initializationOptions?.settings;
  // Only our VS Code extension says it runs `editor.action.triggerSuggest`; other editors would not know it.
  triggerSuggest = initializationOptions?.triggerSuggest === true;
  if (initializationOptions?.secretStorage === true) clientAbilities.storeSecretCommand = Commands.setSecret;
  if (initializationOptions?.fixAppliedCommand === true) clientAbilities.fixAppliedCommand = Commands.quickFixApplied;
  if (initializationOptions?.fillInCurrent === true) clientAbilities.fillInCurrentCommand = Commands.fillInCurrent;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['"', ':', ' '] },
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, STRIP_UNRELATED_KIND],
      },
      documentSymbolProvider: true,
      diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
    },
    serverInfo: { name: 'revcent-language-server' },
  };
});

connection.onDidChangeConfiguration((change) => {
  settingsByUri.clear();
  if (!workspaceConfiguration) initialSettings = (change.settings as { revcent?: unknown } | undefined)?.revcent;
  if (!pullDiagnostics) for (const document of documents.all()) scheduleValidation(document, true);
  else if (diagnosticsRefresh) void connection.languages.diagnostics.refresh();
});

documents.onDidOpen((event) => scheduleValidation(event.document, true));
documents.onDidChangeContent((event) => {
  lastChange.set(event.document.uri, Date.now());
  scheduleValidation(event.document, false);
});
/** Above this size, closing a document returns its memory at once when the server runs with --expose-gc. */
const LARGE_DOCUMENT = 1_000_000;

function releaseMemory(): void {
  // V8 keeps a grown heap long after its objects die; a full collection lets it hand the pages back.
  const collect = (globalThis as { gc?: () => void }).gc;
  // Once the close is handled, and again a moment later for what was still in flight (the last publish, the sweep).
  if (collect) {
    setTimeout(() => {
      collect();
      setTimeout(collect, 100);
    }, 0);
  }
}

documents.onDidClose((event) => {
  if (event.document.getText().length > LARGE_DOCUMENT) releaseMemory();
  clearTimeout(pendingValidation.get(event.document.uri));
  pendingValidation.delete(event.document.uri);
  lastChange.delete(event.document.uri);
  settingsByUri.delete(event.document.uri);
  service.forget(event.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on((params, token) =>
  guard('Diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isPayloadDocument(document)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const settings = await settingsFor(document.uri);
    // Editors pull after every keystroke and cancel the previous pull: analyse once the typing pauses.
    const wait = (lastChange.get(document.uri) ?? 0) + settings.debounceMs - Date.now();
    if (wait > 0) await new Promise((resolveLater) => setTimeout(resolveLater, wait));
    throwIfCancelled(token);
    const current = documents.get(document.uri);
    if (!current) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return { kind: DocumentDiagnosticReportKind.Full, items: service.validate(current, settings) };
  }),
);

connection.onHover((params, token) =>
  guard('Hover', null, token, () => {
    const document = documents.get(params.textDocument.uri);
    return document && isPayloadDocument(document) ? service.hover(document, params.position) : null;
  }),
);

connection.onCompletion((params, token) =>
  guard('Completion', { isIncomplete: false, items: [] }, token, () => {
    const document = documents.get(params.textDocument.uri);
    return document && isPayloadDocument(document) ? service.complete(document, params.position, { snippets: snippetSupport, triggerSuggest }) : { isIncomplete: false, items: [] };
  }),
);

connection.onCodeAction((params, token) =>
  guard('Code actions', [], token, async () => {
    const document = documents.get(params.textDocument.uri);
    if (!document || !isPayloadDocument(document)) return [];
    return service.codeActions(document, params.range, params.context, await settingsFor(document.uri), clientAbilities);
  }),
);

connection.onDocumentSymbol((params, token) =>
  guard('Document symbols', [], token, () => {
    const document = documents.get(params.textDocument.uri);
    return document && isPayloadDocument(document) ? service.documentSymbols(document) : [];
  }),
);

connection.onRequest(SendPlanRequest.method, (params: SendPlanRequest.Params, token) => {
  const transport = params?.target?.transport === 'mcp' ? 'mcp' : 'rest';
  const uri = typeof params?.uri === 'string' ? params.uri : '';
  return guard('Send plan', unsendablePlan(uri, transport, 'The language server could not build the send plan; its output log says why.'), token, async () => {
    const document = documents.get(uri);
    if (!document || !isPayloadDocument(document)) return unsendablePlan(uri, transport, 'Open the payload file (*.revcent.json) to send it.');
    const target: SendTarget =
      params.target.transport === 'mcp' ? { transport: 'mcp', url: params.target.url } : { transport: 'rest', baseUrl: params.target.baseUrl, routes: routeSourceFromWire(params.target.routes) };
    const analysis = service.analyze(document, await settingsFor(uri));
    return buildSendPlan({ text: document.getText(), fileName: uri, target, analysis });
  });
});

process.on('uncaughtException', (error) => connection.console.error(`Unexpected error: ${describeError(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`Unexpected error: ${describeError(error)}`));

documents.listen(connection);
connection.listen();
