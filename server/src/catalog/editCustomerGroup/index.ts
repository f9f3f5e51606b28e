// EditCustomerGroup: partial edit of a customer group. `qualifier_method` decides which qualifier branch counts.
import type { OperationDefinition } from '../../core/types';
import { schema } from './schema';
import { editor } from './editor';
import { rules } from './rules';

const AUTOMATION_NOTE = 'customers can be added to or removed from the group, which fires group-added/removed automations.';

export const editCustomerGroup: OperationDefinition = {
  name: 'EditCustomerGroup',
  title: 'Edit a customer group',
  purpose:
    'Edits an existing customer group. **Partial update**: send only `customer_group_id` and the fields to change. ' +
    '`qualifier_method` decides which qualifier branch counts; the other branch is ignored.',
  workflow:
    '1. GetCustomerGroups: know the current settings and whether automations hang off this group.\n' +
    '2. For qualifier changes: disable the group, edit with the complete intended branch, review membership, ' +
    'then enable in a separate edit.\n' +
    '3. Send EditCustomerGroup and verify the result.',
  kind: 'edit',
  targetIdField: 'customer_group_id',
  possiblyReplaced: ['qualifiers'],
  itemNames: {
    qualifiers: 'qualifier branch',
    'qualifiers.specific_values.filters.campaign': 'campaign filter',
    'qualifiers.specific_values.filters.product_group': 'product group filter',
    'qualifiers.specific_values.filters.third_party_shop': 'shop filter',
    'qualifiers.specific_values.filters.metadata': 'metadata filter',
    'qualifiers.customer_group.in_any_customer_group': 'group',
    'qualifiers.customer_group.in_all_customer_group': 'group',
    'qualifiers.customer_group.not_in_customer_group': 'excluded group',
  },
  readOperation: 'GetCustomerGroup',
  route: { method: 'POST', path: '/customer_groups/{customer_group_id}', confirmed: false },
  schema,
  highImpact: {
    qualifier_method: () => `changes how members qualify: ${AUTOMATION_NOTE}`,
    qualifiers: () => `changes who qualifies: ${AUTOMATION_NOTE}`,
    enabled: (value) => (value === true ? `turns the group on: ${AUTOMATION_NOTE}` : undefined),
  },
  emptyObjectAllowed: ['qualifiers'],
  rules,
  editor,
};
