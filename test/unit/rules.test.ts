// Every rule's documented examples: the mistake raises the rule, the corrected payload does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/catalog';
import { ruleExamples } from '../../server/src/catalog/ruleExamples';
import { analyze } from '../helpers';

describe('rule examples', () => {
  const rules = allRules();

  it('every rule has a unique RCnnn code and a unique name', () => {
    const codes = rules.map((rule) => rule.code);
    assert.ok(codes.every((code) => /^RC\d{3}$/.test(code)), codes.join(','));
    assert.equal(new Set(codes).size, codes.length);
    assert.equal(new Set(rules.map((rule) => rule.name)).size, rules.length);
  });

  for (const rule of rules) {
    it(`${rule.code} ${rule.name}: the wrong example raises it`, () => {
      const { wrong } = ruleExamples(rule);
      const found = analyze(wrong).diagnostics.filter((d) => d.code === rule.code);
      assert.ok(found.length > 0, `expected ${rule.code} in:\n${wrong}`);
    });
    it(`${rule.code} ${rule.name}: the right example does not`, () => {
      const analysis = analyze(ruleExamples(rule).right);
      assert.deepEqual(analysis.diagnostics.filter((d) => d.code === rule.code), []);
      // The corrected example must not trade one mistake for another.
      const problems = analysis.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      // A card example necessarily holds a card number, which RC302 always points out.
      const expectedLeftovers = rule.code === 'RC303' ? ['RC302'] : [];
      assert.deepEqual(problems.map((d) => d.code), expectedLeftovers);
    });
  }
});
