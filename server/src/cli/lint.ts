// revcent-lint: the command-line linter for payload files, on the same analysis engine as the language server.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PAYLOAD_SUFFIX } from '../core/payloadFile';
import { parseCommandLine, UsageError } from './arguments';
import { analyzePayload } from '../service/analyze';
import type { Diagnostic, Severity } from '../core/types';

const USAGE = `Usage: revcent-lint [--format text|json] [--max-warnings N] <files or folders...>

Checks RevCent payload files. Folders are searched for *.revcent.json files.

Options:
  --format text|json   Output format (default: text)
  --max-warnings N     Exit with 1 when there are more than N warnings (default: no limit)
  -h, --help           Show this help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 bad usage or a file that could not be read.`;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

interface Options {
  format: 'text' | 'json';
  maxWarnings: number | undefined;
  paths: string[];
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string', default: 'text' },
    'max-warnings': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (values.format !== 'text' && values.format !== 'json') {
    throw new UsageError(`--format must be "text" or "json", not "${values.format}".`);
  }
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) {
      throw new UsageError(`--max-warnings must be a whole number of 0 or more, not "${values['max-warnings']}".`);
    }
  }
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to check.');
  return { format: values.format, maxWarnings, paths: positionals };
}

/** A payload file to check: the path it is read from, and the path the report shows (relative to here, if inside). */
interface PayloadFile {
  path: string;
  shown: string;
}

/** How the report names a path: as given when absolute, else relative to the working folder. */
function shownPath(path: string): string {
  return isAbsolute(path) ? path : relative(process.cwd(), join(process.cwd(), path)) || path;
}

/** `name` inside `folder` (a path `join` wrote), as `join` would write it: without calling it for every file. */
function inFolder(folder: string, name: string): string {
  if (folder === '.') return name;
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** Folder entries in the order of the user's language, as `localeCompare` would sort them (one collator for all). */
const BY_NAME = new Intl.Collator();

/**
 * The payload files named by the arguments: files as given, folders searched (each link followed once per
 * argument). A file reached twice (named twice, or named with its folder) is checked once.
 */
function collectFiles(paths: string[], problem: (message: string) => void): PayloadFile[] {
  const files: PayloadFile[] = [];
  const seenFiles = new Set<string>();
  /** `real`: the file's real path when already known (a plain file in a folder whose real path is known). */
  const addFile = (path: string, shown: string, known?: string): void => {
    let real = known ?? path;
    if (known === undefined) {
      try {
        real = realpathSync(path);
      } catch {
        // Unreadable paths are reported when read.
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ path, shown });
  };
  let visitedFolders = new Set<string>();
  let payloadsInFolder = 0;
  /** `folder` as `join` writes it, and as the report shows it. */
  const visitFolder = (folder: string, shown: string): void => {
    let real: string;
    let entries;
    try {
      real = realpathSync(folder);
      if (visitedFolders.has(real)) return; // a symbolic link loop, or a folder reached twice
      visitedFolders.add(real);
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problem(`${folder}: cannot read this folder (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
      return;
    }
    entries.sort((a, b) => BY_NAME.compare(a.name, b.name));
    for (const entry of entries) {
      const path = inFolder(folder, entry.name);
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isFolder = target.isDirectory();
          isFile = target.isFile();
        } catch {
          if (entry.name.endsWith(PAYLOAD_SUFFIX)) problem(`${path}: broken symbolic link.`);
          continue;
        }
      }
      if (isFolder && !SKIPPED_FOLDERS.has(entry.name)) visitFolder(path, inFolder(shown, entry.name));
      else if (isFile && entry.name.endsWith(PAYLOAD_SUFFIX)) {
        payloadsInFolder++;
        // A file that is not a link is where its folder really is: no need to resolve its path again.
        addFile(path, inFolder(shown, entry.name), entry.isSymbolicLink() ? undefined : inFolder(real, entry.name));
      }
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problem(`${path}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? 'error'})`}.`);
      continue;
    }
    if (stats.isDirectory()) {
      visitedFolders = new Set<string>();
      payloadsInFolder = 0;
      visitFolder(join(path), shownPath(path));
      if (payloadsInFolder === 0) problem(`${path}: no *${PAYLOAD_SUFFIX} files in this folder.`);
    } else if (stats.isFile()) {
      addFile(path, shownPath(path));
    } else {
      // A FIFO would block the read forever; a device such as /dev/zero never ends.
      problem(`${path}: not a regular file (a pipe, socket or device); name a payload file or a folder.`);
    }
  }
  return files;
}

