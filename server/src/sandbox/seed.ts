// The sandbox's starting data: realistic portals, groups, customers and campaigns, including every record the
// payloads in examples/ name, so each example can be sent as it is. `--seed FILE` adds to it or overrides it.
import { readFileSync } from 'node:fs';
import { isJsonObject, type JsonObject } from './json';
import { COLLECTIONS, type CollectionName } from './operations';
import { recordSchema } from './records';
import type { Campaign, SeedData } from './store';
import { schemaProblems } from './validation';

const BRAND_A_CAMPAIGN = 'tI61UBsvmY08lV8gX1Z1';
const BRAND_B_CAMPAIGN = 'Qm3kT8vWc1ZyR5nP0aLd';

function template(subject: string, codeLine: string): JsonObject {
  return {
    from: 'support@brand-a.example',
    from_name: 'Brand A Support',
    subject,
    html: `<p>Hello,</p><p>${codeLine}: <strong>{{email_code}}</strong></p><p>Brand A Support</p>`,
    to_cc: [],
    to_bcc: [],
  };
}

const PERMISSIONS_AS_STORED: JsonObject = {
  contact_modify: true,
  credit_card_add: true,
  credit_card_remove: true,
  credit_card_set_default: true,
  shipping_modify_ship_to: true,
  subscription_renew: true,
  subscription_activate: true,
  subscription_suspend: false,
  subscription_cancel: false,
  trial_expire: false,
  trial_cancel: false,
  salvage_transaction_process: true,
};

const range = (min: number, max: number) => ({ enabled: true, min, max });

/** The built-in seed: a fresh copy each time. */
export function defaultSeed(): SeedData {
  return {
    campaigns: [
      { campaign_id: BRAND_A_CAMPAIGN, name: 'Brand A' },
      { campaign_id: BRAND_B_CAMPAIGN, name: 'Brand B' },
    ],
    customer_portals: [
      {
        customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV',
        name: 'Brand A Portal',
        description: 'Self-service for Brand A customers: contact details, cards and subscription renewals.',
        enabled: true,
        tracking_domain: 'hX2mR7qLw9ZtB4cN6vJp',
        recaptcha: { site_key: '6LcBrandASiteKeyExample000000000000000000', secret_key: '6LcBrandASecretKeyExample0000000000000000' },
        display_name: 'Brand A Account',
        footer_html: '<p>Questions? support@brand-a.example</p>',
        smtp_profile: 'Sm7pQ2rT5vX8zB1dF4gH',
        customer_emails: {
          customer_account_confirm_email: template('Confirm your Brand A account', 'Your confirmation code is'),
          customer_account_password_reset: template('Reset your Brand A password', 'Your password reset code is'),
        },
        customer_filters: { campaign: [BRAND_A_CAMPAIGN], third_party_shop: [] },
        customer_permissions: { ...PERMISSIONS_AS_STORED },
        create_non_existing_customer: false,
      },
      {
        customer_portal_id: 'TI0Kfn6vpEF64UicQzGS',
        name: 'Brand B Portal (staging)',
        description: 'Brand B portal, not yet open to customers.',
        enabled: false,
        display_name: 'Brand B Account',
        customer_filters: { campaign: [BRAND_B_CAMPAIGN], third_party_shop: [] },
        customer_permissions: { ...PERMISSIONS_AS_STORED, salvage_transaction_process: false },
        create_non_existing_customer: false,
      },
    ],
    customer_groups: [
      {
        customer_group_id: 'JJVt4tGiuwLw2EuFwAl5',
        name: 'Winback Candidates',
        description: 'Customers with a lifetime value of 500 or more and no purchase in 90 to 365 days.',
        enabled: true,
        qualifier_method: 'specific_values',
        qualifiers: {
          specific_values: {
            filters: { campaign: [], product_group: [], third_party_shop: [], metadata: [] },
            values: { has_no_sales: false, lifetime_value: range(500, 999999), days_last_sale: range(90, 365) },
            subscription_options: { enabled: false, status: [] },
          },
        },
      },
      {
        customer_group_id: 's9y22mlbbx8FyIJfdFKv',
        name: 'VIP',
        description: 'Top customers.',
        enabled: true,
        qualifier_method: 'specific_values',
        qualifiers: { specific_values: { values: { has_no_sales: false, lifetime_value: range(1000, 999999) } } },
      },
      {
        customer_group_id: 'v9fLpBfXwmlfsPx7cEie',
        name: 'High Value',
        description: 'Customers with a lifetime value of 250 or more.',
        enabled: true,
        qualifier_method: 'specific_values',
        qualifiers: { specific_values: { values: { has_no_sales: false, lifetime_value: range(250, 999999) } } },
      },
      {
        customer_group_id: 'UaYniYIfvDcQueQd9IQg',
        name: 'Do Not Contact',
        description: 'Customers who asked not to be contacted. Added by support.',
        enabled: true,
        qualifier_method: 'none',
        qualifiers: {},
      },
      {
        customer_group_id: 'GAFC8xtW1Zhd7lEb2gh9',
        name: 'Outreach',
        description: 'Customers for the quarterly outreach.',
        enabled: true,
        qualifier_method: 'customer_group',
        qualifiers: { customer_group: { in_any_customer_group: ['v9fLpBfXwmlfsPx7cEie'], in_all_customer_group: [], not_in_customer_group: [] } },
      },
      {
        customer_group_id: 'T2BvBllCNJiFfZBrvTjK',
        name: 'Needs Human Support',
        description: 'Customers with two or more chargebacks.',
        enabled: true,
        qualifier_method: 'specific_values',
        qualifiers: { specific_values: { values: { has_no_sales: false, num_chargeback: range(2, 999999) } } },
      },
    ],
    customers: [
      {
        customer_id: 'ZXZ5PB0BpMrZaqOXtm1r',
        campaign: BRAND_A_CAMPAIGN,
        customer: {
          first_name: 'Daniel',
          last_name: 'Okafor',
          email: 'daniel.okafor@example.com',
          phone: '212-555-0187',
          address_line_1: '88 Greenwich St',
          city: 'New York',
          state: 'NY',
          zip: '10006',
          country: 'USA',
        },
        credit_cards: [{ last_four: '4242', exp_month: 8, exp_year: 28 }],
        enabled: false,
        blocked: false,
      },
      {
        customer_id: 'Rk4bN9sWq2XeL7tY0uPa',
        campaign: BRAND_B_CAMPAIGN,
        customer: { first_name: 'Aiko', last_name: 'Tanaka', email: 'aiko.tanaka@example.com', country: 'USA' },
        credit_cards: [],
        enabled: true,
        blocked: false,
      },
    ],
  };
}

