// The send commands as VS Code shows them: Send Payload…, Preview Request, Copy as cURL, the key and secret
// commands, the history, and the Send… CodeLens. The plan comes from the language server; keys and secret values
// from SecretStorage; the request is made here, in the extension host, by the shared send pipeline.
import { join } from 'node:path';
import {
  CodeLens,
  EventEmitter,
  ProgressLocation,
  Range,
  WorkspaceEdit,
  commands,
  env,
  window,
  workspace,
  type CodeLensProvider,
  type ExtensionContext,
  type TextDocument,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, LANGUAGE_ID, SendPlanRequest, type WireSendTarget } from '../../server/src/protocol';
import { toCurl } from '../../server/src/send/curl';
import { fillInCurrent } from '../../server/src/send/fillIn';
import { describeTransportError, type SendResult } from '../../server/src/send/interpret';
import { TransportError } from '../../server/src/send/http';
import type { SendPlan, SendTarget } from '../../server/src/send/plan';
import { compareWithCurrent, type Comparison } from '../../server/src/send/read';
import { planPreview } from '../../server/src/send/preview';
import { redactSecrets } from '../../server/src/send/redact';
import { resolveRoutes } from '../../server/src/send/routes';
import { routeSourceToWire } from '../../server/src/send/routeTable';
import { SendHistory } from './history';
import { credentialKey, credentialProblem, Keychain, secretValueKey } from './keys';
import type { Profile } from './profiles';
import type { RevcentLog } from './log';
import { newPayload } from './newPayload';
import { readEntry, runSendFlow, type SendUi } from './sendFlow';
import { SANDBOX_KEY, Targets } from './targets';
import { ReadOnlyViews } from './views';

const RESPONSE_VIEW = '/RevCent Response.json';
const PREVIEW_VIEW = '/RevCent Request Preview.txt';

interface Resolved {
  profile: Profile;
  host: string;
  /** The target as the shared pipeline takes it, and in its wire form for the language server. */
  sendTarget: SendTarget;
  target: WireSendTarget;
  credential?: string;
  timeoutMs: number;
}

export class SendCommands {
  private readonly keychain: Keychain;
  private readonly history: SendHistory;
  private readonly views = new ReadOnlyViews();
  private lastPayload?: TextDocument;

