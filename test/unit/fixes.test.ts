// Quick fixes: every fix offered on every fixture and every rule's `wrong` example, as written and reformatted
// with 2 spaces, 4 spaces and tabs, must leave valid JSON, clear the diagnostic it was offered for, and keep the
// file's formatting, comments and untouched values. Then the exact results a user sees for common fixes, and
// the batch actions (fix all, strip unrelated fields).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import {
  applyEdits,
  createScanner,
  format,
  getNodeValue,
  parseTree,
  SyntaxKind,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { PERMISSIONS } from '../../server/src/catalog/editCustomerPortal/schema';
import { allRules } from '../../server/src/catalog';
import { ruleExamples } from '../../server/src/catalog/ruleExamples';
import { applyAllFixes, automaticFixes, stripFixes } from '../../server/src/service/fixAll';
import { nodeAt, pathOf, toPointer } from '../../server/src/core/jsonTree';
import type { Diagnostic, Fix } from '../../server/src/core/types';
import { analyze, applyFix, FIXTURES, filesBelow, readFixture } from '../helpers';


/** Every payload the matrix runs on: the fixtures and the rules' `wrong` examples. */
const SOURCES: { name: string; text: string }[] = [
  ...filesBelow(FIXTURES)
    .filter((file) => file.endsWith('.revcent.json'))
    .map((file) => ({ name: relative(FIXTURES, file), text: readFileSync(file, 'utf8') })),
  ...allRules().map((rule) => ({ name: `${rule.code} wrong example`, text: ruleExamples(rule).wrong })),
];

interface Variant {
  name: string;
  /** How the text is laid out; `undefined` for the text as written. */
  options?: FormattingOptions;
}

const VARIANTS: Variant[] = [
  { name: 'as written' },
  { name: '2 spaces', options: { insertSpaces: true, tabSize: 2, eol: '\n', insertFinalNewline: true } },
  { name: '4 spaces', options: { insertSpaces: true, tabSize: 4, eol: '\n', insertFinalNewline: true } },
  { name: 'tabs', options: { insertSpaces: false, tabSize: 4, eol: '\n', insertFinalNewline: true } },
];

function reformat(text: string, options: FormattingOptions): string {
  return applyEdits(text, format(text, undefined, options));
}

function layout(text: string, variant: Variant): string {
  return variant.options ? reformat(text, variant.options) : text;
}

function parses(text: string): boolean {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  return errors.length === 0;
}

function strictErrorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false });
  return errors.length;
}

function comments(text: string): { offset: number; text: string }[] {
  const scanner = createScanner(text, false);
  const found: { offset: number; text: string }[] = [];
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
      found.push({ offset: scanner.getTokenOffset(), text: scanner.getTokenValue() });
    }
  }
  return found;
}

function* nodes(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children ?? []) yield* nodes(child);
}

function isValueNode(node: Node): boolean {
  return node.type !== 'property' && !(node.parent?.type === 'property' && node.parent.children?.[0] === node);
}

/** A node's content, every written key included (an earlier duplicate too), layout and comments left out. */
function signature(node: Node): string {
  switch (node.type) {
    case 'object':
      return `{${(node.children ?? []).map((property) => `${JSON.stringify(property.children![0].value)}:${signature(property.children![1])}`).join(',')}}`;
    case 'array':
      return `[${(node.children ?? []).map(signature).join(',')}]`;
    default:
      return JSON.stringify(node.value);
  }
}

function count(diagnostics: Diagnostic[], code: string, pointer?: string): number {
  return diagnostics.filter((d) => d.code === code && (pointer === undefined || d.pointer === pointer)).length;
}

