// The operation registry (adding an operation is one module plus one line here) and the registry of every rule.
import { createCustomer } from './createCustomer';
import { editCustomerGroup } from './editCustomerGroup';
import { editCustomerPortal } from './editCustomerPortal';
import { enableCustomer } from './enableCustomer';
import { getCustomer, getCustomerGroup, getCustomerPortal } from './reads';
import { objectShape, shapeField } from '../core/schema';
import type { OperationDefinition, RuleDefinition } from '../core/types';
import { generalRules } from '../rules';
import { duplicateKey } from '../rules/duplicateKeys';
import { pipelineRules } from '../rules/pipeline';

export const operations: readonly OperationDefinition[] = [
  createCustomer,
  editCustomerGroup,
  editCustomerPortal,
  enableCustomer,
  getCustomer,
  getCustomerGroup,
  getCustomerPortal,
];

export function operationNames(): string[] {
  return operations.map((operation) => operation.name);
}

export function findOperation(name: string): OperationDefinition | undefined {
  return operations.find((operation) => operation.name === name);
}

/**
 * The operations a payload without `$operation` is most likely for, judged by its top-level keys: the
 * operations that accept the most of them, preferring those whose required keys are all present.
 */
export function inferOperations(keys: string[]): string[] {
  const scored = operations.map((operation) => {
    const shape = objectShape(operation.schema) ?? {};
    const known = keys.filter((key) => shapeField(shape, key) !== undefined).length;
    const required = Object.entries(shape).filter(([, schema]) => !schema.safeParse(undefined).success);
    const complete = required.every(([key]) => keys.includes(key));
    return { name: operation.name, score: known * 2 + (complete && known > 0 ? 1 : 0) };
  });
  const best = Math.max(...scored.map((entry) => entry.score));
  if (best <= 0) return [];
  return scored.filter((entry) => entry.score === best).map((entry) => entry.name);
}

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
