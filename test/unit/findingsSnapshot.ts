// The findings-equality corpus and its snapshot: every document the project ships or tests with (examples/, the
// fixtures, each rule's wrong and right examples), the fuzz suite's inputs sampled on its seed, and the benchmark's
// documents up to 100 KB; for each, a digest of everything the analysis says (findings, ranges, fixes with their
// edits) and of what "fix all" and "strip unrelated fields" make of it. findingsEquality.test.ts compares the
// current engine with `findings.snapshot.json`. After a deliberate change to findings or to the corpus, rewrite it:
// `npx tsx test/unit/findingsSnapshot.ts --write`.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { analyzePayload } from '../../server/src/service/analyze';
import { applyAllFixes, automaticFixes, stripFixes } from '../../server/src/service/fixAll';
import {
  createCustomerPayload,
  customerGroupPayload,
  customerPortalPayload,
  documentOfSize,
  enableCustomerPayload,
} from '../../scripts/benchDocuments';
import { CORPUS, mutate, mutationArbitrary, PLANTED_KEY_CASES, PROTOTYPE_CASES, ROOT, SEED, vocabularyArbitrary } from '../fuzz/corpus';

export const SNAPSHOT_FILE = join(__dirname, 'findings.snapshot.json');

/** Mutated shipped payloads, payloads built from their words, and one planted-key text in this many. */
const MUTATED = 300;
const VOCABULARY = 150;
const PLANTED_EVERY = 10;

export interface CorpusDocument {
  name: string;
  text: string;
}

function filesUnder(folder: string, suffix: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every document of the corpus, in a fixed order, each with a stable name. */
export function corpusDocuments(): CorpusDocument[] {
  const files = [
    ...filesUnder(join(ROOT, 'examples'), '.revcent.json'),
    ...filesUnder(join(ROOT, 'test', 'fixtures'), '.revcent.json'),
    ...filesUnder(join(ROOT, 'server', 'src'), '.jsonc').filter((path) => path.includes('/examples/')),
  ];
  const documents: CorpusDocument[] = files.map((path) => ({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') }));
  const mutated = fc.record({ base: fc.nat({ max: CORPUS.length - 1 }), mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }) });
  fc.sample(mutated, { seed: SEED, numRuns: MUTATED }).forEach(({ base, mutations }, index) =>
    documents.push({ name: `fuzz/mutated/${index}`, text: mutations.reduce(mutate, CORPUS[base]) }),
  );
  fc.sample(vocabularyArbitrary, { seed: SEED, numRuns: VOCABULARY }).forEach(({ text }, index) =>
    documents.push({ name: `fuzz/vocabulary/${index}`, text }),
  );
  for (const { name, text } of PROTOTYPE_CASES) documents.push({ name: `fuzz/prototype/${name}`, text });
  for (const { name, texts } of PLANTED_KEY_CASES) {
    texts.forEach((text, index) => {
      if (index % PLANTED_EVERY === 0) documents.push({ name: `fuzz/planted/${name}/${index}`, text });
    });
  }
  const bench: [string, (items: number) => string, number[]][] = [
    ['EditCustomerGroup', customerGroupPayload, [1e3, 1e4, 1e5]],
    ['EditCustomerPortal', customerPortalPayload, [1e3, 1e4, 1e5]],
    ['CreateCustomer', createCustomerPayload, [1e3, 1e4, 1e5]],
    ['EnableCustomer', enableCustomerPayload, [1e3]],
  ];
  for (const [operation, make, sizes] of bench) {
    for (const size of sizes) documents.push({ name: `bench/${operation}/${size}`, text: documentOfSize(make, size) });
  }
  return documents;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SnapshotEntry {
  name: string;
  /** The document's text, so a changed corpus is told from changed findings. */
  text: string;
  /** Each finding's code and pointer, readable in a diff. */
  codes: string;
  /** Everything the analysis says, and the fix-all and strip results. */
  digest: string;
}

/** What the engine says about one document, in full, as one string. */
export function findingsOf(text: string): string {
  const analysis = analyzePayload(text);
  const diagnostics = analysis.diagnostics.map(({ severity, code, message, pointer, offset, length, range, fixes }) => ({
    severity,
    code,
    message,
    pointer,
    offset,
    length,
    range,
    fixes: fixes.map(({ title, edits, isPreferred, isStrip, isAutomatic, storesSecret }) => ({ title, edits, isPreferred, isStrip, isAutomatic, storesSecret })),
  }));
  return JSON.stringify({
    operation: analysis.operation,
    diagnostics,
    fixAll: sha256(applyAllFixes(text, automaticFixes)),
    strip: sha256(applyAllFixes(text, stripFixes)),
  });
}

export function snapshotEntry(document: CorpusDocument): SnapshotEntry {
  const findings = findingsOf(document.text);
  const parsed = JSON.parse(findings) as { diagnostics: { code: string; pointer: string }[] };
  return {
    name: document.name,
    text: sha256(document.text),
    codes: parsed.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.pointer}`).join(', '),
    digest: sha256(findings),
  };
}

if (require.main === module && process.argv.includes('--write')) {
  const entries = corpusDocuments().map(snapshotEntry);
  // One document a line, so that a change shows as a readable diff.
  writeFileSync(SNAPSHOT_FILE, `[\n${entries.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
  console.log(`${entries.length} documents written to ${relative(ROOT, SNAPSHOT_FILE)}`);
}
