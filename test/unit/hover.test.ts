// Hover: what a user sees when pointing at a key or value of a payload file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { getHover } from '../../server/src/service/hover';
import { caret, payloadDocument } from '../caret';

/** The hover's markdown and the text its range covers, or null when there is no hover. */
function hoverAt(marked: string): { markdown: string; covered: string } | null {
  const { document, position, text } = caret(marked);
  const hover = getHover(document, position);
  if (!hover) return null;
  assert.ok(hover.range, 'a hover carries the range of the hovered node');
  const covered = text.slice(document.offsetAt(hover.range.start), document.offsetAt(hover.range.end));
  return { markdown: (hover.contents as MarkupContent).value, covered };
}

function mustHover(marked: string) {
  const hover = hoverAt(marked);
  assert.ok(hover, `expected a hover in:\n${marked}`);
  return hover;
}

const group = (body: string) =>
  `{\n  "$operation": "EditCustomerGroup",\n  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7"${body ? ',\n' + body : ''}\n}\n`;
const portal = (body: string) =>
  `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H"${body ? ',\n' + body : ''}\n}\n`;
const customer = (body: string) =>
  `{\n  "$operation": "CreateCustomer",\n  "campaign": "Hs4KpT7wQz1NdR8mXc2L",\n${body}\n}\n`;

describe('hover on fields', () => {
  it('subscription_cancel: a true/false permission, with the self-cancel warning; the range is the key', () => {
    const hover = mustHover(portal('  "customer_permissions": { "subscription_ca|ncel": false }'));
    assert.equal(hover.covered, '"subscription_cancel"');
    assert.match(hover.markdown, /true\/false · optional/);
    assert.match(hover.markdown, /cancel subscriptions themselves/);
    assert.match(hover.markdown, /High risk/);
  });

  it('the same documentation on the value, with the value as the range', () => {
    const hover = mustHover(portal('  "customer_permissions": { "subscription_cancel": tr|ue }'));
    assert.equal(hover.covered, 'true');
    assert.match(hover.markdown, /true\/false/);
    assert.match(hover.markdown, /High risk/);
  });

  it('salvage_transaction_process reads as paying failed renewals or failed trial expirations', () => {
    const hover = mustHover(portal('  "customer_permissions": { "salvage_transaction_pro|cess": true }'));
    assert.match(hover.markdown, /pay failed renewals or failed trial expirations/);
  });

  it('an ID value: a 20-character customer group ID, required', () => {
    const hover = mustHover(group('').replace('"mJWJbKNQ4QI8XbwmyyW7"', '"mJWJbKNQ4Q|I8XbwmyyW7"'));
    assert.equal(hover.covered, '"mJWJbKNQ4QI8XbwmyyW7"');
    assert.match(hover.markdown, /20-character customer group ID · required/);
  });

  it('an ID inside a list: the element kind and what the list means', () => {
    const hover = mustHover(
      group('  "qualifier_method": "customer_group",\n  "qualifiers": { "customer_group": { "not_in_customer_group": ["Lk3PqW9v|Xn2RbT7sYc4D"] } }'),
    );
    assert.match(hover.markdown, /customer group ID/);
    assert.match(hover.markdown, /none\*\* of these groups/);
  });

  it('lists: what they hold', () => {
    assert.match(mustHover(portal('  "customer_filters": { "camp|aign": [] }')).markdown, /list of 20-character campaign IDs · optional/);
    const emails = portal(
      '  "customer_emails": { "customer_account_confirm_email": { "to_c|c": [] } }',
    );
    assert.match(mustHover(emails).markdown, /list of email addresses · required/);
  });

  it('limits from the schema: whole numbers with a range, text lengths', () => {
    const card = customer(
      '  "customer": { "first_name": "J", "last_name": "D", "email": "j@example.com", "country": "USA" },\n' +
        '  "payment": { "credit_card": { "card_number": "4111111111111111", "exp_mo|nth": 7, "exp_year": 28 } }',
    );
    assert.match(mustHover(card).markdown, /whole number · required · 1 to 12/);
    const country = customer('  "customer": { "first_name": "J", "last_name": "D", "email": "j@example.com", "coun|try": "USA" }');
    assert.match(mustHover(country).markdown, /text · optional · exactly 3 characters/);
    const metadata = customer('  "customer": { "first_name": "J" },\n  "metadata": [{ "na|me": "source", "value": "chat" }]');
    assert.match(mustHover(metadata).markdown, /text · required · 1 to 100 characters/);
  });

  it('a campaign that accepts an ID or a name says so', () => {
    const hover = mustHover(customer('  "customer": {}').replace('"campaign"', '"camp|aign"'));
    assert.match(hover.markdown, /20-character campaign ID or exact campaign name · required/);
  });

  it('enum fields list their allowed values', () => {
    const hover = mustHover(
      group('  "qualifier_method": "specific_values",\n  "qualifiers": { "specific_values": { "subscription_options": { "status": ["over|due"] } } }'),
    );
    assert.match(hover.markdown, /one of `active`, `trial`, `overdue`, `occurrence_limit`, `suspended`, `cancelled`/);
  });
});

