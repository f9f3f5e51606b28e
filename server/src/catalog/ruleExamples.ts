// Each rule's wrong and right example payloads, kept as files in the `examples/` folder beside the rule, for the
// rules document and the tests (the language server never reads them).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleDefinition } from '../core/types';

/** The shared rules' folder and every operation folder's. */
const FOLDERS = [
  join(__dirname, '..', 'rules', 'examples'),
  ...readdirSync(__dirname, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(__dirname, entry.name, 'examples')),
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
