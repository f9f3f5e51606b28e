// EditCustomerGroup's editor features: which qualifier branch counts (hover), and branch and range snippets.
import { getNodeValue, type JSONPath } from 'jsonc-parser';
import type * as z from 'zod';
import { nodeAt, showValue } from '../../core/jsonTree';
import { objectShape, schemaAt } from '../../core/schema';
import { TabStop, withListStops } from '../../core/snippet';
import type { EditorContribution, ObjectSnippet, PayloadDocument } from '../../core/types';
import { BRANCH_SKELETONS, NO_PRACTICAL_MAX, QUALIFIER_METHODS } from './schema';

type QualifierBranch = keyof typeof BRANCH_SKELETONS;
const QUALIFIER_BRANCHES = Object.keys(BRANCH_SKELETONS) as QualifierBranch[];

function isQualifierBranch(key: unknown): key is QualifierBranch {
  return typeof key === 'string' && (QUALIFIER_BRANCHES as string[]).includes(key);
}

function isQualifierMethod(value: unknown): value is (typeof QUALIFIER_METHODS)[number] {
  return typeof value === 'string' && (QUALIFIER_METHODS as readonly string[]).includes(value);
}

/** The file's `qualifier_method`: whether it sets one, and its value (which may be invalid). */
type FileQualifierMethod = { set: false } | { set: true; value: unknown };

function fileQualifierMethod(document: PayloadDocument): FileQualifierMethod | undefined {
  if (!document.root) return undefined;
  const node = nodeAt(document.root, ['qualifier_method']);
  return node ? { set: true, value: getNodeValue(node) } : { set: false };
}

// ---- Hover: which branch counts ----

function unknownMethodNote(method: unknown): string {
  return (
    `${showValue(method)} is not a qualifier method (${QUALIFIER_METHODS.map((m) => `\`${m}\``).join(', ')}), ` +
    'so which branch counts cannot be told.'
  );
}

function methodNote(method: FileQualifierMethod): string {
  if (!method.set) {
    return 'This file sets no `qualifier_method`: the method stored on the group decides which branch of `qualifiers` counts.';
  }
  const { value } = method;
  if (!isQualifierMethod(value)) return unknownMethodNote(value);
  if (value === 'none') {
    return 'With `none`, **no branch is active**: every qualifier is ignored and membership is manual or by workflow.';
  }
  const other = value === 'specific_values' ? 'customer_group' : 'specific_values';
  return `Active branch: \`qualifiers.${value}\`. \`qualifiers.${other}\` is **ignored**.`;
}

function branchNote(method: FileQualifierMethod, branch: string): string {
  if (!method.set) {
    return `This file sets no \`qualifier_method\`: the method stored on the group decides whether \`qualifiers.${branch}\` counts.`;
  }
  const { value } = method;
  if (!isQualifierMethod(value)) return unknownMethodNote(value);
  if (value === branch) return `**Active**: \`qualifier_method\` is \`${value}\`, so this branch is evaluated.`;
  if (value === 'none') return '**Ignored**: `qualifier_method` is `none`, so every qualifier is ignored.';
  return `**Ignored**: \`qualifier_method\` is \`${value}\`, so only \`qualifiers.${value}\` is evaluated.`;
}

/** Which qualifier branch is active, for hovers on `qualifier_method`, `qualifiers` and anything inside a branch. */
function qualifierNote(document: PayloadDocument, path: JSONPath): string | undefined {
  const method = fileQualifierMethod(document);
  if (method === undefined) return undefined;
  if (path[0] === 'qualifier_method' || (path.length === 1 && path[0] === 'qualifiers')) return methodNote(method);
  const branch = path[1];
  if (path[0] === 'qualifiers' && isQualifierBranch(branch)) return branchNote(method, branch);
  return undefined;
}

// ---- Completion: branches and ranges ----

function isRangeShape(schema: z.ZodType | undefined): boolean {
  const keys = Object.keys(objectShape(schema) ?? {}).sort();
  return keys.join(',') === 'enabled,max,min';
}

/** An enabled range; the high max is deliberate, since a max of 0 means exactly 0, not "no limit". */
function rangeBody() {
  return { enabled: true, min: new TabStop(1), max: new TabStop(NO_PRACTICAL_MAX) };
}

function branchSnippet(branch: QualifierBranch, wrapped: boolean): ObjectSnippet {
  const skeleton = withListStops(BRANCH_SKELETONS[branch]);
  return {
    label: `${branch} branch`,
    body: wrapped ? { [branch]: skeleton } : skeleton,
    documentation: `Only evaluated when \`qualifier_method\` is \`${branch}\`. Nothing is filtered yet: fill in the criteria.`,
  };
}

function isQualifiersPath(path: JSONPath): boolean {
  return path.length === 1 && path[0] === 'qualifiers';
}

function objectSnippets(document: PayloadDocument, path: JSONPath, schema: z.ZodType): ObjectSnippet[] | undefined {
  if (isQualifiersPath(path)) {
    const method = fileQualifierMethod(document);
    if (method?.set && method.value === 'none') {
      return [{ label: '{}', body: {}, documentation: 'With `qualifier_method: "none"` every qualifier is ignored: send an empty object.' }];
    }
    if (method?.set && isQualifierBranch(method.value)) return [branchSnippet(method.value, true)];
    return QUALIFIER_BRANCHES.map((branch) => branchSnippet(branch, true));
  }
  if (path.length === 2 && path[0] === 'qualifiers' && isQualifierBranch(path[1])) return [branchSnippet(path[1], false)];
  if (isRangeShape(schema)) {
    return [
      {
        label: 'Enabled range',
        body: rangeBody(),
        documentation: `A max of ${NO_PRACTICAL_MAX} means no practical upper limit; a max of 0 would mean exactly 0.`,
      },
    ];
  }
  return undefined;
}

/** A whole range, and the bounds of one: min 1 (valid for day ranges too), a deliberate high max. */
function valuePlaceholder(document: PayloadDocument, path: JSONPath, schema: z.ZodType): TabStop | Record<string, unknown> | undefined {
  if (isRangeShape(schema)) return rangeBody();
  const bound = path[path.length - 1];
  if ((bound === 'min' || bound === 'max') && document.operation && isRangeShape(schemaAt(document.operation.schema, path.slice(0, -1)))) {
    return new TabStop(bound === 'max' ? NO_PRACTICAL_MAX : 1);
  }
  return undefined;
}

/** In `qualifiers`, only the branch the file's `qualifier_method` evaluates: the other would be ignored. */
function propertyNames(document: PayloadDocument, path: JSONPath, names: string[]): string[] | undefined {
  if (!isQualifiersPath(path)) return undefined;
  const method = fileQualifierMethod(document);
  if (method?.set && method.value === 'none') return names.filter((name) => !isQualifierBranch(name));
  if (method?.set && isQualifierBranch(method.value)) return names.filter((name) => name === method.value || !isQualifierBranch(name));
  return undefined;
}

export const editor: EditorContribution = { hoverNote: qualifierNote, objectSnippets, valuePlaceholder, propertyNames };