/** What is wrong with the result of applying one fix, as readable lines (empty when nothing is). */
function fixProblems(before: string, diagnostic: Diagnostic, fix: Fix, variant: Variant): string[] {
  const label = `${diagnostic.code} ${diagnostic.pointer} "${fix.title}"`;
  const after = applyFix(before, fix);
  const problems: string[] = [];

  // (a) The result is valid JSON with comments, with no trailing comma the file did not already have.
  if (!parses(after)) return [`${label}: the result does not parse:\n${after}`];
  if (strictErrorCount(after) > strictErrorCount(before)) problems.push(`${label}: the result adds a trailing comma:\n${after}`);

  // (b) The diagnostic the fix was offered for is gone. When several findings share the pointer (three copies
  // of a key) or the fix removes a list item holding it (the next item moves into its place), the count must drop.
  const beforeDiagnostics = analyze(before).diagnostics;
  const afterDiagnostics = analyze(after).diagnostics;
  const stillThere = count(afterDiagnostics, diagnostic.code, diagnostic.pointer);
  if (stillThere > 0) {
    const shared = count(beforeDiagnostics, diagnostic.code, diagnostic.pointer) > 1 || /\/\d+(\/|$)/.test(diagnostic.pointer);
    if (!shared || count(afterDiagnostics, diagnostic.code) >= count(beforeDiagnostics, diagnostic.code)) {
      problems.push(`${label}: ${diagnostic.code} is still reported at ${diagnostic.pointer || '(root)'}:\n${after}`);
    }
  }

  // (c) The file's layout is kept: its indentation character and size, and (in a formatted file) its format.
  const { insertSpaces, tabSize } = variant.options ?? { insertSpaces: true, tabSize: 2 };
  const leading = after.split('\n').map((line) => /^[ \t]*/.exec(line)![0]);
  if (insertSpaces) {
    if (leading.some((indent) => indent.includes('\t'))) problems.push(`${label}: a tab in a file indented with spaces:\n${after}`);
    if (leading.some((indent) => indent.length % tabSize! !== 0)) {
      problems.push(`${label}: indentation that is not a multiple of ${tabSize} spaces:\n${after}`);
    }
  } else if (leading.some((indent) => indent.includes(' '))) {
    problems.push(`${label}: spaces in a file indented with tabs:\n${after}`);
  }
  // An emptied object or list may keep its line break (`{\n  }`); anything else must already be formatted.
  const emptiesJoined = (value: string) => value.replace(/([{[])\s+([}\]])/g, '$1$2');
  if (variant.options && emptiesJoined(reformat(after, variant.options)) !== emptiesJoined(after)) {
    problems.push(`${label}: the result is not laid out like the rest of the file:\n${after}`);
  }

  // Lines before the first edited line and after the last one are unchanged.
  const lineOf = (offset: number) => before.slice(0, offset).split('\n').length - 1;
  const beforeLines = before.split('\n');
  const afterLines = after.split('\n');
  const firstEdited = Math.min(...fix.edits.map((edit) => lineOf(edit.offset)));
  const linesAfterLastEdit = beforeLines.length - 1 - Math.max(...fix.edits.map((edit) => lineOf(edit.offset + edit.length)));
  if (
    beforeLines.slice(0, firstEdited).join('\n') !== afterLines.slice(0, firstEdited).join('\n') ||
    (linesAfterLastEdit > 0 && beforeLines.slice(-linesAfterLastEdit).join('\n') !== afterLines.slice(-linesAfterLastEdit).join('\n'))
  ) {
    problems.push(`${label}: changed lines outside the edited region:\n${after}`);
  }

  // Values the fix does not change keep their exact text (no reformatted neighbours). The object or list the
  // fix edits may lay out its members anew, but each unchanged member keeps its own text.
  const beforeRoot = parseTree(before, [], { allowTrailingComma: true })!;
  const afterRoot = parseTree(after, [], { allowTrailingComma: true })!;
  const source = (text: string, node: Node) => text.slice(node.offset, node.offset + node.length);
  const rewritten: string[] = [];
  for (const node of nodes(beforeRoot)) {
    if (!isValueNode(node)) continue;
    const path = pathOf(node);
    if (nodeAt(beforeRoot, path) !== node) continue; // an earlier duplicate: not the value RevCent receives
    const kept = nodeAt(afterRoot, path);
    if (kept && signature(kept) === signature(node) && source(after, kept) !== source(before, node)) rewritten.push(toPointer(path));
  }
  if (rewritten.length > 0) {
    const deepest = rewritten.reduce((a, b) => (b.split('/').length > a.split('/').length ? b : a));
    problems.push(`${label}: rewrote ${deepest || 'the file'}, which it does not change:\n${after}`);
  }
  // ...and comments between members of an object or list that is still there survive.
  const afterComments = comments(after).map((comment) => comment.text);
  for (const comment of comments(before)) {
    let container: Node | undefined;
    for (const node of nodes(beforeRoot)) {
      if (node.offset <= comment.offset && comment.offset < node.offset + node.length) container = node;
    }
    if (container && container.type !== 'object' && container.type !== 'array') continue;
    if (container && !nodeAt(afterRoot, pathOf(container))) continue;
    // A comment at the end of a removed member's line described that member: it goes with it.
    const commentLine = before.slice(0, comment.offset).split('\n').length;
    const trailsRemovedMember = [...nodes(beforeRoot)].some(
      (node) =>
        node.parent !== undefined &&
        (node.type === 'property' || node.parent.type === 'array') &&
        node.offset + node.length <= comment.offset &&
        before.slice(0, node.offset + node.length).split('\n').length === commentLine &&
        !nodeAt(afterRoot, pathOf(node.type === 'property' ? node.children![1] : node)),
    );
    if (trailsRemovedMember) continue;
    const index = afterComments.indexOf(comment.text);
    if (index === -1) problems.push(`${label}: removed the comment ${comment.text}:\n${after}`);
    else afterComments.splice(index, 1);
  }
  return problems;
}

