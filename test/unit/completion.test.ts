// Completion: the proposals a user sees at a caret, and the text they get when accepting one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type ParseError } from 'jsonc-parser';
import { InsertTextFormat, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { getCompletions } from '../../server/src/service/completion';
import { analyze } from '../helpers';
import { caret, payloadDocument } from '../caret';

/**
 * The text a snippet inserts when the user keeps every placeholder's default. Strict about `$`: one that does
 * not start a tab stop must be escaped, or editors would read it as a variable.
 */
function resolveSnippet(snippet: string): string {
  let index = 0;
  function text(insidePlaceholder: boolean): string {
    let out = '';
    while (index < snippet.length) {
      const char = snippet[index];
      const next = snippet[index + 1] ?? '';
      if (char === '\\' && '$}\\'.includes(next) && next !== '') {
        out += next;
        index += 2;
      } else if (char === '}' && insidePlaceholder) {
        index++;
        return out;
      } else if (char === '$') {
        const rest = snippet.slice(index);
        const tabStop = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
        const placeholder = /^\$\{\d+:/.exec(rest);
        const choice = /^\$\{\d+\|([^|]*)\|\}/.exec(rest);
        if (tabStop) index += tabStop[0].length;
        else if (placeholder) {
          index += placeholder[0].length;
          out += text(true);
        } else if (choice) {
          index += choice[0].length;
          out += choice[1].split(',')[0];
        } else throw new Error(`unescaped $ at ${index} in ${JSON.stringify(snippet)}`);
      } else {
        out += char;
        index++;
      }
    }
    if (insidePlaceholder) throw new Error(`unclosed placeholder in ${JSON.stringify(snippet)}`);
    return out;
  }
  return text(false);
}

function completionsAt(marked: string) {
  const fixture = caret(marked);
  return { ...fixture, items: getCompletions(fixture.document, fixture.position).items };
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

function itemLabelled(items: CompletionItem[], label: string): CompletionItem {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `no "${label}" among ${labels(items).join(', ')}`);
  return item;
}

function edit(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, 'every proposal carries a text edit');
  return item.textEdit;
}

/** What the editor inserts for the proposal: its snippet with default placeholders. */
const inserted = (item: CompletionItem) => resolveSnippet(edit(item).newText);

/** The whole document after accepting the proposal (its text edit and any additional edits). */
function accept(text: string, item: CompletionItem): string {
  const document = payloadDocument(text);
  const edits = [
    { ...edit(item), newText: inserted(item) },
    ...(item.additionalTextEdits ?? []),
  ].map((change) => ({ start: document.offsetAt(change.range.start), end: document.offsetAt(change.range.end), newText: change.newText }));
  edits.sort((a, b) => b.start - a.start);
  return edits.reduce((result, change) => result.slice(0, change.start) + change.newText + result.slice(change.end), text);
}

function parseErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false });
  return errors;
}

const group = (body: string) =>
  `{\n  "$operation": "EditCustomerGroup",\n  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7"${body ? ',\n' + body : ''}\n}\n`;
const portal = (body: string) =>
  `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H"${body ? ',\n' + body : ''}\n}\n`;

