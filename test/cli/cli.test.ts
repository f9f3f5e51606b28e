// revcent-lint as a user runs it: the built CLI in a child process, on files in temporary folders. Checks exit
// codes, the text and JSON output formats, --max-warnings, unreadable inputs, how folders are searched, and how a long
// run writes its report (in process, to see each write).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runLint } from '../../server/src/cli/lint';
import { CLEAN, TWO_WARNINGS, TYPO, TYPO_LINE } from './payloads';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'server', 'out', 'cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function lint(args: string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  assert.equal(result.error, undefined, `the CLI did not finish: ${result.error?.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The parsed `--format json` output. */
interface JsonReport {
  files: { path: string; operation: string | null; diagnostics: { severity: string; code: string }[] }[];
}
function json(run: Run): JsonReport {
  return JSON.parse(run.stdout) as JsonReport;
}

function assertNoStackTrace(run: Run): void {
  assert.ok(!run.stderr.includes('    at '), `stack trace on stderr:\n${run.stderr}`);
  assert.ok(!run.stdout.includes('    at '), `stack trace on stdout:\n${run.stdout}`);
}

const temporaryFolders: string[] = [];

/** A new temporary folder holding the given files (paths relative to it); removed after the tests. */
function folderWith(files: Record<string, string | Buffer> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-lint-test-'));
  temporaryFolders.push(folder);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run "npm run build" first`);
});

after(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

describe('revcent-lint: results and exit codes', () => {
  it('exits 0 and says "no problems" for a clean file', () => {
    const folder = folderWith({ 'clean.revcent.json': CLEAN });
    const run = lint(['clean.revcent.json'], folder);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), '1 file checked: no problems.');
    assert.equal(run.stderr, '');
  });

  it('exits 1 and prints path:line:col severity code message for an error', () => {
    const folder = folderWith({ 'typo.revcent.json': TYPO });
    const run = lint(['typo.revcent.json'], folder);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(lines, [TYPO_LINE('typo.revcent.json'), '1 file checked: 1 error, 0 warnings, 0 information.']);
  });

  it('a field holding an object with its own "constructor" key is a type error on that field, not an internal error', () => {
    const payload = '{"$operation":"EditCustomerGroup","customer_group_id":"GAFC8xtW1Zhd7lEb2gh9","description":{"constructor":{"name":{}}}}';
    const folder = folderWith({ 'constructor.revcent.json': payload });
    const run = lint(['constructor.revcent.json'], folder);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(run.stdout.trim().split('\n'), [
      'constructor.revcent.json:1:92 error RC011 `description` must be text in quotes, not object.',
      '1 file checked: 1 error, 0 warnings, 0 information.',
    ]);
  });

  it('prints every diagnostic line in the path:line:col severity code message form', () => {
    const folder = folderWith({ 'warn.revcent.json': TWO_WARNINGS, 'typo.revcent.json': TYPO });
    const run = lint(['.'], folder);
    const diagnosticLines = run.stdout.trim().split('\n').slice(0, -1);
    assert.equal(diagnosticLines.length, 4, run.stdout); // 1 error, 2 warnings, 1 information
    for (const line of diagnosticLines) {
      assert.match(line, /^[^:\s]+\.revcent\.json:[1-9]\d*:[1-9]\d* (error|warning|information|hint) RC\d{3} \S.*$/);
    }
  });

  it('--format json prints files with their operation and diagnostics with 0-based ranges', () => {
    const folder = folderWith({ 'typo.revcent.json': TYPO });
    const run = lint(['--format', 'json', 'typo.revcent.json'], folder);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      files: [
        {
          path: 'typo.revcent.json',
          operation: 'EditCustomerGroup',
          diagnostics: [
            {
              severity: 'error',
              code: 'RC010',
              message: '`nmae` is not a property of this operation. Did you mean `name`?',
              pointer: '/nmae',
              range: { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } },
            },
          ],
        },
      ],
    });
  });

  it('--format json reports a clean file with an empty diagnostics list', () => {
    const folder = folderWith({ 'clean.revcent.json': CLEAN });
    const run = lint(['--format', 'json', 'clean.revcent.json'], folder);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run), { files: [{ path: 'clean.revcent.json', operation: 'EditCustomerGroup', diagnostics: [] }] });
  });

  it('a file saved with a UTF-8 byte order mark is read as editors read it: no syntax error, the same findings', () => {
    const run = lint(['bom.revcent.json', 'typo.revcent.json'], folderWith({ 'bom.revcent.json': '\uFEFF' + TYPO, 'typo.revcent.json': TYPO }));
    assert.equal(run.status, 1);
    assert.ok(run.stdout.includes(TYPO_LINE('bom.revcent.json')), run.stdout);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
    assert.doesNotMatch(run.stdout, /RC00[0-9] /, 'a syntax finding on the byte order mark');
  });

  it('-h prints the usage and exits 0', () => {
    const run = lint(['-h'], folderWith());
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: revcent-lint/);
  });
});

describe('revcent-lint: --max-warnings', () => {
  const folder = () => folderWith({ 'warn.revcent.json': TWO_WARNINGS });

  it('warnings alone exit 0 without the flag', () => {
    const run = lint(['warn.revcent.json'], folder());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1 file checked: 0 errors, 2 warnings, 1 information\./);
  });

  it('exits 0 when the warnings are within the limit', () => {
    const where = folder();
    assert.equal(lint(['--max-warnings', '2', 'warn.revcent.json'], where).status, 0);
    assert.equal(lint(['--max-warnings', '10', 'warn.revcent.json'], where).status, 0);
  });

  it('exits 1 and says so when the warnings are over the limit', () => {
    const where = folder();
    const run = lint(['--max-warnings', '1', 'warn.revcent.json'], where);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /2 warnings, more than --max-warnings 1/);
    assert.equal(lint(['--max-warnings=0', 'warn.revcent.json'], where).status, 1);
  });

  for (const bad of ['-1', 'abc', '1.5']) {
    it(`rejects --max-warnings ${bad} with exit 2 and a message`, () => {
      const run = lint([`--max-warnings=${bad}`, 'warn.revcent.json'], folder());
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--max-warnings must be a whole number/);
      assertNoStackTrace(run);
    });
  }

  it('rejects -1 given as a separate argument with exit 2 and a message', () => {
    const run = lint(['--max-warnings', '-1', 'warn.revcent.json'], folder());
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^revcent-lint: .*--max-warnings/);
    assertNoStackTrace(run);
  });

  // An empty value (e.g. --max-warnings=$LIMIT with LIMIT unset) must not silently mean 0.
  it('rejects an empty --max-warnings value with exit 2 and a message', () => {
    const run = lint(['--max-warnings=', 'warn.revcent.json'], folder());
    assert.equal(run.status, 2, `exit ${run.status}; stderr: ${run.stderr}`);
    assert.match(run.stderr, /--max-warnings must be a whole number/);
  });
});

describe('revcent-lint: bad usage exits 2 with a message', () => {
  it('no arguments', () => {
    const run = lint([], folderWith());
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Name at least one file or folder to check/);
    assert.match(run.stderr, /Usage: revcent-lint/);
    assertNoStackTrace(run);
  });

  it('an unknown option', () => {
    const run = lint(['--fix', 'clean.revcent.json'], folderWith({ 'clean.revcent.json': CLEAN }));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Unknown option '--fix'/);
    assertNoStackTrace(run);
  });

  it('--format xml', () => {
    const run = lint(['--format', 'xml', 'clean.revcent.json'], folderWith({ 'clean.revcent.json': CLEAN }));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format must be "text" or "json", not "xml"/);
    assertNoStackTrace(run);
  });
});

describe('revcent-lint: inputs that cannot be checked exit 2, and the other files are still checked', () => {
  /** The readable file named next to the problem: its error must still be reported. */
  const withTypo = (files: Record<string, string | Buffer> = {}) => folderWith({ 'typo.revcent.json': TYPO, ...files });

  it('a missing file', () => {
    const run = lint(['missing.revcent.json', 'typo.revcent.json'], withTypo());
    assert.equal(run.status, 2);
    assert.match(run.stderr, /missing\.revcent\.json: no such file or folder/);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
    assertNoStackTrace(run);
  });

  it('a binary file (NUL bytes)', () => {
    const binary = Buffer.from([0x7b, 0x00, 0x01, 0x02, 0xff, 0x00, 0x7d]);
    const run = lint(['binary.revcent.json', 'typo.revcent.json'], withTypo({ 'binary.revcent.json': binary }));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /binary\.revcent\.json: this is a binary file/);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
    assertNoStackTrace(run);
  });

  it('a folder with no payload files', () => {
    const run = lint(['empty', 'typo.revcent.json'], withTypo({ 'empty/notes.json': '{}', 'empty/readme.txt': 'x' }));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /empty: no \*\.revcent\.json files in this folder/);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
    assertNoStackTrace(run);
  });

  it('a broken symbolic link named x.revcent.json inside a searched folder', () => {
    const folder = withTypo();
    symlinkSync(join(folder, 'does-not-exist.json'), join(folder, 'x.revcent.json'));
    const run = lint(['.'], folder);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /x\.revcent\.json: broken symbolic link/);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
    assertNoStackTrace(run);
  });

  it('--format json still prints the readable files when another cannot be read', () => {
    const run = lint(['--format', 'json', 'missing.revcent.json', 'typo.revcent.json'], withTypo());
    assert.equal(run.status, 2);
    assert.deepEqual(json(run).files.map((file) => file.path), ['typo.revcent.json']);
    assert.match(run.stderr, /missing\.revcent\.json/);
  });

  // Engine bug: a key that is also the name of an Object.prototype member crashes the schema walk.
  it('a property named "constructor" is an unknown property, not a crash', () => {
    const odd = `{
  "$operation": "EnableCustomer",
  "customer_id": "ZXZ5PB0BpMrZaqOXtm1r",
  "constructor": 1
}
`;
    const run = lint(['--format', 'json', 'odd.revcent.json', 'typo.revcent.json'], withTypo({ 'odd.revcent.json': odd }));
    assertNoStackTrace(run);
    assert.equal(run.status, 1, run.stderr);
    const files = json(run).files;
    assert.deepEqual(files.map((file) => file.path), ['odd.revcent.json', 'typo.revcent.json']);
    assert.ok(files[0].diagnostics.some((d) => d.code === 'RC010'), JSON.stringify(files[0]));
  });

  // CLI bug: an exception while analysing one file ends the whole run with a stack trace.
  it('a file the analysis cannot handle (nesting 5000 deep) is reported, and the other files are still checked', () => {
    const deep = `{"$operation": "EnableCustomer", "customer_id": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const run = lint(['deep.revcent.json', 'typo.revcent.json'], withTypo({ 'deep.revcent.json': deep }));
    assertNoStackTrace(run);
    assert.notEqual(run.status, 0);
    assert.match(run.stderr + run.stdout, /deep\.revcent\.json/);
    assert.ok(run.stdout.includes(TYPO_LINE('typo.revcent.json')), run.stdout);
  });
});

