// Read-only documents the extension shows (the request preview, the response): one content provider on the
// `revcent-view:` scheme; each view has a fixed path, so showing it again reuses its editor.
import { EventEmitter, Uri, ViewColumn, languages, window, workspace, type Disposable, type TextDocumentContentProvider } from 'vscode';

export const VIEW_SCHEME = 'revcent-view';

export class ReadOnlyViews implements TextDocumentContentProvider, Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = workspace.registerTextDocumentContentProvider(VIEW_SCHEME, this);

  provideTextDocumentContent(uri: Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Shows `content` in the view named `path` (such as `/RevCent Response.json`), beside the payload. */
  async show(path: string, content: string, language: string): Promise<void> {
    const uri = Uri.from({ scheme: VIEW_SCHEME, path });
    this.contents.set(uri.path, content);
    this.changed.fire(uri);
    const document = await workspace.openTextDocument(uri);
    if (document.languageId !== language) await languages.setTextDocumentLanguage(document, language);
    await window.showTextDocument(document, { viewColumn: ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
