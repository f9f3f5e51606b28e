// Fixture files: every test/fixtures/**/*.revcent.json is analysed and its diagnostics must equal its sibling
// .expected.json exactly ({code, severity, pointer, text} in position order, `text` being the source the range
// covers). Also: every rule has a fixture that raises it and a fixture where it stays silent on the same kind of
// field, and a file that does not parse shows syntax errors only.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { findNodeAtLocation, parseTree, type JSONPath, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allRules } from '../../server/src/catalog';
import { analyze, coveredText, FIXTURES, filesBelow, readFixture } from '../helpers';

interface Expected {
  code: string;
  severity: string;
  pointer: string;
  text: string;
}

const SUFFIX = '.revcent.json';
const EXPECTED_SUFFIX = '.expected.json';

const allFiles = filesBelow(FIXTURES);
const fixtures = allFiles.filter((file) => file.endsWith(SUFFIX)).map((file) => relative(FIXTURES, file));
const expectationFiles = allFiles.filter((file) => file.endsWith(EXPECTED_SUFFIX)).map((file) => relative(FIXTURES, file));

function expectedFor(fixture: string): Expected[] {
  return JSON.parse(readFileSync(join(FIXTURES, fixture.slice(0, -SUFFIX.length) + EXPECTED_SUFFIX), 'utf8')) as Expected[];
}

function actualFor(text: string): Expected[] {
  return analyze(text).diagnostics.map((d) => ({ code: d.code, severity: d.severity, pointer: d.pointer, text: coveredText(text, d) }));
}

/** RFC 6901 pointer to a jsonc-parser path (numbers for list positions). */
function pointerToPath(pointer: string): JSONPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/**
 * For each rule: a fixture where the rule stays silent although the kind of field it checks is present, and the
 * pointer of that field in the fixture.
 */