describe('property names', () => {
  it('offers the fields not yet present, required first', () => {
    const { items } = completionsAt('{\n  "$operation": "CreateCustomer",\n  |\n}');
    assert.deepEqual(labels(items), ['campaign', 'customer', 'bill_to', 'payment', 'internal_customer_id', 'metadata']);
    const sortTexts = items.map((item) => item.sortText!);
    assert.deepEqual([...sortTexts].sort(), sortTexts, 'the list is in sortText order');
  });

  it('leaves out keys already present, and $operation once it is there', () => {
    const { items } = completionsAt(group('  "name": "VIP",\n  |'));
    assert.deepEqual(labels(items), ['description', 'enabled', 'qualifier_method', 'qualifiers']);
  });

  it('puts the required target ID first in an edit', () => {
    const { items } = completionsAt('{ "$operation": "EditCustomerPortal", | }');
    assert.equal(items[0].label, 'customer_portal_id');
    assert.ok(items.length > 10);
  });

  it('each proposal carries the field documentation and facts', () => {
    const { items } = completionsAt(portal('  "customer_permissions": { | }'));
    const cancel = itemLabelled(items, 'subscription_cancel');
    assert.equal(cancel.detail, 'true/false · optional');
    assert.match((cancel.documentation as MarkupContent).value, /High risk/);
  });

  it('outside quotes: inserts the quoted name and a value placeholder of the field type', () => {
    const { items } = completionsAt(group('  |'));
    assert.equal(edit(itemLabelled(items, 'name')).newText, '"name": "$1"');
    assert.equal(edit(itemLabelled(items, 'enabled')).newText, '"enabled": $1');
    assert.equal(itemLabelled(items, 'enabled').command?.command, 'editor.action.triggerSuggest');
    assert.equal(edit(itemLabelled(items, 'qualifiers')).newText, '"qualifiers": {$1}');
  });

  it('in a range: min 1 and a deliberate high max, which even a day range accepts', () => {
    for (const range of ['num_sale', 'days_last_sale']) {
      const marked = group(`  "qualifier_method": "specific_values",\n  "qualifiers": { "specific_values": { "values": { "${range}": { "enabled": true, | } } } }`);
      const { items } = completionsAt(marked);
      const [min, max] = [inserted(itemLabelled(items, 'min')), inserted(itemLabelled(items, 'max'))];
      assert.deepEqual([min, max], ['"min": 1', '"max": 999999']);
      const completed = marked.replace('|', `${min}, ${max}`);
      assert.deepEqual(analyze(completed).diagnostics.filter((d) => d.severity === 'error'), [], completed);
    }
  });

  it('replaces a half-typed unquoted word', () => {
    const { items, text } = completionsAt(group('  qual|'));
    const accepted = accept(text, itemLabelled(items, 'qualifier_method'));
    assert.match(accepted, /"customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",\n {2}"qualifier_method": \n\}/);
  });

  it('inside quotes: replaces the quoted text, quotes included', () => {
    const { items, text } = completionsAt(group('  "qual|"'));
    const item = itemLabelled(items, 'qualifier_method');
    assert.equal(edit(item).newText, '"qualifier_method": $1');
    assert.match(accept(text, item), /\n {2}"qualifier_method": \n\}/);
  });

  it('when a colon already follows, completes the name only', () => {
    const { items, text } = completionsAt(group('  "qual|": "none"'));
    const item = itemLabelled(items, 'qualifier_method');
    assert.equal(edit(item).newText, '"qualifier_method"');
    assert.match(accept(text, item), /\n {2}"qualifier_method": "none"\n\}/);
  });

  it('adds a comma when another property follows', () => {
    const { items } = completionsAt(group('  |\n  "name": "x"'));
    assert.equal(edit(itemLabelled(items, 'description')).newText, '"description": "$1",');
  });

  it('adds the missing comma after the previous property', () => {
    const { items, text } = completionsAt(group('  "name": "x"\n  |'));
    const accepted = accept(text, itemLabelled(items, 'description'));
    assert.deepEqual(parseErrors(accepted), []);
    assert.match(accepted, /"name": "x",\n {2}"description": ""/);
  });

  it('right after a nested object: names for the object holding it, with the missing comma', () => {
    const { items, text } = completionsAt(portal('  "recaptcha": { "site_key": "a", "secret_key": "b" }|'));
    assert.ok(!labels(items).includes('site_key'));
    const accepted = accept(text, itemLabelled(items, 'name'));
    assert.deepEqual(parseErrors(accepted), []);
    assert.match(accepted, /"secret_key": "b" \},"name": ""\n\}/);
  });

  it('in qualifiers, only the branch qualifier_method evaluates', () => {
    assert.deepEqual(labels(completionsAt(group('  "qualifier_method": "customer_group",\n  "qualifiers": { | }')).items), ['customer_group']);
    assert.deepEqual(labels(completionsAt(group('  "qualifier_method": "none",\n  "qualifiers": { | }')).items), []);
    assert.deepEqual(labels(completionsAt(group('  "qualifiers": { | }')).items), ['specific_values', 'customer_group']);
  });
});

