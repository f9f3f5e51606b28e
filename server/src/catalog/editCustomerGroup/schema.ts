// EditCustomerGroup input schema with its field documentation.
import * as z from 'zod';
import { documented, idField, idList } from '../../core/schema';
export const QUALIFIER_METHODS = ['specific_values', 'customer_group', 'none'] as const;
export const SUBSCRIPTION_STATUSES = ['active', 'trial', 'overdue', 'occurrence_limit', 'suspended', 'cancelled'] as const;
export const METADATA_NAME_EXISTS = 'METADATA_NAME_EXISTS';
/** A deliberate "no practical upper limit" for ranges, since 0 means exactly zero. */
export const NO_PRACTICAL_MAX = 999999;

export type RangeKind = 'days' | 'count' | 'amount';

export function range(kind: RangeKind, description: string) {
  const bound = kind === 'amount' ? z.number().min(0) : z.number().int().min(0);
  const unit = kind === 'days' ? 'days (greater than 0)' : kind === 'amount' ? 'amount' : 'count';
  return z
    .strictObject({
      enabled: documented(z.boolean(), 'Only an enabled range affects who qualifies.'),
      min: documented(bound, `Lowest ${unit} that qualifies (inclusive). Needed when the range is enabled.`).optional(),
      max: documented(
        bound,
        `Highest ${unit} that qualifies (inclusive); needed when the range is enabled. **0 is not "no limit"**: ` +
          `min 0 and max 0 mean exactly 0. For no practical limit use a deliberate high value such as ${NO_PRACTICAL_MAX}.`,
      ).optional(),
    })
    .meta({ description: `${description} Qualifies when enabled and the customer's value is between \`min\` and \`max\`.` });
}

/** The ranges under `values`, with what they measure. */
export const VALUE_RANGES: [string, RangeKind, string][] = [
  ['days_since_created', 'days', 'Days since the customer was created. Still applies when `has_no_sales` is true.'],
  ['lifetime_value', 'amount', 'Customer lifetime value.'],
  ['lifetime_refunded', 'amount', 'Lifetime sum of refunds.'],
  ['num_sale', 'count', 'Total number of sales.'],
  ['avg_sale', 'amount', 'Average sale amount.'],
  ['days_last_sale', 'days', 'Days since the last sale.'],
  ['num_success_sale', 'count', 'Number of successful sales.'],
  ['num_upsell_sale', 'count', 'Number of upsell sales.'],
  ['num_pending_declined_sale', 'count', 'Number of declined sales.'],
  ['num_pending_abandoned_sale', 'count', 'Number of abandoned sales.'],
  ['num_fraud_detection', 'count', 'Number of fraud detections.'],
  ['lifetime_chargeback', 'amount', 'Lifetime sum of chargebacks.'],
  ['num_chargeback', 'count', 'Number of chargebacks.'],
  ['lifetime_paypal_dispute', 'amount', 'Lifetime sum of PayPal disputes.'],
  ['num_paypal_dispute', 'count', 'Number of PayPal disputes.'],
];

/** The ranges under `subscription_options`. */
export const SUBSCRIPTION_RANGES: [string, RangeKind, string][] = [
  ['days_last_renewal', 'days', 'Days since the last subscription renewal.'],
  ['num_renewal', 'count', 'Number of subscription renewals.'],
  ['num_success_renewal', 'count', 'Number of successful subscription renewals.'],
  ['num_overdue_renewal', 'count', 'Number of overdue subscription renewals.'],
];

export const rangeShape = (ranges: [string, RangeKind, string][]) =>
  Object.fromEntries(ranges.map(([key, kind, description]) => [key, range(kind, description).optional()]));

export const DAY_RANGES = new Set([...VALUE_RANGES, ...SUBSCRIPTION_RANGES].filter(([, kind]) => kind === 'days').map(([key]) => key));

export const metadataFilter = z
  .strictObject({
    name: documented(z.string().min(1), 'Metadata name to qualify on.'),
    value: documented(
      z.string().min(1),
      `Metadata value to match, or \`${METADATA_NAME_EXISTS}\` to match any customer that has this name at all. ` +
        'Values for the same name are OR-ed; different names are AND-ed.',
    ),
  })
  .meta({ description: 'One metadata filter: a name and the value it must have.' });

