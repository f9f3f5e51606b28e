// The operation registry: adding an operation is one module plus one line here.
import { createCustomer } from './createCustomer';
import { editCustomerGroup } from './editCustomerGroup';
import { editCustomerPortal } from './editCustomerPortal';
import { enableCustomer } from './enableCustomer';
import { objectShape, shapeField } from './schema';
import type { OperationDefinition } from './types';

export const operations: readonly OperationDefinition[] = [
  createCustomer,
  editCustomerGroup,
  editCustomerPortal,
  enableCustomer,
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
