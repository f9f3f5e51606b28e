// A small LSP test client: starts the built server over stdio and speaks to it with vscode-jsonrpc.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_PATH = join(__dirname, '..', '..', 'server', 'out', 'server.js');

export interface StartOptions {
  /** Declare pull-diagnostics support, so the server answers textDocument/diagnostic instead of pushing. */
  pullDiagnostics?: boolean;
  /** The `revcent` settings section returned to workspace/configuration requests. */
  settings?: () => unknown;
  /** Options for the server's Node.js, e.g. `--expose-gc`. */
  nodeOptions?: string[];
  /** `initializationOptions`, as our VS Code client sends them. */
  initializationOptions?: unknown;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  private waiters: Waiter[] = [];
  private exited = false;

  private constructor(
    readonly connection: MessageConnection,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.nodeOptions ?? []), SERVER_PATH, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(connection, child);
    child.on('exit', () => {
      client.exited = true;
      client.notify();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.published.push(params);
      client.notify();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.notify();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => options.settings?.() ?? null),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          ...(options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false } } : {}),
          completion: { completionItem: { snippetSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** The server's process ID (for reading its memory use). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves when `condition` holds; fails after `timeoutMs` with `what` in the message. */
  waitFor(what: string, condition: () => boolean, timeoutMs = 10000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        check: () => condition() || this.exited,
        resolve: () => {
          clearTimeout(timer);
          if (this.exited && !condition()) reject(new Error(`Server exited while waiting for ${what}`));
          else resolve();
        },
      });
    });
  }

  /** The latest diagnostics published for `uri` at `version`. */
  async diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    const find = () => [...this.published].reverse().find((p) => p.uri === uri && p.version === version);
    await this.waitFor(`diagnostics for ${uri} v${version}`, () => find() !== undefined);
    return find()!;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'revcent-json', version, text },
    });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    if (!this.exited) {
      await this.connection.sendRequest('shutdown').catch(() => undefined);
      await this.connection.sendNotification('exit').catch(() => undefined);
      await this.waitFor('the server to exit', () => this.exited, 5000).catch(() => this.child.kill());
    }
    this.connection.dispose();
  }
}