describe('$operation', () => {
  it('is the only proposal at the top of a file without one', () => {
    const { items } = completionsAt('{\n  "name": "x",\n  |\n}');
    assert.deepEqual(labels(items), ['$operation']);
    assert.equal(inserted(items[0]), '"$operation": ');
    assert.equal(items[0].command?.command, 'editor.action.triggerSuggest');
  });

  it('comes first when fields are known too', () => {
    const { items } = completionsAt('{\n  "$oper|": "EditCustomerGroup"\n}');
    assert.equal(items[0].label, '$operation');
    assert.equal(edit(items[0]).newText, '"\\$operation"');
  });

  it('its value proposals are the operation names, with their purpose', () => {
    const { items, text } = completionsAt('{\n  "$operation": |\n}');
    assert.deepEqual(labels(items), ['CreateCustomer', 'EditCustomerGroup', 'EditCustomerPortal', 'EnableCustomer', 'GetCustomer', 'GetCustomerGroup', 'GetCustomerPortal']);
    const group = itemLabelled(items, 'EditCustomerGroup');
    assert.match((group.documentation as MarkupContent).value, /Partial update/);
    assert.equal(accept(text, group), '{\n  "$operation": "EditCustomerGroup"\n}');
  });

  it('nothing else is offered for an unknown operation', () => {
    assert.deepEqual(labels(completionsAt('{ "$operation": "EditCustomerGrup", | }').items), []);
  });
});

