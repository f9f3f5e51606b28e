// Turning fixes into text edits with jsonc-parser, in the file's own indentation and line endings.
import { applyEdits, modify, parseTree, type Edit, type FormattingOptions, type Node } from 'jsonc-parser';
import { nodeAt, propertyNode } from './jsonTree';
import type { Fix, FixChange, FixSpec } from './types';

/** The indentation and line ending the file already uses, so inserted text looks like the user's own. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /^([ \t]+)\S/m.exec(text);
  if (indented && indented[1].startsWith('\t')) {
    return { insertSpaces: false, tabSize: 4, eol };
  }
  const size = indented ? indented[1].length : 2;
  return { insertSpaces: true, tabSize: size >= 2 && size <= 8 ? size : 2, eol };
}

function applyChange(text: string, root: Node | undefined, change: FixChange, formatting: FormattingOptions): string {
  if ('renameKeyTo' in change) {
    const tree = root ?? parseTree(text);
    const parent = tree && nodeAt(tree, change.path.slice(0, -1));
    const property = parent && propertyNode(parent, String(change.path[change.path.length - 1]));
    const key = property?.children?.[0];
    if (!key) return text;
    return applyEdits(text, [{ offset: key.offset, length: key.length, content: JSON.stringify(change.renameKeyTo) }]);
  }
  const edits = modify(text, change.path, change.value, {
    formattingOptions: formatting,
    getInsertionIndex: change.insertFirst ? () => 0 : undefined,
  });
  return applyEdits(text, edits);
}

/** The single edit that turns `before` into `after`: the changed middle, common prefix and suffix kept. */
export function diffEdit(before: string, after: string): Edit[] {
  if (before === after) return [];
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shortest - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  return [{ offset: start, length: before.length - start - end, content: after.slice(start, after.length - end) }];
}

/** The text after applying a fix's changes one after another (each change sees the previous one's result). */
export function applyFixSpec(text: string, root: Node | undefined, spec: FixSpec): string {
  const formatting = detectFormatting(text);
  let result = text;
  spec.changes.forEach((change, index) => {
    // The first change can use the tree we already have; later ones need a fresh parse of the changed text.
    result = applyChange(result, index === 0 ? root : undefined, change, formatting);
  });
  return result;
}

/** Builds a machine-applicable fix: edits against `text` computed with jsonc-parser's `modify`. */
export function buildFix(text: string, root: Node, spec: FixSpec): Fix | undefined {
  const edits = diffEdit(text, applyFixSpec(text, root, spec));
  if (edits.length === 0) return undefined;
  return { title: spec.title, edits, isPreferred: spec.preferred === true, isStrip: spec.strip === true };
}
