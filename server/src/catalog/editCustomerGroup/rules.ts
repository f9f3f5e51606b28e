// EditCustomerGroup's own rules.
import { isObject, showValue, valueAt } from '../../core/jsonTree';
import { editDistance } from '../../core/suggest';
import type { FixSpec, RuleContext, RuleDefinition } from '../../core/types';
import { BRANCH_SKELETONS, DAY_RANGES, METADATA_NAME_EXISTS, NO_PRACTICAL_MAX, RangeKind, SUBSCRIPTION_RANGES, VALUE_RANGES } from './schema';
function branchesOf(context: RuleContext) {
  const method = context.payload.qualifier_method;
  const qualifiers = context.payload.qualifiers;
  return { method: typeof method === 'string' ? method : undefined, qualifiers: isObject(qualifiers) ? qualifiers : undefined };
}

/** Whether `qualifier_method` makes RevCent ignore the `specific_values` branch (RC101 says so once). */
function specificValuesIgnored(context: RuleContext): boolean {
  const { method } = branchesOf(context);
  return method === 'none' || method === 'customer_group';
}

const ignoredQualifierBranch: RuleDefinition = {
  code: 'RC101',
  name: 'ignored-qualifier-branch',
  severity: 'warning',
  summary:
    '`qualifier_method` decides which branch of `qualifiers` is evaluated. A `customer_group` branch under ' +
    '`specific_values`, a `specific_values` branch under `customer_group`, and any qualifier under `none` are ' +
    'silently ignored. The fix strips the ignored branch (`none` gets `"qualifiers": {}`).',
  check(context) {
    const { method, qualifiers } = branchesOf(context);
    if (!method || !qualifiers) return;
    if (method === 'none') {
      if (Object.keys(qualifiers).length === 0) return;
      context.report({
        path: ['qualifiers'],
        target: 'key',
        message: 'With `qualifier_method: "none"` every qualifier is ignored: membership is manual or by workflow. Send `"qualifiers": {}`.',
        fixes: [{ title: 'Replace with `"qualifiers": {}`', changes: [{ path: ['qualifiers'], value: {} }], preferred: true, strip: true }],
      });
      return;
    }
    const ignored = method === 'specific_values' ? 'customer_group' : method === 'customer_group' ? 'specific_values' : undefined;
    if (!ignored || !(ignored in qualifiers)) return;
    context.report({
      path: ['qualifiers', ignored],
      target: 'key',
      message:
        `\`qualifiers.${ignored}\` is ignored because \`qualifier_method\` is "${method}". ` +
        (method === 'specific_values'
          ? 'To combine values with group membership, layer two groups (a customer_group group that includes this one).'
          : 'Only membership in other groups counts. Remove the ignored branch.'),
      fixes: [{ title: `Remove the ignored \`${ignored}\` branch`, changes: [{ path: ['qualifiers', ignored], value: undefined }], preferred: true, strip: true }],
    });
  },
};

const methodWithoutBranch: RuleDefinition = {
  code: 'RC102',
  name: 'method-without-branch',
  severity: 'warning',
  summary:
    'The edit sets `qualifier_method` to `specific_values` or `customer_group` but sends no matching branch. The ' +
    'group then runs on whatever qualifiers are stored, or on none. Send the complete intended branch in the same edit.',
  check(context) {
    const { method, qualifiers } = branchesOf(context);
    if (method !== 'specific_values' && method !== 'customer_group') return;
    if (qualifiers && method in qualifiers) return;
    const skeleton = BRANCH_SKELETONS[method];
    context.report({
      path: ['qualifier_method'],
      target: 'property',
      message:
        `\`qualifier_method\` becomes "${method}" but no \`qualifiers.${method}\` is sent, so stored qualifiers ` +
        '(or none) decide who is in the group. Send the complete intended branch.',
      fixes: [
        {
          title: `Add an empty \`qualifiers.${method}\` branch to fill in`,
          changes: [qualifiers ? { path: ['qualifiers', method], value: skeleton } : { path: ['qualifiers'], value: { [method]: skeleton } }],
        },
      ],
    });
  },
};

