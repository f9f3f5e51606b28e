// What the extension-host tests share: the workspace's examples/ folder, opening a file as a user does, polling
// (never a fixed sleep) for what the language server sends, and diagnostics written as `severity code range`.
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'revcent-payloads.revcent-payloads';
/** How long the language server may take to answer on a shared 2-core machine (the first answer starts it). */
export const SERVER_MS = 60_000;

/** The examples/ folder, opened as the workspace by both routes. */
export function examplesFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'no workspace folder is open: both routes open examples/');
  assert.equal(basename(folder.path), 'examples', `the workspace is ${folder.toString()}, not examples/`);
  return folder;
}

export function example(name: string): vscode.Uri {
  return vscode.Uri.joinPath(examplesFolder(), name);
}

/** The payload files of examples/, by name, sorted. */
export async function exampleNames(): Promise<string[]> {
  const entries = await vscode.workspace.fs.readDirectory(examplesFolder());
  return entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.revcent.json')).map(([name]) => name).sort();
}

/** Opens a file in an editor, as clicking it in the Explorer does. */
export async function openFile(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Reads `read()` every 100 ms until `done` holds, failing after `timeoutMs` with `what` and the last value read. */
export async function poll<T>(what: string, read: () => T | Thenable<T>, done: (value: T) => boolean, timeoutMs = SERVER_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last seen ${JSON.stringify(value)}`);
    await new Promise((next) => setTimeout(next, 100));
    value = await read();
  }
  return value;
}

const SEVERITY: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

/** `warning RC201 5:2-5:19`: severity, code and the 0-based range, as the Problems panel places it. */
export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${SEVERITY[diagnostic.severity]} ${codeOf(diagnostic)} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

/** The diagnostics of a document now, described and sorted. */
export function diagnosticsOf(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map(describeDiagnostic).sort();
}

/** Polls until the document's diagnostics are exactly `expected` (any order). */
export function waitForDiagnostics(uri: vscode.Uri, expected: string[], timeoutMs = SERVER_MS): Promise<string[]> {
  const wanted = JSON.stringify([...expected].sort());
  return poll(`${basename(uri.path)} shows ${wanted}`, () => diagnosticsOf(uri), (seen) => JSON.stringify(seen) === wanted, timeoutMs);
}

/** The plain text of hover contents (markdown or not). */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}
