// One pass over a payload file that builds jsonc-parser's parse tree and the value together, for files that are
// clean JSON (comments and trailing commas allowed, as in jsonc-parser's options here). On anything else (an error,
// a character JSON has no place for, deep nesting) it gives up and returns undefined, and jsonc-parser reads the
// file and reports every error as before. The tree is the one `parseTree` builds: the same nodes, offsets, lengths,
// colon offsets, parents (none on the root) and values; the value is the one `getNodeValue` reads from it.
import type { Node } from 'jsonc-parser';
import { setMember } from './jsonTree';

/** Past this depth jsonc-parser reads the file: its recursion decides what is too deep, as it always did. */
const MAX_DEPTH = 200;

/** What JSON does not allow unescaped inside a string. */
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/** A node while it is built (jsonc-parser's `Node` is read-only). */
type Building = { -readonly [K in keyof Node]: Node[K] };

class GiveUp {}
const GIVE_UP = new GiveUp();

export interface ParsedPayload {
  root: Node;
  value: unknown;
  /** Whether some object writes a key twice (when not, nobody needs to look for duplicates again). */
  duplicateKeys: boolean;
  /** Whether the text holds a comment (when not, it holds no `revcent-disable-next-line` either). */
  comments: boolean;
}

/** The tree and the value of a clean JSON text, or undefined when jsonc-parser has to read it. */
export function parseClean(text: string): ParsedPayload | undefined {
  let pos = 0;
  const end = text.length;
  /** The value of the node `readValue` last returned (returned apart, so no pair is allocated per value). */
  let value: unknown;
  let duplicateKeys = false;
  let comments = false;

  function giveUp(): never {
    throw GIVE_UP;
  }

  /** Skips white space and comments, as jsonc-parser's scanner does. */
  function skip(): void {
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) pos++;
      else if (c === 47) {
        const next = text.charCodeAt(pos + 1);
        if (next === 47) {
          comments = true;
          pos += 2;
          while (pos < end) {
            const d = text.charCodeAt(pos);
            if (d === 10 || d === 13) break;
            pos++;
          }
        } else if (next === 42) {
          comments = true;
          const close = text.indexOf('*/', pos + 2);
          if (close === -1) giveUp();
          pos = close + 2;
        } else giveUp();
      } else return;
    }
  }

  /**
   * The string token at `pos` (a double quote): its decoded value; `pos` moves past it. A string without escapes
   * (nearly all) is found by the engine's own search up to its closing quote, not character by character.
   */
  function readString(): string {
    const close = text.indexOf('"', pos + 1);
    if (close === -1) giveUp();
    const plain = text.slice(pos + 1, close);
    if (!plain.includes('\\')) {
      if (CONTROL_CHARACTER.test(plain)) giveUp();
      pos = close + 1;
      return plain;
    }
    return readEscapedString();
  }

  /** A string with escapes: its end is found character by character (a quote may be escaped), JSON decodes it. */
  function readEscapedString(): string {
    const start = pos;
    let escaped = false;
    pos++;
    for (;;) {
      if (pos >= end) giveUp();
      const c = text.charCodeAt(pos);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        pos += 2;
      } else if (c < 0x20) giveUp();
      else pos++;
    }
    pos++;
    if (!escaped) return text.slice(start + 1, pos - 1);
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return giveUp();
    }
  }

  function isDigit(c: number): boolean {
    return c >= 48 && c <= 57;
  }

  /** After a literal, jsonc-parser's scanner ends the token only at one of these (or at the end). */
  function endsToken(c: number): boolean {
    return c === 32 || c === 10 || c === 13 || c === 9 || c === 44 || c === 93 || c === 125 || c === 47 || c === 58 || Number.isNaN(c);
  }

  function readNumber(): number {
    const start = pos;
    if (text.charCodeAt(pos) === 45) pos++;
    let c = text.charCodeAt(pos);
    if (c === 48) pos++;
    else if (c >= 49 && c <= 57) while (isDigit(text.charCodeAt(pos))) pos++;
    else giveUp();
    if (text.charCodeAt(pos) === 46) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) giveUp();
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    c = text.charCodeAt(pos);
    if (c === 101 || c === 69) {
      pos++;
      c = text.charCodeAt(pos);
      if (c === 43 || c === 45) pos++;
      if (!isDigit(text.charCodeAt(pos))) giveUp();
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    if (!endsToken(text.charCodeAt(pos))) giveUp();
    return Number(text.slice(start, pos));
  }

  function literal(word: string): void {
    if (!text.startsWith(word, pos) || !endsToken(text.charCodeAt(pos + word.length))) giveUp();
    pos += word.length;
  }

  /** The node of the value at `pos` (white space already skipped), with `parent`; its value is left in `value`. */
  function readValue(parent: Node | undefined, depth: number): Node {
    const offset = pos;
    const c = text.charCodeAt(pos);
    if (c === 123) return readObject(parent, depth + 1);
    if (c === 91) return readArray(parent, depth + 1);
    let type: Node['type'];
    if (c === 34) {
      value = readString();
      type = 'string';
    } else if (c === 116) {
      literal('true');
      value = true;
      type = 'boolean';
    } else if (c === 102) {
      literal('false');
      value = false;
      type = 'boolean';
    } else if (c === 110) {
      literal('null');
      value = null;
      type = 'null';
    } else {
      value = readNumber();
      type = 'number';
    }
    return { type, offset, length: pos - offset, parent, value } as Node;
  }

  /** After a member of an object or array: past its comma, or at `close` (`}` or `]`); anything else gives up. */
  function afterMember(close: number): void {
    skip();
    const next = text.charCodeAt(pos);
    if (next === 44) {
      pos++;
      skip();
    } else if (next !== close) giveUp();
  }

  function readObject(parent: Node | undefined, depth: number): Node {
    if (depth > MAX_DEPTH) giveUp();
    const node = { type: 'object', offset: pos, length: -1, parent, children: [] } as unknown as Building;
    const children = node.children!;
    // Filled as an ordinary object and given its null prototype at the end: V8 keeps it in its fast form that way.
    const object: Record<string, unknown> = {};
    pos++;
    skip();
    while (text.charCodeAt(pos) !== 125) {
      if (text.charCodeAt(pos) !== 34) giveUp();
      const keyOffset = pos;
      const key = readString();
      const keyNode = { type: 'string', value: key, offset: keyOffset, length: pos - keyOffset, parent: undefined } as unknown as Building;
      // Two slots from the start (the value takes the second): pushing would reserve room for many more.
      const property = { type: 'property', offset: keyOffset, length: -1, parent: node, children: [keyNode, keyNode] } as unknown as Building;
      keyNode.parent = property as Node;
      children.push(property as Node);
      skip();
      if (text.charCodeAt(pos) !== 58) giveUp();
      property.colonOffset = pos;
      pos++;
      skip();
      if (pos >= end) giveUp();
      const valueNode = readValue(property as Node, depth);
      (property.children as Node[])[1] = valueNode;
      property.length = valueNode.offset + valueNode.length - keyOffset;
      if (Object.prototype.hasOwnProperty.call(object, key)) duplicateKeys = true;
      setMember(object, key, value);
      afterMember(125);
    }
    pos++;
    node.length = pos - node.offset;
    value = Object.setPrototypeOf(object, null);
    return node as Node;
  }

  function readArray(parent: Node | undefined, depth: number): Node {
    if (depth > MAX_DEPTH) giveUp();
    const node = { type: 'array', offset: pos, length: -1, parent, children: [] } as unknown as Building;
    const children = node.children!;
    const array: unknown[] = [];
    pos++;
    skip();
    while (text.charCodeAt(pos) !== 93) {
      if (pos >= end || text.charCodeAt(pos) === 44) giveUp();
      children.push(readValue(node as Node, depth));
      array.push(value);
      afterMember(93);
    }
    pos++;
    node.length = pos - node.offset;
    value = array;
    return node as Node;
  }

  try {
    skip();
    if (pos >= end) return undefined;
    const root = readValue(undefined, 0);
    skip();
    if (pos < end) return undefined;
    // jsonc-parser's root has no `parent` property at all.
    delete (root as { parent?: Node }).parent;
    return { root, value, duplicateKeys, comments };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