const qualifiersWithoutMethod: RuleDefinition = {
  code: 'RC103',
  name: 'qualifiers-without-method',
  severity: 'warning',
  summary:
    '`qualifiers` is sent without `qualifier_method`, so the stored method (which this file cannot see) decides ' +
    'which branch counts, and the one you wrote may be ignored. State the method in the same edit.',
  check(context) {
    const { method, qualifiers } = branchesOf(context);
    if (method || !qualifiers) return;
    const branches = Object.keys(qualifiers).filter((key) => key === 'specific_values' || key === 'customer_group');
    const inferred = branches.length === 1 ? branches[0] : Object.keys(qualifiers).length === 0 ? 'none' : undefined;
    context.report({
      path: ['qualifiers'],
      target: 'key',
      message:
        '`qualifiers` is sent without `qualifier_method`: the stored method decides which branch counts, and this one may be ignored.' +
        (inferred ? ` Add \`"qualifier_method": "${inferred}"\`.` : ' Add `qualifier_method` and keep only its branch.'),
      fixes: [
        ...(inferred ? [{ title: `Add "qualifier_method": "${inferred}"`, changes: [{ path: ['qualifier_method'], value: inferred }], preferred: true }] : []),
        { title: 'Remove `qualifiers` (keep the stored ones)', changes: [{ path: ['qualifiers'], value: undefined }] },
      ],
    });
  },
};

interface RangeAt {
  path: (string | number)[];
  key: string;
  enabled: boolean;
  min: number | undefined;
  max: number | undefined;
  /** The bounds not written at all (a bound of the wrong type is the schema's finding, not a missing one). */
  absent: ('min' | 'max')[];
}

/** A range with both bounds given. */
type BoundedRange = RangeAt & { min: number; max: number };

const rangesByPayload = new WeakMap<object, RangeAt[]>();

/**
 * Every range object in a `specific_values` branch that RevCent evaluates, with its bounds where they are numbers
 * (found once, shared by the range rules).
 */
function allRangesOf(context: RuleContext): RangeAt[] {
  const known = rangesByPayload.get(context.payload);
  if (known) return known;
  const found: RangeAt[] = [];
  rangesByPayload.set(context.payload, found);
  if (specificValuesIgnored(context)) return found;
  const holders: [(string | number)[], [string, RangeKind, string][]][] = [
    [['qualifiers', 'specific_values', 'values'], VALUE_RANGES],
    [['qualifiers', 'specific_values', 'subscription_options'], SUBSCRIPTION_RANGES],
  ];
  for (const [holderPath, ranges] of holders) {
    const holder = valueAt(context.payload, holderPath);
    if (!isObject(holder)) continue;
    for (const [key] of ranges) {
      const value = holder[key];
      if (!isObject(value)) continue;
      const bound = (name: string) => (typeof value[name] === 'number' ? (value[name] as number) : undefined);
      const absent = (['min', 'max'] as const).filter((name) => !(name in value));
      found.push({ path: [...holderPath, key], key, enabled: value.enabled === true, min: bound('min'), max: bound('max'), absent });
    }
  }
  return found;
}

/** The ranges whose min and max are both numbers. */
function rangesOf(context: RuleContext): BoundedRange[] {
  return allRangesOf(context).filter((range): range is BoundedRange => range.min !== undefined && range.max !== undefined);
}

const enabledRangeWithoutBounds: RuleDefinition = {
  code: 'RC113',
  name: 'enabled-range-without-bounds',
  severity: 'error',
  summary:
    'An enabled range needs both `min` and `max`: without them it cannot say which customers qualify. A disabled ' +
    'range may leave them out.',
  check(context) {
    for (const range of allRangesOf(context)) {
      if (!range.enabled || range.absent.length === 0) continue;
      context.report({
        path: range.path,
        target: 'key',
        message:
          `\`${range.key}\` is enabled but has no ${range.absent.map((bound) => `\`${bound}\``).join(' or ')}. ` +
          `Give both bounds (for no practical upper limit, max ${NO_PRACTICAL_MAX}), or set \`enabled\` to false.`,
      });
    }
  },
};

const rangeMinAboveMax: RuleDefinition = {
  code: 'RC104',
  name: 'range-min-above-max',
  severity: 'error',
  summary: 'An enabled range has `min` greater than `max`, so no customer can match it. The fix swaps them.',
  check(context) {
    for (const range of rangesOf(context)) {
      if (!range.enabled || range.max === 0 || range.min <= range.max) continue;
      context.report({
        path: range.path,
        target: 'key',
        message: `\`${range.key}\` has min ${range.min} above max ${range.max}: no customer can match. Swap them.`,
        fixes: [
          {
            title: 'Swap min and max',
            changes: [
              { path: [...range.path, 'min'], value: range.max },
              { path: [...range.path, 'max'], value: range.min },
            ],
            preferred: true,
          },
        ],
      });
    }
  },
};

