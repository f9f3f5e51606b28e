// RevCent IDs: 20 letters or digits. Catches malformed IDs, placeholders left from examples, and repeated IDs.
import * as z from 'zod';
import type { JSONPath } from 'jsonc-parser';
import { enumValues, fieldMeta, ID_PATTERN, unwrap } from '../core/schema';
import { isObject, showValue } from '../core/jsonTree';
import type { RuleContext, RuleDefinition } from '../core/types';

export type IdShape = 'valid' | 'placeholder' | 'malformed';

const PLACEHOLDER_WORDS = /^(your|replace|insert|todo|tbd|changeme|change_me|example|sample|placeholder|id)(?=$|[_\-.:])/i;

/** Exactly 20 ASCII letters or digits. */
function isWellFormedId(value: string): boolean {
  return value.length === 20 && ID_PATTERN.test(value);
}

/**
 * Whether a value is text left from an example rather than a real value: XXXXXXXX, `<group id>`, `{{id}}`,
 * `${ID}`, `your_…`, or a name in capitals with one of `nameWords` (`HIGH_VALUE_GROUP_ID` for IDs).
 */
export function isPlaceholderText(value: string, nameWords: RegExp): boolean {
  const trimmed = value.trim();
  return (
    /^(.)\1+$/.test(trimmed) ||
    /^<.*>$|^\{\{.*\}\}$|^\$\{.*\}$/.test(trimmed) ||
    (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(trimmed) && nameWords.test(trimmed)) ||
    (PLACEHOLDER_WORDS.test(trimmed) && !/\s/.test(trimmed) && !ID_PATTERN.test(trimmed))
  );
}

/** Whether a string is a usable ID, a placeholder someone forgot to replace, or simply not an ID. */
export function classifyId(value: string): IdShape {
  // The common case first: a well-formed ID whose first two characters differ is not XXXX... .
  if (isWellFormedId(value) && value.charCodeAt(0) !== value.charCodeAt(1)) return 'valid';
  if (isPlaceholderText(value, /(^|_)(ID|IDS)($|_)/)) return 'placeholder';
  return isWellFormedId(value) ? 'valid' : 'malformed';
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

interface IdField {
  kind: string;
  idOrName: boolean;
}

/** The IDs and the lists of IDs or options in one payload, found by one walk along the schema. */
interface PayloadIds {
  /** Single ID fields. */
  fields: { path: JSONPath; value: string; field: IdField }[];
  /** Lists whose items are IDs (`field` set) or options of an enum. */
  lists: { path: JSONPath; items: unknown[]; field?: IdField }[];
}

const idFieldCache = new WeakMap<z.ZodType, IdField | null>();

function idFieldOf(schema: z.ZodType): IdField | undefined {
  let cached = idFieldCache.get(schema);
  if (cached === undefined) {
    const meta = fieldMeta(schema);
    const kind = meta?.['x-revcent-id-kind'];
    cached = kind ? { kind, idOrName: meta['x-revcent-id-or-name'] === true } : null;
    idFieldCache.set(schema, cached);
  }
  return cached ?? undefined;
}

/**
 * Where IDs can occur below a schema, worked out once per schema: a single ID, a list of IDs or options, an
 * object (only its keys that can lead to IDs), a list of objects; undefined where no ID can occur.
 */
type IdPlan =
  | { kind: 'id'; field: IdField }
  | { kind: 'list'; field?: IdField }
  | { kind: 'object'; keys: [string, IdPlan][] }
  | { kind: 'array'; element: IdPlan };

const planCache = new WeakMap<z.ZodType, IdPlan | null>();

function idPlan(schema: z.ZodType): IdPlan | undefined {
  let plan = planCache.get(schema);
  if (plan === undefined) {
    plan = null;
    const field = idFieldOf(schema);
    const inner = unwrap(schema);
    if (field) {
      plan = { kind: 'id', field };
    } else if (inner instanceof z.ZodArray) {
      const element = inner.element as z.ZodType;
      const elementField = idFieldOf(element);
      if (elementField || enumValues(element)) plan = { kind: 'list', field: elementField };
      else {
        const elementPlan = idPlan(element);
        if (elementPlan) plan = { kind: 'array', element: elementPlan };
      }
    } else if (inner instanceof z.ZodObject) {
      const keys = Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, child]): [string, IdPlan][] => {
        const childPlan = idPlan(child);
        return childPlan ? [[key, childPlan]] : [];
      });
      if (keys.length > 0) plan = { kind: 'object', keys };
    }
    planCache.set(schema, plan);
  }
  return plan ?? undefined;
}

