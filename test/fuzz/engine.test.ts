// Property-based fuzzing of the analysis engine (analyzePayload, applyAllFixes) and the LSP-free service facade
// (validate, hover, complete, codeActions, documentSymbols) with fast-check, on a fixed seed. The shipped
// examples and fixtures are mutated at random; random JSON values are analysed with and without "$operation";
// fixed adversarial inputs (1 MB strings, 10,000 levels of nesting, 100,000 keys, prototype keys) run in a child
// process that is killed when a case hangs. Every case checks: nothing throws, every call finishes within a
// bound, every range lies inside the document, every fix applies and re-analyses, fix-all keeps a parsable file
// parsable. `REVCENT_FUZZ=long` runs many more cases. See docs/reliability.md.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, parseTree, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic as LspDiagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { allRules } from '../../server/src/catalog';
import { analyzePayload } from '../../server/src/service/analyze';
import { FIX_ALL_KIND, STRIP_UNRELATED_KIND } from '../../server/src/service/codeActions';
import { applyAllFixes, automaticFixes, stripFixes } from '../../server/src/service/fixAll';
import { createRevcentService } from '../../server/src/service';
import type { RuleSetting } from '../../server/src/service/suppressions';
import type { Diagnostic } from '../../server/src/core/types';
import {
  CORPUS,
  GROUP_HEAD,
  layout,
  layoutArbitrary,
  mutate,
  mutationArbitrary,
  offsetsArbitrary,
  OPERATIONS,
  PLANTED_KEY_CASES,
  PROTOTYPE_CASES,
  ROOT,
  SEED,
  vocabularyArbitrary,
} from './corpus';

const LONG = process.env.REVCENT_FUZZ === 'long';
fc.configureGlobal({ seed: SEED });

/** Cases per property: the default (bounded) mode and the long mode. */
const RUNS = {
  mutated: LONG ? 20_000 : 300,
  jsonValue: LONG ? 10_000 : 150,
  vocabulary: LONG ? 10_000 : 150,
  rules: LONG ? 3_000 : 60,
};

/**
 * Upper bounds against hangs (not performance targets: `npm run bench` measures speed), in milliseconds. A call
 * takes a few milliseconds; the bound leaves room for a garbage collection on a loaded 2-core machine, where the
 * long mode once saw 305 ms.
 */
const ORDINARY = { call: 1_000, batch: 3_000 };
/** 1 MB strings and 10,000 levels of nesting. */
const BIG = { call: 2_000, batch: 5_000 };
/** 100,000 keys or items: 100,000 diagnostics take about 2 s to build here, so twice that is the hang bound. */
const HUGE = { call: 5_000, batch: 6_000 };
/** A heavy case's child process is killed when one call runs this much longer than its bound. */
const HARD_LIMIT_SLACK_MS = 2_000;
/** At most this many of a heavy case's fixes (and code actions) are applied and re-analysed (it can have 100,000). */
const HEAVY_FIX_SAMPLE = 1;

const service = createRevcentService({ rulesDocumentUrl: 'file:///docs/rules.md' });
const URI = 'file:///fuzz.revcent.json';

function documentOf(text: string): TextDocument {
  return TextDocument.create(URI, 'revcent-json', 1, text);
}

const RULE_CODES = allRules().map((rule) => rule.code);

// ---------------------------------------------------------------------------------------------------------------
// Checks on one document: every engine entry point, with ranges, fixes and timings.

type Bounds = typeof ORDINARY;

interface Examination {
  /** What went wrong: exceptions, ranges outside the document, broken fixes. Empty when all is well. */
  failures: string[];
  /** The longest single call of each phase, in milliseconds. */
  timings: Record<string, number>;
}

interface ExamineOptions {
  /** Offsets (any number: taken modulo length + 1) where hover, completion and code actions are asked. */
  offsets: number[];
  rules?: Record<string, RuleSetting>;
  /** Apply at most this many fixes (all when undefined). */
  fixSample?: number;
  /**
   * Heavy documents: pass only the diagnostics at the cursor to code actions, as an editor does, and call
   * applyAllFixes only through the fix-all and strip code actions (the same call, not made twice).
   */
  heavy?: boolean;
  /** Called before and after each phase (the child process reports progress with it). */
  onPhase?: (phase: string, event: 'start' | 'end', ms?: number) => void;
}

