// Maps zod issues to findings on exact nodes: the key of an unknown property, the value of a wrong one,
// the enclosing object of a missing one. Messages say what to do, in the field's own terms.
import type { Node } from 'jsonc-parser';
import * as z from 'zod';
import { enumValues, fieldMeta, isSecretField, objectShape, schemaAt, schemaIssues, unwrap } from '../core/schema';
import * as pipeline from '../rules/pipeline';
import { describePath, nodeAt, showValue } from '../core/jsonTree';
import { closestMatch } from '../core/suggest';
import type { FixSpec, Report, RuleDefinition } from '../core/types';

export interface Finding extends Report {
  rule: RuleDefinition;
}

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list [...]',
  object: 'an object {...}',
};

function jsonTypeOf(node: Node): string {
  return node.type === 'null' ? 'null' : node.type;
}

/** A clean conversion of a wrongly typed value, when there is one. */
function convert(value: unknown, expected: string, elementSchema: z.ZodType | undefined): { value: unknown } | undefined {
  if (expected === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) {
    return { value: value.trim().toLowerCase() === 'true' };
  }
  if ((expected === 'number' || expected === 'int') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    const number = Number(value.trim());
    if (expected === 'int' && !Number.isInteger(number)) return undefined;
    return { value: number };
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return { value: String(value) };
  }
  const element = elementSchema && unwrap(elementSchema);
  if (expected === 'array' && typeof value === 'string' && (element instanceof z.ZodString || element instanceof z.ZodEnum)) {
    return { value: [value] };
  }
  return undefined;
}

function fieldName(path: (string | number)[]): string {
  return `\`${describePath(path)}\``;
}

function limitMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, path: (string | number)[]): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  const word = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
  switch (issue.origin) {
    case 'string':
      return bound === 1 && small
        ? `${fieldName(path)} must not be empty.`
        : `${fieldName(path)} must be ${word} ${bound} characters long.`;
    case 'array':
      return `${fieldName(path)} must have ${word} ${bound} item${bound === 1 ? '' : 's'}.`;
    default:
      return `${fieldName(path)} must be ${word} ${bound}.`;
  }
}

