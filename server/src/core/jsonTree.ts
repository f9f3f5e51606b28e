// Reading the parsed payload: node lookup with JSON's last-key-wins semantics, JSON pointers, value guards.
import { getNodeValue, type JSONPath, type Node } from 'jsonc-parser';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an object has no own keys, found without listing them (objects in a payload can hold thousands). */
export function hasNoKeys(value: JsonObject): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return true;
}

/** The value at `path` inside a plain JSON value, or undefined. */
export function valueAt(value: unknown, path: JSONPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

const propertyIndexes = new WeakMap<Node, Map<unknown, Node>>();

/** The property node for `key` in an object node: the last one, because JSON keeps the last duplicate. */
export function propertyNode(objectNode: Node, key: string): Node | undefined {
  if (objectNode.type !== 'object' || !objectNode.children) return undefined;
  const properties = objectNode.children;
  if (properties.length >= 64) {
    // Large objects are indexed once, so looking up many of their keys stays linear overall.
    let index = propertyIndexes.get(objectNode);
    if (!index) {
      index = new Map(properties.map((property) => [property.children?.[0]?.value, property]));
      propertyIndexes.set(objectNode, index);
    }
    return index.get(key);
  }
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i].children?.[0]?.value === key) return properties[i];
  }
  return undefined;
}

/** The property node that starts at `offset`, found by binary search down the tree. */
export function propertyAt(root: Node, offset: number): Node | undefined {
  let node: Node | undefined = root;
  while (node) {
    if (node.type === 'property' && node.offset === offset) return node;
    const children: Node[] = node.children ?? [];
    let low = 0;
    let high = children.length - 1;
    let next: Node | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const child = children[middle];
      if (offset < child.offset) high = middle - 1;
      else if (offset >= child.offset + child.length) low = middle + 1;
      else {
        next = child;
        break;
      }
    }
    node = next;
  }
  return undefined;
}

/** The value node at `path`, following the same last-key-wins rule as the payload RevCent receives. */
export function nodeAt(root: Node, path: JSONPath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else {
      node = propertyNode(node, segment)?.children?.[1];
    }
  }
  return node;
}

/** The JSON path of a node, from the root. */
export function pathOf(node: Node): JSONPath {
  const path: JSONPath = [];
  let current: Node = node;
  while (current.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(parent.children![0].value as string);
      current = parent.parent!;
    } else if (parent.type === 'array') {
      path.unshift(parent.children!.indexOf(current));
      current = parent;
    } else {
      current = parent;
    }
  }
  return path;
}

/** RFC 6901 JSON pointer for a path. */
export function toPointer(path: JSONPath): string {
  let pointer = '';
  for (const segment of path) {
    const text = String(segment);
    // Escaping is rare: most keys hold neither "~" nor "/".
    pointer += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return pointer;
}

/** A short, readable name for a path in messages, e.g. `qualifiers.customer_group`. */
export function describePath(path: JSONPath): string {
  if (path.length === 0) return 'the payload';
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Top-level keys starting with `$` are editor metadata: never validated, never sent. */
export function isMetadataKey(key: string): boolean {
  return key.startsWith('$');
}

/** Sets an own member of a JSON object, `__proto__` included (as a plain key, never the object's prototype). */
export function setMember(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/**
 * The payload RevCent would receive from this tree: last duplicate wins, `$` metadata keys removed. `value` is the
 * tree's value when it is already known (core/parse.ts reads both at once).
 */
export function payloadOf(root: Node, value = getNodeValue(root) as JsonObject): JsonObject {
  // Filled as an ordinary object and given its null prototype at the end: V8 keeps it in its fast form that way.
  const payload: JsonObject = {};
  for (const key of Object.keys(value)) {
    if (isMetadataKey(key)) continue;
    setMember(payload, key, value[key]);
  }
  return Object.setPrototypeOf(payload, null) as JsonObject;
}

/** A short rendering of a value for messages. */
export function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}
