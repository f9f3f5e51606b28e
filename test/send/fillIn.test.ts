// "Fill in current values": the code action where the editor can read the record, and the edit it makes: after
// it, sending the file removes nothing the record holds (for the shipped one-template example and for random
// records and payloads), the file's comments and its own values are kept, and no secret is written into it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findOperation } from '../../server/src/catalog';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { fillInCurrent } from '../../server/src/send/fillIn';
import { predictEdit } from '../../server/src/send/merge';
import { createRevcentService } from '../../server/src/service';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const ROOT = resolve(__dirname, '../..');
const CONFIRM_EMAIL_ONLY = readFileSync(join(ROOT, 'examples', 'portal-confirm-email-only.revcent.json'), 'utf8');
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const portalEdit = findOperation('EditCustomerPortal')!;
const seedPortal = () => defaultSeed().customer_portals.find((portal) => portal.customer_portal_id === PORTAL_ID)!;
const FORMATTING = { insertSpaces: true, tabSize: 2, eol: '\n' };

function filled(text: string, field: string, current: Record<string, unknown>): string {
  const { edit } = fillInCurrent(text, field, current[field], FORMATTING);
  return edit ? text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length) : text;
}
const payloadOf = (text: string) => {
  const { $operation: _operation, ...payload } = parse(text) as Record<string, unknown>;
  return payload;
};

describe('fill in current values', () => {
  it('keeps the password-reset template the one-template example would remove, and the file says what it said', () => {
    const current = seedPortal() as unknown as Record<string, unknown>;
    assert.deepEqual(predictEdit(portalEdit, current, payloadOf(CONFIRM_EMAIL_ONLY)).removals, ['the `customer_account_password_reset` email template']);
    const after = filled(CONFIRM_EMAIL_ONLY, 'customer_emails', current);
    assert.deepEqual(predictEdit(portalEdit, current, payloadOf(after)).removals, []);
    const emails = payloadOf(after).customer_emails as Record<string, Record<string, unknown>>;
    assert.equal(emails.customer_account_confirm_email.subject, 'Confirm your new Brand A account', "the file's own template wins");
    assert.deepEqual(emails.customer_account_password_reset, (current.customer_emails as Record<string, unknown>).customer_account_password_reset);
    assert.ok(after.startsWith(CONFIRM_EMAIL_ONLY.slice(0, CONFIRM_EMAIL_ONLY.indexOf('{'))), 'the leading comments are kept');
    assert.match(after, /\n {4}"customer_account_password_reset": \{\n {6}"from": /, 'inserted in the file\'s indentation');
  });

  it('adds the list items the file leaves out, and says what it added', () => {
    const current = { customer_filters: { campaign: ['tI61UBsvmY08lV8gX1Z1', 'Zz61UBsvmY08lV8gX1Z2'], third_party_shop: ['Sh0p1UBsvmY08lV8gX1Z'] } };
    const text = '{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",\n  // only one campaign\n  "customer_filters": { "campaign": ["tI61UBsvmY08lV8gX1Z1"] }\n}\n';
    const result = fillInCurrent(text, 'customer_filters', current.customer_filters, FORMATTING);
    assert.deepEqual(result.added, ['1 item of `customer_filters.campaign`', '`customer_filters.third_party_shop`']);
    const after = filled(text, 'customer_filters', current);
    assert.deepEqual(payloadOf(after).customer_filters, { campaign: ['tI61UBsvmY08lV8gX1Z1', 'Zz61UBsvmY08lV8gX1Z2'], third_party_shop: ['Sh0p1UBsvmY08lV8gX1Z'] });
    assert.match(after, /\/\/ only one campaign\n/);
  });

  it('never writes a secret into the file: the reCAPTCHA secret key is named as left out', () => {
    const current = seedPortal() as unknown as Record<string, unknown>;
    const text = '{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",\n  "recaptcha": { "enabled": true }\n}\n';
    const result = fillInCurrent(text, 'recaptcha', current.recaptcha, FORMATTING);
    assert.deepEqual(result.skippedSecrets, ['recaptcha.secret_key']);
    const after = filled(text, 'recaptcha', current);
    assert.ok(!after.includes(String((current.recaptcha as Record<string, unknown>).secret_key)));
    assert.equal((payloadOf(after).recaptcha as Record<string, unknown>).site_key, (current.recaptcha as Record<string, unknown>).site_key);
  });

  it('for random records and payloads, sending the filled-in file removes nothing', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9]{20}$/);
    const template = fc.record({ subject: fc.string({ maxLength: 8 }), html: fc.string({ maxLength: 8 }), to_cc: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) }, { requiredKeys: [] });
    const emails = fc.dictionary(fc.constantFrom('customer_account_confirm_email', 'customer_account_password_reset', 'x_other'), template, { maxKeys: 3 });
    const filters = fc.record({ campaign: fc.array(id, { maxLength: 4 }), third_party_shop: fc.array(id, { maxLength: 4 }) }, { requiredKeys: [] });
    fc.assert(
      fc.property(emails, emails, filters, filters, (currentEmails, sentEmails, currentFilters, sentFilters) => {
        const current = { customer_portal_id: PORTAL_ID, customer_emails: currentEmails, customer_filters: currentFilters };
        let text = JSON.stringify({ $operation: 'EditCustomerPortal', customer_portal_id: PORTAL_ID, customer_emails: sentEmails, customer_filters: sentFilters }, null, 2);
        text = filled(text, 'customer_emails', current);
        text = filled(text, 'customer_filters', current);
        assert.deepEqual(predictEdit(portalEdit, current, payloadOf(text)).removals, []);
        const payload = payloadOf(text) as typeof current;
        for (const [name, sent] of Object.entries(sentEmails)) {
          const now = payload.customer_emails[name];
          for (const key of ['subject', 'html'] as const) if (key in sent) assert.equal(now[key], sent[key], 'what the file said wins');
          for (const item of sent.to_cc ?? []) assert.ok(now.to_cc?.includes(item), 'and every item it listed stays');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the "Fill in current values" code action', () => {
  const service = createRevcentService({ rulesDocumentUrl: 'file:///docs/rules.md' });
  const document = TextDocument.create('file:///p.revcent.json', 'revcent-json', 1, CONFIRM_EMAIL_ONLY);
  const at = (needle: string) => {
    const position = document.positionAt(CONFIRM_EMAIL_ONLY.indexOf(needle) + 1);
    return { start: position, end: position };
  };
  const titles = (needle: string, abilities = { fillInCurrentCommand: 'revcent.fillInCurrent' }) =>
    service.codeActions(document, at(needle), { diagnostics: [] }, DEFAULT_SETTINGS, abilities).map((action) => action.title);

  it('is offered inside a field an edit may replace whole, with the editor command, the URI and the field', () => {
    const [action] = service.codeActions(document, at('"subject"'), { diagnostics: [] }, DEFAULT_SETTINGS, { fillInCurrentCommand: 'revcent.fillInCurrent' });
    assert.equal(action.title, 'Fill in current values for `customer_emails`');
    assert.deepEqual(action.command, { title: action.title, command: 'revcent.fillInCurrent', arguments: ['file:///p.revcent.json', 'customer_emails'] });
    assert.deepEqual(titles('"customer_emails"'), ['Fill in current values for `customer_emails`']);
  });

  it('is not offered elsewhere, nor to an editor that cannot read the record', () => {
    assert.deepEqual(titles('"customer_portal_id"'), []);
    assert.deepEqual(titles('"subject"', {} as { fillInCurrentCommand: string }), []);
  });
});
