// The reads a comparison makes before an edit (GetCustomerPortal, GetCustomer, GetCustomerGroup): each takes only
// the record's ID and changes nothing. A user may also write one as a payload and send it to see the record.
import * as z from 'zod';
import { idField } from '../../core/schema';
import type { OperationDefinition } from '../../core/types';

function read(definition: { name: string; what: string; idField: string; collection: string; confirmed: boolean; purpose: string; workflow: string }): OperationDefinition {
  return {
    name: definition.name,
    title: `Get a ${definition.what}`,
    purpose: definition.purpose,
    workflow: definition.workflow,
    kind: 'read',
    targetIdField: definition.idField,
    route: { method: 'GET', path: `/${definition.collection}/{${definition.idField}}`, confirmed: definition.confirmed },
    schema: z.strictObject({ [definition.idField]: idField(definition.what, `The 20-character ID of the ${definition.what} to read.`) }),
    highImpact: {},
    rules: [],
  };
}

export const getCustomerPortal = read({
  name: 'GetCustomerPortal',
  what: 'customer portal',
  idField: 'customer_portal_id',
  collection: 'customer_portals',
  confirmed: true,
  purpose: 'Reads one customer portal by ID: its current settings. Changes nothing.',
  workflow: 'Read the portal before an EditCustomerPortal (what a partial edit keeps or replaces) and after it, to verify.',
});

export const getCustomer = read({
  name: 'GetCustomer',
  what: 'customer',
  idField: 'customer_id',
  collection: 'customers',
  confirmed: true,
  purpose: 'Reads one customer by ID. Changes nothing.',
  workflow: 'Read the customer before and after a change such as EnableCustomer, to verify it.',
});

export const getCustomerGroup = read({
  name: 'GetCustomerGroup',
  what: 'customer group',
  idField: 'customer_group_id',
  collection: 'customer_groups',
  confirmed: false,
  purpose:
    'Reads one customer group by ID. Changes nothing. RevCent confirms only the list, GetCustomerGroups: this read ' +
    "is sent only where the target's `openapi.json` lists it.",
  workflow: 'Read the group before an EditCustomerGroup (its qualifiers may be replaced whole) and after it, to verify.',
});