describe('values', () => {
  it('qualifier_method: the three methods, replacing the half-typed string', () => {
    const { items, text } = completionsAt(group('  "qualifier_method": "spe|"'));
    assert.deepEqual(labels(items), ['specific_values', 'customer_group', 'none']);
    assert.match((itemLabelled(items, 'none').documentation as MarkupContent).value, /every qualifier is ignored/);
    assert.match(accept(text, items[0]), /"qualifier_method": "specific_values"\n\}/);
  });

  it('subscription status: the six statuses inside the list', () => {
    const { items } = completionsAt(
      group('  "qualifier_method": "specific_values",\n  "qualifiers": { "specific_values": { "subscription_options": { "enabled": true, "status": ["overdue", |] } } }'),
    );
    assert.deepEqual(labels(items), ['active', 'trial', 'occurrence_limit', 'suspended', 'cancelled'], 'overdue is listed already');
    assert.equal(inserted(itemLabelled(items, 'trial')), '"trial"');
  });

  it('booleans: true and false', () => {
    assert.deepEqual(labels(completionsAt(group('  "enabled": |')).items), ['true', 'false']);
  });

  it('customer_permissions: the complete object with conservative defaults', () => {
    const { items, text } = completionsAt(portal('  "customer_permissions": |'));
    assert.equal(items.length, 1);
    assert.equal(
      inserted(items[0]),
      '{\n' +
        '\t"contact_modify": true,\n' +
        '\t"credit_card_add": true,\n' +
        '\t"credit_card_remove": true,\n' +
        '\t"credit_card_set_default": true,\n' +
        '\t"shipping_modify_ship_to": true,\n' +
        '\t"subscription_renew": true,\n' +
        '\t"subscription_activate": true,\n' +
        '\t"subscription_suspend": false,\n' +
        '\t"subscription_cancel": false,\n' +
        '\t"trial_expire": false,\n' +
        '\t"trial_cancel": false,\n' +
        '\t"salvage_transaction_process": true\n' +
        '}',
    );
    const codes = analyze(accept(text, items[0])).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('RC207') && !codes.includes('RC208'), codes.join(','));
  });

  it('the permissions object also comes with the property name', () => {
    const { items } = completionsAt(portal('  |'));
    assert.ok(inserted(itemLabelled(items, 'customer_permissions')).startsWith('"customer_permissions": {\n\t"contact_modify": true,'));
  });

  it('customer_emails: both templates, each with {{email_code}} exactly', () => {
    const { items, text } = completionsAt(portal('  "customer_emails": |'));
    assert.equal(items.length, 1);
    const snippet = edit(items[0]).newText;
    assert.ok(snippet.includes('{{email_code\\}\\}'), 'the closing braces are escaped for snippet syntax');
    assert.equal(
      inserted(items[0]),
      '{\n' +
        '\t"customer_account_confirm_email": {\n' +
        '\t\t"from": "support@example.com",\n' +
        '\t\t"from_name": "Customer Support",\n' +
        '\t\t"subject": "Confirm your customer portal account",\n' +
        '\t\t"html": "<p>Your confirmation code is: <strong>{{email_code}}</strong></p>",\n' +
        '\t\t"to_cc": [],\n' +
        '\t\t"to_bcc": []\n' +
        '\t},\n' +
        '\t"customer_account_password_reset": {\n' +
        '\t\t"from": "support@example.com",\n' +
        '\t\t"from_name": "Customer Support",\n' +
        '\t\t"subject": "Reset your customer portal password",\n' +
        '\t\t"html": "<p>Your password reset code is: <strong>{{email_code}}</strong></p>",\n' +
        '\t\t"to_cc": [],\n' +
        '\t\t"to_bcc": []\n' +
        '\t}\n' +
        '}',
    );
    const codes = analyze(accept(text, items[0])).diagnostics.map((d) => d.code);
    for (const code of ['RC201', 'RC202', 'RC203']) assert.ok(!codes.includes(code), codes.join(','));
  });

  it('qualifiers: the branch qualifier_method selects', () => {
    const { items, text } = completionsAt(group('  "qualifier_method": "specific_values",\n  "qualifiers": |'));
    assert.deepEqual(labels(items), ['specific_values branch']);
    const accepted = accept(text, items[0]);
    assert.deepEqual(parseErrors(accepted), []);
    assert.equal(
      inserted(items[0]),
      '{\n\t"specific_values": {\n' +
        '\t\t"filters": {\n\t\t\t"campaign": [],\n\t\t\t"product_group": [],\n\t\t\t"third_party_shop": [],\n\t\t\t"metadata": []\n\t\t},\n' +
        '\t\t"values": {\n\t\t\t"has_no_sales": false\n\t\t},\n' +
        '\t\t"subscription_options": {\n\t\t\t"enabled": false,\n\t\t\t"status": []\n\t\t}\n' +
        '\t}\n}',
    );
    assert.deepEqual(analyze(accepted).diagnostics.filter((d) => d.code.startsWith('RC10')).map((d) => d.code), []);
  });

  it('qualifiers: the customer_group branch', () => {
    const { items } = completionsAt(group('  "qualifier_method": "customer_group",\n  "qualifiers": |'));
    assert.equal(
      inserted(itemLabelled(items, 'customer_group branch')),
      '{\n\t"customer_group": {\n\t\t"in_any_customer_group": [],\n\t\t"in_all_customer_group": [],\n\t\t"not_in_customer_group": []\n\t}\n}',
    );
  });

  it('qualifiers: an empty object under none', () => {
    const { items, text } = completionsAt(group('  "qualifier_method": "none",\n  "qualifiers": |'));
    assert.deepEqual(labels(items), ['{}']);
    assert.match(accept(text, items[0]), /"qualifiers": \{\}\n\}/);
  });

  it('qualifiers under none, from the property name: "qualifiers": {}', () => {
    const { items, text } = completionsAt(group('  "qualifier_method": "none",\n  |'));
    const item = itemLabelled(items, 'qualifiers');
    assert.equal(inserted(item), '"qualifiers": {}');
    assert.deepEqual(analyze(accept(text, item)).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
  });

  it('qualifiers without qualifier_method: either branch', () => {
    assert.deepEqual(labels(completionsAt(group('  "qualifiers": |')).items), ['specific_values branch', 'customer_group branch']);
  });

  it('a range: enabled, with a deliberate high max', () => {
    const { items } = completionsAt(
      group('  "qualifier_method": "specific_values",\n  "qualifiers": { "specific_values": { "values": { "lifetime_value": | } } }'),
    );
    assert.equal(inserted(itemLabelled(items, 'Enabled range')), '{\n\t"enabled": true,\n\t"min": 1,\n\t"max": 999999\n}');
  });

  it('an object with required fields: those fields', () => {
    const { items } = completionsAt(portal('  "recaptcha": |'));
    assert.equal(inserted(itemLabelled(items, '{ site_key, secret_key }')), '{\n\t"site_key": "",\n\t"secret_key": ""\n}');
  });
});