/** Findings for every zod issue in a payload, located on the nodes of `root`. */
export function schemaFindings(schema: z.ZodType, payload: unknown, root: Node): Finding[] {
  const issues = schemaIssues(schema, payload) as Issue[];
  const findings: Finding[] = [];
  for (const issue of issues) {
    const path = (issue.path ?? []) as (string | number)[];
    const node = nodeAt(root, path);
    const field = schemaAt(schema, path);
    // A secret's value is not repeated: messages end up in logs and CI output.
    const shown = (value: unknown) => (isSecretField(field) ? 'this value' : showValue(value));
    switch (issue.code) {
      case 'unrecognized_keys': {
        const parent = nodeAt(root, path);
        // Suggest only names not already used in this object (computed once: an object may hold 100,000 keys).
        const allowed = Object.keys(objectShape(schemaAt(schema, path)) ?? {}).filter((name) => !parent || !nodeAt(parent, [name]));
        for (const key of issue.keys) {
          const suggestion = closestMatch(key, allowed);
          const fixes: FixSpec[] = [];
          if (suggestion) {
            fixes.push({ title: `Rename to \`${suggestion}\``, changes: [{ path: [...path, key], renameKeyTo: suggestion }], preferred: true, automatic: true });
          }
          fixes.push({ title: `Remove \`${key}\``, changes: [{ path: [...path, key], value: undefined }] });
          findings.push({
            rule: pipeline.unknownProperty,
            path: [...path, key],
            target: 'key',
            message:
              `${fieldName([...path, key])} is not a property of ${path.length ? fieldName(path) : 'this operation'}` +
              (suggestion ? `. Did you mean \`${suggestion}\`?` : '; RevCent rejects unknown properties. Remove it.'),
            fixes,
          });
        }
        break;
      }
      case 'invalid_type': {
        if (!node) {
          const key = path[path.length - 1];
          findings.push({
            rule: pipeline.missingRequired,
            path: path.slice(0, -1),
            target: 'key',
            message: `${path.length > 1 ? fieldName(path.slice(0, -1)) : 'The payload'} is missing the required \`${key}\`.`,
            // A list has a neutral value to start from (no cc recipients); other values are the user's to give.
            fixes: issue.expected === 'array' ? [{ title: `Add \`${key}\`: []`, changes: [{ path, value: [] }], preferred: true }] : [],
          });
          break;
        }
        const expected = issue.expected;
        const value = node.value ?? undefined;
        const converted = convert(node.type === 'object' || node.type === 'array' ? undefined : value, expected, schemaAt(schema, [...path, 0]));
        const fixes: FixSpec[] = converted
          ? [{ title: `Change to ${isSecretField(field) ? (TYPE_NAMES[expected] ?? expected) : showValue(converted.value)}`, changes: [{ path, value: converted.value }], preferred: true, automatic: true }]
          : [];
        findings.push({
          rule: pipeline.wrongType,
          path,
          message:
            path.length === 0
              ? 'A payload file holds one JSON object: { "$operation": "...", ...fields }.'
              : `${fieldName(path)} must be ${TYPE_NAMES[expected] ?? expected}, not ${
                  !isSecretField(field) && (node.type === 'string' || node.type === 'number' || node.type === 'boolean') ? showValue(value) : jsonTypeOf(node)
                }.`,
          fixes,
        });
        break;
      }
      case 'invalid_value': {
        const options = enumValues(field) ?? issue.values.map(String);
        const suggestion = typeof node?.value === 'string' ? closestMatch(node.value, options) : undefined;
        findings.push({
          rule: pipeline.invalidValue,
          path,
          message:
            `${shown(node?.value)} is not allowed in ${fieldName(path)}. Use one of: ${options.map((o) => `\`${o}\``).join(', ')}.`,
          fixes: suggestion ? [{ title: `Change to "${suggestion}"`, changes: [{ path, value: suggestion }], preferred: true, automatic: true }] : [],
        });
        break;
      }
      case 'too_small':
      case 'too_big':
        findings.push({ rule: pipeline.outOfRange, path, message: limitMessage(issue, path) });
        break;
      case 'invalid_format': {
        const what = issue.format === 'email' ? 'a valid email address' : describeFormat(field);
        findings.push({
          rule: pipeline.invalidFormat,
          path,
          message: `${fieldName(path)} must be ${what}; ${shown(node?.value)} is not.`,
        });
        break;
      }
      case 'not_multiple_of':
        findings.push({ rule: pipeline.outOfRange, path, message: `${fieldName(path)} must be a multiple of ${Number(issue.divisor)}.` });
        break;
      case 'invalid_union':
      case 'invalid_key':
      case 'invalid_element':
      case 'custom':
        findings.push({ rule: pipeline.invalidFormat, path, message: otherIssueMessage(issue, path, field) });
        break;
    }
  }
  return findings;
}

/** The message for the issue codes our schemas do not raise today, worded here so that zod never words one. */
function otherIssueMessage(issue: Issue, path: (string | number)[], field: z.ZodType | undefined): string {
  switch (issue.code) {
    case 'invalid_union':
      return `${fieldName(path)} matches none of the forms it may take; it must be ${describeFormat(field)}.`;
    case 'invalid_key':
      return `${fieldName(path)} has a key that is not allowed here.`;
    case 'invalid_element':
      return `${fieldName(path)} has an entry that is not valid.`;
    default:
      return `${fieldName(path)} is not valid; it must be ${describeFormat(field)}.`;
  }
}

function describeFormat(field: z.ZodType | undefined): string {
  const description = fieldMeta(field)?.description;
  return description ? `as described: ${description.split('\n')[0].replace(/\.$/, '')}` : 'in the expected format';
}
