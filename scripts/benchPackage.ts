// The benchmark's package rows: `npm run package` into a temporary folder, then the size of each bundle in the .vsix
// (as installed, uncompressed) and of the .vsix itself, against their targets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVsix } from './vsix';

const BUNDLES: [string, string, number | undefined][] = [
  ['client/out/extension.js', 'the client, loaded when the extension starts', 1e6],
  ['client/out/transports.js', 'HTTP and MCP for the client, loaded at the first send or read', undefined],
  ['server/out/server.js', 'the language server', undefined],
  ['server/out/sandbox.js', 'the Local sandbox', undefined],
];
const VSIX_TARGET = 5e6;

const kb = (bytes: number): string => `${(bytes / 1e3).toFixed(0)} KB`;
const mb = (bytes: number): string => `${bytes / 1e6} MB`;

/** The package table for docs/performance.md (the package test holds the targets). */
export function packageTable(root: string): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-bench-package-'));
  try {
    const vsix = join(folder, 'package.vsix');
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'package.ts'), '--out', vsix], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}${result.stderr}`);
    const entries = readVsix(vsix);
    const table = ['| Package | Size | Target |', '| --- | --- | --- |'];
    for (const [path, what, target] of BUNDLES) {
      const size = entries.find((entry) => entry.name === `extension/${path}`)?.size;
      if (size === undefined) throw new Error(`${path} is not in the package`);
      table.push(`| \`${path}\`: ${what} | ${kb(size)} | ${target === undefined ? '' : `< ${mb(target)}`} |`);
    }
    const size = statSync(vsix).size;
    table.push(`| The .vsix (${entries.length} files, compressed) | ${kb(size)} | < ${mb(VSIX_TARGET)} |`);
    return table;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
