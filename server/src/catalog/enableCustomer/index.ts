// EnableCustomer: re-enable one disabled or blocked customer by ID.
import type { OperationDefinition } from '../../core/types';
import { schema } from './schema';

export const enableCustomer: OperationDefinition = {
  name: 'EnableCustomer',
  title: 'Enable a customer',
  purpose:
    'Re-enables a disabled or blocked customer so they can resume normal account activity. Takes only ' +
    '`customer_id`.',
  workflow:
    '1. GetCustomer: review `enabled`, `blocked` and status, and why the customer was disabled.\n' +
    '2. Confirm that enabling is intended (fraud and chargeback history matter).\n' +
    '3. Send EnableCustomer.\n' +
    '4. GetCustomer again to verify.',
  kind: 'action',
  targetIdField: 'customer_id',
  route: { method: 'POST', path: '/customers/{customer_id}/enable', confirmed: false },
  schema,
  highImpact: {
    customer_id: () => 'the customer can buy and use their account again. Check fraud and chargeback history first.',
  },
  rules: [],
};
