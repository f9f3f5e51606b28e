// The routes RevCent's own per-operation specs confirm (docs: revcent-api.md). Used only when the target has no
// usable openapi.json; the catalog's unconfirmed routes are never sent to.

export const CONFIRMED_ROUTES: readonly { operationId: string; method: 'GET' | 'POST'; path: string }[] = [
  { operationId: 'CreateCustomer', method: 'POST', path: '/customers' },
  { operationId: 'GetCustomers', method: 'GET', path: '/customers' },
  { operationId: 'GetCustomer', method: 'GET', path: '/customers/{customer_id}' },
  { operationId: 'AddCardToCustomer', method: 'POST', path: '/customers/{customer_id}/add_card' },
  { operationId: 'GetCustomerGroups', method: 'GET', path: '/customer_groups' },
  { operationId: 'CreateCustomerPortal', method: 'POST', path: '/customer_portals' },
  { operationId: 'GetCustomerPortal', method: 'GET', path: '/customer_portals/{customer_portal_id}' },
  { operationId: 'EditProductGroup', method: 'POST', path: '/product_groups/{product_group_id}' },
];