const NEGATIVE_CASES: Record<string, { fixture: string; pointer: string }> = {
  RC001: { fixture: 'general/comments-and-trailing-comma.revcent.json', pointer: '/display_name' },
  RC002: { fixture: 'customer-group/ranges-disabled.revcent.json', pointer: '/qualifiers/specific_values/values/lifetime_value/enabled' },
  RC003: { fixture: 'general/editor-metadata-keys.revcent.json', pointer: '/$operation' },
  RC004: { fixture: 'general/editor-metadata-keys.revcent.json', pointer: '/$operation' },
  RC010: { fixture: 'general/known-properties.revcent.json', pointer: '/qualifiers/specific_values/values/lifetime_value' },
  RC011: { fixture: 'general/known-properties.revcent.json', pointer: '/enabled' },
  RC012: { fixture: 'create-customer/customer-valid.revcent.json', pointer: '/customer/email' },
  RC013: { fixture: 'general/valid-enum-values.revcent.json', pointer: '/qualifiers/specific_values/subscription_options/status/1' },
  RC014: { fixture: 'create-customer/metadata-at-limits.revcent.json', pointer: '/metadata/0/name' },
  RC015: { fixture: 'customer-portal/email-templates-complete.revcent.json', pointer: '/customer_emails/customer_account_confirm_email/to_cc/0' },
  RC020: { fixture: 'general/valid-ids.revcent.json', pointer: '/customer_group_id' },
  RC021: { fixture: 'general/valid-ids.revcent.json', pointer: '/qualifiers/customer_group/in_any_customer_group/0' },
  RC022: { fixture: 'general/valid-ids.revcent.json', pointer: '/qualifiers/customer_group/in_any_customer_group/1' },
  RC023: { fixture: 'general/small-edit.revcent.json', pointer: '/customer_portal_id' },
  RC024: { fixture: 'customer-portal/registration-campaign-ignored.revcent.json', pointer: '/create_non_existing_customer' },
  RC025: { fixture: 'customer-portal/risky-change-disabled.revcent.json', pointer: '/enabled' },
  RC026: { fixture: 'customer-group/none-with-empty-qualifiers.revcent.json', pointer: '/qualifiers' },
  RC027: { fixture: 'customer-portal/recaptcha-secret-literal.revcent.json', pointer: '/recaptcha/secret_key' },
  RC101: { fixture: 'customer-group/none-with-empty-qualifiers.revcent.json', pointer: '/qualifiers' },
  RC102: { fixture: 'customer-group/method-with-matching-branch.revcent.json', pointer: '/qualifier_method' },
  RC103: { fixture: 'customer-group/method-with-matching-branch.revcent.json', pointer: '/qualifiers' },
  RC104: { fixture: 'customer-group/ranges-disabled.revcent.json', pointer: '/qualifiers/specific_values/values/lifetime_value/min' },
  RC105: { fixture: 'customer-group/range-exact-zero.revcent.json', pointer: '/qualifiers/specific_values/values/num_chargeback/max' },
  RC106: { fixture: 'customer-group/ranges-disabled.revcent.json', pointer: '/qualifiers/specific_values/values/num_chargeback/max' },
  RC107: { fixture: 'customer-group/ranges-disabled.revcent.json', pointer: '/qualifiers/specific_values/values/days_last_sale/min' },
  RC108: { fixture: 'customer-group/has-no-sales-false.revcent.json', pointer: '/qualifiers/specific_values/values/lifetime_value' },
  RC109: { fixture: 'customer-group/subscription-options-enabled.revcent.json', pointer: '/qualifiers/specific_values/subscription_options/status' },
  RC110: { fixture: 'customer-group/metadata-exists.revcent.json', pointer: '/qualifiers/specific_values/filters/metadata/0/value' },
  RC111: { fixture: 'customer-group/method-with-matching-branch.revcent.json', pointer: '/qualifiers/customer_group/not_in_customer_group/0' },
  RC112: { fixture: 'general/valid-ids.revcent.json', pointer: '/qualifiers/customer_group/in_any_customer_group/0' },
  RC113: { fixture: 'customer-group/ranges-disabled.revcent.json', pointer: '/qualifiers/specific_values/values/num_sale' },
  RC201: { fixture: 'customer-portal/email-templates-complete.revcent.json', pointer: '/customer_emails/customer_account_password_reset' },
  RC202: { fixture: 'customer-portal/email-templates-complete.revcent.json', pointer: '/customer_emails/customer_account_confirm_email/html' },
  RC203: { fixture: 'customer-portal/email-templates-complete.revcent.json', pointer: '/customer_emails/customer_account_password_reset/html' },
  RC204: { fixture: 'customer-portal/registration-with-campaign.revcent.json', pointer: '/create_non_existing_customer' },
  RC205: { fixture: 'customer-portal/registration-with-campaign.revcent.json', pointer: '/create_non_existing_customer_campaign' },
  RC206: { fixture: 'customer-portal/filters-with-ids.revcent.json', pointer: '/customer_filters/campaign' },
  RC207: { fixture: 'customer-portal/permissions-complete.revcent.json', pointer: '/customer_permissions' },
  RC208: { fixture: 'customer-portal/permissions-complete.revcent.json', pointer: '/customer_permissions/subscription_cancel' },
  RC209: { fixture: 'customer-portal/recaptcha-missing-secret.revcent.json', pointer: '/recaptcha/site_key' },
  RC210: { fixture: 'customer-portal/recaptcha-secret-reference.revcent.json', pointer: '/recaptcha/secret_key' },
  RC301: { fixture: 'create-customer/customer-valid.revcent.json', pointer: '/customer/country' },
  RC302: { fixture: 'create-customer/card-number-empty.revcent.json', pointer: '/payment/credit_card/card_number' },
  RC303: { fixture: 'create-customer/raw-card-valid.revcent.json', pointer: '/payment/credit_card/exp_year' },
  RC304: { fixture: 'create-customer/customer-valid.revcent.json', pointer: '/metadata/1/name' },
};

describe('diagnostic fixtures', () => {
  it('finds fixtures in every area, each with its expectations and no orphaned expectation file', () => {
    const areas = new Set(fixtures.map((fixture) => fixture.split(/[\\/]/)[0]));
    for (const area of ['general', 'customer-group', 'customer-portal', 'create-customer', 'enable-customer']) {
      assert.ok(areas.has(area), `no fixtures in test/fixtures/${area}`);
    }
    const missing = fixtures.filter((fixture) => !existsSync(join(FIXTURES, fixture.slice(0, -SUFFIX.length) + EXPECTED_SUFFIX)));
    assert.deepEqual(missing, [], 'fixtures without a .expected.json');
    const orphans = expectationFiles.filter((file) => !existsSync(join(FIXTURES, file.slice(0, -EXPECTED_SUFFIX.length) + SUFFIX)));
    assert.deepEqual(orphans, [], '.expected.json files without a fixture');
  });

  for (const fixture of fixtures) {
    it(fixture, () => {
      const text = readFixture(fixture);
      assert.deepEqual(actualFor(text), expectedFor(fixture));
    });
  }
});