  constructor(
    private readonly context: ExtensionContext,
    private readonly client: LanguageClient,
    private readonly targets: Targets,
    private readonly log: RevcentLog,
  ) {
    this.keychain = new Keychain(context.secrets, context.globalState);
    if (window.activeTextEditor?.document.languageId === LANGUAGE_ID) this.lastPayload = window.activeTextEditor.document;
    this.history = new SendHistory(join(context.globalStorageUri.fsPath, 'send-history.jsonl'));
    const command = (id: string, run: (...args: unknown[]) => Promise<unknown>) =>
      commands.registerCommand(id, (...args: unknown[]) => run(...args).catch((error: unknown) => this.reportError(error)));
    context.subscriptions.push(
      window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === LANGUAGE_ID) this.lastPayload = editor.document;
      }),
      this.views,
      command(Commands.newPayload, () => newPayload(context)),
      command(Commands.send, () => this.send()),
      command(Commands.previewRequest, () => this.preview()),
      command(Commands.compareWithCurrent, () => this.compareWithCurrentRecord()),
      command(Commands.fillInCurrent, (uri, field) => this.fillInCurrentValues(typeof uri === 'string' ? uri : undefined, typeof field === 'string' ? field : undefined)),
      command(Commands.copyAsCurl, () => this.copyAsCurl()),
      command(Commands.selectProfile, () => this.targets.select()),
      command(Commands.setApiKey, () => this.setApiKey()),
      command(Commands.clearApiKey, () => this.clearApiKey()),
      command(Commands.setSecret, (name, value) => this.setSecret(typeof name === 'string' ? name : undefined, typeof value === 'string' ? value : undefined)),
      command(Commands.clearSecret, (name) => this.clearSecret(typeof name === 'string' ? name : undefined)),
      command(Commands.showHistory, () => this.showHistory()),
      command(Commands.clearHistory, () => this.clearHistory()),
      command(Commands.startSandbox, async () => window.showInformationMessage(`The RevCent sandbox runs at ${(await this.targets.startSandbox()).baseUrl}.`)),
      command(Commands.stopSandbox, async () => window.showInformationMessage((await this.targets.stopSandbox()) ? 'The RevCent sandbox was stopped.' : 'The RevCent sandbox was not running.')),
      command(Commands.resetSandbox, async () => {
        await this.targets.resetSandbox();
        return window.showInformationMessage('The RevCent sandbox is back to its seed.');
      }),
    );
  }

  /** Every stored key and secret value; the log is told them too, so no line shows one. */
  private async hidden(): Promise<string[]> {
    const values = await this.keychain.allValues();
    this.log.setHidden(values);
    return values;
  }

  private async reportError(error: unknown): Promise<void> {
    const hidden = await this.hidden();
    const message = error instanceof TransportError ? describeTransportError(error) : error instanceof Error ? error.message : String(error);
    const shown = redactSecrets(message, hidden);
    this.log.error(shown);
    void window.showErrorMessage(`RevCent: ${shown}`);
  }

  /**
   * The payload the command is for: the active editor's, or, when another kind of editor has the focus (the
   * walkthrough, a response view), the payload edited last that is still open.
   */
  private payloadDocument(): TextDocument | undefined {
    const active = window.activeTextEditor?.document;
    if (active?.languageId === LANGUAGE_ID) return active;
    if (this.lastPayload && !this.lastPayload.isClosed) return this.lastPayload;
    void window.showErrorMessage('Open a RevCent payload file (*.revcent.json) first.');
    return undefined;
  }

  /** The active target with what a plan needs: the sandbox started, the routes read, the key looked up. */
  private async resolve(): Promise<Resolved> {
    const profile = this.targets.active();
    const timeoutMs = workspace.getConfiguration('revcent').get<number>('send.timeout', 30_000);
    let credential: string | undefined;
    let sendTarget: SendTarget;
    if (profile.sandbox) {
      const sandbox = await this.targets.startSandbox();
      credential = SANDBOX_KEY;
      sendTarget = { transport: 'rest', baseUrl: sandbox.baseUrl, routes: await resolveRoutes(sandbox.baseUrl, { apiKey: credential, timeoutMs }) };
    } else {
      credential = await this.keychain.get(credentialKey(profile.name));
      sendTarget =
        profile.transport === 'mcp'
          ? { transport: 'mcp', url: profile.mcpUrl! }
          : { transport: 'rest', baseUrl: profile.baseUrl!, routes: await resolveRoutes(profile.baseUrl!, { apiKey: credential, timeoutMs, cacheFolder: this.context.globalStorageUri.fsPath }) };
    }
    const target: WireSendTarget = sendTarget.transport === 'mcp' ? sendTarget : { ...sendTarget, routes: routeSourceToWire(sendTarget.routes) };
    return { profile, host: await this.targets.host(profile), sendTarget, target, credential, timeoutMs };
  }

  /** Reads the record the plan edits through the resolved target, and predicts it after the edit. */
  private async compare(plan: SendPlan, resolved: Resolved, signal?: AbortSignal): Promise<Comparison> {
    const { profile, credential } = resolved;
    return compareWithCurrent(plan, resolved.sendTarget, {
      apiKey: profile.transport === 'rest' ? credential : undefined,
      mcpToken: profile.transport === 'mcp' ? credential : undefined,
      timeoutMs: resolved.timeoutMs,
      signal,
      secrets: await this.hidden(),
    });
  }

  private async plan(document: TextDocument, resolved: Resolved): Promise<SendPlan> {
    return this.client.sendRequest<SendPlanRequest.Result>(SendPlanRequest.method, { uri: document.uri.toString(), target: resolved.target } satisfies SendPlanRequest.Params);
  }

  private ui(): SendUi {
    return {
      confirm: async (confirmation) => (await window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, 'Send')) === 'Send',
      askTyped: async (prompt, expected) => window.showInputBox({ title: 'RevCent: Confirm the send', prompt, placeHolder: expected, ignoreFocusOut: true }),
      refuse: (message, errors) => {
        void window.showErrorMessage(`RevCent: not sent. ${message}`, ...(errors.length ? ['Open Problems'] : [])).then((choice) => {
          if (choice === 'Open Problems') void commands.executeCommand('workbench.actions.view.problems');
        });
      },
      fail: (message) => void window.showErrorMessage(`RevCent: ${message}`),
      showResult: (result, plan) => void this.showResult(result, plan),
      verified: (message, differs) => {
        this.log.info(message);
        void (differs ? window.showWarningMessage(`RevCent: ${message}`) : window.showInformationMessage(`RevCent: ${message}`));
      },
      withProgress: async (title, run) =>
        window.withProgress({ location: ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          return run(controller.signal);
        }),
    };
  }

  private async showResult(result: SendResult, plan: SendPlan): Promise<void> {
    const view = {
      outcome: result.ok ? 'succeeded' : 'failed',
      operation: plan.operation,
      target: plan.request ? `${plan.request.method} ${plan.request.url}` : plan.toolCall ? `MCP tool ${plan.toolCall.tool} at ${plan.toolCall.url}` : undefined,
      status: result.status,
      code: result.code,
      result: result.result,
      error_code: result.errorCode,
      message: result.message,
      api_call_id: result.apiCallId,
      elapsed_ms: result.elapsedMs,
      response: result.response,
    };
    await this.views.show(RESPONSE_VIEW, `${JSON.stringify(redactSecrets(view, await this.hidden()), null, 2)}\n`, 'json');
  }

  private async send(): Promise<void> {
    const document = this.payloadDocument();
    if (!document) return;
    if (!workspace.isTrusted) {
      void window.showErrorMessage('RevCent: sending is turned off in an untrusted workspace: its files could point a send at the wrong record. Trust the workspace to send; checking and fixes work as they are.');
      return;
    }
    // An untitled payload (from New Payload…) is sent as it stands; a file is saved first, so what is sent is on disk.
    if (document.isDirty && !document.isUntitled && workspace.getConfiguration('revcent').get<boolean>('send.saveBeforeSend', true)) await document.save();
    const resolved = await this.resolve();
    const plan = await this.plan(document, resolved);
    const values = new Map<string, string>();
    for (const name of plan.secretReferences) {
      const value = await this.keychain.get(secretValueKey(name));
      if (value) values.set(name, value);
    }
    const outcome = await runSendFlow(
      {
        file: workspace.asRelativePath(document.uri),
        plan,
        profile: resolved.profile,
        host: resolved.host,
        credential: resolved.credential,
        secrets: (name) => values.get(name),
        hidden: await this.hidden(),
        compare: plan.canSend && plan.kind === 'edit' && resolved.credential ? (signal) => this.compare(plan, resolved, signal) : undefined,
        verifyAfterSend: this.verifiesAfterSend(resolved.profile),
        timeoutMs: resolved.timeoutMs,
      },
      this.ui(),
      this.history,
    );
    this.log.info(`Send of ${workspace.asRelativePath(document.uri)} to ${resolved.profile.name}: ${outcome}.`);
  }

  /** Whether a successful edit is read back and checked against the comparison on this target. */
  private verifiesAfterSend(profile: Profile): boolean {
    const setting = workspace.getConfiguration('revcent').get<string>('send.verifyAfterSend', 'sandbox');
    return setting === 'always' || (setting === 'sandbox' && Boolean(profile.sandbox));
  }

  /**
   * The plan of the payload edit, with the record read and predicted, for Compare with Current and Fill in; or
   * undefined once the user has been told why there is none.
   */
  private async readForEdit(document: TextDocument, verb: string): Promise<{ plan: SendPlan; resolved: Resolved; comparison: Extract<Comparison, { ok: true }>; hidden: string[] } | undefined> {
    if (!workspace.isTrusted) {
      void window.showErrorMessage(`RevCent: reading from RevCent is turned off in an untrusted workspace, as sending is. Trust the workspace to ${verb}.`);
      return undefined;
    }
    const resolved = await this.resolve();
    const plan = await this.plan(document, resolved);
    const file = workspace.asRelativePath(document.uri);
    if (!plan.canSend) {
      this.ui().refuse(`${file} cannot ${verb} until it can be sent: ${plan.refusal ?? ''}`.trim(), plan.blockingErrors);
      return undefined;
    }
    if (plan.kind !== 'edit' || plan.targetId === undefined) {
      void window.showInformationMessage(`RevCent: ${plan.operation} changes no existing record, so there is nothing to ${verb}.`);
      return undefined;
    }
    if (!resolved.credential) {
      void window.showErrorMessage(`RevCent: no key is stored for the target "${resolved.profile.name}": run "RevCent: Set API Key…" first.`);
      return undefined;
    }
    const comparison = await this.ui().withProgress(`Reading ${plan.targetId} from ${resolved.profile.name}…`, (signal) => this.compare(plan, resolved, signal));
    const hidden = [...(await this.hidden()), resolved.credential];
    this.history.append(readEntry({ file, plan, profile: resolved.profile, host: resolved.host }, comparison), hidden);
    if (!comparison.ok) {
      void window.showErrorMessage(`RevCent: cannot ${verb}: the current record could not be read. ${redactSecrets(comparison.reason, hidden)}`);
      return undefined;
    }
    return { plan, resolved, comparison, hidden };
  }

  /** Reads the record the payload edits and shows it beside what the edit may leave, in the diff editor. */
  private async compareWithCurrentRecord(): Promise<void> {
    const document = this.payloadDocument();
    if (!document) return;
    const read = await this.readForEdit(document, 'compare');
    if (!read) return;
    const { plan, resolved, comparison, hidden } = read;
    const file = workspace.asRelativePath(document.uri);
    const format = (value: unknown) => `${JSON.stringify(redactSecrets(value, hidden), null, 2)}\n`;
    const id = plan.targetId!;
    await this.views.showDiff(
      { path: `/Current ${id}.json`, content: format(comparison.current) },
      { path: `/After the edit ${id}.json`, content: format(comparison.prediction.after) },
      `${id}: current ↔ after ${file} (${resolved.profile.name})`,
    );
    const { removals } = comparison.prediction;
    if (removals.length) void window.showWarningMessage(`RevCent: sending ${file} may remove ${redactSecrets(removals.join('; '), hidden).replace(/`/g, '')}.`);
    else void window.showInformationMessage(`RevCent: sending ${file} would remove nothing from ${id}.`);
  }

  /** The "Fill in current values" code action: adds to `field` what the record holds there and the file leaves out. */
  private async fillInCurrentValues(uri?: string, field?: string): Promise<void> {
    const document = uri ? workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri) : this.payloadDocument();
    if (!document || !field) return;
    const read = await this.readForEdit(document, 'fill in current values');
    if (!read) return;
    const editor = window.visibleTextEditors.find((candidate) => candidate.document === document);
    const formatting = { insertSpaces: editor ? editor.options.insertSpaces !== false : true, tabSize: typeof editor?.options.tabSize === 'number' ? editor.options.tabSize : 2, eol: document.eol === 2 ? '\r\n' : '\n' };
    const filled = fillInCurrent(document.getText(), field, read.comparison.current[field], formatting);
    const skipped = filled.skippedSecrets.length ? ` Not written, as a file never holds a secret: ${filled.skippedSecrets.join(', ')} (use \${secret:NAME}).` : '';
    if (!filled.edit) {
      void window.showInformationMessage(`RevCent: ${field} already holds every current value.${skipped}`);
      return;
    }
    const edit = new WorkspaceEdit();
    edit.replace(document.uri, new Range(document.positionAt(filled.edit.offset), document.positionAt(filled.edit.offset + filled.edit.length)), filled.edit.content);
    await workspace.applyEdit(edit);
    void window.showInformationMessage(`RevCent: kept the current ${filled.added.join(', ').replace(/`/g, '')}: delete only what you mean to remove.${skipped}`);
  }

  private async preview(): Promise<void> {
    const document = this.payloadDocument();
    if (!document) return;
    const plan = await this.plan(document, await this.resolve());
    await this.views.show(PREVIEW_VIEW, `${planPreview(plan, await this.hidden())}\n`, 'plaintext');
  }

  private async copyAsCurl(): Promise<void> {
    const document = this.payloadDocument();
    if (!document) return;
    const resolved = await this.resolve();
    if (resolved.target.transport === 'mcp') {
      void window.showInformationMessage('RevCent: the active target sends over MCP; cURL shows REST requests only.');
      return;
    }
    const plan = await this.plan(document, resolved);
    if (!plan.request) {
      void window.showErrorMessage(`RevCent: no request to copy. ${plan.refusal ?? ''}`);
      return;
    }
    await env.clipboard.writeText(toCurl(plan.request, await this.hidden()));
    void window.showInformationMessage('RevCent: the cURL command is on the clipboard; it reads the key from $REVCENT_API_KEY.');
  }

  private async setApiKey(): Promise<void> {
    const profile = this.targets.active();
    if (profile.sandbox) {
      void window.showInformationMessage('RevCent: the Local sandbox needs no key.');
      return;
    }
    const what = profile.transport === 'mcp' ? 'MCP access token' : 'API key';
    const value = await window.showInputBox({ title: `RevCent: ${what} for "${profile.name}"`, prompt: `Stored in the operating system's keychain, never in a file (${profile.mode} mode target)`, password: true, ignoreFocusOut: true, validateInput: (text) => (text === '' ? undefined : credentialProblem(text)) });
    if (!value) return;
    await this.keychain.store(credentialKey(profile.name), value);
    void window.showInformationMessage(`RevCent: the ${what} for "${profile.name}" is stored.`);
  }

  private async clearApiKey(): Promise<void> {
    const profile = this.targets.active();
    await this.keychain.delete(credentialKey(profile.name));
    void window.showInformationMessage(`RevCent: the key for "${profile.name}" is removed.`);
  }

  /** The reference names in the active payload, or one the user types. */
  private async secretName(given: string | undefined, verb: string): Promise<string | undefined> {
    if (given && /^[A-Za-z0-9_]+$/.test(given)) return given;
    const text = (window.activeTextEditor?.document.languageId === LANGUAGE_ID ? window.activeTextEditor.document : this.lastPayload)?.getText() ?? '';
    const names = [...new Set([...text.matchAll(/\$\{secret:([A-Za-z0-9_]+)\}/g)].map((match) => match[1]))];
    if (names.length === 1) return names[0];
    if (names.length > 1) return window.showQuickPick(names, { title: `RevCent: ${verb} which secret?` });
    return window.showInputBox({ title: `RevCent: ${verb} a secret`, prompt: 'The NAME of ${secret:NAME}', validateInput: (value) => (/^[A-Za-z0-9_]+$/.test(value) ? undefined : 'Letters, digits and _ only.') });
  }

  /** Stores a secret's value: the one a fix moved out of the file, or one the user types. */
  private async setSecret(given?: string, moved?: string): Promise<void> {
    const name = await this.secretName(given, 'Store');
    if (!name) return;
    if (moved && !credentialProblem(moved)) {
      await this.keychain.store(secretValueKey(name), moved);
      void window.showInformationMessage(`RevCent: the value is stored as \${secret:${name}}, in the operating system's keychain; the file now holds only the reference.`);
      return;
    }
    const value = await window.showInputBox({ title: `RevCent: value of \${secret:${name}}`, prompt: 'Stored in the operating system\'s keychain; filled in only when sending', password: true, ignoreFocusOut: true, validateInput: (text) => (text === '' ? undefined : credentialProblem(text)) });
    if (!value) return;
    await this.keychain.store(secretValueKey(name), value);
    void window.showInformationMessage(`RevCent: \${secret:${name}} is stored.`);
  }

  private async clearSecret(given?: string): Promise<void> {
    const name = await this.secretName(given, 'Remove');
    if (!name) return;
    await this.keychain.delete(secretValueKey(name));
    void window.showInformationMessage(`RevCent: \${secret:${name}} is removed.`);
  }

  private async showHistory(): Promise<void> {
    const entries = this.history.entries();
    if (entries.length === 0) {
      void window.showInformationMessage('RevCent: nothing has been sent yet.');
      return;
    }
    const choice = await window.showQuickPick(
      entries.map((entry) => ({
        label: `${entry.kind === 'read' ? (entry.outcome === 'succeeded' ? '$(eye)' : '$(eye-closed)') : entry.outcome === 'succeeded' ? '$(check)' : entry.outcome === 'not sent' ? '$(circle-slash)' : '$(error)'} ${entry.operation ?? 'No operation'} ${entry.targetId ?? ''}`,
        description: `${entry.target} (${entry.mode}), ${new Date(entry.time).toLocaleString()}`,
        detail: `${entry.file}: ${entry.message}`,
        entry,
      })),
      { title: 'RevCent: Send History', matchOnDescription: true, matchOnDetail: true },
    );
    if (choice) await this.views.show(RESPONSE_VIEW, `${JSON.stringify(choice.entry, null, 2)}\n`, 'json');
  }

  private async clearHistory(): Promise<void> {
    const choice = await window.showWarningMessage('Clear the RevCent send history?', { modal: true, detail: 'Every recorded send and its response are removed. Nothing is undone at RevCent.' }, 'Clear History');
    if (choice !== 'Clear History') return;
    this.history.clear();
    void window.showInformationMessage('RevCent: the send history is cleared.');
  }
}

/** `Send…`, `Preview` and `cURL` above `"$operation"`, as REST Client and httpYac put theirs above a request. */
export class SendCodeLens implements CodeLensProvider {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  provideCodeLenses(document: TextDocument): CodeLens[] {
    const match = /"\$operation"\s*:/.exec(document.getText());
    if (!match) return [];
    const at = document.positionAt(match.index);
    const range = new Range(at, at);
    return [
      new CodeLens(range, { title: '$(cloud-upload) Send…', command: Commands.send, tooltip: 'RevCent: Send Payload… (asks before sending)' }),
      new CodeLens(range, { title: 'Preview Request', command: Commands.previewRequest }),
      new CodeLens(range, { title: 'Copy as cURL', command: Commands.copyAsCurl }),
    ];
  }
}