describe('hover on qualifier branches', () => {
  it('qualifiers.customer_group under specific_values is ignored', () => {
    const hover = mustHover(group('  "qualifier_method": "specific_values",\n  "qualifiers": { "customer_gr|oup": {} }'));
    assert.equal(hover.covered, '"customer_group"');
    assert.match(hover.markdown, /\*\*Ignored\*\*: `qualifier_method` is `specific_values`/);
  });

  it('qualifiers.specific_values under specific_values is active', () => {
    const hover = mustHover(group('  "qualifier_method": "specific_values",\n  "qualifiers": { "specific_val|ues": {} }'));
    assert.match(hover.markdown, /\*\*Active\*\*/);
  });

  it('anything under none is ignored', () => {
    const hover = mustHover(group('  "qualifier_method": "none",\n  "qualifiers": { "specific_val|ues": {} }'));
    assert.match(hover.markdown, /\*\*Ignored\*\*: `qualifier_method` is `none`/);
  });

  it('without qualifier_method in the file, the stored method decides', () => {
    const hover = mustHover(group('  "qualifiers": { "customer_gr|oup": {} }'));
    assert.match(hover.markdown, /sets no `qualifier_method`: the method stored on the group decides/);
  });

  it('on the qualifier_method key: the active branch and the ignored one', () => {
    const hover = mustHover(group('  "qualifier_me|thod": "specific_values"'));
    assert.match(hover.markdown, /Active branch: `qualifiers.specific_values`. `qualifiers.customer_group` is \*\*ignored\*\*/);
  });

  it('on a qualifier_method value: what that value means, and that nothing is active under none', () => {
    const hover = mustHover(group('  "qualifier_method": "no|ne"'));
    assert.equal(hover.covered, '"none"');
    assert.match(hover.markdown, /`"none"`: manual or workflow-only; every qualifier is ignored/);
    assert.match(hover.markdown, /no branch is active/);
  });

  it('an invalid qualifier_method is named as such', () => {
    const hover = mustHover(group('  "qualifier_method": "spec|ific"'));
    assert.match(hover.markdown, /"specific" is not a qualifier method/);
  });
});

describe('hover on $operation and metadata', () => {
  it('shows title, purpose, workflow and the unconfirmed route, on the key and on the value', () => {
    for (const marked of [group('').replace('"$operation"', '"$oper|ation"'), group('').replace('"EditCustomerGroup"', '"EditCustomer|Group"')]) {
      const { markdown } = mustHover(marked);
      assert.match(markdown, /\*\*Edit a customer group\*\*/);
      assert.match(markdown, /Partial update/);
      assert.match(markdown, /Recommended workflow/);
      assert.match(markdown, /GetCustomerGroups: know the current settings/);
      assert.match(markdown, /`POST \/customer_groups\/\{customer_group_id\}` \(unconfirmed/);
    }
  });

  it('a confirmed route is not marked unconfirmed', () => {
    const { markdown } = mustHover(customer('  "customer": {}').replace('"$operation"', '"$opera|tion"'));
    assert.match(markdown, /`POST \/customers`/);
    assert.doesNotMatch(markdown, /unconfirmed/);
  });

  it('other $ keys are editor metadata, never sent', () => {
    assert.match(mustHover(group('  "$no|te": "review first"')).markdown, /never sent/);
  });
});

describe('no hover', () => {
  const cases: Record<string, string> = {
    'an unknown operation': '{ "$operation": "EditCustomerGrup", "na|me": "x" }',
    'a file without $operation': '{ "customer_group_id": "mJWJbKNQ4Q|I8XbwmyyW7" }',
    'a key the operation does not have': group('  "nm|ae": "x"'),
    'whitespace between fields': group('  "name": "x",  |  "enabled": true'),
    'a comment': group('  // remember to dis|able first\n  "enabled": false'),
    'the root braces': '|{ "$operation": "EditCustomerGroup" }',
  };
  for (const [name, marked] of Object.entries(cases)) {
    it(name, () => assert.equal(hoverAt(marked), null));
  }

  it('a position past the end of the file', () => {
    const document = payloadDocument(group('  "name": "x"'));
    assert.equal(getHover(document, { line: 99, character: 0 }), null);
  });
});

describe('hover robustness', () => {
  it('never throws on any prefix of a payload, at any position', () => {
    const full = group(
      '  "qualifier_method": "specific_values",\n' +
        '  // a comment\n' +
        '  "qualifiers": { "specific_values": { "values": { "lifetime_value": { "enabled": true, "min": 500, "max": 999999 } } } },\n' +
        '  "$note": "x"',
    );
    for (let end = 0; end <= full.length; end++) {
      const document = payloadDocument(full.slice(0, end));
      for (let offset = 0; offset <= end + 1; offset++) getHover(document, document.positionAt(offset));
    }
  });
});
