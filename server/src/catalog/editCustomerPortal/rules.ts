// EditCustomerPortal's own rules.
import { isObject, valueAt } from '../../core/jsonTree';
import { isPlaceholderText } from '../../rules/ids';
import { editDistance, normalizeName } from '../../core/suggest';
import { isSecretReference, secretReference } from '../../core/secretReference';
import type { RuleContext, RuleDefinition } from '../../core/types';
import { EMAIL_CODE, EMAIL_TEMPLATES, PERMISSIONS, TEMPLATE_NAMES, emailCodeLine, recommendedPermissions, templateWithCode } from './schema';

const emailTemplateMissing: RuleDefinition = {
  code: 'RC201',
  name: 'email-template-missing',
  severity: 'warning',
  summary:
    '`customer_emails` is sent with only one of its two templates. Sending it may replace both, leaving the other ' +
    'email empty. The fix adds the missing template, with the shortcode, to review.',
  check(context) {
    const emails = context.payload.customer_emails;
    if (!isObject(emails) || Object.keys(emails).length === 0) return;
    const present = TEMPLATE_NAMES.find((name) => isObject(emails[name]));
    for (const missing of TEMPLATE_NAMES.filter((name) => !(name in emails))) {
      context.report({
        path: ['customer_emails'],
        target: 'key',
        message:
          `\`customer_emails\` lacks \`${missing}\`. Send both complete templates: a partial object may leave the ` +
          `${EMAIL_TEMPLATES[missing].purpose} email empty.`,
        fixes: [
          {
            title: `Add a \`${missing}\` template to review`,
            changes: [{ path: ['customer_emails', missing], value: templateWithCode(missing, present && (emails[present] as Record<string, unknown>)) }],
            preferred: true,
          },
        ],
      });
    }
  },
};

/** Anything written like a shortcode: `{{ word }}`, `{word}`, `[[word]]`, `%word%`, `<word>`. */
const SHORTCODE_LIKE = /[{[%<]{1,3}\s*([a-z][a-z\s_-]{2,18})\s*[}\]%>]{1,3}/gi;

/**
 * Whether a shortcode-like spelling is meant to be the email code but is not it: `{{ email_code }}`,
 * `{{emailcode}}`, `{email_code}`, `{{email_cod}}`, `{{emial_code}}`.
 */
function isNearMiss(found: string, word: string): boolean {
  if (found === EMAIL_CODE) return false;
  const name = normalizeName(word);
  // The distance is at least the difference in length: most tags (`<p>`, `<strong>`) are told apart without it.
  return Math.abs(name.length - 'emailcode'.length) <= 2 && editDistance(name, 'emailcode') <= 2;
}

/** The template with every near miss replaced by the exact shortcode. */
function withExactShortcode(html: string): string {
  return html.replace(SHORTCODE_LIKE, (found: string, word: string) => (isNearMiss(found, word) ? EMAIL_CODE : found));
}

/** The near-miss spellings in a template. */
function nearMissesIn(html: string): string[] {
  const misses: string[] = [];
  for (const match of html.matchAll(SHORTCODE_LIKE)) if (isNearMiss(match[0], match[1])) misses.push(match[0]);
  return misses;
}

/** The templates' HTML, with their near misses when asked: found once per analysis, as both email rules ask. */
function templateHtmls(context: RuleContext) {
  return context.shared(templateHtmls, () =>
    TEMPLATE_NAMES.flatMap((template) => {
      const html = valueAt(context.payload, ['customer_emails', template, 'html']);
      if (typeof html !== 'string') return [];
      let misses: string[] | undefined;
      return [{ template, html, path: ['customer_emails', template, 'html'], nearMisses: () => (misses ??= nearMissesIn(html)) }];
    }),
  );
}

const emailCodeMissing: RuleDefinition = {
  code: 'RC202',
  name: 'email-code-missing',
  severity: 'warning',
  summary:
    `Both portal email templates must contain \`${EMAIL_CODE}\`: it carries the code customers type to confirm ` +
    'their account or reset their password. Without it they are locked out. The fix inserts it.',
  check(context) {
    for (const { template, html, path, nearMisses } of templateHtmls(context)) {
      if (html.includes(EMAIL_CODE) || nearMisses().length > 0) continue;
      const line = emailCodeLine(template);
      context.report({
        path,
        message: `The ${EMAIL_TEMPLATES[template].purpose} email has no ${EMAIL_CODE}: customers never receive their code and are locked out. Add it.`,
        fixes: [{ title: `Insert ${EMAIL_CODE}`, changes: [{ path, insertIntoString: line, before: '</body>' }], preferred: true }],
      });
    }
  },
};

