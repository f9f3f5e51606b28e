// Deterministic benchmark payloads of a target size: EditCustomerGroup and EditCustomerPortal documents with long
// ID lists, many metadata filters and large email HTML; CreateCustomer with many metadata entries; EnableCustomer
// with its one field under a comment. Mistakes at a fixed density.

/** mulberry32: a tiny seeded generator, so every run measures the same documents. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** One mistake (a malformed ID, a placeholder, a near-miss) every this many items. */
export const ERROR_EVERY = 50;

class Generator {
  private readonly random: () => number;
  private counter = 0;
  constructor(seed: number) {
    this.random = seededRandom(seed);
  }
  id(): string {
    let id = '';
    for (let i = 0; i < 20; i++) id += ALPHABET[Math.floor(this.random() * ALPHABET.length)];
    return id;
  }
  /** An ID, or at the fixed density a mistake: alternately 19 characters or a placeholder. */
  listedId(): string {
    this.counter++;
    if (this.counter % ERROR_EVERY !== 0) return this.id();
    return (this.counter / ERROR_EVERY) % 2 ? this.id().slice(1) : 'HIGH_VALUE_GROUP_ID';
  }
  word(): string {
    const length = 4 + Math.floor(this.random() * 8);
    let word = '';
    for (let i = 0; i < length; i++) word += ALPHABET[26 + Math.floor(this.random() * 26)];
    return word;
  }
}

function idList(generator: Generator, count: number): string[] {
  return Array.from({ length: count }, () => generator.listedId());
}

export function customerGroupPayload(items: number, seed = 1): string {
  const generator = new Generator(seed);
  const perList = Math.max(1, Math.floor(items / 4));
  const metadata = Array.from({ length: perList }, (_, i) => ({
    name: `affiliate_${generator.word()}`,
    value: (i + 1) % ERROR_EVERY === 0 ? 'metadata_name_exists' : generator.word(),
  }));
  const payload = {
    $operation: 'EditCustomerGroup',
    customer_group_id: generator.id(),
    description: 'Benchmark group: high lifetime value customers from many campaigns and affiliates.',
    qualifier_method: 'specific_values',
    qualifiers: {
      specific_values: {
        filters: {
          campaign: idList(generator, perList),
          product_group: idList(generator, perList),
          third_party_shop: idList(generator, perList),
          metadata,
        },
        values: {
          has_no_sales: false,
          lifetime_value: { enabled: true, min: 500, max: 0 },
          days_last_sale: { enabled: true, min: 90, max: 365 },
        },
        subscription_options: { enabled: false, status: ['overdue'] },
      },
    },
  };
  return JSON.stringify(payload, null, 2) + '\n';
}

export function customerPortalPayload(items: number, seed = 2): string {
  const generator = new Generator(seed);
  const paragraphs = Math.max(1, Math.floor(items / 2));
  const html = (withCode: boolean) =>
    Array.from({ length: paragraphs }, (_, i) =>
      i === 0 && withCode ? '<p>Your code is <strong>{{email_code}}</strong></p>' : `<p>${generator.word()} ${generator.word()} ${generator.word()}.</p>`,
    ).join('');
  const email = (subject: string, withCode: boolean) => ({
    from: 'support@example.com',
    from_name: 'Example Store',
    subject,
    html: html(withCode),
    to_cc: [],
    to_bcc: [],
  });
  const payload = {
    $operation: 'EditCustomerPortal',
    customer_portal_id: generator.id(),
    enabled: true,
    customer_emails: {
      customer_account_confirm_email: email('Confirm your account', true),
      customer_account_password_reset: email('Reset your password', false),
    },
    customer_filters: { campaign: idList(generator, Math.max(1, Math.floor(items / 8))), third_party_shop: [] },
    customer_permissions: { credit_card_add: true, subscription_cancel: true },
  };
  return JSON.stringify(payload, null, 2) + '\n';
}

export function createCustomerPayload(items: number, seed = 3): string {
  const generator = new Generator(seed);
  const metadata = Array.from({ length: Math.max(1, items) }, (_, i) => ({
    // A name that sounds like card data (RC304) at the fixed density.
    name: (i + 1) % ERROR_EVERY === 0 ? 'card_number' : `note_${generator.word()}`,
    value: `${generator.word()} ${generator.word()}`,
  }));
  const payload = {
    $operation: 'CreateCustomer',
    campaign: generator.id(),
    customer: {
      first_name: 'Maria',
      last_name: 'Alvarez',
      email: 'maria.alvarez@example.com',
      phone: '305-555-0142',
      address_line_1: '1450 Brickell Ave',
      city: 'Miami',
      state: 'FL',
      zip: '33131',
      // Two letters instead of three (RC301, with an automatic fix): the commonest mistake in this operation.
      country: 'US',
    },
    internal_customer_id: `crm-${generator.word()}`,
    metadata,
  };
  return JSON.stringify(payload, null, 2) + '\n';
}

/** EnableCustomer takes one field: its documents grow only by the comment that explains them (none for 0 items). */
export function enableCustomerPayload(items: number, seed = 4): string {
  const generator = new Generator(seed);
  const comment = Array.from({ length: items }, () => `// ${generator.word()} ${generator.word()} ${generator.word()} ${generator.word()}.\n`);
  return `${comment.join('')}${JSON.stringify({ $operation: 'EnableCustomer', customer_id: generator.id() }, null, 2)}\n`;
}

/** A document of about `bytes` characters: grows the item count until the text is large enough. */
export function documentOfSize(make: (items: number) => string, bytes: number): string {
  let items = 4;
  let text = make(items);
  while (text.length < bytes) {
    items = Math.ceil(items * Math.min(8, Math.max(1.05, bytes / text.length)));
    text = make(items);
  }
  return text;
}