const rangeMaxZero: RuleDefinition = {
  code: 'RC105',
  name: 'range-max-zero',
  severity: 'error',
  summary:
    '`max: 0` does not mean "no limit". With `min` above 0 the range can never match. For "min or more", use a ' +
    `deliberate high max such as ${NO_PRACTICAL_MAX}; the fix sets it.`,
  check(context) {
    for (const range of rangesOf(context)) {
      if (!range.enabled || range.max !== 0 || range.min <= 0) continue;
      context.report({
        path: [...range.path, 'max'],
        message: `\`max: 0\` is not "no limit": this range needs ${range.min} or more AND at most 0, so nobody matches. Use a high max such as ${NO_PRACTICAL_MAX}.`,
        fixes: [{ title: `Set max to ${NO_PRACTICAL_MAX}`, changes: [{ path: [...range.path, 'max'], value: NO_PRACTICAL_MAX }], preferred: true }],
      });
    }
  },
};

const rangeExactZero: RuleDefinition = {
  code: 'RC106',
  name: 'range-exact-zero',
  severity: 'information',
  summary:
    'An enabled range with `min: 0` and `max: 0` matches only customers whose value is exactly 0 (for example no ' +
    'chargebacks). That is valid; make sure it is what you mean and not an attempt at "no limit".',
  check(context) {
    for (const range of rangesOf(context)) {
      if (!range.enabled || range.min !== 0 || range.max !== 0 || DAY_RANGES.has(range.key)) continue;
      context.report({
        path: range.path,
        target: 'key',
        message: `\`${range.key}\` with min 0 and max 0 matches only customers whose value is exactly 0.`,
      });
    }
  },
};

const dayRangeNotPositive: RuleDefinition = {
  code: 'RC107',
  name: 'day-range-not-positive',
  severity: 'error',
  summary: 'Day ranges (`days_since_created`, `days_last_sale`, `days_last_renewal`) need `min` and `max` greater than 0.',
  check(context) {
    for (const range of rangesOf(context)) {
      if (!range.enabled || !DAY_RANGES.has(range.key)) continue;
      for (const bound of ['min', 'max'] as const) {
        if (range[bound] > 0) continue;
        if (bound === 'max' && range.min > 0) continue; // max 0 above a positive min: RC105 says it
        context.report({
          path: [...range.path, bound],
          message: `\`${range.key}.${bound}\` counts days and must be greater than 0.`,
          fixes: bound === 'min' ? [{ title: 'Set min to 1', changes: [{ path: [...range.path, 'min'], value: 1 }], preferred: true }] : [],
        });
      }
    }
  },
};

const ignoredByHasNoSales: RuleDefinition = {
  code: 'RC108',
  name: 'ignored-by-has-no-sales',
  severity: 'warning',
  summary:
    'With `has_no_sales: true`, every other value except `days_since_created` is ignored. The fix strips the ' +
    'ignored values; or set `has_no_sales` to false if they should count.',
  check(context) {
    const valuesPath = ['qualifiers', 'specific_values', 'values'];
    const values = valueAt(context.payload, valuesPath);
    if (specificValuesIgnored(context) || !isObject(values) || values.has_no_sales !== true) return;
    for (const [key, value] of Object.entries(values)) {
      if (key === 'has_no_sales' || key === 'days_since_created' || !isObject(value) || value.enabled !== true) continue;
      context.report({
        path: [...valuesPath, key],
        target: 'key',
        message: `\`${key}\` is ignored because \`has_no_sales\` is true (only \`days_since_created\` still counts).`,
        fixes: [{ title: `Remove the ignored \`${key}\``, changes: [{ path: [...valuesPath, key], value: undefined }], preferred: true, strip: true }],
      });
    }
  },
};

const subscriptionCriteriaInactive: RuleDefinition = {
  code: 'RC109',
  name: 'subscription-criteria-inactive',
  severity: 'warning',
  summary:
    'Subscription criteria only count when `subscription_options.enabled` is true. Otherwise they are ignored. ' +
    'Fixes: turn subscription options on, or strip the ignored criterion.',
  check(context) {
    const optionsPath = ['qualifiers', 'specific_values', 'subscription_options'];
    const options = valueAt(context.payload, optionsPath);
    if (specificValuesIgnored(context) || !isObject(options) || options.enabled === true) return;
    for (const [key, value] of Object.entries(options)) {
      const active = key === 'status' ? Array.isArray(value) && value.length > 0 : isObject(value) && value.enabled === true;
      if (!active) continue;
      const fixes: FixSpec[] = [
        { title: 'Turn on `subscription_options`', changes: [{ path: [...optionsPath, 'enabled'], value: true }] },
        { title: `Remove the ignored \`${key}\``, changes: [{ path: [...optionsPath, key], value: undefined }], strip: true },
      ];
      context.report({
        path: [...optionsPath, key],
        target: 'key',
        message: `\`${key}\` is ignored because \`subscription_options.enabled\` is not true.`,
        fixes,
      });
    }
  },
};