function parses(text: string): boolean | undefined {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error instanceof RangeError) return undefined; // too deep for the recursive parser: unknown
    throw error;
  }
  return errors.length === 0;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

function notAfter(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** A position that exists in the document (not clamped by offsetAt). */
function isValidPosition(document: TextDocument, position: Position): boolean {
  return (
    Number.isInteger(position.line) &&
    Number.isInteger(position.character) &&
    position.line >= 0 &&
    position.character >= 0 &&
    samePosition(document.positionAt(document.offsetAt(position)), position)
  );
}

function rangeProblem(document: TextDocument, range: Range | undefined, what: string): string | undefined {
  if (!range) return `${what}: no range`;
  if (!isValidPosition(document, range.start)) return `${what}: start ${JSON.stringify(range.start)} is outside the document`;
  if (!isValidPosition(document, range.end)) return `${what}: end ${JSON.stringify(range.end)} is outside the document`;
  if (!notAfter(range.start, range.end)) return `${what}: start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`;
  return undefined;
}

function contains(outer: Range, inner: Range): boolean {
  return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}

function diagnosticProblems(document: TextDocument, text: string, diagnostic: Diagnostic): string[] {
  const problems: string[] = [];
  const name = `${diagnostic.code} ${JSON.stringify(diagnostic.pointer)}`;
  const { offset, length } = diagnostic;
  if (!(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= text.length)) {
    problems.push(`${name}: offset ${offset} length ${length} outside the text (length ${text.length})`);
  }
  const range = rangeProblem(document, diagnostic.range, name);
  if (range) problems.push(range);
  if (!samePosition(diagnostic.range.start, document.positionAt(offset))) {
    problems.push(`${name}: range.start ${JSON.stringify(diagnostic.range.start)} is not positionAt(${offset})`);
  }
  if (!samePosition(diagnostic.range.end, document.positionAt(offset + length))) {
    problems.push(`${name}: range.end ${JSON.stringify(diagnostic.range.end)} is not positionAt(${offset + length})`);
  }
  for (const fix of diagnostic.fixes) {
    const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
    let end = 0;
    for (const edit of edits) {
      if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > text.length) {
        problems.push(`${name} fix "${fix.title}": edit ${JSON.stringify({ offset: edit.offset, length: edit.length })} outside the text`);
      } else if (edit.offset < end) {
        problems.push(`${name} fix "${fix.title}": overlapping edits at ${edit.offset}`);
      }
      end = Math.max(end, edit.offset + edit.length);
    }
  }
  return problems;
}

function symbolProblems(document: TextDocument, symbols: DocumentSymbol[], path = ''): string[] {
  return symbols.flatMap((symbol) => {
    const name = `symbol ${path}/${symbol.name}`;
    const problems = [rangeProblem(document, symbol.range, name), rangeProblem(document, symbol.selectionRange, `${name} selection`)];
    if (!symbol.name) problems.push(`${name}: empty name`);
    if (!contains(symbol.range, symbol.selectionRange)) problems.push(`${name}: selectionRange is not inside range`);
    return [...problems.filter((p): p is string => p !== undefined), ...symbolProblems(document, symbol.children ?? [], `${path}/${symbol.name}`)];
  });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at ')).slice(0, 4);
  return `${error.name}: ${error.message}\n${frames.join('\n')}`;
}

