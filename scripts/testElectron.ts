// `npm run test:electron`: the extension-host tests (test/extension/) in desktop VS Code through @vscode/test-electron,
// when `code` is on PATH: its real Electron executable is passed as `vscodeExecutablePath`, so nothing is downloaded;
// the unpacked extension (`npm run build`) is the extensionDevelopmentPath, the bundled mocha runner the
// extensionTestsPath, examples/ the workspace, with fresh user-data and extensions folders in .vscode-test/electron/.
// Without desktop VS Code it says that the tests did not run here, why, and which route runs them (code-server, in
// `npm run test:vscode`), and exits 0 without claiming a pass.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { buildExtensionTests } from './buildExtensionTests';

const root = resolve(__dirname, '..');
const PROFILE = join(root, '.vscode-test', 'electron');
const say = (text: string) => process.stdout.write(`[test:electron] ${text}\n`);

/** The first `name` found in a PATH folder, as the shell would run it. */
function onPath(names: string[]): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const file = join(folder, name);
      try {
        if (statSync(file).isFile()) {
          accessSync(file, constants.X_OK);
          return file;
        }
      } catch {
        // not there, or not executable
      }
    }
  }
  return undefined;
}

/** Whether a file is a native program (ELF, Mach-O, PE) rather than a script. */
function isBinary(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])) || [0xfeedfacf, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0)) || head.subarray(0, 2).toString() === 'MZ';
}

/**
 * VS Code's Electron executable behind the `code` command (a script in the installation's `bin/` folder, usually
 * reached through a symlink), or why there is none: the command in a remote or code-server terminal is a CLI that
 * opens files in another window, not an editor that can run tests.
 */
function desktopExecutable(command: string): { executable: string } | { why: string } {
  const cli = realpathSync(command);
  if (/[\\/]remote-cli[\\/]/.test(cli)) {
    return { why: `\`code\` on PATH (${command} -> ${cli}) is the remote CLI of another VS Code window, not desktop VS Code` };
  }
  const bin = dirname(cli);
  const name = basename(cli).replace(/\.cmd$/i, ''); // code, code-insiders
  const install = dirname(bin);
  const candidates =
    basename(cli) === 'snap'
      ? [`/snap/${basename(command)}/current/usr/share/${basename(command)}/${basename(command)}`] // /snap/bin/code -> /usr/bin/snap
      : process.platform === 'win32'
        ? [join(install, name === 'code-insiders' ? 'Code - Insiders.exe' : 'Code.exe')]
        : process.platform === 'darwin'
          ? // .../Visual Studio Code.app/Contents/Resources/app/bin/code
            [join(install, '..', '..', 'MacOS', 'Electron'), join(install, '..', '..', 'MacOS', 'Code')]
          : [join(install, name)]; // /usr/share/code/bin/code -> /usr/share/code/code
  if (basename(bin) === 'bin' || basename(cli) === 'snap') {
    const found = candidates.find((file) => existsSync(file) && statSync(file).isFile());
    if (found) return { executable: found };
  }
  if (isBinary(cli)) return { executable: cli }; // `code` linked straight to the Electron executable
  return { why: `\`code\` on PATH (${command} -> ${cli}) is not a VS Code installation this script recognises (looked for ${candidates.join(', ')})` };
}

function didNotRun(why: string): void {
  say(`NOT RUN: the extension-host tests (test/extension/) did not run through @vscode/test-electron: ${why}.`);
  say('This script never downloads VS Code: it uses an installed one only.');
  say('They run in code-server instead: `npm run test:vscode` (test/e2e/extensionHost.test.ts; alone, after `npm run build`:');
  say('`node --import tsx --test test/e2e/extensionHost.test.ts`).');
  say('No test passed or failed here; exiting 0.');
}

async function main(): Promise<void> {
  const command = onPath(process.platform === 'win32' ? ['code.cmd', 'code.exe'] : ['code']);
  if (!command) return didNotRun('desktop VS Code (`code`) is not on PATH');
  const resolved = desktopExecutable(command);
  if ('why' in resolved) return didNotRun(resolved.why);
  say(`desktop VS Code: ${resolved.executable} (from ${command})`);

  say('building the extension (npm run build) and the extension-host tests');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`);
  const extensionTestsPath = await buildExtensionTests();

  // A fresh profile: nothing of your own VS Code setup is read or changed.
  rmSync(PROFILE, { recursive: true, force: true });
  const userData = join(PROFILE, 'user-data');
  const extensionsDir = join(PROFILE, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = { 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'chat.disableAIFeatures': true };
  writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  // Run from a VS Code terminal, these would make Electron run as Node or hand the window to that VS Code.
  for (const key of Object.keys(process.env)) if (/^(ELECTRON_RUN_AS_NODE|VSCODE_)/.test(key)) delete process.env[key];

  try {
    await runTests({
      vscodeExecutablePath: resolved.executable,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [join(root, 'examples'), `--user-data-dir=${userData}`, `--extensions-dir=${extensionsDir}`],
    });
  } catch (error) {
    say(`FAILED: the extension-host tests failed in desktop VS Code (${error instanceof Error ? error.message : String(error)}); mocha's report is above.`);
    process.exitCode = 1;
    return;
  }
  say('passed: the extension-host tests passed in desktop VS Code.');
}

main().catch((error: unknown) => {
  say(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