function isNearMissOfExists(value: string): boolean {
  if (value === METADATA_NAME_EXISTS) return false;
  if (!/exist/i.test(value)) return false;
  const letters = value.toUpperCase().replace(/[^A-Z]/g, '');
  return editDistance(letters, 'METADATANAMEEXISTS') <= 2 || ['NAMEEXISTS', 'METADATAEXISTS', 'EXISTS', 'NAMEEXIST', 'EXIST'].includes(letters);
}

const metadataExistsSpelling: RuleDefinition = {
  code: 'RC110',
  name: 'metadata-exists-spelling',
  severity: 'warning',
  summary:
    `To match any customer that has a metadata name, the value must be exactly \`${METADATA_NAME_EXISTS}\`. A near ` +
    'miss (`metadata_name_exists`, `NAME_EXISTS`) is compared as a literal value and matches almost nobody.',
  check(context) {
    const metadataPath = ['qualifiers', 'specific_values', 'filters', 'metadata'];
    const filters = valueAt(context.payload, metadataPath);
    if (!Array.isArray(filters)) return;
    filters.forEach((filter, index) => {
      if (!isObject(filter) || typeof filter.value !== 'string' || !isNearMissOfExists(filter.value)) return;
      const path = [...metadataPath, index, 'value'];
      context.report({
        path,
        message: `${showValue(filter.value)} is compared as a literal value. To match any customer with this metadata name, write "${METADATA_NAME_EXISTS}".`,
        fixes: [{ title: `Change to "${METADATA_NAME_EXISTS}"`, changes: [{ path, value: METADATA_NAME_EXISTS }], preferred: true, automatic: true }],
      });
    });
  },
};

const GROUP_LISTS = ['in_any_customer_group', 'in_all_customer_group', 'not_in_customer_group'] as const;

function groupListsOf(context: RuleContext): Record<(typeof GROUP_LISTS)[number], unknown[]> {
  const branch = valueAt(context.payload, ['qualifiers', 'customer_group']);
  const list = (key: string) => (isObject(branch) && Array.isArray(branch[key]) ? (branch[key] as unknown[]) : []);
  return { in_any_customer_group: list('in_any_customer_group'), in_all_customer_group: list('in_all_customer_group'), not_in_customer_group: list('not_in_customer_group') };
}

const groupRequiredAndExcluded: RuleDefinition = {
  code: 'RC111',
  name: 'group-required-and-excluded',
  severity: 'error',
  summary:
    'The same group is both required (`in_all_customer_group`) and excluded (`not_in_customer_group`): nobody can ' +
    'qualify. In `in_any_customer_group` and excluded, that alternative can never match (a warning).',
  check(context) {
    const lists = groupListsOf(context);
    lists.not_in_customer_group.forEach((id, index) => {
      // The group itself in these lists is RC112's finding.
      if (typeof id !== 'string' || id === context.payload.customer_group_id) return;
      const inAll = lists.in_all_customer_group.includes(id);
      const inAny = lists.in_any_customer_group.includes(id);
      if (!inAll && !inAny) return;
      context.report({
        path: ['qualifiers', 'customer_group', 'not_in_customer_group', index],
        severity: inAll ? 'error' : 'warning',
        message: inAll
          ? `${showValue(id)} is both required (in_all_customer_group) and excluded: nobody can qualify for this group.`
          : `${showValue(id)} is both an alternative (in_any_customer_group) and excluded: that alternative can never match.`,
      });
    });
  },
};

const groupReferencesItself: RuleDefinition = {
  code: 'RC112',
  name: 'group-references-itself',
  severity: 'error',
  summary: 'A group\'s qualifiers name the group itself. Membership cannot depend on itself; remove it.',
  check(context) {
    const self = context.payload.customer_group_id;
    if (typeof self !== 'string') return;
    const lists = groupListsOf(context);
    for (const list of GROUP_LISTS) {
      lists[list].forEach((id, index) => {
        if (id !== self) return;
        const path = ['qualifiers', 'customer_group', list, index];
        context.report({
          path,
          message: `This is the group being edited: its membership cannot depend on itself. Remove it from \`${list}\`.`,
          fixes: [{ title: 'Remove the self-reference', changes: [{ path, value: undefined }], preferred: true }],
        });
      });
    }
  },
};

/** EditCustomerGroup's own rules, in the order they run. */
export const rules: RuleDefinition[] = [
  ignoredQualifierBranch,
  methodWithoutBranch,
  qualifiersWithoutMethod,
  rangeMinAboveMax,
  rangeMaxZero,
  rangeExactZero,
  dayRangeNotPositive,
  enabledRangeWithoutBounds,
  ignoredByHasNoSales,
  subscriptionCriteriaInactive,
  metadataExistsSpelling,
  groupRequiredAndExcluded,
  groupReferencesItself,
];
