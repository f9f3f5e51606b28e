// Rules for partial-update ("Edit") operations: send only what changes, and change risky things safely.
import { hasNoKeys, isObject } from '../core/jsonTree';
import type { OperationDefinition, RuleContext, RuleDefinition } from '../core/types';

/** The high-impact changes in this payload, as [field, what it changes] pairs. */
export function highImpactChanges(operation: OperationDefinition, payload: Record<string, unknown>): [string, string][] {
  const changes: [string, string][] = [];
  for (const [field, describe] of Object.entries(operation.highImpact)) {
    const value = Object.hasOwn(payload, field) ? payload[field] : undefined;
    // An empty object is flagged as unrelated (RC026), not as a change.
    if (value === undefined || (isObject(value) && hasNoKeys(value))) continue;
    const description = describe(value);
    if (description) changes.push([field, description]);
  }
  return changes;
}

/** The high-impact changes, worked out once for the two rules that ask. */
function sharedHighImpactChanges(context: RuleContext): [string, string][] {
  return context.shared(highImpactChanges, () => highImpactChanges(context.operation, context.payload));
}

export const noOpEdit: RuleDefinition = {
  code: 'RC023',
  name: 'no-op-edit',
  severity: 'warning',
  summary: 'The edit names its record but no field to change, so sending it does nothing. Add the fields to change.',
  check(context) {
    const { kind, targetIdField } = context.operation;
    if (kind !== 'edit' || !targetIdField || !(targetIdField in context.payload)) return;
    if (Object.keys(context.payload).some((key) => key !== targetIdField)) return;
    context.report({
      path: [targetIdField],
      target: 'property',
      message: `This edit names the record but changes nothing. Add the fields to change next to \`${targetIdField}\`.`,
    });
  },
};

export const highImpactEdit: RuleDefinition = {
  code: 'RC024',
  name: 'high-impact-edit',
  severity: 'information',
  summary:
    'The payload is valid and makes a change customers or automations will feel. It is shown so you can review ' +
    'it, and again when you send.',
  check(context) {
    for (const [field, description] of sharedHighImpactChanges(context)) {
      context.report({ path: [field], target: 'key', message: `High-impact change: ${description}` });
    }
  },
};

export const enableWithRiskyEdit: RuleDefinition = {
  code: 'RC025',
  name: 'enable-with-risky-edit',
  severity: 'warning',
  summary:
    'The edit turns the record on in the same request as a high-impact change, so customers meet the change ' +
    'before anyone has tested it. Safer: disable, edit, test, then enable in a separate edit.',
  check(context) {
    if (context.operation.kind !== 'edit' || context.payload.enabled !== true) return;
    const risky = sharedHighImpactChanges(context)
      .map(([field]) => field)
      .filter((field) => field !== 'enabled');
    if (risky.length === 0) return;
    context.report({
      path: ['enabled'],
      target: 'property',
      message:
        `\`enabled: true\` goes live together with ${risky.map((field) => `\`${field}\``).join(', ')}. ` +
        'Disable, edit, test, then enable in a separate edit.',
      fixes: [
        { title: 'Remove `enabled` (enable separately after testing)', changes: [{ path: ['enabled'], value: undefined }], preferred: true },
        { title: 'Set `enabled` to false while you test', changes: [{ path: ['enabled'], value: false }] },
      ],
    });
  },
};

export const emptyObjectInEdit: RuleDefinition = {
  code: 'RC026',
  name: 'empty-object-in-edit',
  severity: 'warning',
  summary:
    'A partial edit sends an empty object for a setting it does not mean to change (`"customer_permissions": {}`). ' +
    'At best it is noise; at worst it replaces the stored settings with nothing. The fix strips it.',
  check(context) {
    if (context.operation.kind !== 'edit') return;
    const allowed = context.operation.emptyObjectAllowed ?? [];
    for (const field of Object.keys(context.payload)) {
      const value = context.payload[field];
      if (!isObject(value) || !hasNoKeys(value) || allowed.includes(field)) continue;
      context.report({
        path: [field],
        target: 'property',
        message:
          `\`${field}: {}\` changes nothing you asked for and may wipe the stored ${field.replace(/_/g, ' ')}. ` +
          'Remove it, or send the complete intended object.',
        fixes: [{ title: `Remove \`${field}\``, changes: [{ path: [field], value: undefined }], preferred: true, strip: true }],
      });
    }
  },
};

export const partialEditRules: RuleDefinition[] = [noOpEdit, highImpactEdit, enableWithRiskyEdit, emptyObjectInEdit];
