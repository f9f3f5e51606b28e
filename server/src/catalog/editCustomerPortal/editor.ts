// EditCustomerPortal's editor features: complete permission objects and email templates carrying {{email_code}}.
import type { JSONPath } from 'jsonc-parser';
import { TabStop } from '../../core/snippet';
import type { EditorContribution, ObjectSnippet } from '../../core/types';
import { EMAIL_CODE, EMAIL_TEMPLATES, TEMPLATE_NAMES, recommendedPermissions, templateWithCode, type EmailTemplate } from './schema';

/** A template to complete: the sender and subject are tab stops; the code line is fixed. */
function emailTemplateBody(template: EmailTemplate) {
  const complete = templateWithCode(template);
  return { ...complete, from: new TabStop('support@example.com'), from_name: new TabStop('Customer Support'), subject: new TabStop(EMAIL_TEMPLATES[template].subject) };
}

function isTemplate(name: unknown): name is EmailTemplate {
  return typeof name === 'string' && (TEMPLATE_NAMES as string[]).includes(name);
}

function objectSnippets(_document: unknown, path: JSONPath): ObjectSnippet[] | undefined {
  if (path.length === 1 && path[0] === 'customer_permissions') {
    return [
      {
        label: 'All permissions (conservative defaults)',
        body: recommendedPermissions(),
        documentation:
          'Every permission, so none changes by accident. Cancelling, suspending and trial actions are off; ' +
          'review each value before sending.',
      },
    ];
  }
  if (path.length === 1 && path[0] === 'customer_emails') {
    return [
      {
        label: `Both templates with ${EMAIL_CODE}`,
        body: Object.fromEntries(TEMPLATE_NAMES.map((template) => [template, emailTemplateBody(template)])),
        documentation: `Both complete email templates, each carrying \`${EMAIL_CODE}\`.`,
      },
    ];
  }
  const template = path[1];
  if (path.length === 2 && path[0] === 'customer_emails' && isTemplate(template)) {
    return [
      {
        label: `Template with ${EMAIL_CODE}`,
        body: emailTemplateBody(template),
        documentation: `A complete ${EMAIL_TEMPLATES[template].purpose} email carrying \`${EMAIL_CODE}\`.`,
      },
    ];
  }
  return undefined;
}

export const editor: EditorContribution = { objectSnippets };