/** The file's text, or a message saying why it cannot be checked. */
function readPayload(path: string): { text: string } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `${path}: cannot read this file (${code === 'EACCES' ? 'permission denied' : (code ?? 'error')}).` };
  }
  if (text.includes('\0')) return { problem: `${path}: this is a binary file, not a JSON payload.` };
  // Read as editors read it: a UTF-8 byte order mark is dropped, not taken for the first character of the JSON.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** What the linter prints of a diagnostic: plain data, so the analysis behind it (its tree, its fixes) is let go. */
type Finding = Pick<Diagnostic, 'severity' | 'code' | 'message' | 'pointer' | 'range'>;

interface FileReport {
  path: string;
  operation?: string;
  diagnostics: Finding[];
}

/** The text format's lines for one file. */
function textLines(report: FileReport): string[] {
  return report.diagnostics.map(({ range, severity, code, message }) => `${report.path}:${range.start.line + 1}:${range.start.character + 1} ${severity} ${code} ${message}`);
}

function textSummary(files: number, counts: Record<Severity, number>, problems: number): string {
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const summary =
    total === 0
      ? `${plural(files, 'file')} checked: no problems.`
      : `${plural(files, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ` +
        `${counts.information} information.`;
  return problems > 0 ? `${summary}\n${plural(problems, 'file')} could not be checked (see above).` : summary;
}

function formatJson(reports: FileReport[]): string {
  return JSON.stringify({
    files: reports.map((report) => ({
      path: report.path,
      operation: report.operation ?? null,
      diagnostics: report.diagnostics,
    })),
  }, null, 2);
}

/** Text output is written as files are checked, in pieces of about this many characters. */
const TEXT_CHUNK = 1 << 16;

/** Runs the linter; returns the exit code. Output goes through the given writers so tests can capture it. */
export function runLint(argv: string[], out: (text: string) => void, err: (text: string) => void): number {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`revcent-lint: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    out(USAGE);
    return 0;
  }
  let problems = 0;
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  // The JSON report is one document, written at the end; the text report's lines are written as they come, so that
  // a long run shows its progress and holds only counts.
  const reports: FileReport[] = [];
  let files = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    if (pending.length > 0) out(pending.join('\n'));
    pending = [];
    pendingLength = 0;
  };
  const problem = (message: string) => {
    problems++;
    err(`revcent-lint: ${message}`);
  };
  for (const { path, shown } of collectFiles(options.paths, problem)) {
    const read = readPayload(path);
    if ('problem' in read) {
      problem(read.problem);
      continue;
    }
    let analysis;
    try {
      analysis = analyzePayload(read.text);
    } catch (error) {
      // A defect of ours must not hide the other files' results or look like "errors found".
      problem(`${path}: could not be analysed (internal error: ${(error as Error).message}). Please report it.`);
      continue;
    }
    files++;
    const diagnostics = analysis.diagnostics.map(({ severity, code, message, pointer, range }) => ({ severity, code, message, pointer, range }));
    for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
    const report = { path: shown, operation: analysis.operation, diagnostics };
    if (options.format === 'json') {
      reports.push(report);
      continue;
    }
    for (const line of textLines(report)) {
      pending.push(line);
      pendingLength += line.length + 1;
    }
    if (pendingLength >= TEXT_CHUNK) flush();
  }
  if (options.format === 'json') out(formatJson(reports));
  else {
    pending.push(textSummary(files, counts, problems));
    flush();
  }

  if (problems > 0) return 2;
  if (counts.error > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    if (options.format === 'text') err(`revcent-lint: ${counts.warning} warnings, more than --max-warnings ${options.maxWarnings}.`);
    return 1;
  }
  return 0;
}

/**
 * V8's inlining budget for this process. A lint run is short, and V8's optimizing compiler works beside it on one
 * background thread: with the default budget it spends longer compiling the analysis into a few very large
 * functions (0.6 to 0.8 s over 3,000 files, on two cores) than the run takes, so most files are checked by code
 * that is not optimized yet. With this budget the compiler finishes in about half the time and the optimized code
 * runs as fast (docs/performance.md). Only the linter's own process is affected, never the language server.
 */
const INLINING_BUDGET = ['--max-inlined-bytecode-size=60', '--max-inlined-bytecode-size-cumulative=150'];

if (require.main === module) {
  for (const flag of INLINING_BUDGET) setFlagsFromString(flag);
  process.exitCode = runLint(
    process.argv.slice(2),
    (text) => process.stdout.write(text + '\n'),
    (text) => process.stderr.write(text + '\n'),
  );
}