describe('revcent-lint: searching folders', () => {
  it('searches folders recursively for *.revcent.json only and skips node_modules', () => {
    const folder = folderWith({
      'a.revcent.json': CLEAN,
      'nested/deeper/b.revcent.json': TYPO,
      'notes.json': '{ "not": "a payload" }',
      'nested/settings.json': '{ "also": "ignored" }',
      'nested/c.revcent.json.bak': TYPO,
      'node_modules/some-package/d.revcent.json': TYPO,
      'nested/node_modules/e.revcent.json': TYPO,
    });
    const run = lint(['--format', 'json', '.'], folder);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(
      json(run).files.map((file) => file.path),
      ['a.revcent.json', join('nested', 'deeper', 'b.revcent.json')],
    );
  });

  it('ends on a symbolic-link loop and reports each file once', () => {
    const folder = folderWith({ 'a.revcent.json': CLEAN, 'sub/b.revcent.json': TYPO });
    symlinkSync('..', join(folder, 'sub', 'up'), 'dir'); // sub/up points back to the folder containing sub
    const run = lint(['--format', 'json', '.'], folder);
    assert.equal(run.status, 1, run.stderr);
    const paths = json(run).files.map((file) => file.path);
    assert.deepEqual(paths, ['a.revcent.json', join('sub', 'b.revcent.json')]);
  });

  it('ends on a loop when started inside it, and reports each file once', () => {
    const folder = folderWith({ 'a.revcent.json': CLEAN, 'sub/b.revcent.json': TYPO });
    symlinkSync('..', join(folder, 'sub', 'up'), 'dir');
    const run = lint(['--format', 'json', 'sub'], folder);
    assert.equal(run.status, 1, run.stderr);
    const paths = json(run).files.map((file) => file.path);
    assert.equal(paths.length, 2, paths.join(', '));
    assert.ok(paths.includes(join('sub', 'b.revcent.json')), paths.join(', '));
  });

  // CLI bug: a folder already searched as part of an earlier argument is reported as having no payload files.
  it('accepts a folder together with one of its subfolders', () => {
    const folder = folderWith({ 'a.revcent.json': CLEAN, 'sub/b.revcent.json': CLEAN });
    const run = lint(['.', 'sub'], folder);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout.trim(), '2 files checked: no problems.');
  });
});