const emailCodeMisspelled: RuleDefinition = {
  code: 'RC203',
  name: 'email-code-misspelled',
  severity: 'warning',
  summary:
    `The template contains something close to \`${EMAIL_CODE}\` (\`{{ email_code }}\`, \`{{emailcode}}\`, ` +
    '`{email_code}`). RevCent looks for the exact shortcode, so the code is never filled in. The fix corrects it.',
  check(context) {
    for (const { html, path, nearMisses } of templateHtmls(context)) {
      const misses = nearMisses();
      if (misses.length === 0) continue;
      context.report({
        path,
        message: `${misses.map((miss) => `"${miss}"`).join(', ')} is not the shortcode: write exactly ${EMAIL_CODE} so the code is filled in.`,
        fixes: [{ title: `Replace with ${EMAIL_CODE}`, changes: [{ path, value: withExactShortcode(html) }], preferred: true, automatic: true }],
      });
    }
  },
};

const registrationCampaignMissing: RuleDefinition = {
  code: 'RC204',
  name: 'registration-campaign-missing',
  severity: 'error',
  summary:
    '`create_non_existing_customer: true` lets new people register, and needs ' +
    '`create_non_existing_customer_campaign` (a 20-character campaign ID) to assign them to.',
  check(context) {
    if (context.payload.create_non_existing_customer !== true || 'create_non_existing_customer_campaign' in context.payload) return;
    context.report({
      path: ['create_non_existing_customer'],
      target: 'property',
      message: 'Registration of new customers needs `create_non_existing_customer_campaign`: the campaign ID they are assigned to.',
    });
  },
};

const registrationCampaignIgnored: RuleDefinition = {
  code: 'RC205',
  name: 'registration-campaign-ignored',
  severity: 'warning',
  summary:
    '`create_non_existing_customer_campaign` only matters when registration is enabled. Sent with ' +
    '`create_non_existing_customer: false` it is ignored (the fix strips it); sent alone it only applies if ' +
    'registration is already on (information).',
  check(context) {
    if (!('create_non_existing_customer_campaign' in context.payload)) return;
    const registration = context.payload.create_non_existing_customer;
    if (registration === true) return;
    const path = ['create_non_existing_customer_campaign'];
    context.report({
      path,
      target: 'property',
      severity: registration === false ? 'warning' : 'information',
      message:
        registration === false
          ? 'This campaign is ignored: `create_non_existing_customer` is false, so nobody new can register.'
          : 'This campaign is only used if registration (`create_non_existing_customer`) is already enabled on the portal.',
      fixes: registration === false ? [{ title: 'Remove the ignored campaign', changes: [{ path, value: undefined }], preferred: true, strip: true }] : [],
    });
  },
};

const portalOpenToAll: RuleDefinition = {
  code: 'RC206',
  name: 'portal-open-to-all',
  severity: 'warning',
  summary:
    '`customer_filters` with no campaign or shop IDs opens the portal to every customer. If a global portal is ' +
    'intended, suppress this; otherwise add IDs, or strip `customer_filters` to keep the current filters.',
  check(context) {
    const filters = context.payload.customer_filters;
    if (!isObject(filters) || Object.keys(filters).length === 0) return;
    // Any ID at all (a value that is not a list counts as one): checked without copying long lists.
    if (Object.values(filters).some((list) => !Array.isArray(list) || list.length > 0)) return;
    context.report({
      path: ['customer_filters'],
      target: 'key',
      message: 'No campaign or shop IDs: every customer can access this portal. Add IDs, or remove `customer_filters` to keep the current ones.',
      fixes: [{ title: 'Remove `customer_filters` (keep the current filters)', changes: [{ path: ['customer_filters'], value: undefined }] }],
    });
  },
};

/** The conservative default of every permission (fixed data: built once, not at every analysis). */
const RECOMMENDED_PERMISSIONS = recommendedPermissions();

