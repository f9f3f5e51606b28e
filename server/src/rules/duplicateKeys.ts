// RC002: a key written twice in one object. JSON keeps the last value, so the earlier one is silently lost.
import type { Node } from 'jsonc-parser';
import { describePath, pathOf } from '../service/jsonTree';
import type { Report, RuleDefinition } from '../service/types';

function visitObjects(node: Node, visit: (objectNode: Node) => void): void {
  if (node.type === 'object') visit(node);
  for (const child of node.children ?? []) visitObjects(child, visit);
}

export const duplicateKey: RuleDefinition = {
  code: 'RC002',
  name: 'duplicate-key',
  severity: 'warning',
  summary:
    'The same key appears twice in one object. JSON keeps only the last value, so the earlier one is silently ' +
    'dropped. The fix removes the earlier copy; keep whichever value you meant.',
  wrong: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "enabled": false,
  "name": "VIP Customers",
  "enabled": true
}`,
  right: `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "name": "VIP Customers",
  "enabled": true
}`,
};

/** Raised by the pipeline before the operation is known, so it runs on every file that parses. */
export function findDuplicateKeys(root: Node, lineAt: (offset: number) => number): Report[] {
  const reports: Report[] = [];
  visitObjects(root, (objectNode) => {
    const byKey = new Map<string, Node[]>();
    for (const property of objectNode.children ?? []) {
      const key = property.children?.[0]?.value;
      if (typeof key !== 'string') continue;
      const seen = byKey.get(key);
      if (seen) seen.push(property);
      else byKey.set(key, [property]);
    }
    for (const [key, properties] of byKey) {
      if (properties.length < 2) continue;
      const path = [...pathOf(objectNode), key];
      const lastLine = lineAt(properties[properties.length - 1].offset) + 1;
      properties.slice(0, -1).forEach((property) => {
        reports.push({
          path,
          node: property.children![0],
          message:
            `\`${describePath(path)}\` is written again on line ${lastLine}; only that last value is sent and ` +
            'this one is ignored. Remove one of them.',
          fixes: [
            {
              title: `Remove this earlier \`${key}\``,
              changes: [{ path, removePropertyAt: property.offset }],
              preferred: true,
            },
          ],
        });
      });
    }
  });
  return reports;
}