describe('every offered fix, in every layout', () => {
  for (const source of SOURCES) {
    const offered = analyze(source.text).diagnostics.some((d) => d.fixes.length > 0);
    if (!offered) continue;
    for (const variant of VARIANTS) {
      it(`${source.name} (${variant.name})`, () => {
        const text = layout(source.text, variant);
        const diagnostics = analyze(text).diagnostics;
        const fixes = diagnostics.flatMap((d) => d.fixes);
        assert.ok(fixes.length > 0, 'the reformatted file lost its fixes');
        const problems = diagnostics.flatMap((d) => d.fixes.flatMap((fix) => fixProblems(text, d, fix, variant)));
        assert.deepEqual(problems, []);
      });
    }
  }
});

describe('files that do not parse', () => {
  const broken = SOURCES.filter((source) => !parses(source.text));

  it('offer no fix, and fix-all leaves them as they are', () => {
    assert.ok(broken.length >= 4, 'expected the syntax fixtures and the RC001 example');
    for (const source of broken) {
      const diagnostics = analyze(source.text).diagnostics;
      assert.ok(diagnostics.length > 0, source.name);
      assert.deepEqual(diagnostics.flatMap((d) => d.fixes), [], source.name);
      assert.equal(applyAllFixes(source.text, automaticFixes), source.text, source.name);
      assert.equal(applyAllFixes(source.text, stripFixes), source.text, source.name);
    }
  });
});

/** The one fix with this title on the diagnostic with this code (and pointer, when given). */
function findFix(text: string, code: string, title: string, pointer?: string): Fix {
  const diagnostic = analyze(text).diagnostics.find(
    (d) => d.code === code && (pointer === undefined || d.pointer === pointer) && d.fixes.some((fix) => fix.title === title),
  );
  assert.ok(diagnostic, `no ${code} ${pointer ?? ''} with a fix "${title}"`);
  return diagnostic.fixes.find((fix) => fix.title === title)!;
}

/** `text` with `from` (which must occur exactly once) replaced by `to`. */
function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `expected exactly one ${JSON.stringify(from)}`);
  return text.replace(from, () => to);
}

