// Generated artefacts stay true: docs/rules.md matches the rule definitions, and the JSON Schemas built
// from the catalog accept the shipped examples in a standard JSON Schema validator.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { operations } from '../../server/src/catalog';
import { operationJsonSchema } from '../../server/src/catalog/jsonSchema';
import { allRules } from '../../server/src/catalog';
import { ruleAnchor } from '../../server/src/rules';
import { renderRulesDocument } from '../../scripts/rulesDocument';
import { analyze } from '../helpers';

const root = join(__dirname, '..', '..');

describe('docs/rules.md', () => {
  const document = readFileSync(join(root, 'docs', 'rules.md'), 'utf8');

  it('is up to date with the rule definitions (run `npm run docs`)', () => {
    assert.equal(document, renderRulesDocument());
  });

  it('has a section for every rule code, reachable by its anchor', () => {
    for (const rule of allRules()) {
      assert.ok(document.includes(`\n## ${rule.code} ${rule.name}\n`), rule.code);
      assert.ok(document.includes(`(#${ruleAnchor(rule)})`), rule.code);
    }
  });
});

describe('generated JSON Schemas', () => {
  it('are written for every operation by the build', () => {
    for (const operation of operations) {
      const written = JSON.parse(readFileSync(join(root, 'schemas', `${operation.name}.schema.json`), 'utf8'));
      assert.deepEqual(written, operationJsonSchema(operation));
    }
  });

  it('accept every example and reject an unknown property, in vscode-json-languageservice', async () => {
    const service = getLanguageService({});
    service.configure({
      allowComments: true,
      validate: true,
      schemas: operations.map((operation) => ({
        uri: `schema://${operation.name}`,
        fileMatch: [`*.${operation.name}.json`],
        schema: operationJsonSchema(operation),
      })),
    });
    const validate = async (operation: string, text: string) => {
      const document = TextDocument.create(`file:///x.${operation}.json`, 'jsonc', 1, text);
      const problems = await service.doValidation(document, service.parseJSONDocument(document), { comments: 'ignore', trailingCommas: 'ignore' });
      return problems.map((problem) => problem.message);
    };
    const examples = readdirSync(join(root, 'examples')).filter((name) => name.endsWith('.revcent.json'));
    assert.ok(examples.length >= 10);
    for (const name of examples) {
      const text = readFileSync(join(root, 'examples', name), 'utf8');
      const operation = /"\$operation"\s*:\s*"(\w+)"/.exec(text)![1];
      assert.deepEqual(await validate(operation, text), [], name);
    }
    const rejected = await validate('EnableCustomer', '{ "$operation": "EnableCustomer", "customer_id": "Cu7XrB2mKq9WzT4nLp6S", "note": 1 }');
    assert.equal(rejected.length, 1);
  });
});

describe('README', () => {
  it('shows a payload example that is clean', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((match) => match[1]);
    assert.ok(blocks.length > 0);
    for (const block of blocks) {
      const problems = analyze(block).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(problems.map((d) => `${d.code} ${d.pointer}`), []);
    }
  });
});