describe('editors other than VS Code', () => {
  it('get no editor.action.triggerSuggest command, which they would not know', () => {
    const fixture = caret(group('  |'));
    const withCommand = getCompletions(fixture.document, fixture.position).items.filter((item) => item.command);
    assert.ok(withCommand.length > 0, 'expected items that list values next in VS Code');
    const items = getCompletions(fixture.document, fixture.position, { triggerSuggest: false }).items;
    assert.deepEqual(items.filter((item) => item.command).map((item) => item.label), []);
  });
});

describe('editors without snippet support', () => {
  it('get plain text: what the snippet inserts with every placeholder kept, and no command', () => {
    const places = [group('  |'), group('  "qualifiers": |'), portal('  "customer_emails": |'), portal('  |'), group('  "qualifier_method": "|"')];
    for (const marked of places) {
      const fixture = caret(marked);
      const snippets = getCompletions(fixture.document, fixture.position).items;
      const plain = getCompletions(fixture.document, fixture.position, { snippets: false }).items;
      assert.ok(plain.length > 0 && plain.length === snippets.length, marked);
      plain.forEach((item, index) => {
        assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet, item.label);
        assert.equal(item.command, undefined, item.label);
        assert.equal(edit(item).newText, resolveSnippet(edit(snippets[index]).newText), item.label);
      });
    }
  });
});

describe('no proposals', () => {
  const cases: Record<string, string> = {
    'inside a line comment': group('  // add the na|me here\n  "name": "x"'),
    'inside a block comment': group('  /* dis|able first */\n  "enabled": false'),
    'in a $ metadata value': group('  "$note": "rev|iew"'),
    'before the opening brace': '|{ "$operation": "EditCustomerGroup" }',
    'after the closing brace': '{ "$operation": "EditCustomerGroup" }|',
    'in an empty file': '|',
  };
  for (const [name, marked] of Object.entries(cases)) {
    it(name, () => assert.deepEqual(labels(completionsAt(marked).items), []));
  }
});

describe('completion robustness', () => {
  it('never throws on any prefix of a payload, at any position', () => {
    const full = portal(
      '  // reviewed\n' +
        '  "customer_permissions": { "subscription_cancel": false },\n' +
        '  "customer_emails": { "customer_account_confirm_email": { "html": "<p>{{email_code}}</p>", "to_cc": [] } },\n' +
        '  /* block */ "$note": "x"',
    );
    for (let end = 0; end <= full.length; end++) {
      const document = payloadDocument(full.slice(0, end));
      for (let offset = 0; offset <= end + 1; offset++) {
        const list = getCompletions(document, document.positionAt(offset));
        for (const item of list.items) resolveSnippet(edit(item).newText);
      }
    }
  });

  it('a position past the end of the file gives a list, not an error', () => {
    const document = payloadDocument(group(''));
    assert.deepEqual(getCompletions(document, { line: 99, character: 99 }).items, []);
  });
});
