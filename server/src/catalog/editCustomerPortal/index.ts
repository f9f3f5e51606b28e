// EditCustomerPortal: partial edit of a customer-facing portal: access, permissions, emails, domain, registration.
import type { OperationDefinition } from '../../core/types';
import { schema } from './schema';
import { editor } from './editor';
import { rules } from './rules';

export const editCustomerPortal: OperationDefinition = {
  name: 'EditCustomerPortal',
  title: 'Edit a customer portal',
  purpose:
    'Edits an existing customer-facing portal. **Partial update**: send only `customer_portal_id` and the fields ' +
    'to change; for nested objects (emails, filters, permissions) send the complete intended object.',
  workflow:
    '1. Know the current portal settings (GetCustomerPortal).\n' +
    '2. For high-risk changes (domain, SMTP, reCAPTCHA, emails, filters, permissions, registration): disable the ' +
    'portal, edit, test.\n' +
    '3. Enable it in a separate edit once verified.',
  kind: 'edit',
  targetIdField: 'customer_portal_id',
  possiblyReplaced: ['customer_emails', 'customer_filters', 'customer_permissions', 'recaptcha'],
  itemNames: {
    customer_emails: 'email template',
    customer_permissions: 'permission',
    recaptcha: 'reCAPTCHA key',
    'customer_filters.campaign': 'campaign filter',
    'customer_filters.third_party_shop': 'shop filter',
  },
  readOperation: 'GetCustomerPortal',
  route: { method: 'POST', path: '/customer_portals/{customer_portal_id}', confirmed: false },
  schema,
  highImpact: {
    tracking_domain: () => 'moves the portal to another domain; it needs DNS and active SSL, and reCAPTCHA keys that match.',
    smtp_profile: () => 'changes who sends the confirmation and password reset emails.',
    recaptcha: () => 'replaces the reCAPTCHA keys; they must be valid for the portal domain.',
    customer_emails: () => 'replaces the account confirmation and password reset emails.',
    customer_filters: () => 'changes which customers can use the portal.',
    customer_permissions: () => 'changes what customers can do in the portal.',
    create_non_existing_customer: (value) => (value === true ? 'lets people who are not customers yet register.' : undefined),
    enabled: (value) =>
      value === true ? 'puts the portal in front of customers: verify domain, SSL, emails, reCAPTCHA, filters and permissions first.' : undefined,
  },
  rules,
  editor,
};
