// revcent-lint on hostile inputs: binary files, a folder of 10,000 payloads (exact counts in the summary), a FIFO
// (must not hang), symbolic-link loops, a byte order mark. Every run must finish, exit with the documented code,
// say what went wrong in a clear message, and never print a stack trace.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLEAN, TWO_WARNINGS, TYPO } from '../cli/payloads';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');
/** A run that takes longer than this is a hang. */
const HANG_MS = 15_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the linter. `asUser` runs it as an unprivileged user when the tests run as root (root reads any file, so
 * it cannot meet a permission error); the bundle is then run from a copy in `cwd`, which that user can read.
 */
function lint(args: string[], cwd: string, hangMs = HANG_MS, asUser = false): Run {
  const started = performance.now();
  let cli = CLI;
  if (asUser) {
    cli = join(cwd, 'revcent-lint.js');
    copyFileSync(CLI, cli);
    chmodSync(cli, 0o755);
  }
  const command = [process.execPath, cli, ...args];
  const [program, ...programArgs] = asUser && process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;
  const result = spawnSync(program, programArgs, { cwd, encoding: 'utf8', timeout: hangMs, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  assert.equal(result.error, undefined, `the CLI did not finish within ${hangMs} ms (${result.error?.message}): a hang`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms };
}

function assertNoStackTrace(run: Run): void {
  for (const [name, text] of [['stderr', run.stderr], ['stdout', run.stdout]]) {
    assert.ok(!text.split('\n').some((line) => line.startsWith('    at ')), `stack trace on ${name}:\n${text.slice(0, 3000)}`);
  }
}

function summary(run: Run): string {
  return run.stdout.trim().split('\n').filter((line) => / checked: /.test(line)).join('\n');
}

const temporaryFolders: string[] = [];
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-lint-fuzz-'));
  temporaryFolders.push(folder);
  return folder;
}

before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
});
after(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describe('revcent-lint fuzz: binary files', () => {
  const binaries: [string, Buffer][] = [
    ['NUL bytes inside JSON', Buffer.from('{"$operation": "EnableCustomer",\u0000 "customer_id": "ZXZ5PB0BpMrZaqOXtm1r"}')],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['a payload in UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')])],
    ['64 KB of every byte value', Buffer.from(Array.from({ length: 65_536 }, (_, i) => i % 256))],
  ];
  for (const [name, bytes] of binaries) {
    it(`${name}: exit 2, "this is a binary file", the other file still checked`, () => {
      const folder = temporaryFolder();
      writeFileSync(join(folder, 'binary.revcent.json'), bytes);
      writeFileSync(join(folder, 'typo.revcent.json'), TYPO);
      const run = lint(['binary.revcent.json', 'typo.revcent.json'], folder);
      assertNoStackTrace(run);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /^revcent-lint: binary\.revcent\.json: this is a binary file/m);
      assert.match(run.stdout, /^typo\.revcent\.json:5:3 error RC010 /m);
      assert.match(run.stdout, /1 file checked: 1 error, 0 warnings, 0 information\.\n1 file could not be checked/);
    });
  }

  it('bytes that are not UTF-8 (no NUL): analysed, no crash', () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'latin1.revcent.json'), Buffer.from(CLEAN.replace('VIP', 'VIP\u00e9'), 'latin1'));
    const run = lint(['latin1.revcent.json'], folder);
    assertNoStackTrace(run);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  });

  // D6: editors drop a UTF-8 byte order mark when they read a file (VS Code does), so the language server never sees
  // one; the CLI decodes the bytes with Buffer#toString, which keeps it, and reports "Unexpected character" at 1:1.
  it('D6: a clean payload saved with a UTF-8 byte order mark is clean, as in the editor', () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'bom.revcent.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN)]));
    const run = lint(['bom.revcent.json'], folder);
    assertNoStackTrace(run);
    assert.equal(run.stdout.trim(), '1 file checked: no problems.', run.stdout);
    assert.equal(run.status, 0);
  });
});

describe('revcent-lint fuzz: a folder of 10,000 payloads', () => {
  const COUNT = 10_000;
  let folder: string;
  let outside: string;
  before(() => {
    folder = temporaryFolder();
    // 10 subfolders of 1,000: per 10 files, 2 with one error, 1 with two warnings and one information, 7 clean.
    for (let group = 0; group < 10; group++) mkdirSync(join(folder, `group-${group}`, 'nested'), { recursive: true });
    for (let i = 0; i < COUNT; i++) {
      const text = i % 10 < 2 ? TYPO : i % 10 === 2 ? TWO_WARNINGS : CLEAN;
      const where = join(folder, `group-${i % 10}`, i % 3 === 0 ? 'nested' : '', `payload-${String(i).padStart(5, '0')}.revcent.json`);
      writeFileSync(where, text);
    }
    writeFileSync(join(folder, 'group-0', 'notes.json'), '{ "not": "a payload" }'); // not *.revcent.json: ignored
    outside = temporaryFolder();
    writeFileSync(join(outside, 'binary.revcent.json'), Buffer.from([0x7b, 0x00, 0x7d]));
  });

  const EXPECTED_SUMMARY = `${COUNT} files checked: 2000 errors, 2000 warnings, 1000 information.`;

  it('text format: every diagnostic printed, the exact counts in the summary, exit 1', (t) => {
    const run = lint(['.'], folder);
    t.diagnostic(`linted ${COUNT} files in ${run.ms.toFixed(0)} ms`);
    assertNoStackTrace(run);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.equal(summary(run), EXPECTED_SUMMARY);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2000 + 2000 + 1000 + 1);
    assert.equal(lines.filter((line) => / error RC010 /.test(line)).length, 2000);
  });

  it('json format: 10,000 file reports with their diagnostics', () => {
    const run = lint(['--format', 'json', '.'], folder);
    assertNoStackTrace(run);
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { severity: string }[] }[] };
    assert.equal(report.files.length, COUNT);
    assert.equal(new Set(report.files.map((file) => file.path)).size, COUNT);
    const severities = report.files.flatMap((file) => file.diagnostics.map((d) => d.severity));
    assert.equal(severities.filter((s) => s === 'error').length, 2000);
    assert.equal(severities.filter((s) => s === 'warning').length, 2000);
    assert.equal(severities.filter((s) => s === 'information').length, 1000);
  });

  it('with an unreadable file named too: exit 2, the same counts, and the file named in a message', () => {
    const run = lint(['.', join(outside, 'binary.revcent.json')], folder);
    assertNoStackTrace(run);
    assert.equal(run.status, 2);
    assert.equal(summary(run), EXPECTED_SUMMARY);
    assert.match(run.stdout.trimEnd(), /\n1 file could not be checked \(see above\)\.$/);
    assert.match(run.stderr, /binary\.revcent\.json: this is a binary file/);
  });
});