describe('revcent-lint: the shipped examples', () => {
  it('npx revcent-lint --format json examples/ exits 0 with no error, and only the warning the one demonstration shows', () => {
    const result = spawnSync('npx', ['--no-install', 'revcent-lint', '--format', 'json', 'examples/'], {
      cwd: ROOT,
      encoding: 'utf8',
      shell: process.platform === 'win32',
      timeout: 120_000,
    });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.ok(report.files.length >= 4, `only ${report.files.length} examples reported`);
    const problems = report.files.flatMap((file) =>
      file.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${file.path} ${d.code}`),
    );
    assert.deepEqual(problems, [`${join('examples', 'portal-confirm-email-only.revcent.json')} RC201`]);
    assert.ok(report.files.every((file) => file.operation !== null), 'every example declares a known operation');
  });
});

describe('revcent-lint: a long run', () => {
  /** Runs the linter in this process, as `bin` does, with every write to stdout and stderr kept apart. */
  function lintInProcess(args: string[], cwd: string): { status: number; writes: string[]; errors: string[] } {
    const writes: string[] = [];
    const errors: string[] = [];
    const previous = process.cwd();
    process.chdir(cwd);
    try {
      const status = runLint(args, (text) => writes.push(text), (text) => errors.push(text));
      return { status, writes, errors };
    } finally {
      process.chdir(previous);
    }
  }

  const FILES = 1200;
  const names = Array.from({ length: FILES }, (_, i) => `typo-${String(i).padStart(4, '0')}.revcent.json`);

  it('writes the text report while it checks, in pieces, and ends with the summary: the lines are those of one report', () => {
    const folder = folderWith(Object.fromEntries(names.map((name) => [`payloads/${name}`, TYPO])));
    const run = lintInProcess(['payloads'], folder);
    assert.equal(run.status, 1);
    assert.deepEqual(run.errors, []);
    assert.ok(run.writes.length >= 2, `the report of ${FILES} files came in ${run.writes.length} write(s), not as it went`);
    const lines = run.writes.join('\n').split('\n');
    assert.equal(lines.pop(), `${FILES} files checked: ${FILES} errors, 0 warnings, 0 information.`);
    assert.deepEqual(lines, names.map((name) => TYPO_LINE(join('payloads', name))));
    // Every piece but the last holds finding lines only: the summary is written once, at the end.
    for (const piece of run.writes.slice(0, -1)) assert.ok(!piece.includes('files checked'), piece.slice(-200));
  });

  it('writes the JSON report once, as one document holding every file', () => {
    const folder = folderWith(Object.fromEntries(names.map((name) => [`payloads/${name}`, TYPO])));
    const run = lintInProcess(['--format', 'json', 'payloads'], folder);
    assert.equal(run.status, 1);
    assert.equal(run.writes.length, 1);
    const report = JSON.parse(run.writes[0]) as JsonReport;
    assert.deepEqual(report.files.map((file) => file.path), names.map((name) => join('payloads', name)));
    assert.ok(report.files.every((file) => file.diagnostics.length === 1 && file.diagnostics[0].code === 'RC010'));
  });
});
