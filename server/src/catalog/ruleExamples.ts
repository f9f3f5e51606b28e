// Each rule's wrong and right example payloads, kept as files in the `examples/` folder beside the rule, for the
// rules document and the tests (the language server never reads them).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleDefinition } from '../core/types';

const FOLDERS = [
  join(__dirname, '..', 'rules', 'examples'),
  join(__dirname, 'createCustomer', 'examples'),
  join(__dirname, 'editCustomerGroup', 'examples'),
  join(__dirname, 'editCustomerPortal', 'examples'),
  join(__dirname, 'enableCustomer', 'examples'),
];

function readExample(rule: RuleDefinition, kind: 'wrong' | 'right'): string {
  const name = `${rule.code}.${kind}.jsonc`;
  const folder = FOLDERS.find((candidate) => existsSync(join(candidate, name)));
  if (!folder) throw new Error(`${rule.code} has no ${name} in an examples folder beside its rule.`);
  return readFileSync(join(folder, name), 'utf8').replace(/\n$/, '');
}

/** The rule's example payload that raises it, and the corrected one that does not. */
export function ruleExamples(rule: RuleDefinition): { wrong: string; right: string } {
  return { wrong: readExample(rule, 'wrong'), right: readExample(rule, 'right') };
}