describe('diagnostics as a user sees them', () => {
  it('lists diagnostics in the order of their position in the file, with ranges that match their offsets', () => {
    for (const fixture of fixtures) {
      const text = readFixture(fixture);
      const document = TextDocument.create('file:///x.revcent.json', 'revcent-json', 1, text);
      const diagnostics = analyze(text).diagnostics;
      const offsets = diagnostics.map((d) => d.offset);
      assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b), `${fixture}: not in position order`);
      for (const d of diagnostics) {
        assert.deepEqual(d.range, { start: document.positionAt(d.offset), end: document.positionAt(d.offset + d.length) }, `${fixture}: ${d.code} ${d.pointer}`);
      }
    }
  });

  it('shows only syntax errors for a file that does not parse', () => {
    const broken = fixtures.filter((fixture) => {
      const errors: ParseError[] = [];
      parseTree(readFixture(fixture), errors, { allowTrailingComma: true });
      return errors.length > 0;
    });
    assert.ok(broken.length >= 4, 'expected the syntax fixtures (missing comma, unclosed object, empty file...)');
    for (const fixture of broken) {
      const codes = analyze(readFixture(fixture)).diagnostics.map((d) => d.code);
      assert.ok(codes.length > 0, `${fixture}: no diagnostic for a file that does not parse`);
      assert.deepEqual([...new Set(codes)], ['RC001'], fixture);
    }
  });

  it('tells the user that an empty file (or one with only comments) is empty', () => {
    for (const fixture of ['general/syntax-empty.revcent.json', 'general/syntax-comment-only.revcent.json']) {
      const [diagnostic, ...others] = analyze(readFixture(fixture)).diagnostics;
      assert.deepEqual(others, [], fixture);
      assert.equal(diagnostic.code, 'RC001');
      assert.match(diagnostic.message, /empty/i, `${fixture}: "${diagnostic.message}" does not say the file is empty`);
    }
  });

  it('never repeats a secret (card number, card code, reCAPTCHA secret key) in a message or a fix title', () => {
    const card = (number: string, code: string) =>
      `{"$operation": "CreateCustomer", "campaign": "Hs4KpT7wQz1NdR8mXc2L", "customer": {"first_name": "Jane", "last_name": "Doe", "email": "jane@example.com"}, "payment": {"credit_card": {"card_number": ${number}, "exp_month": 7, "exp_year": 28, "card_code": ${code}}}}`;
    const portal = (secret: string) =>
      `{"$operation": "EditCustomerPortal", "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H", "recaptcha": {"site_key": "6LcExampleSiteKeyForBrandA000000000000", "secret_key": ${secret}}}`;
    const cases: [string, string][] = [
      [card('4111111111111111', '"123"'), '4111111111111111'],
      [card('"4111-1111-1111-1111x"', '"123"'), '4111-1111'],
      [card('"4111111111111111"', '987'), '987'],
      [card('"4111111111111111"', '"98a7"'), '98a7'],
      [portal('12345678901234'), '12345678901234'],
      [portal('true'), 'true'],
    ];
    for (const [text, secret] of cases) {
      const diagnostics = analyze(text).diagnostics;
      assert.ok(diagnostics.some((d) => d.severity === 'error'), text);
      for (const d of diagnostics) {
        assert.ok(!d.message.includes(secret), `${d.code} repeats the secret: ${d.message}`);
        for (const fix of d.fixes) assert.ok(!fix.title.includes(secret), `${d.code} fix repeats the secret: ${fix.title}`);
      }
    }
  });

  it('says that a comment is never closed, not that the file is empty, for a file holding only an unclosed comment', () => {
    const diagnostics = analyze('/* VIP group rename, see ticket 4411').diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.offset]),
      [['RC001', 'This comment is never closed: add */.', 0]],
    );
  });

  it('shows a correct high-impact edit (complete permissions, portal kept disabled) as information only', () => {
    const diagnostics = analyze(readFixture('customer-portal/permissions-complete.revcent.json')).diagnostics;
    assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.severity}`), ['RC024 information']);
    assert.match(diagnostics[0].message, /High-impact change/);
  });

  it('names the likely operations when "$operation" is missing, and the closest one when it is misspelled', () => {
    const one = analyze(readFixture('general/missing-operation-one-likely.revcent.json')).diagnostics[0];
    assert.deepEqual(one.fixes.map((fix) => [fix.title, fix.isPreferred]), [['Add "$operation": "EditCustomerGroup"', true]]);
    const several = analyze(readFixture('general/missing-operation-several-likely.revcent.json')).diagnostics[0];
    assert.deepEqual(several.fixes.map((fix) => [fix.title, fix.isPreferred]), [
      ['Add "$operation": "EditCustomerGroup"', false],
      ['Add "$operation": "EditCustomerPortal"', false],
    ]);
    assert.match(several.message, /EditCustomerGroup.*EditCustomerPortal/);
    assert.deepEqual(analyze(readFixture('general/missing-operation-no-clue.revcent.json')).diagnostics[0].fixes, []);
    const misspelled = analyze(readFixture('general/unknown-operation-did-you-mean.revcent.json')).diagnostics[0];
    assert.match(misspelled.message, /Did you mean "EditCustomerGroup"\?/);
    const unknown = analyze(readFixture('general/unknown-operation-no-suggestion.revcent.json')).diagnostics[0];
    assert.match(unknown.message, /CreateCustomer, EditCustomerGroup, EditCustomerPortal, EnableCustomer/);
  });

  it('says what "$operation" holds when it is not a name in quotes', () => {
    const message = (value: string) => analyze(`{ "$operation": ${value} }`).diagnostics.find((d) => d.code === 'RC011')?.message;
    assert.match(message('42') ?? '', /; not 42\.$/);
    assert.match(message('null') ?? '', /; not null\.$/);
    assert.match(message('{ "name": "EditCustomerGroup" }') ?? '', /; not an object\.$/);
    assert.match(message('["EditCustomerGroup"]') ?? '', /; not a list\.$/);
  });

  it('offers a rename only for an unknown property that is close to a known one', () => {
    const titles = (fixture: string) =>
      analyze(readFixture(fixture))
        .diagnostics.filter((d) => d.code === 'RC010')
        .map((d) => [d.pointer, d.fixes.map((fix) => fix.title)]);
    assert.deepEqual(titles('general/unknown-property-top-level.revcent.json'), [
      ['/nmae', ['Rename to `name`', 'Remove `nmae`']],
      ['/colour', ['Remove `colour`']],
    ]);
    assert.deepEqual(titles('general/unknown-property-nested.revcent.json'), [
      ['/qualifiers/specific_values/values/lifetime_valeu', ['Rename to `lifetime_value`', 'Remove `lifetime_valeu`']],
      ['/qualifiers/specific_values/values/favourite_colour', ['Remove `favourite_colour`']],
    ]);
  });

  it('offers a conversion only for a wrongly typed value that converts cleanly', () => {
    const conversions = (fixture: string) =>
      analyze(readFixture(fixture))
        .diagnostics.filter((d) => d.code === 'RC011')
        .map((d) => [d.pointer, d.fixes.map((fix) => fix.title)]);
    assert.deepEqual(conversions('general/wrong-type-convertible.revcent.json'), [
      ['/enabled', ['Change to true']],
      ['/qualifiers/specific_values/filters/campaign', ['Change to ["Hs4KpT7wQz1NdR8mXc2L"]']],
      ['/qualifiers/specific_values/values/lifetime_value/min', ['Change to 500']],
    ]);
    assert.deepEqual(conversions('general/wrong-type-not-convertible.revcent.json'), [
      ['/name', []],
      ['/create_non_existing_customer', []],
    ]);
  });
});

describe('rule coverage by fixtures', () => {
  const codes = allRules().map((rule) => rule.code);
  const expectedCodes = new Set(fixtures.flatMap((fixture) => expectedFor(fixture).map((d) => d.code)));

  it('every rule is raised by at least one fixture', () => {
    assert.deepEqual(codes.filter((code) => !expectedCodes.has(code)), []);
  });

  it('every rule has a negative fixture, and the map names only real rules', () => {
    assert.deepEqual(Object.keys(NEGATIVE_CASES).sort(), [...codes].sort());
  });

  for (const [code, { fixture, pointer }] of Object.entries(NEGATIVE_CASES)) {
    it(`${code} stays silent in ${fixture} although ${pointer || 'the payload'} is present`, () => {
      assert.ok(fixtures.includes(fixture), `${fixture} is not a fixture`);
      const text = readFixture(fixture);
      const root = parseTree(text, [], { allowTrailingComma: true });
      assert.ok(root && findNodeAtLocation(root, pointerToPath(pointer)), `${pointer} is not in ${fixture}`);
      assert.ok(!expectedFor(fixture).some((d) => d.code === code), `${fixture} expects ${code}`);
      assert.ok(!analyze(text).diagnostics.some((d) => d.code === code), `${fixture} raises ${code}`);
    });
  }
});
