// CreateCustomer: create a customer (prospect) record before any purchase, optionally with a card and metadata.
import type { OperationDefinition } from '../../core/types';
import { schema } from './schema';
import { rules } from './rules';

export const createCustomer: OperationDefinition = {
  name: 'CreateCustomer',
  title: 'Create a customer',
  purpose:
    'Creates a customer (prospect) record before any purchase: for support, to attach a card, to add metadata ' +
    'or groups first. RevCent already creates the customer during a first sale, so do not create one before ' +
    'every sale.',
  workflow:
    '1. SearchCustomers by email, phone or internal ID: do not create a duplicate.\n' +
    '2. Confirm the campaign and the required customer fields.\n' +
    '3. Add a card only when asked, and collect it through a secure flow.\n' +
    '4. Send CreateCustomer, then GetCustomer to verify.',
  kind: 'create',
  route: { method: 'POST', path: '/customers', confirmed: true },
  schema,
  highImpact: {
    payment: () => 'a card is stored on the new customer and can be charged.',
  },
  rules,
};
