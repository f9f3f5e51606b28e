// `${secret:NAME}` in a string value: shown as information (it is resolved only when sending, from the sender's
// own secret store), never judged by the value's pattern or by other rules (analyze.ts drops their findings on it).
import type { JSONPath } from 'jsonc-parser';
import { secretNamesIn, secretReference } from '../core/secretReference';
import type { RuleDefinition } from '../core/types';

/** Past this depth nothing is reported: no RevCent payload nests that deep (the schema reports it anyway). */
const MAX_DEPTH = 64;

function eachString(value: unknown, path: JSONPath, visit: (text: string, path: JSONPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (path.length > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  else if (Array.isArray(value)) value.forEach((item, index) => eachString(item, [...path, index], visit));
  else for (const key of Object.keys(value)) eachString((value as Record<string, unknown>)[key], [...path, key], visit);
}

export const secretReferenceRule: RuleDefinition = {
  code: 'RC027',
  name: 'secret-reference',
  severity: 'information',
  summary:
    'A `${secret:NAME}` value stands in for a secret kept out of the file. It is replaced by the secret\'s value ' +
    'only when the payload is sent (the CLI reads `REVCENT_SECRET_NAME`; VS Code its secret storage); without a ' +
    'value, nothing is sent.',
  check(context) {
    if (!context.text.includes('${secret:')) return;
    eachString(context.payload, [], (text, path) => {
      const names = secretNamesIn(text);
      if (names.length === 0) return;
      const listed = names.map((name) => `\`${secretReference(name)}\``).join(', ');
      context.report({
        path,
        message: `${listed} ${names.length === 1 ? 'is' : 'are'} resolved when sending, from the secret${names.length === 1 ? '' : 's'} stored under ${names.map((name) => `\`${name}\``).join(', ')}; the value never sits in this file.`,
      });
    });
  },
};
