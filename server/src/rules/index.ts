// The rules shared by every operation, and the full list of rules (for the rules document and the tests).
import { operations } from '../catalog';
import type { RuleDefinition } from '../service/types';
import { duplicateKey } from './duplicateKeys';
import { idRules } from './ids';
import { partialEditRules } from './partialEdit';
import { pipelineRules } from './pipeline';

/** Semantic rules that run for every operation, before the operation's own rules. */
export const generalRules: RuleDefinition[] = [...idRules, ...partialEditRules];

let rulesByCode: Map<string, RuleDefinition> | undefined;

function registry(): Map<string, RuleDefinition> {
  if (!rulesByCode) {
    const rules = [...pipelineRules, duplicateKey, ...generalRules, ...operations.flatMap((operation) => operation.rules)];
    rulesByCode = new Map(rules.sort((a, b) => a.code.localeCompare(b.code)).map((rule) => [rule.code, rule]));
    if (rulesByCode.size !== rules.length) throw new Error('Two rules share a code: every rule code must be unique.');
  }
  return rulesByCode;
}

/** Every rule, in code order. */
export function allRules(): RuleDefinition[] {
  return [...registry().values()];
}

export function findRule(code: string): RuleDefinition | undefined {
  return registry().get(code);
}

/** The anchor of a rule's section in docs/rules.md. */
export function ruleAnchor(rule: RuleDefinition): string {
  return `${rule.code.toLowerCase()}-${rule.name}`;
}
