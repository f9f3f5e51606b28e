// The task snippets (snippets/revcent.code-snippets, rendered from examples/ by `npm run snippets`): one per
// example, current, and each one, with its placeholders as they come, is the example: it lints clean, and its
// first tab stop is the value a user must change first (the target ID, or the campaign of a new customer).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { findOperation } from '../../server/src/catalog';
import { snippetToPlainText } from '../../server/src/core/snippet';
import { renderSnippets, SNIPPETS_FILE, snippetsFileText, taskExamples } from '../../scripts/snippets';
import { analyze } from '../helpers';

const EXAMPLES = join(__dirname, '../../examples');

describe('task snippets', () => {
  const snippets = renderSnippets();

  it('are current: snippets/revcent.code-snippets is what `npm run snippets` writes', () => {
    assert.equal(readFileSync(SNIPPETS_FILE, 'utf8'), snippetsFileText());
  });

  it('one per example but the demonstrations (shown with a warning on purpose), with a prefix of its own and the operation as a second prefix', () => {
    const files = taskExamples();
    assert.deepEqual(
      readdirSync(EXAMPLES).filter((name) => name.endsWith('.revcent.json') && !files.includes(name)),
      ['portal-confirm-email-only.revcent.json'],
    );
    assert.equal(Object.keys(snippets).length, files.length);
    for (const file of files) {
      const snippet = Object.values(snippets).find((candidate) => candidate.prefix[0] === `revcent-${file.replace('.revcent.json', '')}`);
      assert.ok(snippet, file);
      assert.equal(snippet.prefix[1], (parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { $operation: string }).$operation);
    }
  });

  for (const [title, snippet] of Object.entries(renderSnippets())) {
    it(`${title}: as it comes, it is its example, lints clean, and starts on the value to change first`, () => {
      const text = snippetToPlainText(snippet.body.join('\n'));
      const example = readFileSync(join(EXAMPLES, `${snippet.prefix[0].replace(/^revcent-/, '')}.revcent.json`), 'utf8');
      assert.deepEqual(parse(text), parse(example));
      const problems = analyze(text).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(problems.map((d) => `${d.code} ${d.pointer} ${d.message}`), []);
      const value = parse(text) as Record<string, unknown>;
      const operation = findOperation(String(value.$operation))!;
      const first = /\$\{1[:|]([^}|,]*)/.exec(snippet.body.join('\n'))?.[1];
      assert.equal(first, operation.targetIdField ? value[operation.targetIdField] : value.campaign);
    });
  }
});
