// Speed may not cost a finding: the whole corpus (examples, fixtures, rule examples, the fuzz suite's inputs on its
// seed, the benchmark's documents) is analysed and compared with findings.snapshot.json, written from the engine
// before its optimizations. Findings, messages, ranges, fixes and their edits, and the results of "fix all" and
// "strip unrelated fields" must all be identical (see findingsSnapshot.ts to rewrite it after a deliberate change).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusDocuments, SNAPSHOT_FILE, snapshotEntry, type SnapshotEntry } from './findingsSnapshot';

const REWRITE = 'After a deliberate change, rewrite the snapshot: npx tsx test/unit/findingsSnapshot.ts --write';

describe('findings equality over the whole corpus', () => {
  const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as SnapshotEntry[];
  const documents = corpusDocuments();

  it('the corpus is the one the snapshot was written from', () => {
    const current = documents.map((document) => document.name);
    assert.deepEqual(current, snapshot.map((entry) => entry.name), `The corpus gained or lost documents. ${REWRITE}`);
    assert.ok(snapshot.length > 1000, `only ${snapshot.length} documents in the snapshot`);
    const withFindings = snapshot.filter((entry) => entry.codes !== '').length;
    assert.ok(withFindings > snapshot.length / 2, `only ${withFindings} documents with findings`);
  });

  it('every document: the same findings, ranges, fixes, fix-all and strip results as the snapshot', () => {
    const expected = new Map(snapshot.map((entry) => [entry.name, entry]));
    const differences: string[] = [];
    for (const document of documents) {
      const before = expected.get(document.name);
      if (!before) continue; // reported by the test above
      const now = snapshotEntry(document);
      if (now.text !== before.text) differences.push(`${document.name}: its text changed`);
      else if (now.digest !== before.digest) {
        differences.push(`${document.name}: findings differ\n  before: ${before.codes}\n  now:    ${now.codes}`);
      }
    }
    assert.deepEqual(differences.slice(0, 20), [], `${differences.length} documents differ. ${REWRITE}`);
  });
});
