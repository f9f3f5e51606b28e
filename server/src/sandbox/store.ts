// The sandbox's in-memory records (portals, groups, customers, and the campaigns customers are created in),
// restored from the seed on reset. Edits set top-level fields; the objects an operation lists as possibly
// replaced are replaced whole, any other nested object is merged (the sandbox's model, not a RevCent fact).
import { randomInt } from 'node:crypto';
import { cloneJson, isJsonObject, setOwn, type JsonObject } from './json';
import { COLLECTIONS, type CollectionName } from './operations';

export interface Campaign {
  campaign_id: string;
  name: string;
}

/** What a seed holds; `--seed FILE` is a JSON file of this shape (every key optional). */
export interface SeedData {
  customer_portals: JsonObject[];
  customer_groups: JsonObject[];
  customers: JsonObject[];
  campaigns: Campaign[];
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new random RevCent-style ID: 20 letters and digits. */
export function randomId(): string {
  let id = '';
  for (let i = 0; i < 20; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

/** `update` merged into `base` at every depth; arrays and other values replace what was there. */
function mergedObject(base: JsonObject, update: JsonObject): JsonObject {
  const result = cloneJson(base);
  for (const [key, value] of Object.entries(update)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    setOwn(result, key, isJsonObject(value) && isJsonObject(current) ? mergedObject(current, value) : cloneJson(value));
  }
  return result;
}

export class SandboxStore {
  private records = new Map<CollectionName, Map<string, JsonObject>>();
  private campaigns = new Map<string, Campaign>();

  constructor(private readonly seed: SeedData) {
    this.reset();
  }

  /** Back to the seed: every change since the start (or the last reset) is forgotten. */
  reset(): void {
    for (const collection of Object.keys(COLLECTIONS) as CollectionName[]) {
      const { idField } = COLLECTIONS[collection];
      this.records.set(collection, new Map(this.seed[collection].map((record) => [String(record[idField]), cloneJson(record)])));
    }
    this.campaigns = new Map(this.seed.campaigns.map((campaign) => [campaign.campaign_id, { ...campaign }]));
  }

  private collection(name: CollectionName): Map<string, JsonObject> {
    const records = this.records.get(name);
    if (!records) throw new Error(`No collection ${name}`);
    return records;
  }

  /** A copy of the record, or undefined when there is none with this ID. */
  get(collection: CollectionName, id: string): JsonObject | undefined {
    const record = this.collection(collection).get(id);
    return record && cloneJson(record);
  }

  /**
   * Applies a partial edit: each field sent is set; a field in `replacedWhole` (or any non-object value) replaces
   * what was stored, another object is merged into the stored object. False when the record does not exist.
   */
  edit(collection: CollectionName, id: string, fields: JsonObject, replacedWhole: readonly string[]): boolean {
    const record = this.collection(collection).get(id);
    if (!record) return false;
    for (const [field, value] of Object.entries(fields)) {
      const current = Object.hasOwn(record, field) ? record[field] : undefined;
      const merge = !replacedWhole.includes(field) && isJsonObject(value) && isJsonObject(current);
      setOwn(record, field, merge ? mergedObject(current as JsonObject, value as JsonObject) : cloneJson(value));
    }
    return true;
  }

  /** Enables and unblocks a customer. False when there is no such customer. */
  enableCustomer(id: string): boolean {
    const record = this.collection('customers').get(id);
    if (!record) return false;
    record.enabled = true;
    record.blocked = false;
    return true;
  }

  /** A campaign by its ID or its exact name. */
  findCampaign(idOrName: string): Campaign | undefined {
    return this.campaigns.get(idOrName) ?? [...this.campaigns.values()].find((campaign) => campaign.name === idOrName);
  }

  /** Stores a new customer from a valid CreateCustomer input and returns its new ID. */
  createCustomer(input: JsonObject, campaign: Campaign): string {
    const customers = this.collection('customers');
    let id = randomId();
    while (customers.has(id)) id = randomId();
    const record: JsonObject = { customer_id: id, campaign: campaign.campaign_id, customer: cloneJson(input.customer) };
    // The guide: without `bill_to`, the customer details are used for billing.
    record.bill_to = cloneJson(input.bill_to ?? input.customer);
    if (input.internal_customer_id !== undefined) record.internal_customer_id = input.internal_customer_id;
    if (input.metadata !== undefined) record.metadata = cloneJson(input.metadata);
    const card = isJsonObject(input.payment) && isJsonObject(input.payment.credit_card) ? input.payment.credit_card : undefined;
    // Only what a card summary shows is kept: never the number or the code.
    record.credit_cards = card ? [{ last_four: String(card.card_number).slice(-4), exp_month: card.exp_month, exp_year: card.exp_year }] : [];
    record.enabled = true;
    record.blocked = false;
    customers.set(id, record);
    return id;
  }
}