/** Runs every engine entry point on `text` and collects what went wrong and how long each phase took. */
export function examine(text: string, options: ExamineOptions): Examination {
  const failures: string[] = [];
  const timings: Record<string, number> = {};
  const document = documentOf(text);
  const settings = { rules: options.rules ?? {}, debounceMs: 150 };
  const positions = options.offsets.map((offset) => document.positionAt(((offset % (text.length + 1)) + text.length + 1) % (text.length + 1)));
  const wasParsable = parses(text);

  /** Times one call; records an exception as a failure and returns undefined. */
  function timed<T>(phase: string, run: () => T): T | undefined {
    options.onPhase?.(phase, 'start');
    const started = performance.now();
    let result: T | undefined;
    try {
      result = run();
    } catch (error) {
      failures.push(`${phase} threw ${describeError(error)}`);
    }
    const ms = performance.now() - started;
    timings[phase] = Math.max(timings[phase] ?? 0, ms);
    options.onPhase?.(phase, 'end', ms);
    return result;
  }

  // The service's analyze is analyzePayload plus a cache, which validate and codeActions then share.
  const analysis = timed('analyzePayload', () => service.analyze(document, settings));
  const diagnostics = analysis?.diagnostics ?? [];
  for (const diagnostic of diagnostics) failures.push(...diagnosticProblems(document, text, diagnostic));

  const lsp = timed('validate', () => service.validate(document, settings)) ?? [];
  if (analysis && lsp.length !== diagnostics.length) failures.push(`validate: ${lsp.length} diagnostics, analyzePayload ${diagnostics.length}`);
  for (const diagnostic of lsp) {
    const problem = rangeProblem(document, diagnostic.range, `validate ${String(diagnostic.code)}`);
    if (problem) failures.push(problem);
  }

  for (const position of positions) {
    const hover = timed('hover', () => service.hover(document, position));
    if (hover?.range) {
      const problem = rangeProblem(document, hover.range, `hover at ${JSON.stringify(position)}`);
      if (problem) failures.push(problem);
    }
    const completion = timed('complete', () => service.complete(document, position));
    for (const item of completion?.items ?? []) {
      const edit = item.textEdit;
      const ranges = !edit ? [] : 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
      for (const range of ranges) {
        const problem = rangeProblem(document, range, `completion "${item.label}" at ${JSON.stringify(position)}`);
        if (problem) failures.push(problem);
      }
    }
  }

  const symbols = timed('documentSymbols', () => service.documentSymbols(document));
  if (symbols) failures.push(...symbolProblems(document, symbols));

  // Code actions: the quick fixes at each cursor (every diagnostic at once for ordinary documents), fix all, strip.
  const actions: CodeAction[] = [];
  const ask = (range: Range, context: { diagnostics: LspDiagnostic[]; only?: string[] }) => {
    const got = timed(context.only ? 'codeActions (file)' : 'codeActions', () => service.codeActions(document, range, context, settings));
    actions.push(...(got ?? []));
  };
  for (const position of positions) {
    const range = { start: position, end: position };
    const at = lsp.filter((d) => notAfter(d.range.start, position) && notAfter(position, d.range.end));
    ask(range, { diagnostics: options.heavy ? at : lsp });
  }
  const whole = { start: document.positionAt(0), end: document.positionAt(text.length) };
  ask(whole, { diagnostics: [], only: [FIX_ALL_KIND] });
  ask(whole, { diagnostics: [], only: [STRIP_UNRELATED_KIND] });

  // Every engine fix, applied and analysed again.
  const fixes = diagnostics.flatMap((diagnostic) => diagnostic.fixes.map((fix) => ({ diagnostic, fix })));
  for (const { diagnostic, fix } of fixes.slice(0, options.fixSample ?? fixes.length)) {
    let fixed: string | undefined;
    try {
      fixed = applyEdits(text, fix.edits);
    } catch (error) {
      failures.push(`${diagnostic.code} fix "${fix.title}" could not be applied: ${describeError(error)}`);
      continue;
    }
    const after = fixed;
    timed('analyze after a fix', () => analyzePayload(after, { rules: settings.rules }));
    if (wasParsable === true && parses(after) === false) {
      failures.push(`${diagnostic.code} ${diagnostic.pointer} fix "${fix.title}" made a parsable file unparsable:\n${after.slice(0, 2000)}`);
    }
  }
  // Every code action's LSP edits, applied as an editor would, and analysed again.
  for (const action of actions.slice(0, options.fixSample ?? actions.length)) {
    const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
    let after: string;
    try {
      after = TextDocument.applyEdits(document, edits);
    } catch (error) {
      failures.push(`code action "${action.title}" could not be applied: ${describeError(error)}`);
      continue;
    }
    timed('analyze after a code action', () => analyzePayload(after, { rules: settings.rules }));
    if (wasParsable === true && parses(after) === false) {
      failures.push(`code action "${action.title}" made a parsable file unparsable:\n${after.slice(0, 2000)}`);
    }
  }

  for (const [name, choose] of options.heavy ? [] : ([['preferred', automaticFixes], ['strip', stripFixes]] as const)) {
    const fixed = timed(`applyAllFixes (${name})`, () => applyAllFixes(text, choose, { rules: settings.rules }));
    if (fixed !== undefined && wasParsable === true && parses(fixed) === false) {
      failures.push(`applyAllFixes (${name}) made a parsable file unparsable:\n${fixed.slice(0, 2000)}`);
    }
  }
  return { failures, timings };
}

