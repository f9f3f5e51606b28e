// The fuzz suite's inputs as data, with no tests in them: the shipped examples and fixtures, their vocabulary, the
// mutations applied to them, the payloads built from their words, and the fixed prototype-key cases. The fuzz suite
// (engine.test.ts) runs them; the findings-equality test (test/unit/findingsEquality.test.ts) samples them on SEED.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { operationNames } from '../../server/src/catalog';

export const ROOT = resolve(__dirname, '../..');
/** The one seed of the whole suite: a failure reproduces with the same seed and case number. */
export const SEED = 20261122;
export const GROUP_HEAD = '"$operation": "EditCustomerGroup", "customer_group_id": "s9y22mlbbx8FyIJfdFKv"';

// ---------------------------------------------------------------------------------------------------------------
// The corpus: shipped examples and fixtures, and the words they use.

export function payloadFiles(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return payloadFiles(path);
      return name.endsWith('.revcent.json') ? [path] : [];
    });
}

export const CORPUS: string[] = [...payloadFiles(join(ROOT, 'examples')), ...payloadFiles(join(ROOT, 'test', 'fixtures'))].map(
  (path) => readFileSync(path, 'utf8'),
);

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'prototype', '__defineGetter__'];

/** Every key and every string value in the corpus: random payloads built from them reach the rules. */
export const VOCABULARY = (() => {
  const keys = new Set<string>(['$operation']);
  const strings = new Set<string>();
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'property') keys.add(node.children![0].value as string);
    if (node.type === 'string' && !(node.parent?.type === 'property' && node.parent.children![0] === node)) strings.add(node.value as string);
    for (const child of node.children ?? []) visit(child);
  };
  for (const text of CORPUS) visit(parseTree(text, [], { allowTrailingComma: true }));
  return { keys: [...keys].sort(), strings: [...strings].sort() };
})();

export const OPERATIONS = operationNames();

// ---------------------------------------------------------------------------------------------------------------
// Mutations of shipped payloads, as plain data so fast-check prints readable counterexamples.

const TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '/*', '*/', '//', '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\uD800', '\uDC00',
  '\uFEFF', '\u2028', 'null', 'true', 'false', '-', '1e999', '0x1', "'", '\\u12', '"$operation"', '"$operation":', ',,', '{}', '[]',
];
const VALUE_LITERALS = [
  '""', '"   "', '"x"', '0', '-1', '1.5', '1e308', '123456789012345678901234567890', 'true', 'false', 'null', '[]', '{}',
  '[1, "a", null]', '{"a": 1}', '"\\u0000"', '"\\ud800"', '"ZXZ5PB0BpMrZaqOXtm1r"', '"a@b.co"', '"USA"', '"customer_group"',
];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'swapValue'; node: number; literal: string }
  | { kind: 'duplicateProperty'; node: number }
  | { kind: 'renameKey'; node: number; key: string }
  | { kind: 'comment'; at: number; block: boolean; text: string }
  | { kind: 'bom' }
  | { kind: 'nest'; node: number; depth: number; bracket: '[' | '{' }
  | { kind: 'longString'; node: number; length: number };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('swapValue' as const), node: fc.nat(), literal: fc.constantFrom(...VALUE_LITERALS, ...VOCABULARY.strings.slice(0, 200).map((s) => JSON.stringify(s))) }),
  fc.record({ kind: fc.constant('duplicateProperty' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('renameKey' as const), node: fc.nat(), key: fc.constantFrom(...VOCABULARY.keys, ...PROTOTYPE_KEYS, '', ' ', '$x') }),
  fc.record({ kind: fc.constant('comment' as const), at: fc.nat(), block: fc.boolean(), text: fc.constantFrom(' note ', ' revcent-disable-next-line RC010', ' revcent-disable-next-line', '*', '/') }),
  fc.constant({ kind: 'bom' as const }),
  fc.record({ kind: fc.constant('nest' as const), node: fc.nat(), depth: fc.integer({ min: 1, max: 300 }), bracket: fc.constantFrom('[' as const, '{' as const) }),
  fc.record({ kind: fc.constant('longString' as const), node: fc.nat(), length: fc.integer({ min: 1_000, max: 20_000 }) }),
);

function nodesOf(text: string, accept: (node: Node) => boolean): Node[] {
  const nodes: Node[] = [];
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (accept(node)) nodes.push(node);
    for (const child of node.children ?? []) visit(child);
  };
  visit(parseTree(text, [], { allowTrailingComma: true }));
  return nodes;
}

const isValueNode = (node: Node) => node.type !== 'property' && !(node.parent?.type === 'property' && node.parent.children![0] === node);

function splice(text: string, at: number, length: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + length);
}

export function mutate(text: string, mutation: Mutation): string {
  const at = 'at' in mutation ? mutation.at % (text.length + 1) : 0;
  const pick = (accept: (node: Node) => boolean, index: number): Node | undefined => {
    const nodes = nodesOf(text, accept);
    return nodes.length ? nodes[index % nodes.length] : undefined;
  };
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return splice(text, at, mutation.length, '');
    case 'insert':
      return splice(text, at, 0, mutation.text);
    case 'replace':
      return splice(text, at, 1, mutation.text);
    case 'swapValue': {
      const node = pick(isValueNode, mutation.node);
      return node ? splice(text, node.offset, node.length, mutation.literal) : text;
    }
    case 'duplicateProperty': {
      const node = pick((n) => n.type === 'property', mutation.node);
      if (!node) return text;
      return splice(text, node.offset + node.length, 0, `,\n${text.slice(node.offset, node.offset + node.length)}`);
    }
    case 'renameKey': {
      const node = pick((n) => n.type === 'property', mutation.node)?.children?.[0];
      return node ? splice(text, node.offset, node.length, JSON.stringify(mutation.key)) : text;
    }
    case 'comment':
      return splice(text, at, 0, mutation.block ? `/*${mutation.text}*/` : `//${mutation.text}\n`);
    case 'bom':
      return '\uFEFF' + text;
    case 'nest': {
      const node = pick(isValueNode, mutation.node);
      if (!node) return text;
      const open = mutation.bracket === '[' ? '[' : '{"a":';
      const close = mutation.bracket === '[' ? ']' : '}';
      const value = text.slice(node.offset, node.offset + node.length);
      return splice(text, node.offset, node.length, open.repeat(mutation.depth) + value + close.repeat(mutation.depth));
    }
    case 'longString': {
      const node = pick(isValueNode, mutation.node);
      return node ? splice(text, node.offset, node.length, JSON.stringify('x'.repeat(mutation.length))) : text;
    }
  }
}

