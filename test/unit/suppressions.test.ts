// In-file `revcent-disable-next-line` comments and the `revcent.*` settings as a user writes them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePayload } from '../../server/src/service/analyze';
import { parseSettings } from '../../server/src/service/settings';
import { analyze, summarize } from '../helpers';

const CANCEL = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  "customer_permissions": {
    "contact_modify": true, "credit_card_add": true, "credit_card_remove": true, "credit_card_set_default": true,
    "shipping_modify_ship_to": true, "subscription_renew": true, "subscription_activate": true,
    "subscription_suspend": false, "trial_expire": false, "trial_cancel": false, "salvage_transaction_process": true,
    "subscription_cancel": true
  }
}`;

describe('revcent-disable-next-line', () => {
  it('without a comment, the finding is shown', () => {
    assert.ok(summarize(analyze(CANCEL).diagnostics).includes('RC208 warning /customer_permissions/subscription_cancel'));
  });

  it('silences the named rule on the next line only', () => {
    const text = CANCEL.replace('    "subscription_cancel": true', '    // revcent-disable-next-line RC208 -- self-cancel approved\n    "subscription_cancel": true');
    const codes = analyze(text).diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('RC208'));
    assert.ok(codes.includes('RC024'), 'other findings stay');
  });

  it('does not silence a different rule named in the comment', () => {
    const text = CANCEL.replace('    "subscription_cancel": true', '    // revcent-disable-next-line RC207\n    "subscription_cancel": true');
    assert.ok(analyze(text).diagnostics.some((d) => d.code === 'RC208'));
  });

  it('silences every rule on the next line when no code is named, and works as a block comment', () => {
    const text = CANCEL.replace('    "subscription_cancel": true', '    /* revcent-disable-next-line */\n    "subscription_cancel": true');
    assert.ok(!analyze(text).diagnostics.some((d) => d.code === 'RC208'));
  });

  it('silences nothing when the comment names only things that are not rule codes (a typo, a rule name)', () => {
    for (const named of ['RC28', 'subscription-cancel-enabled', 'RC28 -- approved']) {
      const text = CANCEL.replace('    "subscription_cancel": true', `    // revcent-disable-next-line ${named}\n    "subscription_cancel": true`);
      assert.ok(analyze(text).diagnostics.some((d) => d.code === 'RC208'), named);
    }
  });

  it('does not reach two lines down', () => {
    const text = CANCEL.replace('    "subscription_cancel": true', '    // revcent-disable-next-line RC208\n\n    "subscription_cancel": true');
    assert.ok(analyze(text).diagnostics.some((d) => d.code === 'RC208'));
  });
});

describe('per-rule settings', () => {
  const document = TextDocument.create('file:///p.revcent.json', 'revcent-json', 1, CANCEL);

  it('turns a rule off', () => {
    const codes = analyzePayload(document.getText(), { rules: { RC024: 'off' } }).diagnostics.map((d) => d.code);
    assert.deepEqual(codes, ['RC208']);
  });

  it('changes a rule severity', () => {
    const found = analyzePayload(document.getText(), { rules: { RC208: 'error' } }).diagnostics.find((d) => d.code === 'RC208');
    assert.equal(found?.severity, 'error');
  });
});

describe('parseSettings', () => {
  it('reads valid settings', () => {
    assert.deepEqual(parseSettings({ rules: { RC024: 'off', RC208: 'error' }, diagnostics: { debounce: 300 } }), {
      settings: { rules: { RC024: 'off', RC208: 'error' }, debounceMs: 300 },
      problems: [],
    });
  });

  it('ignores bad entries with a message, keeping the good ones', () => {
    const { settings, problems } = parseSettings({ rules: { RC024: 'loud', rc1: 'off', RC208: 'off' }, diagnostics: { debounce: -5 } });
    assert.deepEqual(settings, { rules: { RC208: 'off' }, debounceMs: 150 });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /revcent\.rules\.RC024/);
  });

  it('falls back to defaults for a missing or malformed section', () => {
    assert.deepEqual(parseSettings(undefined).settings, { rules: {}, debounceMs: 150 });
    assert.deepEqual(parseSettings({ rules: ['RC024'] }).problems, ['revcent.rules must be an object such as {"RC024": "off"}; ignored.']);
  });

  it('ignores a rule code that does not exist, with a message', () => {
    assert.deepEqual(parseSettings({ rules: { RC999: 'off', RC024: 'off' } }), {
      settings: { rules: { RC024: 'off' }, debounceMs: 150 },
      problems: ['revcent.rules.RC999: there is no such rule (see docs/rules.md); ignored.'],
    });
  });

  it('takes an empty list as no overrides: Neovim sends `rules = {}` as []', () => {
    assert.deepEqual(parseSettings({ rules: [] }), { settings: { rules: {}, debounceMs: 150 }, problems: [] });
  });
});
