// Read-only documents the extension shows (the request preview, the response, the two sides of a comparison): one
// content provider on the `revcent-view:` scheme; each view has a fixed path, so showing it again reuses its editor.
import { EventEmitter, Uri, ViewColumn, commands, languages, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';

export const VIEW_SCHEME = 'revcent-view';

export class ReadOnlyViews implements TextDocumentContentProvider, Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this);

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Sets the view named `path` (such as `/RevCent Response.json`) to `content`, without showing it. */
  private async set(path: string, content: string, language: string): Promise<Uri> {
    const uri = Uri.from({ scheme: VIEW_SCHEME, path });
    this.contents.set(uri.path, content);
    this.changed.fire(uri);
    const document = await workspace.openTextDocument(uri);
    if (document.languageId !== language) await languages.setTextDocumentLanguage(document, language);
    return uri;
  }

  /** Shows `content` in the view named `path`, beside the payload. */
  async show(path: string, content: string, language: string): Promise<void> {
    const document = await workspace.openTextDocument(await this.set(path, content, language));
    await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  /** Shows two views side by side in VS Code's diff editor, `left` as it is and `right` as it would be. */
  async showDiff(left: { path: string; content: string }, right: { path: string; content: string }, title: string, language = 'json'): Promise<void> {
    const [before, after] = [await this.set(left.path, left.content, language), await this.set(right.path, right.content, language)];
    await commands.executeCommand('vscode.diff', before, after, title, { viewColumn: ViewColumn.Beside, preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