export const offsetsArbitrary = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });

/** Serialises a value as a payload file would be written: indented or not, sometimes with a comment. */
export const layoutArbitrary = fc.record({ indent: fc.constantFrom<string | number>(0, 2, 4, '\t'), comment: fc.boolean(), crlf: fc.boolean() });
export function layout(value: unknown, how: { indent: string | number; comment: boolean; crlf: boolean }): string {
  let text = JSON.stringify(value, null, how.indent) ?? 'null';
  if (how.comment) text = `// a payload\n${text}\n`;
  return how.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** A value built from the corpus's keys and values, nested, with prototype-member keys among them. */
const vocabularyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<unknown>(...VOCABULARY.strings, true, false, null, 0, 1, -1, 2.5, 100000, '', []),
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...VOCABULARY.keys, ...PROTOTYPE_KEYS), tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** A payload file of known keys (most of them) with values of the right and wrong kinds, with or without "$operation". */
export const vocabularyArbitrary = fc
  .record({
    operation: fc.option(fc.constantFrom(...OPERATIONS), { nil: undefined }),
    fields: fc.dictionary(fc.constantFrom(...VOCABULARY.keys, ...PROTOTYPE_KEYS), vocabularyValue, { maxKeys: 12 }),
    how: layoutArbitrary,
    offsets: offsetsArbitrary,
  })
  .map(({ operation, fields, how, offsets }) => ({
    text: layout(operation === undefined ? fields : { $operation: operation, ...fields }, how),
    offsets,
  }));

// ---------------------------------------------------------------------------------------------------------------
// Fixed cases: keys that are also names of Object.prototype members.

/** Keys that are also names of Object.prototype members, in every place a key can be. Small: ordinary bounds. */
export const PROTOTYPE_CASES: { name: string; text: string }[] = PROTOTYPE_KEYS.flatMap((key) => [
  { name: `"${key}" at the top`, text: `{${GROUP_HEAD}, ${JSON.stringify(key)}: 1}` },
  { name: `"${key}" with an object value`, text: `{${GROUP_HEAD}, ${JSON.stringify(key)}: {"name": "x", "enabled": true}}` },
  {
    name: `"${key}" inside a known object`,
    text: `{"$operation": "EditCustomerPortal", "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H", "customer_permissions": {${JSON.stringify(key)}: true}}`,
  },
  {
    name: `"${key}" inside a nested object with required fields`,
    text: `{"$operation": "CreateCustomer", "campaign": "tI61UBsvmY08lV8gX1Z1", "customer": {${JSON.stringify(key)}: {"email": "a@b.co"}, "first_name": "A"}}`,
  },
  { name: `"${key}" as $operation`, text: `{"$operation": ${JSON.stringify(key)}}` },
  { name: `"${key}" without $operation`, text: `{${JSON.stringify(key)}: "x"}` },
  { name: `"${key}" twice`, text: `{${GROUP_HEAD}, ${JSON.stringify(key)}: 1, ${JSON.stringify(key)}: {}}` },
]);

/**
 * Every shipped example with one prototype-member key planted at every depth: added to each object, and put in
 * place of each value, holding an object (with a `name` inside, as zod reads `constructor.name`), a list, or a
 * primitive. One case per example and key, so a failure names both.
 */
export const PLANTED_KEY_CASES: { name: string; texts: string[] }[] = (() => {
  const keys = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'then'];
  const examples = payloadFiles(join(ROOT, 'examples'));
  return examples.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const root = parseTree(text, [], { allowTrailingComma: true })!;
    const objects: Node[] = [];
    const values: Node[] = [];
    const visit = (node: Node): void => {
      if (node.type === 'object') objects.push(node);
      if (node.parent && (node.parent.type === 'array' || node.parent.children?.[1] === node)) values.push(node);
      for (const child of node.children ?? []) visit(child);
    };
    visit(root);
    return keys.map((key) => {
      const forms = [`{${JSON.stringify(key)}: {"name": {}}}`, `[{${JSON.stringify(key)}: 1}]`, `{${JSON.stringify(key)}: "x"}`, `{${JSON.stringify(key)}: [null]}`];
      const texts: string[] = [];
      for (const object of objects) {
        const insertAt = object.offset + 1;
        for (const form of [...forms, '1', 'null', '[]']) {
          const separator = object.children?.length ? ', ' : '';
          texts.push(text.slice(0, insertAt) + `${JSON.stringify(key)}: ${form}${separator}` + text.slice(insertAt));
        }
      }
      for (const value of values) {
        for (const form of forms) texts.push(text.slice(0, value.offset) + form + text.slice(value.offset + value.length));
      }
      return { name: `${path.split('/').pop()} with "${key}"`, texts };
    });
  });
})();
