// The active send target in VS Code: profiles from the user's own settings only (never a workspace's), the status
// bar item and the language status item (the payload's operation, the target and its mode), "Select Target…" with
// "Add Target…", and the Local sandbox, started as a child process when first used.
import {
  ConfigurationTarget,
  LanguageStatusSeverity,
  StatusBarAlignment,
  ThemeColor,
  commands,
  languages,
  window,
  workspace,
  type Disposable,
  type ExtensionContext,
  type LanguageStatusItem,
  type StatusBarItem,
} from 'vscode';
import { Commands, LANGUAGE_ID } from '../../server/src/protocol';
import type { RevcentLog } from './log';
import { activeProfile, profileHost, readProfiles, type Profile } from './profiles';
import { startSandboxProcess, type RunningSandbox } from './sandboxProcess';

/** The key the built-in Local sandbox target sends: it accepts any, and `test_` marks test mode. */
export const SANDBOX_KEY = 'test_local_sandbox';

/** A setting's user-level value: a workspace's or folder's `.vscode/settings.json` is never read for targets. */
function userSetting<T>(name: string): T | undefined {
  return workspace.getConfiguration('revcent').inspect<T>(name)?.globalValue;
}

export class Targets implements Disposable {
  private readonly status: StatusBarItem;
  private readonly languageStatus: LanguageStatusItem;
  private sandbox?: Promise<RunningSandbox>;
  private reportedProblems = '';

