// CreateCustomer's own rules.
import countries from 'i18n-iso-countries/index';
import { isObject, showValue, valueAt } from '../../core/jsonTree';
import type { RuleContext, RuleDefinition } from '../../core/types';
/** Luhn checksum: true for digit strings that could be a real card number. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

function looksLikeCardNumber(value: string): boolean {
  // Only digits, spaces and dashes can be a card number: most values fail at their first letter, with no copy made.
  if (!/^[\d\s-]+$/.test(value)) return false;
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{13,19}$/.test(digits) && passesLuhn(digits);
}

/** The alpha-3 code a country value most likely means, if it can be told. */
export function toAlpha3(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^[A-Za-z]{3}$/.test(trimmed) && countries.isValid(trimmed.toUpperCase())) return trimmed.toUpperCase();
  // "UK" is not the ISO code of the United Kingdom (GB is), but it is what people write.
  if (/^uk$/i.test(trimmed)) return 'GBR';
  if (/^[A-Za-z]{2}$/.test(trimmed)) return countries.alpha2ToAlpha3(trimmed.toUpperCase());
  return countries.getAlpha3Code(trimmed, 'en');
}

const countryCode: RuleDefinition = {
  code: 'RC301',
  name: 'country-code',
  severity: 'error',
  summary:
    '`country` must be a three-letter ISO 3166-1 alpha-3 code (`USA`). A two-letter code (`US`) or a country name ' +
    'is converted by the fix.',
  replacesSchemaFindings: true,
  check(context) {
    for (const holder of ['customer', 'bill_to']) {
      const value = valueAt(context.payload, [holder, 'country']);
      if (typeof value !== 'string') continue;
      const alpha3 = toAlpha3(value);
      if (alpha3 === value) continue;
      const path = [holder, 'country'];
      context.report({
        path,
        message: alpha3
          ? `Use the ISO 3166-1 alpha-3 code "${alpha3}" instead of ${showValue(value)}.`
          : `${showValue(value)} is not an ISO 3166-1 alpha-3 country code; use three letters such as "USA", "CAN" or "GBR".`,
        fixes: alpha3 ? [{ title: `Change to "${alpha3}"`, changes: [{ path, value: alpha3 }], preferred: true, automatic: true }] : [],
      });
    }
  },
};

const rawCardData: RuleDefinition = {
  code: 'RC302',
  name: 'raw-card-data',
  severity: 'warning',
  summary:
    'The file holds a full card number. Raw card data in a file (and in version control) is a PCI risk: collect ' +
    'cards through a Secure Form or the Customer Portal instead, or keep such files out of git.',
  check(context) {
    const number = valueAt(context.payload, ['payment', 'credit_card', 'card_number']);
    if (typeof number !== 'string' || number.trim() === '') return;
    context.report({
      path: ['payment', 'credit_card', 'card_number'],
      message:
        'This file holds a raw card number. Prefer a Secure Form or the Customer Portal to collect cards, and ' +
        'never commit this file.',
    });
  },
};

function cardFieldProblems(context: RuleContext) {
  const card = valueAt(context.payload, ['payment', 'credit_card']);
  if (!isObject(card)) return;
  const base = ['payment', 'credit_card'];
  const { card_number: number, exp_month: month, exp_year: year, card_code: code } = card;
  if (typeof number === 'string' && !/^\d{12,19}$/.test(number)) {
    const digits = number.replace(/[\s-]/g, '');
    const cleanable = /^\d{12,19}$/.test(digits);
    context.report({
      path: [...base, 'card_number'],
      message: cleanable
        ? 'Write the card number as digits only, without spaces or dashes.'
        : 'A card number is 12 to 19 digits, digits only.',
      fixes: cleanable
        ? [{ title: 'Remove the spaces and dashes', changes: [{ path: [...base, 'card_number'], value: digits }], preferred: true, automatic: true }]
        : [],
    });
  } else if (typeof number === 'string' && !passesLuhn(number)) {
    context.report({ path: [...base, 'card_number'], message: 'This card number fails its checksum: check for a mistyped digit.' });
  }
  if (typeof month === 'number' && (!Number.isInteger(month) || month < 1 || month > 12)) {
    context.report({ path: [...base, 'exp_month'], message: `The expiration month is 1 to 12, not ${month}.` });
  }
  if (typeof year === 'number' && (!Number.isInteger(year) || year < 0 || year > 99)) {
    const twoDigits = Number.isInteger(year) && year >= 2000 && year <= 2099 ? year % 100 : undefined;
    context.report({
      path: [...base, 'exp_year'],
      message: twoDigits !== undefined ? `Write the expiration year as two digits: ${twoDigits}, not ${year}.` : 'The expiration year is two digits, such as 28 for 2028.',
      fixes: twoDigits !== undefined ? [{ title: `Change to ${twoDigits}`, changes: [{ path: [...base, 'exp_year'], value: twoDigits }], preferred: true, automatic: true }] : [],
    });
  }
  if (typeof code === 'string' && !/^\d{3,4}$/.test(code)) {
    context.report({ path: [...base, 'card_code'], message: 'The card code is 3 or 4 digits, digits only.' });
  }
}