function collectIds(plan: IdPlan, value: unknown, path: JSONPath, found: PayloadIds): void {
  switch (plan.kind) {
    case 'id':
      if (typeof value === 'string') found.fields.push({ path, value, field: plan.field });
      return;
    case 'list':
      if (Array.isArray(value)) found.lists.push({ path, items: value, field: plan.field });
      return;
    case 'array':
      if (Array.isArray(value)) value.forEach((item, index) => collectIds(plan.element, item, [...path, index], found));
      return;
    case 'object':
      if (!isObject(value)) return;
      for (const [key, childPlan] of plan.keys) {
        if (Object.prototype.hasOwnProperty.call(value, key)) collectIds(childPlan, value[key], [...path, key], found);
      }
  }
}

/** The payload's IDs, collected once and shared by the ID rules. */
function idsOf(context: RuleContext): PayloadIds {
  return context.shared(idsOf, () => {
    const found: PayloadIds = { fields: [], lists: [] };
    const plan = idPlan(context.operation.schema);
    if (plan) collectIds(plan, context.payload, [], found);
    return found;
  });
}

interface OddId {
  path: JSONPath;
  value: string;
  field: IdField;
  shape: Exclude<IdShape, 'valid'>;
}

/** The payload's IDs that are not well-formed, each classified once for both ID rules. */
function oddIds(context: RuleContext): OddId[] {
  return context.shared(oddIds, () => classifyIds(context));
}

function classifyIds(context: RuleContext): OddId[] {
  const odd: OddId[] = [];
  const { fields, lists } = idsOf(context);
  for (const { path, value, field } of fields) {
    const shape = classifyId(value);
    if (shape !== 'valid') odd.push({ path, value, field, shape });
  }
  for (const { path, items, field } of lists) {
    if (!field) continue;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (typeof item !== 'string') continue;
      const shape = classifyId(item);
      if (shape !== 'valid') odd.push({ path: [...path, index], value: item, field, shape });
    }
  }
  return odd;
}

export const malformedId: RuleDefinition = {
  code: 'RC020',
  name: 'malformed-id',
  severity: 'error',
  summary:
    'Every RevCent ID is exactly 20 letters or digits. A shorter, longer or punctuated value cannot name a record. ' +
    'When only surrounding spaces are wrong, the fix trims them.',
  replacesSchemaFindings: true,
  check(context) {
    for (const { path, value, field, shape } of oddIds(context)) {
      if (field.idOrName || shape !== 'malformed') continue;
      const trimmed = value.trim();
      context.report({
        path,
        message: `A ${field.kind} ID is exactly 20 letters or digits; ${showValue(value)} ${whatIsWrong(value)}.`,
        fixes: ID_PATTERN.test(trimmed)
          ? [{ title: 'Trim the spaces around the ID', changes: [{ path, value: trimmed }], preferred: true, automatic: true }]
          : [],
      });
    }
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
  check(context) {
    for (const { path, value, field, shape } of oddIds(context)) {
      if (shape !== 'placeholder') continue;
      context.report({
        path,
        message: `${showValue(value)} is a placeholder, not a ${field.kind} ID. Replace it with the real 20-character ID.`,
      });
    }
  },
};

export const duplicateListValue: RuleDefinition = {
  code: 'RC022',
  name: 'duplicate-list-value',
  severity: 'warning',
  summary:
    'An ID (or status) is listed twice in the same list. The copy adds nothing and often means another ID was ' +
    'meant. The fix removes the copy.',
  check(context) {
    for (const { path, items } of idsOf(context).lists) {
      // Nearly every list repeats nothing: the engine's own Set construction says so without a step per item here.
      if (new Set(items).size === items.length) continue;
      const seen = new Set<unknown>();
      items.forEach((item, index) => {
        if (typeof item !== 'string') return;
        if (!seen.has(item)) {
          seen.add(item);
          return;
        }
        const first = items.indexOf(item);
        context.report({
          path: [...path, index],
          message: `${showValue(item)} is already in this list at position ${first + 1}. Remove the copy.`,
          fixes: [{ title: 'Remove the duplicate', changes: [{ path: [...path, index], value: undefined }], preferred: true, automatic: true }],
        });
      });
    }
  },
};

export const idRules: RuleDefinition[] = [malformedId, placeholderId, duplicateListValue];
