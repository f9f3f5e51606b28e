// EditCustomerPortal input schema with its field documentation.
import * as z from 'zod';
import { documented, idField, idList, secretField } from '../../core/schema';
export const EMAIL_CODE = '{{email_code}}';

export const EMAIL_TEMPLATES = {
  customer_account_confirm_email: {
    purpose: 'account confirmation',
    subject: 'Confirm your customer portal account',
    codeLine: 'Your confirmation code is',
  },
  customer_account_password_reset: {
    purpose: 'password reset',
    subject: 'Reset your customer portal password',
    codeLine: 'Your password reset code is',
  },
} as const;
export type EmailTemplate = keyof typeof EMAIL_TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(EMAIL_TEMPLATES) as EmailTemplate[];

/** Every permission, with what it lets customers do and the conservative default for a new permission object. */
export const PERMISSIONS: Record<string, { meaning: string; recommended: boolean }> = {
  contact_modify: { meaning: 'Customers can change their contact information.', recommended: true },
  credit_card_add: { meaning: 'Customers can add a payment card.', recommended: true },
  credit_card_remove: { meaning: 'Customers can remove a payment card.', recommended: true },
  credit_card_set_default: { meaning: 'Customers can choose their default payment card.', recommended: true },
  shipping_modify_ship_to: { meaning: 'Customers can change their shipping address.', recommended: true },
  subscription_renew: { meaning: 'Customers can renew subscriptions.', recommended: true },
  subscription_activate: { meaning: 'Customers can re-activate subscriptions.', recommended: true },
  subscription_suspend: { meaning: 'Customers can suspend subscriptions.', recommended: false },
  subscription_cancel: {
    meaning: 'Customers can cancel subscriptions themselves, with no retention step. **High risk**: keep `false` unless self-cancel is intended.',
    recommended: false,
  },
  trial_expire: { meaning: 'Customers can end a trial early.', recommended: false },
  trial_cancel: { meaning: 'Customers can cancel a trial.', recommended: false },
  salvage_transaction_process: {
    meaning: 'Customers can **pay failed renewals or failed trial expirations** themselves (payment recovery).',
    recommended: true,
  },
};

export function recommendedPermissions(): Record<string, boolean> {
  return Object.fromEntries(Object.entries(PERMISSIONS).map(([key, { recommended }]) => [key, recommended]));
}

export const emailTemplate = (template: EmailTemplate) =>
  z
    .strictObject({
      from: documented(z.email(), 'Sender address. Must be allowed by the portal\'s SMTP profile.'),
      from_name: documented(z.string().min(1), 'Sender name customers see.'),
      subject: documented(z.string().min(1), 'Email subject.'),
      html: documented(
        z.string().min(1),
        `Email body (HTML). **Must contain \`${EMAIL_CODE}\` exactly**: it is replaced by the code the customer types. ` +
          `Without it, customers cannot complete ${EMAIL_TEMPLATES[template].purpose}.`,
      ),
      to_cc: z.array(z.email()).meta({ description: 'Addresses copied on every email. Usually `[]`.' }),
      to_bcc: z.array(z.email()).meta({ description: 'Addresses blind-copied on every email. Usually `[]`.' }),
    })
    .meta({ description: `The ${EMAIL_TEMPLATES[template].purpose} email. All six fields are required.` });

export const schema = z.strictObject({
  customer_portal_id: idField('customer portal', 'The 20-character ID of the customer portal to edit.'),
  name: documented(z.string().min(1), 'Internal portal name. Must be unique among your portals.').optional(),
  description: documented(z.string(), 'What the portal is for: who uses it and what they can do.').optional(),
  enabled: documented(
    z.boolean(),
    'Whether customers can use the portal. Disable before risky edits; enable only after domain, SSL, emails, ' +
      'reCAPTCHA, filters and permissions are verified.',
  ).optional(),
  tracking_domain: idField(
    'tracking domain',
    'The 20-character tracking domain ID the portal is served on. It must be DNS ready with an **active SSL ' +
      'certificate**; reCAPTCHA keys must match it. High impact.',
  ).optional(),
  recaptcha: z
    .strictObject({
      site_key: documented(z.string().min(1), 'reCAPTCHA v2 "I\'m not a robot" site key for the portal domain.'),
      secret_key: secretField(z.string().min(1), 'reCAPTCHA v2 secret key for the portal domain. RevCent encrypts it.'),
    })
    .meta({ description: 'reCAPTCHA v2 keys. Send both `site_key` and `secret_key`; never invent keys.' })
    .optional(),
  display_name: documented(z.string(), 'The portal name customers see. When blank, `name` is used.').optional(),
  footer_html: documented(z.string(), 'Custom footer HTML: support contact, privacy and terms links. Keep it simple.').optional(),
  smtp_profile: idField(
    'SMTP profile',
    'The 20-character SMTP profile ID that sends portal emails. Check that the `from` addresses are allowed by ' +
      'it. High impact.',
  ).optional(),
  customer_emails: z
    .strictObject({
      customer_account_confirm_email: emailTemplate('customer_account_confirm_email').optional(),
      customer_account_password_reset: emailTemplate('customer_account_password_reset').optional(),
    })
    .meta({
      description:
        `Account confirmation and password reset emails. Send **both** complete templates, each with \`${EMAIL_CODE}\`.`,
    })
    .optional(),
  customer_filters: z
    .strictObject({
      campaign: idList('campaign', 'Customers of **any** of these campaigns can use the portal.').optional(),
      third_party_shop: idList('third-party shop', 'Customers of **any** of these third-party shops can use the portal.').optional(),
    })
    .meta({
      description:
        'Which customers can use the portal. **With no IDs at all, every customer can.** Use campaign or shop ' +
        'filters for brand-, site- or store-specific portals.',
    })
    .optional(),
  customer_permissions: z
    .strictObject(
      Object.fromEntries(
        Object.entries(PERMISSIONS).map(([key, { meaning }]) => [key, documented(z.boolean(), meaning).optional()]),
      ),
    )
    .meta({
      description:
        'What customers can do in the portal. Send the **complete** intended object: a partial one may replace ' +
        'the stored permissions.',
    })
    .optional(),
  create_non_existing_customer: documented(
    z.boolean(),
    'Whether people who are not customers yet can register. Recommended `false`; `true` needs ' +
      '`create_non_existing_customer_campaign`.',
  ).optional(),
  create_non_existing_customer_campaign: idField(
    'campaign',
    'The campaign new registrants are assigned to. Only used when `create_non_existing_customer` is true.',
  ).optional(),
});

/** The HTML line that carries the customer's code in a template. */
export function emailCodeLine(template: EmailTemplate): string {
  return `<p>${EMAIL_TEMPLATES[template].codeLine}: <strong>${EMAIL_CODE}</strong></p>`;
}

/** A complete template carrying the code line, sent from the other template's sender where there is one. */
export function templateWithCode(template: EmailTemplate, from?: Record<string, unknown>): Record<string, unknown> {
  return {
    from: typeof from?.from === 'string' ? from.from : 'support@example.com',
    from_name: typeof from?.from_name === 'string' ? from.from_name : 'Customer Support',
    subject: EMAIL_TEMPLATES[template].subject,
    html: emailCodeLine(template),
    to_cc: [],
    to_bcc: [],
  };
}
