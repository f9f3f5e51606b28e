// RevCent IDs: 20 letters or digits. Catches malformed IDs, placeholders left from examples, and repeated IDs.
import * as z from 'zod';
import { enumValues, fieldMeta, ID_PATTERN, unwrap, walkPayload } from '../catalog/schema';
import { showValue } from '../service/jsonTree';
import type { RuleContext, RuleDefinition } from '../service/types';

export type IdShape = 'valid' | 'placeholder' | 'malformed';

const PLACEHOLDER_WORDS = /^(your|replace|insert|todo|tbd|changeme|change_me|example|sample|placeholder|id)(?=$|[_\-.:])/i;

/** Whether a string is a usable ID, a placeholder someone forgot to replace, or simply not an ID. */
export function classifyId(value: string): IdShape {
  const trimmed = value.trim();
  if (/^(.)\1+$/.test(trimmed)) return 'placeholder'; // XXXXXXXXXXXXXXXXXXXX, CCCC...
  if (/^<.*>$|^\{\{.*\}\}$|^\$\{.*\}$/.test(trimmed)) return 'placeholder'; // <group id>, {{id}}, ${ID}
  if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(trimmed) && /(^|_)(ID|IDS)($|_)/.test(trimmed)) return 'placeholder'; // HIGH_VALUE_GROUP_ID
  if (PLACEHOLDER_WORDS.test(trimmed) && !/\s/.test(trimmed) && !ID_PATTERN.test(trimmed)) return 'placeholder';
  return ID_PATTERN.test(value) ? 'valid' : 'malformed';
}

function whatIsWrong(value: string): string {
  const problems: string[] = [];
  if (value !== value.trim()) problems.push('has spaces around it');
  const trimmed = value.trim();
  if (trimmed.length !== 20) problems.push(`has ${trimmed.length} character${trimmed.length === 1 ? '' : 's'}`);
  const bad = [...new Set(trimmed.replace(/[A-Za-z0-9]/g, ''))];
  if (bad.length > 0) problems.push(`contains ${bad.map((c) => JSON.stringify(c)).join(', ')}`);
  return problems.join(' and ');
}

/** Every ID-typed string in the payload, with the kind of record it names. */
function forEachId(
  context: RuleContext,
  visit: (path: (string | number)[], value: string, kind: string, idOrName: boolean) => void,
): void {
  walkPayload(context.operation.schema, context.payload, (path, value, schema) => {
    const meta = fieldMeta(schema);
    const kind = meta?.['x-revcent-id-kind'];
    if (kind && typeof value === 'string') visit(path, value, kind, meta['x-revcent-id-or-name'] === true);
  });
}

export const malformedId: RuleDefinition = {
  code: 'RC020',
  name: 'malformed-id',
  severity: 'error',
  summary:
    'Every RevCent ID is exactly 20 letters or digits. A shorter, longer or punctuated value cannot name a record. ' +
    'When only surrounding spaces are wrong, the fix trims them.',
  replacesSchemaFindings: true,
  wrong: `{
  "$operation": "EnableCustomer",
  "customer_id": "Cu7XrB2mKq9WzT4nLp6"
}`,
  right: `{
  "$operation": "EnableCustomer",
  "customer_id": "Cu7XrB2mKq9WzT4nLp6S"
}`,
  check(context) {
    forEachId(context, (path, value, kind, idOrName) => {
      if (idOrName || classifyId(value) !== 'malformed') return;
      const trimmed = value.trim();
      context.report({
        path,
        message: `A ${kind} ID is exactly 20 letters or digits; ${showValue(value)} ${whatIsWrong(value)}.`,
        fixes: ID_PATTERN.test(trimmed)
          ? [{ title: 'Trim the spaces around the ID', changes: [{ path, value: trimmed }], preferred: true }]
          : [],
      });
    });
  },
};

export const placeholderId: RuleDefinition = {
  code: 'RC021',
  name: 'placeholder-id',
  severity: 'error',
  summary:
    'The value is a placeholder copied from an example (`XXXXXXXXXXXXXXXXXXXX`, `HIGH_VALUE_GROUP_ID`, ' +
    '`<campaign id>`), not a real ID. Sending it targets no record, or the wrong one.',
  replacesSchemaFindings: true,
  wrong: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "XXXXXXXXXXXXXXXXXXXX",
  "name": "VIP Customers"
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers"
}`,
  check(context) {
    forEachId(context, (path, value, kind) => {
      if (classifyId(value) !== 'placeholder') return;
      context.report({
        path,
        message: `${showValue(value)} is a placeholder, not a ${kind} ID. Replace it with the real 20-character ID.`,
      });
    });
  },
};

function isListOfIdsOrOptions(schema: z.ZodType): boolean {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodArray)) return false;
  const element = inner.element as z.ZodType;
  return fieldMeta(element)?.['x-revcent-id-kind'] !== undefined || enumValues(element) !== undefined;
}

export const duplicateListValue: RuleDefinition = {
  code: 'RC022',
  name: 'duplicate-list-value',
  severity: 'warning',
  summary:
    'An ID (or status) is listed twice in the same list. The copy adds nothing and often means another ID was ' +
    'meant. The fix removes the copy.',
  wrong: `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "customer_filters": {
    "campaign": ["Hs4KpT7wQz1NdR8mXc2L", "Hs4KpT7wQz1NdR8mXc2L"],
    "third_party_shop": []
  }
}`,
  right: `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "customer_filters": {
    "campaign": ["Hs4KpT7wQz1NdR8mXc2L", "Gk5LqU8xRa2OeS9nYd3M"],
    "third_party_shop": []
  }
}`,
  check(context) {
    walkPayload(context.operation.schema, context.payload, (path, value, schema) => {
      if (!Array.isArray(value) || !isListOfIdsOrOptions(schema)) return;
      const firstIndex = new Map<unknown, number>();
      value.forEach((item, index) => {
        if (typeof item !== 'string') return;
        const first = firstIndex.get(item);
        if (first === undefined) {
          firstIndex.set(item, index);
          return;
        }
        context.report({
          path: [...path, index],
          message: `${showValue(item)} is already in this list at position ${first + 1}. Remove the copy.`,
          fixes: [{ title: 'Remove the duplicate', changes: [{ path: [...path, index], value: undefined }], preferred: true }],
        });
      });
    });
  },
};

export const idRules: RuleDefinition[] = [malformedId, placeholderId, duplicateListValue];
