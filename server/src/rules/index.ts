// The rules shared by every operation, and how a rule is named in docs/rules.md.
import type { RuleDefinition } from '../core/types';
import { idRules } from './ids';
import { partialEditRules } from './partialEdit';
import { secretReferenceRule } from './secretReferences';

/** Semantic rules that run for every operation, before the operation's own rules. */
export const generalRules: RuleDefinition[] = [...idRules, ...partialEditRules, secretReferenceRule];

/** The anchor of a rule's section in docs/rules.md. */
export function ruleAnchor(rule: RuleDefinition): string {
  return `${rule.code.toLowerCase()}-${rule.name}`;
}