describe('revcent-lint fuzz: a file it may not read', () => {
  it('says permission denied, exits 2, and still checks the other files', () => {
    const folder = temporaryFolder();
    chmodSync(folder, 0o755); // the unprivileged user must reach the folder, not the locked file
    writeFileSync(join(folder, 'locked.revcent.json'), CLEAN);
    chmodSync(join(folder, 'locked.revcent.json'), 0o000);
    writeFileSync(join(folder, 'typo.revcent.json'), TYPO);
    chmodSync(join(folder, 'typo.revcent.json'), 0o644);
    const run = lint(['locked.revcent.json', 'typo.revcent.json'], folder, HANG_MS, true);
    assertNoStackTrace(run);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /^revcent-lint: locked\.revcent\.json: cannot read this file \(permission denied\)\.$/m);
    assert.match(run.stdout, /^typo\.revcent\.json:5:3 error RC010 /m);
    assert.match(run.stdout, /1 file could not be checked/);
  });
});

describe('revcent-lint fuzz: paths that are neither files nor folders', () => {
  // D5: the CLI reads any path that is not a folder with readFileSync; on a FIFO with no writer that blocks forever.
  it('D5: a FIFO named on the command line: finishes, exit 2, a clear message', () => {
    const folder = temporaryFolder();
    execFileSync('mkfifo', [join(folder, 'pipe.revcent.json')]);
    writeFileSync(join(folder, 'typo.revcent.json'), TYPO);
    const run = lint(['pipe.revcent.json', 'typo.revcent.json'], folder, 5_000); // two small files: well under 1 s
    assertNoStackTrace(run);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /pipe\.revcent\.json: .*(not a (regular )?file|FIFO|pipe)/i);
    assert.match(run.stdout, /^typo\.revcent\.json:5:3 error RC010 /m);
  });

  it('a FIFO inside a searched folder is skipped, and the folder\'s payloads are checked', () => {
    const folder = temporaryFolder();
    execFileSync('mkfifo', [join(folder, 'pipe.revcent.json')]);
    writeFileSync(join(folder, 'clean.revcent.json'), CLEAN);
    const run = lint(['.'], folder);
    assertNoStackTrace(run);
    assert.ok(run.status === 0 || run.status === 2, `exit ${run.status}`);
    assert.match(run.stdout, /1 file checked: no problems\./);
    if (run.status === 2) assert.match(run.stderr, /pipe\.revcent\.json/);
  });
});

describe('revcent-lint fuzz: symbolic-link loops', () => {
  it('a link to itself, named on the command line: exit 2, a message naming it', () => {
    const folder = temporaryFolder();
    symlinkSync('self.revcent.json', join(folder, 'self.revcent.json'));
    const run = lint(['self.revcent.json'], folder);
    assertNoStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /self\.revcent\.json: .*(loop|ELOOP|symbolic link)/i);
  });

  it('two links pointing at each other, inside a searched folder: exit 2, each named, the payload still checked', () => {
    const folder = temporaryFolder();
    symlinkSync('b.revcent.json', join(folder, 'a.revcent.json'));
    symlinkSync('a.revcent.json', join(folder, 'b.revcent.json'));
    writeFileSync(join(folder, 'typo.revcent.json'), TYPO);
    const run = lint(['.'], folder);
    assertNoStackTrace(run);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /a\.revcent\.json: .*(loop|ELOOP|symbolic link)/i);
    assert.match(run.stderr, /b\.revcent\.json: .*(loop|ELOOP|symbolic link)/i);
    assert.match(run.stdout, /1 file checked: 1 error/);
  });

  it('folder links forming loops (to itself, to its parent, to each other): ends, each payload once', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'x', 'y'), { recursive: true });
    writeFileSync(join(folder, 'x', 'a.revcent.json'), CLEAN);
    writeFileSync(join(folder, 'x', 'y', 'b.revcent.json'), TYPO);
    symlinkSync('.', join(folder, 'x', 'self'), 'dir');
    symlinkSync('..', join(folder, 'x', 'y', 'up'), 'dir');
    symlinkSync(join(folder, 'x'), join(folder, 'x', 'y', 'absolute'), 'dir');
    symlinkSync('z2', join(folder, 'z1'), 'dir');
    symlinkSync('z1', join(folder, 'z2'), 'dir'); // a dangling loop of folder links, not payloads
    const run = lint(['--format', 'json', '.'], folder);
    assertNoStackTrace(run);
    assert.equal(run.status, 1, run.stderr);
    const paths = (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((file) => file.path);
    assert.deepEqual(paths, [join('x', 'a.revcent.json'), join('x', 'y', 'b.revcent.json')]);
  });
});