/** The phases that may run many analyses in one call. */
function isBatch(phase: string): boolean {
  return phase.startsWith('applyAllFixes') || phase === 'codeActions (file)';
}

function overBounds(examination: Examination, bounds: Bounds): string[] {
  return Object.entries(examination.timings)
    .filter(([phase, ms]) => ms > (isBatch(phase) ? bounds.batch : bounds.call))
    .map(([phase, ms]) => `${phase} took ${ms.toFixed(0)} ms (bound ${isBatch(phase) ? bounds.batch : bounds.call} ms)`);
}

/** Asserts that a document passes every check within the ordinary bounds. */
function assertSound(text: string, options: ExamineOptions): void {
  const examination = examine(text, options);
  const problems = [...examination.failures, ...overBounds(examination, ORDINARY)];
  assert.deepEqual(problems, [], `text (${text.length} chars): ${JSON.stringify(text.length > 600 ? text.slice(0, 600) + '…' : text)}`);
}

const rulesArbitrary: fc.Arbitrary<Record<string, RuleSetting>> = fc.dictionary(
  fc.constantFrom(...RULE_CODES),
  fc.constantFrom<RuleSetting>('error', 'warning', 'information', 'hint', 'off'),
  { maxKeys: 6 },
);

/** Runs a property with fast-check and reports the number of cases it ran. */
async function check<T>(
  t: { diagnostic(message: string): void },
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  numRuns: number,
): Promise<void> {
  // Async, yielding to the event loop after each case, so the heavy-case watchdog below stays responsive.
  const property = fc.asyncProperty(arbitrary, async (value) => {
    predicate(value);
    await new Promise((resolveLater) => setImmediate(resolveLater));
  });
  const details = await fc.check(property, { seed: SEED, numRuns });
  t.diagnostic(`${name}: ${details.numRuns} cases (seed ${SEED}${details.failed ? `, failed after ${details.numShrinks} shrinks` : ''})`);
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\n${cause}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Fixed adversarial inputs. They run in a child process, one call at a time, so that a hang ends in a report.

const MB = 1 << 20;
const manyKeys = (count: number, key: (i: number) => string, value: (i: number) => string = (i) => String(i)) =>
  Array.from({ length: count }, (_, i) => `${JSON.stringify(key(i))}: ${value(i)}`).join(',\n  ');

interface HeavyCase {
  name: string;
  bounds: Bounds;
  text: () => string;
}

export const HEAVY_CASES: HeavyCase[] = [
  // 1 MB strings, in every kind of place.
  { name: '1 MB string value', bounds: BIG, text: () => `{${GROUP_HEAD}, "name": ${JSON.stringify('x'.repeat(MB))}}` },
  { name: '1 MB unknown key', bounds: BIG, text: () => `{${GROUP_HEAD}, ${JSON.stringify('k'.repeat(MB))}: 1}` },
  { name: '1 MB $operation', bounds: BIG, text: () => `{"$operation": ${JSON.stringify('EditCustomerGroup'.repeat(MB / 16))}}` },
  { name: '1 MB ID', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${JSON.stringify('Z'.repeat(MB))}}` },
  { name: '1 MB unterminated string', bounds: BIG, text: () => `{${GROUP_HEAD}, "name": "${'x'.repeat(MB)}` },
  { name: '1 MB block comment', bounds: BIG, text: () => `/*${' comment'.repeat(MB / 8)}*/{${GROUP_HEAD}}` },
  {
    name: '1 MB email of letters',
    bounds: BIG,
    text: () => `{"$operation": "CreateCustomer", "campaign": "tI61UBsvmY08lV8gX1Z1", "customer": {"first_name": "A", "last_name": "B", "email": ${JSON.stringify('a'.repeat(MB))}}}`,
  },
  {
    name: '1 MB email with dotted domain',
    bounds: BIG,
    text: () => `{"$operation": "CreateCustomer", "campaign": "tI61UBsvmY08lV8gX1Z1", "customer": {"first_name": "A", "last_name": "B", "email": ${JSON.stringify('a@' + 'a.'.repeat(MB / 2) + '!')}}}`,
  },
  { name: '1 MB string with NUL and lone surrogates', bounds: BIG, text: () => `{${GROUP_HEAD}, "name": "${'\u0000\uD800x'.repeat(MB / 3)}"}` },
  // 10,000 levels of nesting.
  { name: '10,000 [ closed, as a value', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
  { name: '10,000 { closed, as a value', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}` },
  { name: '10,000 [ unclosed', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${'['.repeat(10_000)}` },
  { name: '10,000 { unclosed', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${'{"a":'.repeat(10_000)}` },
  { name: '10,000 [ at the root', bounds: BIG, text: () => '['.repeat(10_000) + ']'.repeat(10_000) },
  { name: '10,000 { at the root', bounds: BIG, text: () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) },
  {
    name: '10,000 { inside a known object',
    bounds: BIG,
    text: () => `{"$operation": "EditCustomerPortal", "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H", "customer_filters": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
  },
  { name: '1,000 [ in a value (under the limit)', bounds: BIG, text: () => `{"$operation": "EnableCustomer", "customer_id": ${'['.repeat(1_000)}${']'.repeat(1_000)}}` },
  // 100,000 keys and items.
  { name: '100,000 unknown keys', bounds: HUGE, text: () => `{${GROUP_HEAD},\n  ${manyKeys(100_000, (i) => `k${i}`)}}` },
  {
    name: '100,000 unknown keys in a nested object',
    bounds: HUGE,
    text: () => `{"$operation": "CreateCustomer", "campaign": "tI61UBsvmY08lV8gX1Z1", "customer": {${manyKeys(100_000, (i) => `k${i}`)}}}`,
  },
  { name: '100,000 copies of one key', bounds: HUGE, text: () => `{${GROUP_HEAD},\n  ${manyKeys(100_000, () => 'name', (i) => `"n${i}"`)}}` },
  { name: '100,000 keys without $operation', bounds: HUGE, text: () => `{${manyKeys(100_000, (i) => `k${i}`)}}` },
  { name: '100,000 $ metadata keys', bounds: HUGE, text: () => `{${GROUP_HEAD},\n  ${manyKeys(100_000, (i) => `$k${i}`)}}` },
  {
    name: '100,000 items in an ID list',
    bounds: HUGE,
    text: () =>
      `{${GROUP_HEAD}, "qualifier_method": "customer_group", "qualifiers": {"customer_group": {"in_any_customer_group": [${Array.from(
        { length: 100_000 },
        (_, i) => JSON.stringify(`g${String(i).padStart(19, '0')}`),
      ).join(', ')}], "in_all_customer_group": [], "not_in_customer_group": []}}}`,
  },
];

interface HeavyResult {
  name: string;
  failures: string[];
  timings: Record<string, number>;
  /** The phase that was still running when the child was killed. */
  hung?: { phase: string; afterMs: number };
}

const heavyOffsets = (length: number) => [0, 1, Math.floor(length / 2), length - 2, length];

/** The child's end of the pipe that carries its events (a file descriptor of its own, see `runChild`). */
const EVENTS_FD = 3;

/**
 * The child side: examines the heavy cases from `REVCENT_FUZZ_CHILD`'s index on, one JSON line per event. Each
 * line is written with a blocking write: when the parent is busy and the pipe is full, the child waits. Through
 * `process.stdout` a line would instead be queued in this process, to be flushed by an event loop that this
 * synchronous run never reaches, and the parent, seeing nothing more, would kill the child as hung.
 */
function runChild(from: number): void {
  const write = (event: object) => writeSync(EVENTS_FD, JSON.stringify(event) + '\n');
  for (let index = from; index < HEAVY_CASES.length; index++) {
    write({ index, event: 'case' });
    const text = HEAVY_CASES[index].text();
    const examination = examine(text, {
      offsets: heavyOffsets(text.length),
      fixSample: HEAVY_FIX_SAMPLE,
      heavy: true,
      onPhase: (phase, event, ms) => write({ index, event, phase, ms }),
    });
    write({ index, event: 'done', failures: examination.failures, timings: examination.timings });
  }
}

/** Examines every heavy case in child processes; a call running past its hard limit kills the child. */
async function examineHeavyCases(): Promise<HeavyResult[]> {
  const results: HeavyResult[] = HEAVY_CASES.map((heavyCase) => ({ name: heavyCase.name, failures: [], timings: {} }));
  let next = 0;
  while (next < HEAVY_CASES.length) {
    const env: NodeJS.ProcessEnv = { ...process.env, REVCENT_FUZZ_CHILD: String(next) };
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, ['--import', 'tsx', __filename], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let current = next;
    let phase = '(starting)';
    let phaseStarted = performance.now();
    let timer: NodeJS.Timeout | undefined;
    let events = 0;
    const arm = () => {
      clearTimeout(timer);
      const bounds = HEAVY_CASES[current]?.bounds ?? BIG;
      const limit = (isBatch(phase) ? bounds.batch : bounds.call) + HARD_LIMIT_SLACK_MS + (phase === '(starting)' ? 20_000 : 0);
      const armedAt = events;
      timer = setTimeout(() => {
        // This process may have been busy: read what the child already wrote before calling it a hang.
        setImmediate(() => {
          if (events !== armedAt) return;
          results[current].hung = { phase, afterMs: Math.round(performance.now() - phaseStarted) };
          child.kill('SIGKILL');
        });
      }, limit);
    };
    arm();
    const lines = createInterface({ input: child.stdio[EVENTS_FD] as Readable });
    lines.on('line', (line) => {
      const event = JSON.parse(line) as { index: number; event: string; phase?: string; ms?: number; failures?: string[]; timings?: Record<string, number> };
      current = event.index;
      events++;
      if (event.event === 'start') {
        phase = event.phase!;
        phaseStarted = performance.now();
        arm();
      } else if (event.event === 'end') {
        const timings = results[event.index].timings;
        timings[event.phase!] = Math.max(timings[event.phase!] ?? 0, event.ms!);
        phase = '(between calls)';
        phaseStarted = performance.now();
        arm();
      } else if (event.event === 'done') {
        results[event.index].failures.push(...event.failures!);
        Object.assign(results[event.index].timings, event.timings);
        next = event.index + 1;
        phase = '(between cases)';
        arm();
      } else if (event.event === 'case') {
        phase = '(building the text)';
        arm();
      }
    });
    const code = await new Promise<number | null>((resolveExit) => child.on('close', (exitCode) => resolveExit(exitCode)));
    clearTimeout(timer);
    if (next <= current && next < HEAVY_CASES.length) {
      // Killed (hung) or crashed in `current`: record it and go on with the next case.
      if (!results[current].hung) results[current].failures.push(`the child process ended (exit ${code}) during ${phase}: ${stderr.slice(-2000)}`);
      next = current + 1;
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------------

function registerTests(): void {
  // The heavy cases run in a child process on the other core while the properties run here.
  const heavyResults = examineHeavyCases();
  before(() => {
    // Warm up (first calls compile the schemas), so the first measured case is not charged for it.
    for (const text of CORPUS) examine(text, { offsets: [0, text.length >> 1] });
  });

  describe('engine fuzz: shipped payloads, mutated', () => {
    it('the shipped examples and fixtures themselves pass every check', () => {
      for (const text of CORPUS) assertSound(text, { offsets: [0, 5, text.length >> 1, text.length - 3, text.length] });
    });

    it('mutated payloads: no throw, ranges inside, fixes re-analyse, fix-all keeps them parsable, within bounds', async (t) => {
      const arbitrary = fc.record({
        base: fc.nat({ max: CORPUS.length - 1 }),
        mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }),
        offsets: offsetsArbitrary,
      });
      await check(t, 'mutated payloads', arbitrary, ({ base, mutations, offsets }) => {
        const text = mutations.reduce(mutate, CORPUS[base]);
        assertSound(text, { offsets });
      }, RUNS.mutated);
    });

    it('mutated payloads under random rule settings (severity overrides, "off")', async (t) => {
      const arbitrary = fc.record({
        base: fc.nat({ max: CORPUS.length - 1 }),
        mutations: fc.array(mutationArbitrary, { maxLength: 2 }),
        offsets: offsetsArbitrary,
        rules: rulesArbitrary,
      });
      await check(t, 'rule settings', arbitrary, ({ base, mutations, offsets, rules }) => {
        assertSound(mutations.reduce(mutate, CORPUS[base]), { offsets, rules });
      }, RUNS.rules);
    });
  });

  describe('engine fuzz: random JSON', () => {
    it('fc.jsonValue(), alone or as the fields of an object with or without "$operation"', async (t) => {
      const arbitrary = fc.record({
        value: fc.jsonValue(),
        operation: fc.option(fc.oneof(fc.constantFrom(...OPERATIONS), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })), { nil: undefined }),
        how: layoutArbitrary,
        offsets: offsetsArbitrary,
      });
      await check(t, 'fc.jsonValue()', arbitrary, ({ value, operation, how, offsets }) => {
        const isPlainObject = typeof value === 'object' && value !== null && !Array.isArray(value);
        const payload = operation === undefined ? value : isPlainObject ? { $operation: operation, ...value } : { $operation: operation, value };
        assertSound(layout(payload, how), { offsets });
      }, RUNS.jsonValue);
    });

    it('objects built from the keys and values of the shipped payloads (reaching the rules)', async (t) => {
      await check(t, 'vocabulary payloads', vocabularyArbitrary, ({ text, offsets }) => assertSound(text, { offsets }), RUNS.vocabulary);
    });
  });

  describe('engine fuzz: prototype keys', () => {
    for (const { name, text } of PROTOTYPE_CASES) {
      it(name, () => assertSound(text, { offsets: [0, text.length >> 1, text.length - 4, text.length] }));
    }
    for (const { name, texts } of PLANTED_KEY_CASES) {
      it(`${name} planted at every depth: the normal findings, never an internal error`, () => {
        for (const text of texts) assertSound(text, { offsets: [0, text.length >> 1, text.length], fixSample: 2 });
      });
    }
    it('zod never words a message: {"description": {"constructor": {"name": {}}}} is a type error on description', () => {
      const text = `{${GROUP_HEAD}, "description": {"constructor": {"name": {}}}}`;
      const found = analyzePayload(text).diagnostics.map((d) => `${d.code} ${d.pointer} ${d.message}`);
      assert.deepEqual(found, ['RC011 /description `description` must be text in quotes, not object.']);
    });
    it('"__proto__" is reported as an unknown property, like any other key', () => {
      const text = `{${GROUP_HEAD}, "__proto__": {"name": "x"}}`;
      const codes = analyzePayload(text).diagnostics.map((d) => `${d.code} ${d.pointer}`);
      assert.ok(codes.includes('RC010 /__proto__'), codes.join(', '));
    });
  });

  // Small exact reproductions of what the fuzzer found (docs/reliability.md lists them with their status).
  describe('engine fuzz: regressions found by the fuzzer', () => {
    /** Applies every fix of every diagnostic with `code` and returns the texts that no longer parse. */
    const brokenByFixes = (text: string, code: string) =>
      analyzePayload(text)
        .diagnostics.filter((d) => d.code === code)
        .flatMap((d) => d.fixes.map((fix) => ({ title: fix.title, after: applyEdits(text, fix.edits) })))
        .filter(({ after }) => parses(after) === false);

    // D1: a member added to an object whose closing brace shares a line with its last member lands after that brace.
    it('D1: RC201 "Add a template" on a one-line customer_emails keeps the file valid JSON', () => {
      const text = [
        '{',
        '  "$operation": "EditCustomerPortal",',
        '  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",',
        '  "customer_emails": {"customer_account_password_reset": {"from": "a@b.co", "from_name": "A", "subject": "S", "html": "<p>{{email_code}}</p>", "to_cc": [], "to_bcc": []}}',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(brokenByFixes(text, 'RC201'), []);
      assert.equal(parses(applyAllFixes(text, automaticFixes)), true);
    });

    it('D1: RC201 "Add a template" when the closing brace follows the last member ("a": 1})', () => {
      const text = '{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",\n  "customer_emails": {\n    "a": 1}\n}\n';
      assert.deepEqual(brokenByFixes(text, 'RC201'), []);
    });

    it('D1: fix-all on {"customer_emails":{"":""}} (the fuzzer\'s shrunk counterexample) keeps the file valid JSON', () => {
      const text = '{"customer_emails":{"":""}}';
      assert.equal(parses(applyAllFixes(text, automaticFixes)), true, applyAllFixes(text, automaticFixes));
    });

    it('D1: RC102 "Add an empty branch" on a one-line qualifiers object keeps the file valid JSON', () => {
      const text = `{${GROUP_HEAD}, "qualifier_method": "specific_values", "qualifiers": {"customer_group": {"in_any_customer_group": []}}}\n`;
      assert.deepEqual(brokenByFixes(text, 'RC102'), []);
      assert.equal(parses(applyAllFixes(text, automaticFixes)), true);
    });

    // D2: jsonc-parser reports an unclosed block comment at the end with a length past the end of the text.
    it('D2: an unclosed block comment at the end: the RC001 range lies inside the document', () => {
      for (const text of ['{/*', '{"$operation": "EnableCustomer" /*', '\uFEFF/*']) {
        const document = documentOf(text);
        const problems = analyzePayload(text).diagnostics.flatMap((d) => diagnosticProblems(document, text, d));
        assert.deepEqual(problems, [], JSON.stringify(text));
      }
    });

    // D3: the copies of a key share one pointer, so fix-all removes one copy per pass and stops after 50 passes.
    it('D3: fix-all removes every earlier copy of a key repeated 60 times', () => {
      const text = `{${GROUP_HEAD}, ${manyKeys(60, () => 'name', (i) => `"n${i}"`)}}`;
      const fixed = applyAllFixes(text, automaticFixes);
      const left = analyzePayload(fixed).diagnostics.filter((d) => d.code === 'RC002');
      assert.equal(left.length, 0, `${left.length} duplicate-key diagnostics left after fix-all`);
    });
  });

  describe('engine fuzz: huge and deep inputs (child process, killed on a hang)', () => {
    let results: HeavyResult[] = [];
    before(async () => {
      results = await heavyResults;
    });
    HEAVY_CASES.forEach((heavyCase, index) => {
      it(`${heavyCase.name}: no throw, ranges inside, within ${heavyCase.bounds.call} ms per call`, (t) => {
        const result = results[index];
        const slowest = Object.entries(result.timings).sort((a, b) => b[1] - a[1]).slice(0, 3);
        t.diagnostic(`slowest calls: ${slowest.map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`).join(', ')}`);
        const problems = [
          ...(result.hung ? [`${result.hung.phase} did not finish: killed after ${result.hung.afterMs} ms (a hang)`] : []),
          ...result.failures,
          ...overBounds({ failures: [], timings: result.timings }, heavyCase.bounds),
        ];
        assert.deepEqual(problems, []);
      });
    });
  });
}

if (process.env.REVCENT_FUZZ_CHILD !== undefined) runChild(Number(process.env.REVCENT_FUZZ_CHILD));
else registerTests();