export const specificValues = z
  .strictObject({
    filters: z
      .strictObject({
        campaign: idList('campaign', 'Customers of **any** of these campaigns qualify. Empty: no campaign filter.').optional(),
        product_group: idList(
          'product group',
          'Customers who bought from **any** of these product groups qualify. Empty: no product group filter.',
        ).optional(),
        third_party_shop: idList(
          'third-party shop',
          'Customers who bought from **any** of these third-party shops qualify. Empty: no shop filter.',
        ).optional(),
        metadata: z
          .array(metadataFilter)
          .meta({ description: 'Metadata filters. Same name: OR; different names: AND.' })
          .optional(),
      })
      .meta({ description: 'Related-record and metadata filters. Combined with `values` and subscription options by AND.' })
      .optional(),
    values: z
      .strictObject({
        has_no_sales: documented(
          z.boolean(),
          'Customer has no sales at all. **When true, every other value except `days_since_created` is ignored.** ' +
            'Default `false`.',
        ).optional(),
        ...rangeShape(VALUE_RANGES),
      })
      .meta({ description: 'Customer metrics. A customer must match **every** enabled value (AND).' })
      .optional(),
    subscription_options: z
      .strictObject({
        enabled: documented(
          z.boolean(),
          'Must be `true` for any subscription criterion below to count. When not true, they are all ignored.',
        ).optional(),
        ...rangeShape(SUBSCRIPTION_RANGES),
        status: z
          .array(z.enum(SUBSCRIPTION_STATUSES).meta({ description: 'A subscription status.' }))
          .meta({
            description:
              `Customers with a subscription in **any** of these statuses qualify: ${SUBSCRIPTION_STATUSES.map((s) => `\`${s}\``).join(', ')}. ` +
              'Empty: no status filter.',
          })
          .optional(),
      })
      .meta({ description: 'Subscription behaviour criteria. Only evaluated when `enabled` is true.' })
      .optional(),
  })
  .meta({
    description:
      'Rule-based qualification from customer data. **Only evaluated when `qualifier_method` is `specific_values`.** ' +
      'Send the complete intended branch: a partial object may replace the stored one.',
  });

export const customerGroupBranch = z
  .strictObject({
    in_any_customer_group: idList('customer group', 'Customer must be in **at least one** of these groups (OR).').optional(),
    in_all_customer_group: idList('customer group', 'Customer must be in **all** of these groups (AND).').optional(),
    not_in_customer_group: idList(
      'customer group',
      'Customer must be in **none** of these groups (suppression, e.g. Do Not Contact).',
    ).optional(),
  })
  .meta({
    description:
      'Qualification by membership in other groups. **Only evaluated when `qualifier_method` is `customer_group`.**',
  });

export const schema = z.strictObject({
  customer_group_id: idField('customer group', 'The 20-character ID of the customer group to edit.'),
  name: documented(z.string().min(1), 'New group name.').optional(),
  description: documented(z.string(), 'New group description. Say who is in the group and what it is used for.').optional(),
  enabled: documented(
    z.boolean(),
    'Whether the group is enabled. Enabling a group can add members and fire group-added automations: enable ' +
      'only after its qualifiers are reviewed.',
  ).optional(),
  qualifier_method: z
    .enum(QUALIFIER_METHODS)
    .meta({
      description:
        'Decides which qualifier branch is active:\n\n' +
        '- `specific_values`: only `qualifiers.specific_values` (filters, values, subscription options).\n' +
        '- `customer_group`: only `qualifiers.customer_group` (membership in other groups).\n' +
        '- `none`: manual or workflow-only; every qualifier is ignored.\n\n' +
        'Changing it is high impact: send the matching branch in the same edit.',
    })
    .optional(),
  qualifiers: z
    .strictObject({ specific_values: specificValues.optional(), customer_group: customerGroupBranch.optional() })
    .meta({
      description:
        'Qualification rules. Only the branch named by `qualifier_method` is used; the other is ignored. ' +
        'Use `{}` with `qualifier_method: "none"`.',
    })
    .optional(),
});

/** Starting points for each branch, with nothing filtered: the user fills in the criteria. */
export const BRANCH_SKELETONS: Record<'specific_values' | 'customer_group', object> = {
  specific_values: {
    filters: { campaign: [], product_group: [], third_party_shop: [], metadata: [] },
    values: { has_no_sales: false },
    subscription_options: { enabled: false, status: [] },
  },
  customer_group: { in_any_customer_group: [], in_all_customer_group: [], not_in_customer_group: [] },
};
