// `npm run package [-- --out FILE]`: the packaged extension, revcent-payloads-<version>.vsix at the project root.
// A copy of this checkout (without node_modules, dot folders, test output and built files) gets the
// production bundles (scripts/build.ts --production), then @vscode/vsce packages it there with --no-dependencies:
// .vscodeignore decides what ships, and the bundles in this checkout stay as they are. Fails on any vsce warning.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = join(__dirname, '..');
/** Never copied: dependencies, test output, built files, earlier packages, and dot files but .vscodeignore (.git, the
 * code-server cache in .vscode-test): none of them ships. */
const SKIPPED = new Set(['node_modules', 'test-output', 'client/out', 'server/out', 'schemas']);

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (${result.status ?? result.signal}):\n${output}`);
  return output;
}

function main(): void {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const outFlag = process.argv.indexOf('--out');
  const vsix = outFlag === -1 ? join(root, `${name}-${version}.vsix`) : resolve(process.argv[outFlag + 1]);
  const staging = mkdtempSync(join(tmpdir(), 'revcent-package-'));
  try {
    cpSync(root, staging, {
      recursive: true,
      filter: (source) => {
        const path = relative(root, source);
        return !SKIPPED.has(path) && !path.endsWith('.vsix') && !(path.startsWith('.') && path !== '.vscodeignore');
      },
    });
    run(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts'), '--production', '--out-dir', staging], root);
    // No repository is published: links and images in README.md stay relative to the package, which ships them.
    const output = run(
      process.execPath,
      [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
      staging,
    );
    process.stdout.write(output);
    if (/warn/i.test(output)) throw new Error('vsce warned (see above): fix the manifest or the files rather than ignore it');
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

main();
