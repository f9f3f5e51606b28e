// Every zod issue code gets a message worded by this project, never by zod's locale: a value whose own
// `constructor` key is an object (as jsonc-parser builds them, without a prototype) made zod's wording throw.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import * as z from 'zod';
import { checkSchema } from '../../server/src/core/schema';
import { schemaFindings } from '../../server/src/service/schemaFindings';
import { parseSettings } from '../../server/src/service/settings';

/** A value zod's locale cannot name the type of: no prototype, and an own `constructor` key holding an object. */
const TRAP = '{"constructor": {"name": {}}}';

function messagesFor(schema: z.ZodType, json: string): string[] {
  const root = parseTree(json)!;
  const value = JSON.parse(json, (_key, item) => (item && typeof item === 'object' && !Array.isArray(item) ? Object.assign(Object.create(null), item) : item));
  return schemaFindings(schema, value, root).map((finding) => `${finding.rule.code} ${finding.message}`);
}

describe('schema messages: one per zod issue code, worded here', () => {
  const cases: { code: string; schema: z.ZodType; json: string; expected: string[] }[] = [
    { code: 'invalid_type', schema: z.strictObject({ a: z.string() }), json: `{"a": ${TRAP}}`, expected: ['RC011 `a` must be text in quotes, not object.'] },
    { code: 'too_big', schema: z.strictObject({ a: z.string().max(2) }), json: '{"a": "abc"}', expected: ['RC014 `a` must be at most 2 characters long.'] },
    { code: 'too_small', schema: z.strictObject({ a: z.array(z.number()).min(1) }), json: '{"a": []}', expected: ['RC014 `a` must have at least 1 item.'] },
    { code: 'invalid_format', schema: z.strictObject({ a: z.email() }), json: '{"a": "nope"}', expected: ['RC015 `a` must be a valid email address; "nope" is not.'] },
    { code: 'not_multiple_of', schema: z.strictObject({ a: z.number().multipleOf(5) }), json: '{"a": 7}', expected: ['RC014 `a` must be a multiple of 5.'] },
    { code: 'unrecognized_keys', schema: z.strictObject({ name: z.string() }), json: `{"name": "x", "constructor": ${TRAP}}`, expected: ['RC010 `constructor` is not a property of this operation; RevCent rejects unknown properties. Remove it.'] },
    {
      code: 'invalid_union',
      schema: z.strictObject({ a: z.union([z.string(), z.number()]).meta({ description: 'A name or a number.' }) }),
      json: `{"a": ${TRAP}}`,
      expected: ['RC015 `a` matches none of the forms it may take; it must be as described: A name or a number.'],
    },
    { code: 'invalid_key', schema: z.strictObject({ a: z.record(z.string().regex(/^x/), z.number()) }), json: `{"a": {"constructor": 1}}`, expected: ['RC015 `a.constructor` has a key that is not allowed here.'] },
    {
      // Only a Map keyed by objects raises it; JSON has none, so the list is turned into one.
      code: 'invalid_element',
      schema: z.strictObject({ a: z.preprocess((list) => new Map([[{}, (list as unknown[])[0]]]), z.map(z.unknown(), z.number())) }),
      json: `{"a": [${TRAP}]}`,
      expected: ['RC015 `a` has an entry that is not valid.'],
    },
    { code: 'invalid_value', schema: z.strictObject({ a: z.enum(['on', 'off']) }), json: '{"a": "of"}', expected: ['RC013 "of" is not allowed in `a`. Use one of: `on`, `off`.'] },
    {
      code: 'custom',
      schema: z.strictObject({ a: z.string().refine(() => false).meta({ description: 'A code.' }) }),
      json: '{"a": "x"}',
      expected: ['RC015 `a` is not valid; it must be as described: A code.'],
    },
  ];
  for (const { code, schema, json, expected } of cases) {
    it(`${code}: ${expected.join(' | ')}`, () => assert.deepEqual(messagesFor(schema, json), expected));
  }

  it('checkSchema hands zod no message to word, so the issue carries only its code', () => {
    const result = checkSchema(z.string(), JSON.parse(TRAP, (_k, v) => (v && typeof v === 'object' ? Object.assign(Object.create(null), v) : v)));
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues.map((issue) => issue.message), ['invalid_type']);
  });

  it('a rule setting whose value is such an object is reported and ignored, not fatal', () => {
    const trap = JSON.parse(`{"rules": {"RC024": ${TRAP}}}`, (_k, v) => (v && typeof v === 'object' ? Object.assign(Object.create(null), v) : v));
    const { settings, problems } = parseSettings(trap);
    assert.deepEqual(settings.rules, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^revcent\.rules\.RC024: expected a rule code/);
  });
});
