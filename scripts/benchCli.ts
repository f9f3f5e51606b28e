// The linter's part of `npm run bench`: `revcent-lint` over a generated corpus of payload files against `ajv
// validate` (ajv-cli, a dev dependency used only here) with the exported schemas (schemas/) over the same files.
// Both run as a user runs them, one process each, timed from start to exit, with their peak memory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCustomerPayload, customerGroupPayload, customerPortalPayload, documentOfSize, enableCustomerPayload } from './benchDocuments';

/** Files per operation, and the size of each (EnableCustomer's files are its one field: about 80 bytes). */
export const FILES_PER_OPERATION = Number(process.env.BENCH_CLI_FILES ?? 3000);
const FILE_SIZE = 4000;

const CORPUS: [string, (seed: number) => string][] = [
  ['EditCustomerGroup', (seed) => documentOfSize((items) => customerGroupPayload(items, seed), FILE_SIZE)],
  ['EditCustomerPortal', (seed) => documentOfSize((items) => customerPortalPayload(items, seed), FILE_SIZE)],
  ['CreateCustomer', (seed) => documentOfSize((items) => createCustomerPayload(items, seed), FILE_SIZE)],
  ['EnableCustomer', (seed) => enableCustomerPayload(0, seed)],
];

interface Run {
  seconds: number;
  peakMb: number;
}

/** Runs a command once, as a user would; its peak resident memory from GNU time. */
function run(command: string[], cwd: string): Run {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', ...command], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const peakKb = Number(/(\d+)\s*$/.exec(result.stderr)?.[1]);
  return { seconds, peakMb: peakKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Rounds per operation: one run of ours, then one of ajv's. The table shows the median time of each tool, and as
 * the ratio the median of the rounds' own ratios: the two runs of a round see the same moment of this shared
 * machine, whose speed drifts between rounds.
 */
export const ROUNDS = 7;

/** The CLI table: per operation and in all, the median of the runs of each tool. */
export function cliTable(root: string): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-bench-cli-'));
  const rows = [
    `| Files | revcent-lint (s) | ajv validate (s) | Lint ÷ ajv (target ≤ 1.0) | revcent-lint peak memory (MB) | ajv peak memory (MB) |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  try {
    let totalBytes = 0;
    const totals = { lint: 0, ajv: 0 };
    const roundTotals = { lint: new Array<number>(ROUNDS).fill(0), ajv: new Array<number>(ROUNDS).fill(0) };
    for (const [operation, make] of CORPUS) {
      const dir = join(folder, operation);
      mkdirSync(dir);
      let bytes = 0;
      for (let i = 0; i < FILES_PER_OPERATION; i++) {
        const text = make(1000 + i);
        bytes += text.length;
        writeFileSync(join(dir, `${String(i).padStart(5, '0')}.revcent.json`), text);
      }
      totalBytes += bytes;
      const lint = [process.execPath, join(root, 'server', 'out', 'cli.js'), dir];
      const ajv = [
        process.execPath,
        join(root, 'node_modules', 'ajv-cli', 'dist', 'index.js'),
        'validate',
        '-s',
        join(root, 'schemas', `${operation}.schema.json`),
        '-d',
        join(dir, '*.revcent.json'),
        '--strict=false',
        '-c',
        'ajv-formats',
        '--all-errors',
      ];
      const lints: Run[] = [];
      const ajvs: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        lints.push(run(lint, root));
        ajvs.push(run(ajv, root));
      }
      const lintSeconds = median(lints.map((r) => r.seconds));
      const ajvSeconds = median(ajvs.map((r) => r.seconds));
      const ratio = median(lints.map((r, round) => r.seconds / ajvs[round].seconds));
      totals.lint += lintSeconds;
      totals.ajv += ajvSeconds;
      lints.forEach((r, round) => (roundTotals.lint[round] += r.seconds));
      ajvs.forEach((r, round) => (roundTotals.ajv[round] += r.seconds));
      const row =
        `| ${FILES_PER_OPERATION} ${operation} (${(bytes / 1e6).toFixed(1)} MB) | ${lintSeconds.toFixed(2)} | ${ajvSeconds.toFixed(2)} | ` +
        `${ratio.toFixed(2)} | ${Math.max(...lints.map((r) => r.peakMb)).toFixed(0)} | ${Math.max(...ajvs.map((r) => r.peakMb)).toFixed(0)} |`;
      console.log(row);
      rows.push(row);
    }
    const all = `| All ${CORPUS.length * FILES_PER_OPERATION} files (${(totalBytes / 1e6).toFixed(1)} MB) | ${totals.lint.toFixed(2)} | ${totals.ajv.toFixed(2)} | ${median(roundTotals.lint.map((lint, round) => lint / roundTotals.ajv[round])).toFixed(2)} |  |  |`;
    console.log(all);
    rows.push(all);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}
