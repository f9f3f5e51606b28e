// The shipped examples/ are copied by users as starting points: each must be clean (but the demonstrations, which
// show one warning on purpose and say so), declare the operation it is analysed as, and explain itself in a leading
// comment; together they must cover every operation.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { operationNames } from '../../server/src/catalog';
import { analyze } from '../helpers';

const EXAMPLES = resolve(__dirname, '../../examples');

/** The examples the documentation and guides promise, by file name and operation. */
const EXPECTED: Record<string, string> = {
  'rename-customer-group.revcent.json': 'EditCustomerGroup',
  'describe-customer-group.revcent.json': 'EditCustomerGroup',
  'disable-customer-group.revcent.json': 'EditCustomerGroup',
  'enable-customer-group.revcent.json': 'EditCustomerGroup',
  'convert-group-to-manual.revcent.json': 'EditCustomerGroup',
  'specific-values-group.revcent.json': 'EditCustomerGroup',
  'composite-customer-group.revcent.json': 'EditCustomerGroup',
  'rename-customer-portal.revcent.json': 'EditCustomerPortal',
  'disable-customer-portal.revcent.json': 'EditCustomerPortal',
  'enable-customer-portal.revcent.json': 'EditCustomerPortal',
  'portal-display-name-footer.revcent.json': 'EditCustomerPortal',
  'portal-emails.revcent.json': 'EditCustomerPortal',
  'portal-permissions.revcent.json': 'EditCustomerPortal',
  'portal-filters.revcent.json': 'EditCustomerPortal',
  'portal-shop-filters.revcent.json': 'EditCustomerPortal',
  'portal-confirm-email-only.revcent.json': 'EditCustomerPortal',
  'create-customer.revcent.json': 'CreateCustomer',
  'enable-customer.revcent.json': 'EnableCustomer',
  'read-customer-portal.revcent.json': 'GetCustomerPortal',
  'read-customer.revcent.json': 'GetCustomer',
  'read-customer-group.revcent.json': 'GetCustomerGroup',
};

/** The demonstrations: what they show on purpose, as `code pointer`. */
const DEMONSTRATIONS: Record<string, string[]> = {
  'portal-confirm-email-only.revcent.json': ['RC201 /customer_emails'],
};

const files = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.revcent.json'))
  .sort();
const read = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

describe('examples', () => {
  it('contains every expected example file', () => {
    const missing = Object.keys(EXPECTED).filter((name) => !files.includes(name));
    assert.deepEqual(missing, []);
  });

  it('covers every operation in the catalog', () => {
    const covered = new Set(files.map((name) => analyze(read(name)).operation));
    const uncovered = operationNames().filter((name) => !covered.has(name));
    assert.deepEqual(uncovered, []);
  });

  for (const name of files) {
    describe(name, () => {
      it(DEMONSTRATIONS[name] ? 'shows exactly the warning it demonstrates, and says so' : 'has no error or warning', () => {
        const problems = analyze(read(name)).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
        assert.deepEqual(problems.map((d) => `${d.code} ${d.pointer}`), DEMONSTRATIONS[name] ?? []);
        if (DEMONSTRATIONS[name]) assert.match(read(name), /^\/\/.*on purpose/m);
      });

      it('is analysed as the operation it declares', () => {
        const text = read(name);
        const declared = (parse(text) as { $operation?: unknown }).$operation;
        assert.equal(typeof declared, 'string', 'the example must declare "$operation"');
        assert.equal(analyze(text).operation, declared);
        if (EXPECTED[name]) assert.equal(declared, EXPECTED[name]);
      });

      it('starts with one or two // lines saying what it does', () => {
        const lines = read(name).split(/\r?\n/);
        const comments = lines.findIndex((line) => !line.startsWith('//'));
        assert.ok(comments >= 1 && comments <= 2, `expected 1 or 2 leading // lines, found ${comments}`);
        assert.equal(lines[comments].trim(), '{', 'the payload object follows the comment');
        for (const line of lines.slice(0, comments)) assert.ok(line.slice(2).trim().length > 20, `comment too short: ${line}`);
      });
    });
  }
});
