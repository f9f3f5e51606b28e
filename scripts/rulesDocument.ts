// Renders docs/rules.md from the rule definitions, so the document cannot drift from the code.
import { operations } from '../server/src/catalog';
import { allRules } from '../server/src/catalog';
import { ruleExamples } from '../server/src/catalog/ruleExamples';
import { ruleAnchor } from '../server/src/rules';
import type { RuleDefinition } from '../server/src/core/types';

function scopeOf(rule: RuleDefinition): string {
  const owner = operations.find((operation) => operation.rules.includes(rule));
  return owner ? owner.name : 'all operations';
}

function renderRule(rule: RuleDefinition): string {
  const informational = rule.severity === 'information' || rule.severity === 'hint';
  return [
    `## ${rule.code} ${rule.name}`,
    '',
    `Severity: **${rule.severity}**. Applies to: ${scopeOf(rule)}.`,
    '',
    rule.summary,
    '',
    informational ? 'Raised by:' : 'Mistake:',
    '',
    '```jsonc',
    ruleExamples(rule).wrong,
    '```',
    '',
    informational ? 'Not raised by:' : 'Fixed:',
    '',
    '```jsonc',
    ruleExamples(rule).right,
    '```',
    '',
  ].join('\n');
}

export function renderRulesDocument(): string {
  const rules = allRules();
  const index = rules.map((rule) => `| [${rule.code}](#${ruleAnchor(rule)}) | ${rule.name} | ${rule.severity} | ${scopeOf(rule)} |`);
  return [
    '# Rules',
    '',
    'Every diagnostic has a stable code. Severity: **error** when RevCent would reject the payload or it cannot do ' +
      'what it says; **warning** when it is valid but almost certainly a mistake or dangerous; **information** ' +
      'for a valid, high-impact change worth reviewing (shown again when you send).',
    '',
    'This file is generated from the rule definitions by `npm run docs`; edit the rules, not this file.',
    '',
    '| Code | Name | Severity | Applies to |',
    '| --- | --- | --- | --- |',
    ...index,
    '',
    ...rules.map(renderRule),
  ].join('\n');
}

if (require.main === module) {
  const { writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  writeFileSync(join(__dirname, '..', 'docs', 'rules.md'), renderRulesDocument());
}
