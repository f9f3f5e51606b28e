// CreateCustomer input schema with its field documentation.
import countries from 'i18n-iso-countries/index';
import english from 'i18n-iso-countries/langs/en.json';
import * as z from 'zod';
import { documented, secretField } from '../../core/schema';
// The package's Node entry registers every language (~1 MB); the plain index registers none, so we add English.

countries.registerLocale(english);

export const text = (description: string) => documented(z.string().min(1), description);

export function contactFields(who: string) {
  return {
    first_name: text(`${who} first name.`),
    last_name: text(`${who} last name.`),
    email: documented(z.email(), `${who} email address. Search for it first (SearchCustomers) to avoid duplicates.`),
    phone: text(`${who} phone number.`).optional(),
    company: text(`${who} company name.`).optional(),
    address_line_1: text('Street address.').optional(),
    address_line_2: text('Apartment, suite, unit.').optional(),
    city: text('City.').optional(),
    state: text('State, province or region.').optional(),
    zip: documented(z.string().min(1), 'Postal code, as text (keeps leading zeros).').optional(),
    country: documented(
      z.string().length(3),
      'Three-letter ISO 3166-1 alpha-3 country code, such as `USA`, `CAN`, `GBR` (not `US`).',
    ).optional(),
  };
}

export const creditCard = z
  .strictObject({
    card_number: secretField(
      z.string().regex(/^\d{12,19}$/),
      'Full card number, digits only. **Raw card data in a file is a PCI risk**: prefer a Secure Form or the ' +
        'Customer Portal, and never commit this file.',
    ),
    exp_month: documented(z.number().int().min(1).max(12), 'Expiration month, 1 to 12.'),
    exp_year: documented(z.number().int().min(0).max(99), 'Expiration year as two digits: `27` for 2027.'),
    card_code: secretField(z.string().regex(/^\d{3,4}$/), 'Card security code (CVV), 3 or 4 digits.').optional(),
  })
  .meta({ description: 'A card to create and attach to the customer.' });

export const metadataEntry = z
  .strictObject({
    name: documented(z.string().min(1).max(100), 'Metadata name, 1 to 100 characters.'),
    value: documented(z.string().min(1).max(255), 'Metadata value, 1 to 255 characters. Never card data or secrets.'),
  })
  .meta({ description: 'One metadata name/value pair.' });

export const schema = z.strictObject({
  campaign: z.string().min(1).meta({
    description:
      'The campaign the customer belongs to: an existing campaign ID (20 characters) or the exact campaign name.',
    'x-revcent-id-kind': 'campaign',
    'x-revcent-id-or-name': true,
  }),
  customer: z
    .strictObject(contactFields('Customer'))
    .meta({ description: 'The customer\'s details. `first_name`, `last_name` and `email` are required.' }),
  bill_to: z
    .strictObject(contactFields('Billing'))
    .meta({
      description:
        'Billing details when they differ from `customer` (for example for the card being added). When present, ' +
        '`first_name`, `last_name` and `email` are required. When omitted, `customer` is used for billing.',
    })
    .optional(),
  payment: z
    .strictObject({ credit_card: creditCard })
    .meta({ description: 'A payment method to attach at creation. Add one only when explicitly requested.' })
    .optional(),
  internal_customer_id: text('Your own (third-party or internal) ID for this customer, for your records.').optional(),
  metadata: z
    .array(metadataEntry)
    .meta({ description: 'Name/value pairs stored on the customer. Never store card data, passwords or keys here.' })
    .optional(),
});
