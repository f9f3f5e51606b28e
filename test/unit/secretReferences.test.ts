// `${secret:NAME}` in the engine: in every string field of every operation it is a valid value (no finding but the
// information one, RC027), what is found elsewhere in the file stays as it was, and a wrong type is still one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import * as z from 'zod';
import { applyEdits, modify, parse, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { allRules, operations } from '../../server/src/catalog';
import { ruleExamples } from '../../server/src/catalog/ruleExamples';
import { unwrap } from '../../server/src/core/schema';
import { analyze, FIXTURES, filesBelow, summarize } from '../helpers';

const EXAMPLES = `${__dirname}/../../examples`;
const REFERENCE = '${secret:SOME_SECRET_1}';

/** Every string field of a schema, as a path with `*` for any list item. */
function stringFields(schema: z.ZodType, path: string[] = [], into: string[] = []): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodString) into.push(path.join('.'));
  else if (inner instanceof z.ZodObject) for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) stringFields(field, [...path, key], into);
  else if (inner instanceof z.ZodArray) stringFields(inner.element as z.ZodType, [...path, '*'], into);
  else if (inner instanceof z.ZodUnion) for (const option of inner.options as z.ZodType[]) stringFields(option, path, into);
  return into;
}

/** Every string value in a parsed document, with its path. */
function stringValues(node: Node, path: JSONPath = [], into: JSONPath[] = []): JSONPath[] {
  if (node.type === 'string' && path.length) into.push(path);
  if (node.type === 'object') for (const property of node.children ?? []) stringValues(property.children![1], [...path, property.children![0].value as string], into);
  if (node.type === 'array') (node.children ?? []).forEach((item, index) => stringValues(item, [...path, index], into));
  return into;
}

const corpus = [
  ...filesBelow(FIXTURES).filter((file) => file.endsWith('.revcent.json')).map((file) => ({ name: relative(FIXTURES, file), text: readFileSync(file, 'utf8') })),
  ...filesBelow(EXAMPLES).filter((file) => file.endsWith('.revcent.json')).map((file) => ({ name: relative(EXAMPLES, file), text: readFileSync(file, 'utf8') })),
  ...allRules().map((rule) => ({ name: `${rule.code} right example`, text: ruleExamples(rule).right })),
].filter(({ text }) => {
  const value = parse(text) as Record<string, unknown> | undefined;
  // A file that does not parse has no payload; with a key written twice, an earlier copy's value is not sent.
  if (analyze(text).diagnostics.some((d) => d.code === 'RC001' || d.code === 'RC002')) return false;
  return typeof value?.$operation === 'string' && operations.some((operation) => operation.name === value.$operation);
});

const pointer = (path: JSONPath) => path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const fieldOf = (path: JSONPath) => path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
const judging = (summary: string[]) => summary.filter((line) => !line.includes(' information '));

describe('secret references in the engine', () => {
  const covered = new Map<string, Set<string>>(operations.map((operation) => [operation.name, new Set()]));

  it('in every string value of every fixture and example: no new error or warning, and RC027 on the value', () => {
    let replaced = 0;
    for (const { name, text } of corpus) {
      const root = parseTree(text, [], { allowTrailingComma: true })!;
      const operation = (parse(text) as Record<string, string>).$operation;
      const before = summarize(analyze(text).diagnostics);
      const textFields = new Set(stringFields(operations.find((candidate) => candidate.name === operation)!.schema));
      // Text fields only: a field with fixed options (an enum) is no place for a secret, and says so (RC013).
      for (const path of stringValues(root).filter((candidate) => textFields.has(fieldOf(candidate)))) {
        const edited = applyEdits(text, modify(text, path, REFERENCE, {}));
        const after = summarize(analyze(edited).diagnostics);
        const at = pointer(path);
        assert.ok(after.includes(`RC027 information ${at}`), `${name} ${at}: no RC027\n${after.join('\n')}`);
        assert.deepEqual(judging(after).filter((line) => line.endsWith(` ${at}`) && !before.includes(line)), [], `${name} ${at}: the reference is judged`);
        // A finding may appear where another one stood before and hid it (RC112 on a group's own ID hides RC111).
        const judgedBefore = new Set(judging(before).map((line) => line.split(' ')[2]));
        const added = judging(after).filter((line) => !before.includes(line) && !judgedBefore.has(line.split(' ')[2]));
        assert.deepEqual(added, [], `${name} ${at}: new findings`);
        covered.get(operation)!.add(fieldOf(path));
        replaced++;
      }
    }
    assert.ok(replaced > 400, `${replaced} values replaced`);
  });

  it('the corpus reaches every string field of every operation', () => {
    for (const operation of operations) {
      const missing = stringFields(operation.schema).filter((field) => !covered.get(operation.name)!.has(field));
      assert.deepEqual(missing, [], `${operation.name}: string fields no fixture or example holds`);
    }
  });

  it('a reference in a field that takes no text is still the wrong type, and one in a field of fixed options an invalid value', () => {
    const text = `{"$operation":"EditCustomerPortal","customer_portal_id":"Vb8NcQ2rTm5XkL9wPz3H","enabled":"${REFERENCE}"}`;
    assert.deepEqual(judging(summarize(analyze(text).diagnostics)), ['RC011 error /enabled']);
    const method = `{"$operation":"EditCustomerGroup","customer_group_id":"Vb8NcQ2rTm5XkL9wPz3H","qualifier_method":"${REFERENCE}","qualifiers":{}}`;
    assert.deepEqual(judging(summarize(analyze(method).diagnostics)), ['RC013 error /qualifier_method']);
  });

  it('a reference inside a longer text is reported, and the text around it still judged', () => {
    const text = `{"$operation":"EditCustomerPortal","customer_portal_id":"Vb8NcQ2rTm5XkL9wPz3H","tracking_domain":"ab${REFERENCE}"}`;
    const found = summarize(analyze(text).diagnostics);
    assert.ok(found.includes('RC027 information /tracking_domain'));
    assert.ok(judging(found).some((line) => line.endsWith(' /tracking_domain')), found.join('\n'));
  });

  it('a name that is not letters, digits and _ is not a reference', () => {
    const text = `{"$operation":"EditCustomerPortal","customer_portal_id":"\${secret:my-key}","name":"x"}`;
    const found = summarize(analyze(text).diagnostics);
    assert.ok(!found.some((line) => line.startsWith('RC027')));
    assert.ok(judging(found).some((line) => line.endsWith(' /customer_portal_id')));
  });
});
