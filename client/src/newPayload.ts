// RevCent: New Payload…: the tasks of the guides (one per snippet, grouped by operation) in a quick pick; the one
// chosen opens as a new untitled payload from its snippet, the cursor on the first value to change.
import { readFileSync } from 'node:fs';
import { QuickPickItemKind, SnippetString, window, workspace, type ExtensionContext, type QuickPickItem } from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol';

interface TaskSnippet {
  prefix: string[];
  description: string;
  body: string[];
}

interface TaskItem extends QuickPickItem {
  body?: string;
}

/** The tasks, from the snippets file the package ships (the same one VS Code offers as snippets). */
export function taskItems(snippetsFile: string): TaskItem[] {
  const snippets = JSON.parse(readFileSync(snippetsFile, 'utf8')) as Record<string, TaskSnippet>;
  const byOperation = new Map<string, TaskItem[]>();
  for (const [title, snippet] of Object.entries(snippets)) {
    const operation = snippet.prefix[1] ?? 'Other';
    const items = byOperation.get(operation) ?? [];
    items.push({ label: title, detail: snippet.description.replace(`${operation}: `, ''), body: snippet.body.join('\n') });
    byOperation.set(operation, items);
  }
  return [...byOperation].flatMap(([operation, items]) => [{ label: operation, kind: QuickPickItemKind.Separator }, ...items]);
}

export async function newPayload(context: ExtensionContext): Promise<boolean> {
  const choice = await window.showQuickPick(taskItems(context.asAbsolutePath('snippets/revcent.code-snippets')), {
    title: 'RevCent: New Payload',
    placeHolder: 'What should the payload do?',
    matchOnDetail: true,
  });
  if (!choice?.body) return false;
  const document = await workspace.openTextDocument({ language: LANGUAGE_ID, content: '' });
  const editor = await window.showTextDocument(document);
  await editor.insertSnippet(new SnippetString(choice.body));
  return true;
}