describe('fix results a user sees', () => {
  it('renaming "nmae" to "name" keeps the comment on the same line', () => {
    const text = readFixture('general/unknown-property-top-level.revcent.json');
    const after = applyFix(text, findFix(text, 'RC010', 'Rename to `name`'));
    assert.equal(
      after,
      replaceOnce(text, '  "nmae": "VIP Customers", // renamed in the sidebar last week', '  "name": "VIP Customers", // renamed in the sidebar last week'),
    );
  });

  it('converts "true" to true, "500" to 500 and a single ID to a one-item list', () => {
    const text = readFixture('general/wrong-type-convertible.revcent.json');
    assert.equal(applyFix(text, findFix(text, 'RC011', 'Change to true')), replaceOnce(text, '"enabled": "true"', '"enabled": true'));
    assert.equal(applyFix(text, findFix(text, 'RC011', 'Change to 500')), replaceOnce(text, '"min": "500"', '"min": 500'));
    const multiline = reformat(text, VARIANTS[1].options!);
    assert.equal(
      applyFix(multiline, findFix(multiline, 'RC011', 'Change to ["Hs4KpT7wQz1NdR8mXc2L"]')),
      replaceOnce(
        multiline,
        '        "campaign": "Hs4KpT7wQz1NdR8mXc2L"\n',
        '        "campaign": [\n          "Hs4KpT7wQz1NdR8mXc2L"\n        ]\n',
      ),
    );
  });

  it('inserts {{email_code}} before </body>, or at the end of html without one', () => {
    const text = readFixture('customer-portal/email-code-missing.revcent.json');
    const confirm = '/customer_emails/customer_account_confirm_email/html';
    const reset = '/customer_emails/customer_account_password_reset/html';
    assert.equal(
      applyFix(text, findFix(text, 'RC202', 'Insert {{email_code}}', confirm)),
      replaceOnce(
        text,
        '"<html><body><p>Welcome to Brand A.</p></body></html>"',
        '"<html><body><p>Welcome to Brand A.</p><p>Your confirmation code is: <strong>{{email_code}}</strong></p></body></html>"',
      ),
    );
    assert.equal(
      applyFix(text, findFix(text, 'RC202', 'Insert {{email_code}}', reset)),
      replaceOnce(
        text,
        '"<p>Click below to reset your password.</p>"',
        '"<p>Click below to reset your password.</p><p>Your password reset code is: <strong>{{email_code}}</strong></p>"',
      ),
    );
  });

  it('corrects typos of the shortcode ({{email_cod}}, {{emial_code}}) and leaves other shortcodes alone', () => {
    const text = readFixture('customer-portal/email-code-typos.revcent.json');
    assert.equal(
      applyAllFixes(text, automaticFixes),
      replaceOnce(replaceOnce(text, '{{email_cod}}', '{{email_code}}'), '{{emial_code}}', '{{email_code}}'),
    );
  });

  it('corrects {{ email_code }}, {{emailcode}} and {email_code} to {{email_code}}', () => {
    const text = readFixture('customer-portal/email-code-misspelled.revcent.json');
    const fixed = applyAllFixes(text, automaticFixes);
    assert.equal(
      fixed,
      replaceOnce(
        replaceOnce(text, '<strong>{{ email_code }}</strong>', '<strong>{{email_code}}</strong>'),
        'Your code is {{emailcode}}. If that fails, use {email_code}.',
        'Your code is {{email_code}}. If that fails, use {{email_code}}.',
      ),
    );
    assert.deepEqual(analyze(fixed).diagnostics.map((d) => d.code), ['RC024']);
  });

  it('adds the missing "$operation" as the first property, in the file\'s indentation', () => {
    const text = readFixture('general/missing-operation-one-likely.revcent.json');
    const comment = '// No "$operation": the keys point to exactly one operation, offered as the preferred fix.\n';
    const cases: [FormattingOptions, string][] = [
      [VARIANTS[1].options!, '  '],
      [VARIANTS[2].options!, '    '],
      [VARIANTS[3].options!, '\t'],
    ];
    for (const [options, indent] of cases) {
      const laidOut = reformat(text, options);
      const after = applyFix(laidOut, findFix(laidOut, 'RC003', 'Add "$operation": "EditCustomerGroup"'));
      assert.equal(
        after,
        `${comment}{\n${indent}"$operation": "EditCustomerGroup",\n${indent}"customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",\n${indent}"name": "VIP Customers"\n}\n`,
      );
    }
  });

  it('completes a partial customer_permissions with all twelve permissions, risky ones off', () => {
    const text = readFixture('customer-portal/permissions-partial.revcent.json');
    const after = applyFix(text, findFix(text, 'RC207', 'Add the 10 missing permissions (conservative defaults)'));
    assert.equal(
      after,
      replaceOnce(
        text,
        '    "salvage_transaction_process": true\n',
        [
          '    "salvage_transaction_process": true,',
          '    "contact_modify": true,',
          '    "credit_card_remove": true,',
          '    "credit_card_set_default": true,',
          '    "shipping_modify_ship_to": true,',
          '    "subscription_renew": true,',
          '    "subscription_activate": true,',
          '    "subscription_suspend": false,',
          '    "subscription_cancel": false,',
          '    "trial_expire": false,',
          '    "trial_cancel": false',
          '',
        ].join('\n'),
      ),
    );
    const permissions = (getNodeValue(parseTree(after)!) as { customer_permissions: Record<string, boolean> }).customer_permissions;
    assert.deepEqual(Object.keys(permissions).sort(), Object.keys(PERMISSIONS).sort());
    assert.equal(Object.keys(permissions).length, 12);
    assert.deepEqual(analyze(after).diagnostics.map((d) => `${d.code} ${d.severity}`), ['RC024 information']);
  });

  it('changes the copy it marks when a key is written twice', () => {
    const text = readFixture('general/duplicate-key-wrong-type.revcent.json');
    assert.equal(
      applyFix(text, findFix(text, 'RC011', 'Change to true')),
      replaceOnce(text, '  "enabled": "true"\n', '  "enabled": true\n'),
    );
  });

  it('removes the copy it marks when an unknown key is written twice', () => {
    const text = '{\n  "$operation": "EnableCustomer",\n  "customer_id": "Cu7XrB2mKq9WzT4nLp6S",\n  "note": "a",\n  "note": "b"\n}\n';
    assert.equal(
      applyFix(text, findFix(text, 'RC010', 'Remove `note`')),
      '{\n  "$operation": "EnableCustomer",\n  "customer_id": "Cu7XrB2mKq9WzT4nLp6S",\n  "note": "a"\n}\n',
    );
  });

  it('removing a property leaves the neighbouring value as written', () => {
    const text = readFixture('general/unknown-property-nested.revcent.json');
    assert.equal(
      applyFix(text, findFix(text, 'RC010', 'Remove `favourite_colour`')),
      replaceOnce(text, ',\n        "favourite_colour": "gold"', ''),
    );
  });

  it('removing a property keeps the comment at the end of the line before it', () => {
    const text = readFixture('general/unknown-property-top-level.revcent.json');
    assert.equal(
      applyFix(text, findFix(text, 'RC010', 'Remove `colour`')),
      replaceOnce(
        text,
        '  "nmae": "VIP Customers", // renamed in the sidebar last week\n  "colour": "gold"\n',
        '  "nmae": "VIP Customers" // renamed in the sidebar last week\n',
      ),
    );
  });

  it('removing the last ID of a one-line list leaves valid JSON, on the same line', () => {
    const { wrong } = ruleExamples(allRules().find((candidate) => candidate.code === 'RC022')!);
    assert.equal(
      applyFix(wrong, findFix(wrong, 'RC022', 'Remove the duplicate')),
      replaceOnce(wrong, '["Hs4KpT7wQz1NdR8mXc2L", "Hs4KpT7wQz1NdR8mXc2L"]', '["Hs4KpT7wQz1NdR8mXc2L"]'),
    );
    const text = readFixture('general/duplicate-ids.revcent.json');
    assert.equal(
      applyFix(text, findFix(text, 'RC022', 'Remove the duplicate', '/qualifiers/customer_group/in_any_customer_group/2')),
      replaceOnce(text, ', "Lk3PqW9vXn2RbT7sYc4D", "Q2h7TgLx9PaVn3RcKd8E"]', ', "Lk3PqW9vXn2RbT7sYc4D"]'),
    );
  });

  it('replaces ignored qualifiers with {} under "none", and adds the missing password reset template', () => {
    const none = readFixture('customer-group/none-with-qualifiers.revcent.json');
    assert.equal(
      applyFix(none, findFix(none, 'RC101', 'Replace with `"qualifiers": {}`')),
      replaceOnce(none, '"qualifiers": {\n    "specific_values": {\n      "values": { "has_no_sales": true }\n    }\n  }', '"qualifiers": {}'),
    );
    const emails = readFixture('customer-portal/email-template-missing.revcent.json');
    assert.equal(
      applyFix(emails, findFix(emails, 'RC201', 'Add a `customer_account_password_reset` template to review')),
      replaceOnce(
        emails,
        '      "to_bcc": []\n    }\n',
        [
          '      "to_bcc": []',
          '    },',
          '    "customer_account_password_reset": {',
          '      "from": "support@brand-a.example",',
          '      "from_name": "Brand A Support",',
          '      "subject": "Reset your customer portal password",',
          '      "html": "<p>Your password reset code is: <strong>{{email_code}}</strong></p>",',
          '      "to_cc": [],',
          '      "to_bcc": []',
          '    }',
          '',
        ].join('\n'),
      ),
    );
  });

  it('takes `enabled` out of a risky edit, or sets it to false', () => {
    const text = readFixture('customer-portal/enable-with-risky-change.revcent.json');
    assert.equal(
      applyFix(text, findFix(text, 'RC025', 'Remove `enabled` (enable separately after testing)')),
      replaceOnce(text, '  "enabled": true,\n', ''),
    );
    assert.equal(
      applyFix(text, findFix(text, 'RC025', 'Set `enabled` to false while you test')),
      replaceOnce(text, '"enabled": true', '"enabled": false'),
    );
  });

  it('swaps min and max, and replaces max 0 with a deliberate high max', () => {
    const swapped = readFixture('customer-group/range-min-above-max.revcent.json');
    assert.equal(
      applyFix(swapped, findFix(swapped, 'RC104', 'Swap min and max', '/qualifiers/specific_values/values/lifetime_value')),
      replaceOnce(swapped, '"min": 1000, "max": 500', '"min": 500, "max": 1000'),
    );
    const maxZero = readFixture('customer-group/range-max-zero.revcent.json');
    assert.equal(
      applyFix(maxZero, findFix(maxZero, 'RC105', 'Set max to 999999', '/qualifiers/specific_values/values/lifetime_value/max')),
      replaceOnce(maxZero, '"min": 500, "max": 0', '"min": 500, "max": 999999'),
    );
  });

  it('adds an empty list for a missing to_cc or to_bcc', () => {
    const text = readFixture('customer-portal/email-template-incomplete.revcent.json');
    const html = '"html": "<p>Your confirmation code is: <strong>{{email_code}}</strong></p>"';
    assert.equal(applyFix(text, findFix(text, 'RC012', 'Add `to_cc`: []')), text.replace(html, `${html},\n      "to_cc": []`));
  });

  it('replaces a literal reCAPTCHA secret key by a secret reference, which then lints without a warning; fix all leaves it', () => {
    const text = readFixture('customer-portal/recaptcha-secret-literal.revcent.json');
    const fixed = applyFix(text, findFix(text, 'RC210', 'Replace the secret with "${secret:RECAPTCHA_SECRET_KEY}"'));
    assert.equal(fixed, replaceOnce(text, '"6LcExampleSecretKeyForBrandA0000000000"', '"${secret:RECAPTCHA_SECRET_KEY}"'));
    assert.deepEqual(analyze(fixed).diagnostics.map((d) => [d.code, d.severity]), [['RC024', 'information'], ['RC027', 'information']]);
    assert.equal(applyAllFixes(text, automaticFixes), text, 'the value must be stored first: not a fix to apply unseen');
  });

  it('converts "UK", which is not an ISO code, to GBR', () => {
    const text = readFixture('create-customer/country-codes.revcent.json').replace('"country": "US"', '"country": "UK"');
    assert.equal(applyAllFixes(text, automaticFixes), text.replace('"country": "UK"', '"country": "GBR"').replace('"country": "usa"', '"country": "USA"'));
  });

  it('converts country values and shortens a four-digit expiry year', () => {
    const countries = readFixture('create-customer/country-codes.revcent.json');
    assert.equal(
      applyAllFixes(countries, automaticFixes),
      replaceOnce(replaceOnce(countries, '"country": "US"', '"country": "USA"'), '"country": "usa"', '"country": "USA"'),
    );
    const card = readFixture('create-customer/card-fields-format.revcent.json');
    assert.equal(
      applyAllFixes(card, automaticFixes),
      replaceOnce(replaceOnce(card, '"4111 1111 1111 1111"', '"4111111111111111"'), '"exp_year": 2028', '"exp_year": 28'),
    );
  });
});