const cardFieldFormat: RuleDefinition = {
  code: 'RC303',
  name: 'card-field-format',
  severity: 'error',
  summary:
    'Card fields have strict formats: `card_number` digits only (and a valid checksum), `exp_month` 1 to 12, ' +
    '`exp_year` two digits, `card_code` 3 or 4 digits. Fixes remove separators and shorten a four-digit year.',
  replacesSchemaFindings: true,
  check: cardFieldProblems,
};

const SENSITIVE_WORDS = new Set(['card', 'cardnumber', 'creditcard', 'cc', 'ccnumber', 'cvv', 'cvv2', 'cvc', 'pan', 'password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'ssn']);

/** Whether a metadata name suggests card data or a secret: judged by whole words, so `keycard_holder` is fine. */
/** Every sensitive word above contains one of these: a name with none of them is not split into words at all. */
const SENSITIVE_PARTS = /card|cc|cv|pan|pass|pwd|secret|token|api|ssn|social/i;

function soundsSensitive(name: string): boolean {
  if (!SENSITIVE_PARTS.test(name)) return false;
  const words = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((word, i) => SENSITIVE_WORDS.has(word) || (word === 'api' && words[i + 1] === 'key') || (word === 'social' && words[i + 1] === 'security'));
}

/** Values that are secrets whatever their name: well-known key and token formats... */
const SECRET_FORMATS = [
  /\b[sr]k_(live|test)_[A-Za-z0-9]{8,}/, // payment processor secret and restricted keys
  /\bAKIA[0-9A-Z]{16}\b/, // cloud access key IDs
  /\bgh[pousr]_[A-Za-z0-9]{20,}/, // source-hosting tokens
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/, // chat bot and user tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, // signed web tokens
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
/** ...as one expression, so that a value is searched once for all of them; */
const ANY_SECRET_FORMAT = new RegExp(SECRET_FORMATS.map((format) => format.source).join('|'));
/** ...and `password: ...` pairs, in any case. */
const SECRET_PAIR = /\b(password|passwd|pwd|pw|secret|token|api[_ -]?key)\s*[:=]\s*\S+/i;

function looksLikeSecret(value: string): boolean {
  return ANY_SECRET_FORMAT.test(value) || SECRET_PAIR.test(value);
}

const sensitiveMetadata: RuleDefinition = {
  code: 'RC304',
  name: 'sensitive-metadata',
  severity: 'warning',
  summary:
    'Metadata is stored in plain view on the customer. A card number, password, token or key in it is a data ' +
    'leak: remove it and use the proper secure channel.',
  check(context) {
    const metadata = context.payload.metadata;
    if (!Array.isArray(metadata)) return;
    metadata.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const fixes = () => [{ title: 'Remove this metadata entry', changes: [{ path: ['metadata', index], value: undefined }], preferred: true }];
      const value = typeof entry.value === 'string' ? entry.value : '';
      if (looksLikeCardNumber(value)) {
        context.report({
          path: ['metadata', index, 'value'],
          message: 'This metadata value looks like a card number. Never store card data in metadata: remove it.',
          fixes: fixes(),
        });
      } else if (looksLikeSecret(value)) {
        context.report({
          path: ['metadata', index, 'value'],
          message: 'This metadata value looks like a password, key or token. Metadata is not secure storage: remove it.',
          fixes: fixes(),
        });
      } else if (typeof entry.name === 'string' && soundsSensitive(entry.name)) {
        context.report({
          path: ['metadata', index, 'name'],
          message: `Metadata named ${showValue(entry.name)} suggests card data or a secret. Metadata is not secure storage: remove it.`,
          fixes: fixes(),
        });
      }
    });
  },
};

/** CreateCustomer's own rules, in the order they run. */
export const rules: RuleDefinition[] = [
  countryCode,
  rawCardData,
  cardFieldFormat,
  sensitiveMetadata,
];
