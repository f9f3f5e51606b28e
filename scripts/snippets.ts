// Renders snippets/revcent.code-snippets from examples/: one snippet per task, its comments kept, with tab stops on
// the values a user changes (IDs first, then the top-level values; true/false as a choice). `New Payload…` reads
// the same file, so the snippets, the command and the examples cannot drift. An example that shows a warning on
// purpose (a demonstration, such as the one-template portal edit) is no starting point and gets no snippet.
// Run with `npm run snippets`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseTree, type Node } from 'jsonc-parser';
import { escapeSnippet } from '../server/src/core/snippet';
import { analyzePayload } from '../server/src/service/analyze';

const root = join(__dirname, '..');
const EXAMPLES = join(root, 'examples');
export const SNIPPETS_FILE = join(root, 'snippets', 'revcent.code-snippets');
const ID = /^[A-Za-z0-9]{20}$/;

export interface TaskSnippet {
  prefix: string[];
  description: string;
  body: string[];
}

/** "rename-customer-portal" → "Rename customer portal". */
function taskTitle(file: string): string {
  const words = file.replace(/\.revcent\.json$/, '').split('-');
  return [words[0][0].toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

/** The values that get a tab stop, in the order the user meets them: IDs anywhere, then top-level values. */
function stopNodes(root: Node): Node[] {
  const ids: Node[] = [];
  const walk = (node: Node) => {
    if (node.type === 'string' && ID.test(String(node.value))) ids.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  const topLevel: Node[] = [];
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || String(key.value).startsWith('$')) continue;
    walk(value);
    if (['string', 'number', 'boolean'].includes(value.type) && !ids.includes(value)) topLevel.push(value);
  }
  return [...ids, ...topLevel];
}

/** Text outside a placeholder: only `$` and `\` are special there. */
function escapeText(text: string): string {
  return text.replace(/[\\$]/g, '\\$&');
}

/** The example's text as a snippet: tab stops around the chosen values, everything else escaped. */
function snippetBody(text: string): string[] {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) throw new Error('an example does not parse');
  const stops = stopNodes(tree).sort((a, b) => a.offset - b.offset);
  const order = new Map(stopNodes(tree).map((node, index) => [node, index + 1]));
  let body = '';
  let at = 0;
  for (const node of stops) {
    body += escapeText(text.slice(at, node.offset));
    const stop = order.get(node)!;
    if (node.type === 'boolean') body += `\${${stop}|${node.value},${!node.value}|}`;
    else if (node.type === 'string') body += `"\${${stop}:${escapeSnippet(text.slice(node.offset + 1, node.offset + node.length - 1))}}"`;
    else body += `\${${stop}:${escapeSnippet(text.slice(node.offset, node.offset + node.length))}}`;
    at = node.offset + node.length;
  }
  body += escapeText(text.slice(at));
  return body.replace(/\s+$/, '').replace(/ {2}/g, '\t').split('\n');
}

/** The examples that are starting points: every one without an error or a warning, by file name. */
export function taskExamples(): string[] {
  return readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.revcent.json'))
    .sort()
    .filter((file) => !analyzePayload(readFileSync(join(EXAMPLES, file), 'utf8')).diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'));
}

/** One snippet per task example, by task title. */
export function renderSnippets(): Record<string, TaskSnippet> {
  const snippets: Record<string, TaskSnippet> = {};
  for (const file of taskExamples()) {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const operation = String((parse(text) as Record<string, unknown>).$operation);
    const description = /^\/\/\s*(.*)$/m.exec(text)?.[1] ?? operation;
    snippets[taskTitle(file)] = { prefix: [`revcent-${file.replace(/\.revcent\.json$/, '')}`, operation], description: `${operation}: ${description}`, body: snippetBody(text) };
  }
  return snippets;
}

export function snippetsFileText(): string {
  return `${JSON.stringify(renderSnippets(), null, 2)}\n`;
}

if (require.main === module) writeFileSync(SNIPPETS_FILE, snippetsFileText());