function isCampaign(value: unknown): value is Campaign {
  return isJsonObject(value) && typeof value.campaign_id === 'string' && /^[A-Za-z0-9]{20}$/.test(value.campaign_id) && typeof value.name === 'string';
}

/**
 * The default seed with a seed file's records added (a record with an existing ID replaces it). Throws an Error
 * that says which record is wrong and why when the file does not fit.
 */
export function seedWith(extra: unknown, source: string): SeedData {
  const seed = defaultSeed();
  if (!isJsonObject(extra)) throw new Error(`${source}: a seed file is a JSON object with "customer_portals", "customer_groups", "customers" or "campaigns" lists.`);
  for (const key of Object.keys(extra)) {
    if (key !== 'campaigns' && !Object.hasOwn(COLLECTIONS, key)) throw new Error(`${source}: unknown key "${key}"; a seed file may hold customer_portals, customer_groups, customers and campaigns.`);
  }
  const campaigns = extra.campaigns ?? [];
  if (!Array.isArray(campaigns)) throw new Error(`${source}: "campaigns" must be a list.`);
  campaigns.forEach((campaign, index) => {
    if (!isCampaign(campaign)) throw new Error(`${source}: campaigns[${index}] needs a 20-character "campaign_id" and a "name".`);
    seed.campaigns = [...seed.campaigns.filter((known) => known.campaign_id !== campaign.campaign_id), { campaign_id: campaign.campaign_id, name: campaign.name }];
  });
  for (const collection of Object.keys(COLLECTIONS) as CollectionName[]) {
    const records = extra[collection] ?? [];
    if (!Array.isArray(records)) throw new Error(`${source}: "${collection}" must be a list.`);
    const { idField } = COLLECTIONS[collection];
    records.forEach((record, index) => {
      const problems = schemaProblems(recordSchema(collection), record);
      if (problems) throw new Error(`${source}: ${collection}[${index}] does not fit: ${problems}`);
      const id = (record as JsonObject)[idField];
      seed[collection] = [...seed[collection].filter((known) => known[idField] !== id), record as JsonObject];
    });
  }
  return seed;
}

/** Reads `--seed FILE`. */
export function readSeedFile(path: string): SeedData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the seed file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  return seedWith(parsed, path);
}