  constructor(
    private readonly context: ExtensionContext,
    private readonly log: RevcentLog,
  ) {
    this.status = window.createStatusBarItem('revcent.target', StatusBarAlignment.Left, 50);
    this.status.name = 'RevCent Target';
    this.status.command = Commands.selectProfile;
    this.languageStatus = languages.createLanguageStatusItem('revcent.payload', { language: LANGUAGE_ID });
    this.languageStatus.name = 'RevCent Payload';
    context.subscriptions.push(
      this.status,
      this.languageStatus,
      workspace.onDidChangeTextDocument((event) => {
        if (event.document === window.activeTextEditor?.document) this.refresh();
      }),
      workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('revcent.profiles') || event.affectsConfiguration('revcent.activeProfile')) this.refresh();
      }),
      window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    this.refresh();
  }

  profiles(): Profile[] {
    const { profiles, problems } = readProfiles(userSetting('profiles'));
    const said = problems.join('\n');
    if (said && said !== this.reportedProblems) {
      for (const problem of problems) this.log.warn(`Ignored target: ${problem}`);
      void window.showWarningMessage(`Some RevCent targets in your settings are ignored: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more, listed in the RevCent output)` : ''}`);
    }
    this.reportedProblems = said;
    return profiles;
  }

  active(): Profile {
    return activeProfile(this.profiles(), userSetting('activeProfile'));
  }

  /** Where the target is: the sandbox's origin once it runs. */
  async host(profile: Profile): Promise<string> {
    return profileHost(profile, profile.sandbox && this.sandbox ? (await this.sandbox.catch(() => undefined))?.origin : undefined);
  }

  refresh(): void {
    const profile = this.active();
    const live = profile.mode === 'live';
    this.status.text = `$(cloud-upload) ${profile.name}${live ? ' (live)' : ''}`;
    this.status.tooltip = `RevCent target: ${profile.name}, ${profile.mode} mode. Click to choose another.`;
    this.status.backgroundColor = live ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    const editor = window.activeTextEditor;
    if (editor && editor.document.languageId === LANGUAGE_ID) this.status.show();
    else this.status.hide();
    const operation = editor?.document.languageId === LANGUAGE_ID ? /"\$operation"\s*:\s*"([^"\\]*)"/.exec(editor.document.getText())?.[1] : undefined;
    this.languageStatus.text = operation ?? 'No $operation';
    this.languageStatus.detail = `sent to ${profile.name}, ${profile.mode} mode`;
    this.languageStatus.severity = live ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
    this.languageStatus.command = { title: 'Select Target…', command: Commands.selectProfile };
  }

  /** The running Local sandbox, started on first use. */
  startSandbox(): Promise<RunningSandbox> {
    this.sandbox ??= startSandboxProcess(this.context.asAbsolutePath('server/out/sandbox.js')).then(
      (running) => {
        this.log.info(`Local sandbox started: REST ${running.baseUrl}, MCP ${running.mcpUrl}`);
        return running;
      },
      (error: unknown) => {
        this.sandbox = undefined;
        throw error;
      },
    );
    return this.sandbox;
  }

  async stopSandbox(): Promise<boolean> {
    const running = this.sandbox;
    this.sandbox = undefined;
    if (!running) return false;
    await (await running.catch(() => undefined))?.stop();
    this.log.info('Local sandbox stopped.');
    return true;
  }

  async resetSandbox(): Promise<void> {
    const running = await this.startSandbox();
    const response = await fetch(`${running.origin}/_sandbox/reset`, { method: 'POST' });
    if (!response.ok) throw new Error(`the sandbox answered HTTP ${response.status}`);
    this.log.info('Local sandbox reset to its seed.');
  }

  async select(): Promise<void> {
    const profiles = this.profiles();
    const current = this.active();
    const ADD = '$(add) Add Target…';
    const EDIT = '$(settings-gear) Edit Targets in Settings';
    const items = [
      ...profiles.map((profile) => ({ label: profile.name, description: `${profile.transport === 'mcp' ? 'MCP, ' : ''}${profileHost(profile)}`, detail: `${profile.mode} mode${profile.name === current.name ? ' (active)' : ''}`, profile })),
      { label: ADD },
      { label: EDIT },
    ];
    const choice = await window.showQuickPick(items, { title: 'RevCent: Select Target', placeHolder: 'Where payloads are sent' });
    if (!choice) return;
    if (choice.label === ADD) return this.add();
    if (choice.label === EDIT) {
      await commands.executeCommand('workbench.action.openSettings', 'revcent.profiles');
      return;
    }
    if ('profile' in choice && choice.profile) await workspace.getConfiguration('revcent').update('activeProfile', choice.profile.name, ConfigurationTarget.Global);
  }

  private async add(): Promise<void> {
    const name = await window.showInputBox({ title: 'Add Target (1/4)', prompt: 'A name for the target, such as "Brand A test"', ignoreFocusOut: true, validateInput: (value) => (value.trim() ? undefined : 'Enter a name.') });
    if (!name) return;
    const transport = await window.showQuickPick(
      [
        { label: 'REST API V2', value: 'rest' as const },
        { label: 'MCP server', value: 'mcp' as const },
      ],
      { title: 'Add Target (2/4)', placeHolder: 'How payloads are sent' },
    );
    if (!transport) return;
    const setting = transport.value === 'mcp' ? 'mcpUrl' : 'baseUrl';
    const url = await window.showInputBox({
      title: 'Add Target (3/4)',
      prompt: transport.value === 'mcp' ? 'The MCP server URL your RevCent account gives' : 'The REST API V2 base URL',
      value: transport.value === 'rest' ? 'https://api.revcent.com/v2' : '',
      ignoreFocusOut: true,
      validateInput: (value) => readProfiles([{ name: name.trim(), transport: transport.value, [setting]: value }]).problems[0],
    });
    if (!url) return;
    const mode = await window.showQuickPick(
      [
        { label: 'test', detail: 'A test-mode key: test data only' },
        { label: 'live', detail: 'A live key: real customers. Every send asks for the target ID to be typed.' },
      ],
      { title: 'Add Target (4/4)', placeHolder: 'Which kind of key this target uses (RevCent decides by the key)' },
    );
    if (!mode) return;
    const configuration = workspace.getConfiguration('revcent');
    const existing = userSetting<unknown[]>('profiles') ?? [];
    await configuration.update('profiles', [...(Array.isArray(existing) ? existing : []), { name: name.trim(), transport: transport.value, [setting]: url, mode: mode.label }], ConfigurationTarget.Global);
    await configuration.update('activeProfile', name.trim(), ConfigurationTarget.Global);
    void window.showInformationMessage(`Target "${name.trim()}" added and selected. Store its ${transport.value === 'mcp' ? 'access token' : 'API key'} with "RevCent: Set API Key…".`);
  }

  dispose(): void {
    void this.stopSandbox();
  }
}