describe('batch fixes', () => {
  it('strip unrelated fields: a portal rename with empty objects keeps exactly the ID and the name, and the comments', () => {
    const text = readFixture('customer-portal/empty-objects-in-edit.revcent.json');
    assert.equal(
      applyAllFixes(text, stripFixes),
      [
        '// A rename that also sends empty permission and filter objects it does not mean to change.',
        '{',
        '  "$operation": "EditCustomerPortal",',
        '  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",',
        '  "name": "Brand A Customer Portal" // the only intended change',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('strip unrelated fields removes ignored qualifier branches and ignored criteria, and nothing else', () => {
    const text = [
      '{',
      '  "$operation": "EditCustomerGroup",',
      '  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",',
      '  "enabled": false,',
      '  "qualifier_method": "specific_values",',
      '  "qualifiers": {',
      '    "specific_values": {',
      '      "values": {',
      '        "has_no_sales": true,',
      '        "days_since_created": {',
      '          "enabled": true,',
      '          "min": 7,',
      '          "max": 30',
      '        },',
      '        "lifetime_value": {',
      '          "enabled": true,',
      '          "min": 500,',
      '          "max": 999999',
      '        }',
      '      }',
      '    },',
      '    "customer_group": {',
      '      "in_any_customer_group": [',
      '        "Q2h7TgLx9PaVn3RcKd8E"',
      '      ]',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const stripped = applyAllFixes(text, stripFixes);
    assert.equal(
      stripped,
      [
        '{',
        '  "$operation": "EditCustomerGroup",',
        '  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",',
        '  "enabled": false,',
        '  "qualifier_method": "specific_values",',
        '  "qualifiers": {',
        '    "specific_values": {',
        '      "values": {',
        '        "has_no_sales": true,',
        '        "days_since_created": {',
        '          "enabled": true,',
        '          "min": 7,',
        '          "max": 30',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('fix all on a file with many problems applies every automatic fix, leaves the judgement calls, and keeps valid JSON', () => {
    const text = [
      '// Many problems at once.',
      '{',
      '  "$operation": "EditCustomerGroup",',
      '  "customer_group_id": " mJWJbKNQ4QI8XbwmyyW7 ",',
      '  "nmae": "VIP Customers", // the new name',
      '  "enabled": "false",',
      '  "enabled": "false",',
      '  "enabled": "false",',
      '  "qualifier_method": "specific_value",',
      '  "qualifiers": {',
      '    "specific_values": {',
      '      "filters": {',
      '        "campaign": "Hs4KpT7wQz1NdR8mXc2L",',
      '        "metadata": [',
      '          {',
      '            "name": "crm_id",',
      '            "value": "metadata_name_exists"',
      '          }',
      '        ]',
      '      },',
      '      "values": {',
      '        "has_no_sales": false,',
      '        "lifetime_value": {',
      '          "enabled": true,',
      '          "min": "1000",',
      '          "max": 500',
      '        },',
      '        "num_sale": {',
      '          "enabled": true,',
      '          "min": 2,',
      '          "max": 0',
      '        },',
      '        "days_last_sale": {',
      '          "enabled": true,',
      '          "min": 0,',
      '          "max": 30',
      '        }',
      '      },',
      '      "subscription_options": {',
      '        "enabled": true,',
      '        "status": [',
      '          "overdue",',
      '          "canceled",',
      '          "overdue"',
      '        ]',
      '      }',
      '    },',
      '    "customer_group": {',
      '      "not_in_customer_group": []',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    for (const options of VARIANTS.map((variant) => variant.options)) {
      const laidOut = options ? reformat(text, options) : text;
      const fixed = applyAllFixes(laidOut, automaticFixes);
      assert.ok(parses(fixed), `fix all produced invalid JSON:\n${fixed}`);
      const left = analyze(fixed).diagnostics;
      assert.deepEqual(left.filter((d) => d.fixes.some((fix) => fix.isAutomatic)).map((d) => `${d.code} ${d.pointer}`), []);
      // Which range the user meant, and whether the ignored branch or the method is the mistake, is theirs to say.
      assert.deepEqual(left.map((d) => d.code).sort(), ['RC024', 'RC024', 'RC101', 'RC104', 'RC105', 'RC107'], fixed);
      const payload = JSON.parse(JSON.stringify(getNodeValue(parseTree(fixed)!))) as Record<string, unknown>;
      assert.deepEqual(payload, {
        $operation: 'EditCustomerGroup',
        customer_group_id: 'mJWJbKNQ4QI8XbwmyyW7',
        name: 'VIP Customers',
        enabled: false,
        qualifier_method: 'specific_values',
        qualifiers: {
          specific_values: {
            filters: {
              campaign: ['Hs4KpT7wQz1NdR8mXc2L'],
              metadata: [{ name: 'crm_id', value: 'METADATA_NAME_EXISTS' }],
            },
            values: {
              has_no_sales: false,
              lifetime_value: { enabled: true, min: 1000, max: 500 },
              num_sale: { enabled: true, min: 2, max: 0 },
              days_last_sale: { enabled: true, min: 0, max: 30 },
            },
            subscription_options: { enabled: true, status: ['overdue', 'cancelled'] },
          },
          customer_group: { not_in_customer_group: [] },
        },
      });
      assert.ok(fixed.includes('// the new name'), `the comment was lost:\n${fixed}`);
    }
  });

  it('fix all renames a misspelled permission and keeps the value the user wrote', () => {
    const text = readFixture('customer-portal/permissions-misspelled.revcent.json');
    assert.equal(applyAllFixes(text, automaticFixes), replaceOnce(text, '"contact_modfy": false', '"contact_modify": false'));
  });

  it('fix all removes every earlier copy of a key written three times and keeps the last', () => {
    const text = readFixture('general/duplicate-key-nested-three-copies.revcent.json');
    const fixed = applyAllFixes(text, automaticFixes);
    assert.equal(
      fixed,
      replaceOnce(
        replaceOnce(text, '      "not_in_customer_group": ["Lk3PqW9vXn2RbT7sYc4D"],\n', ''),
        '      "not_in_customer_group": ["Gk5LqU8xRa2OeS9nYd3M"],\n',
        '',
      ),
    );
  });

  it('fix all and strip all never turn a file that parses into one that does not', () => {
    const broken: string[] = [];
    for (const source of SOURCES.filter((s) => parses(s.text))) {
      for (const variant of VARIANTS) {
        const text = layout(source.text, variant);
        for (const [name, chooser] of [['fix all', automaticFixes], ['strip all', stripFixes]] as const) {
          const result = applyAllFixes(text, chooser);
          if (!parses(result)) broken.push(`${name} on ${source.name} (${variant.name}):\n${result}`);
        }
      }
    }
    assert.deepEqual(broken, []);
  });
});
