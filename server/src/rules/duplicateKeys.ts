// RC002: a key written twice in one object. JSON keeps the last value, so the earlier one is silently lost.
import type { Node } from 'jsonc-parser';
import { describePath, pathOf } from '../core/jsonTree';
import type { Report, RuleDefinition } from '../core/types';

function isContainer(node: Node | undefined): node is Node {
  return node !== undefined && (node.type === 'object' || node.type === 'array');
}

/** Calls `visit` for every object in the tree; iterative, so deep nesting cannot exhaust the stack. */
function visitObjects(root: Node, visit: (objectNode: Node) => void): void {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'object') {
      visit(node);
      for (const property of node.children ?? []) {
        const value = property.children?.[1];
        if (isContainer(value)) pending.push(value);
      }
    } else {
      for (const item of node.children ?? []) if (isContainer(item)) pending.push(item);
    }
  }
}

/** For small objects, a pairwise check is cheaper than building a map. */
function allKeysDiffer(properties: Node[]): boolean {
  for (let i = 1; i < properties.length; i++) {
    const key = properties[i].children?.[0]?.value;
    for (let j = 0; j < i; j++) if (properties[j].children?.[0]?.value === key) return false;
  }
  return true;
}

/** The keys of an object written more than once, each with all its property nodes in order. */
function repeatedKeys(objectNode: Node): Map<string, Node[]> {
  const properties = objectNode.children ?? [];
  const repeated = new Map<string, Node[]>();
  if (properties.length < 2 || (properties.length <= 8 && allKeysDiffer(properties))) return repeated;
  const seen = new Map<string, Node[]>();
  for (const property of properties) {
    const key = property.children?.[0]?.value;
    if (typeof key !== 'string') continue;
    const copies = seen.get(key);
    if (!copies) {
      seen.set(key, [property]);
      continue;
    }
    copies.push(property);
    repeated.set(key, copies);
  }
  return repeated;
}

export const duplicateKey: RuleDefinition = {
  code: 'RC002',
  name: 'duplicate-key',
  severity: 'warning',
  summary:
    'The same key appears twice in one object. JSON keeps only the last value, so the earlier one is silently ' +
    'dropped. The fix removes the earlier copy; keep whichever value you meant.',
};

/** Raised by the pipeline before the operation is known, so it runs on every file that parses. */
export function findDuplicateKeys(root: Node, lineAt: (offset: number) => number): Report[] {
  const reports: Report[] = [];
  visitObjects(root, (objectNode) => {
    for (const [key, properties] of repeatedKeys(objectNode)) {
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
              automatic: true,
            },
          ],
        });
      });
    }
  });
  return reports;
}