const permissionsPartial: RuleDefinition = {
  code: 'RC207',
  name: 'permissions-partial',
  severity: 'warning',
  summary:
    '`customer_permissions` is sent without all twelve permissions. Nested objects may be replaced, not merged, so ' +
    'the missing ones could change. The fix adds them with conservative defaults (cancel, suspend and trial ' +
    'actions off) for you to review.',
  check(context) {
    const permissions = context.payload.customer_permissions;
    if (!isObject(permissions) || Object.keys(permissions).length === 0) return;
    const missing = Object.keys(PERMISSIONS).filter((key) => !(key in permissions));
    if (missing.length === 0) return;
    context.report({
      path: ['customer_permissions'],
      target: 'key',
      message:
        `\`customer_permissions\` is partial: ${missing.map((key) => `\`${key}\``).join(', ')} missing. ` +
        'Send the complete intended object so no permission changes by accident.',
      fixes: [
        {
          title: `Add the ${missing.length} missing permission${missing.length === 1 ? '' : 's'} (conservative defaults)`,
          changes: missing.map((key) => ({ path: ['customer_permissions', key], value: RECOMMENDED_PERMISSIONS[key] })),
          preferred: true,
        },
      ],
    });
  },
};

const subscriptionCancelEnabled: RuleDefinition = {
  code: 'RC208',
  name: 'subscription-cancel-enabled',
  severity: 'warning',
  summary:
    '`subscription_cancel: true` lets customers cancel subscriptions themselves, with no retention or support ' +
    'step. Keep it `false` unless self-cancellation is a business decision (then suppress this).',
  check(context) {
    if (valueAt(context.payload, ['customer_permissions', 'subscription_cancel']) !== true) return;
    const path = ['customer_permissions', 'subscription_cancel'];
    context.report({
      path,
      message: 'Customers will be able to cancel subscriptions themselves, skipping retention. Keep false unless intended.',
      fixes: [{ title: 'Set `subscription_cancel` to false', changes: [{ path, value: false }], preferred: true }],
    });
  },
};

const placeholderRecaptchaKey: RuleDefinition = {
  code: 'RC209',
  name: 'placeholder-recaptcha-key',
  severity: 'error',
  summary:
    'A reCAPTCHA key that is still a placeholder (`RECAPTCHA_SITE_KEY`, `<secret key>`, `your_site_key`) breaks ' +
    'the portal\'s login and registration forms. Use the keys of the reCAPTCHA v2 site registered for the ' +
    'portal\'s domain; never make keys up.',
  check(context) {
    const recaptcha = context.payload.recaptcha;
    if (!isObject(recaptcha)) return;
    for (const key of ['site_key', 'secret_key']) {
      const value = recaptcha[key];
      if (typeof value !== 'string' || !isPlaceholderText(value, /(^|_)(KEY|SECRET)($|_)/)) continue;
      context.report({
        path: ['recaptcha', key],
        message: `\`recaptcha.${key}\` is a placeholder. Paste the ${key === 'site_key' ? 'site' : 'secret'} key of the reCAPTCHA v2 site registered for the portal's domain.`,
      });
    }
  },
};

/** The reference a literal reCAPTCHA secret key is replaced by. */
export const RECAPTCHA_SECRET_NAME = 'RECAPTCHA_SECRET_KEY';

const literalRecaptchaSecret: RuleDefinition = {
  code: 'RC210',
  name: 'literal-recaptcha-secret',
  severity: 'warning',
  summary:
    'The reCAPTCHA secret key is written in the file, so it is committed and shared with it. Put ' +
    `\`\${secret:${RECAPTCHA_SECRET_NAME}}\` in its place and keep the value in the sender's secret store ` +
    '(VS Code\'s secret storage, or `REVCENT_SECRET_' + RECAPTCHA_SECRET_NAME + '` for revcent-send).',
  check(context) {
    const recaptcha = context.payload.recaptcha;
    if (!isObject(recaptcha)) return;
    const value = recaptcha.secret_key;
    if (typeof value !== 'string' || value.trim() === '' || isSecretReference(value) || isPlaceholderText(value, /(^|_)(KEY|SECRET)($|_)/)) return;
    const reference = secretReference(RECAPTCHA_SECRET_NAME);
    context.report({
      path: ['recaptcha', 'secret_key'],
      message: `\`recaptcha.secret_key\` holds the secret itself, which is committed with this file. Use \`${reference}\` and store the value outside the file.`,
      fixes: [
        {
          title: `Store the secret in VS Code and use "${reference}"`,
          changes: [{ path: ['recaptcha', 'secret_key'], value: reference }],
          preferred: true,
          storesSecret: { name: RECAPTCHA_SECRET_NAME, value },
        },
        { title: `Replace the secret with "${reference}"`, changes: [{ path: ['recaptcha', 'secret_key'], value: reference }] },
      ],
    });
  },
};

/** EditCustomerPortal's own rules, in the order they run. */
export const rules: RuleDefinition[] = [
  placeholderRecaptchaKey,
  literalRecaptchaSecret,
  emailTemplateMissing,
  emailCodeMissing,
  emailCodeMisspelled,
  registrationCampaignMissing,
  registrationCampaignIgnored,
  portalOpenToAll,
  permissionsPartial,
  subscriptionCancelEnabled,
];
