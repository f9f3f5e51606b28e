// Robustness of the built language server over stdio, fixed seed: malformed bytes on stdin (bad framing, non-JSON bodies, JSON that is not JSON-RPC) through our own RawServer client, and through LspTestClient unknown methods, closed and never-opened documents, and a burst of 10,000 incremental edits each followed by a request, checked against the engine on the same texts.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { createRevcentService } from '../../server/src/service';
import { analyzePayload } from '../../server/src/service/analyze';
import { LspTestClient, SERVER_PATH } from '../protocol/lspClient';

const ROOT = resolve(__dirname, '../..');
const SEED = 20261122;
const LONG = process.env.REVCENT_FUZZ === 'long';
/** Edits in the burst (the brief: 10,000), and in the long mode. */
const BURST_EDITS = LONG ? 50_000 : 10_000;
/** How long a healthy server may take to answer one small request. */
const ANSWER_TIMEOUT_MS = 3_000;
/** How long a server may take to start and initialise: the malformed-message tests start about 25 at once. */
const START_TIMEOUT_MS = 30_000;

const service = createRevcentService({ rulesDocumentUrl: 'file:///docs/rules.md' });

const TYPO = readFileSync(join(ROOT, 'test', 'fixtures', 'general', 'unknown-property-top-level.revcent.json'), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// RawServer: the built server with our own framing, so that any bytes can be written to its stdin.

interface Message {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

class RawServer {
  readonly messages: Message[] = [];
  stderr = '';
  exit: { code: number | null; signal: string | null } | undefined;
  private buffer = Buffer.alloc(0);
  private listeners: (() => void)[] = [];
  private nextId = 1000;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      this.exit = { code, signal };
      this.changed();
    });
    child.stdin.on('error', () => undefined); // writing to a server that exited: reported by the assertions
  }

  /**
   * Starts the server and initialises it (no workspace configuration, push diagnostics). A server that does not
   * initialise is stopped, so that its process cannot keep the test run alive.
   */
  static async start(): Promise<RawServer> {
    const server = new RawServer(spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' }));
    try {
      const id = server.nextId++;
      server.send({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      const response = await server.waitFor(`answer to initialize #${id}`, (message) => message.id === id && message.method === undefined, START_TIMEOUT_MS);
      assert.ok(response.result, `initialize failed: ${JSON.stringify(response)}`);
    } catch (error) {
      await server.stop();
      throw error;
    }
    server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    return server;
  }

  private parse(): void {
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      assert.ok(match, `the server wrote a message without Content-Length: ${this.buffer.subarray(0, headerEnd).toString()}`);
      const length = Number(match[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.messages.push(JSON.parse(body) as Message);
      this.changed();
    }
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Resolves with the first message matching `test`; rejects after `timeoutMs` or when the server exits. */
  waitFor(what: string, test: (message: Message) => boolean, timeoutMs = ANSWER_TIMEOUT_MS): Promise<Message> {
    return new Promise((resolveWith, reject) => {
      const check = () => {
        const found = this.messages.find(test);
        if (found) finish(() => resolveWith(found));
        else if (this.exit) finish(() => reject(new Error(`the server exited (${JSON.stringify(this.exit)}) before ${what}\n${this.stderr}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} within ${timeoutMs} ms`))), timeoutMs);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((listener) => listener !== check);
        then();
      };
      this.listeners.push(check);
      check();
    });
  }

  write(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** Writes, and resolves once the bytes are handed to the pipe (not merged with what is written next). */
  writeFlushed(bytes: string | Buffer): Promise<void> {
    return new Promise((resolveWritten, reject) => this.child.stdin.write(bytes, (error) => (error ? reject(error) : resolveWritten())));
  }

  send(message: Message): void {
    this.write(frame(JSON.stringify(message)));
  }

  request(method: string, params?: unknown): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    return this.waitFor(`answer to ${method} #${id}`, (message) => message.id === id && message.method === undefined);
  }

  /** Log messages the server sent (window/logMessage). */
  get logs(): string[] {
    return this.messages
      .filter((message) => message.method === 'window/logMessage')
      .map((message) => (message.params as { message: string }).message);
  }

  async stop(): Promise<void> {
    if (!this.exit) {
      this.child.kill();
      await new Promise((resolveExit) => this.child.once('exit', resolveExit));
    }
  }
}

const SYMBOLS_OF_NEVER_OPENED = { textDocument: { uri: 'file:///never-opened.revcent.json' } };

before(() => {
  assert.ok(existsSync(SERVER_PATH), `${SERVER_PATH} is missing: run "npm run build" first`);
});

// ---------------------------------------------------------------------------------------------------------------

describe('server fuzz: malformed messages on stdin', { concurrency: true }, () => {
  const servers: RawServer[] = [];
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  /** Writes the bad bytes, then asks for document symbols twice: both must be answered, the server still running. */
  async function survives(bytes: string | Buffer): Promise<RawServer> {
    const server = await RawServer.start();
    servers.push(server);
    server.write(bytes);
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await server.request('textDocument/documentSymbol', SYMBOLS_OF_NEVER_OPENED);
      assert.deepEqual(answer.result, [], JSON.stringify(answer));
    }
    assert.equal(server.exit, undefined, `the server exited: ${server.stderr}`);
    assert.ok(!server.logs.some((log) => /Unexpected error/.test(log)), server.logs.join('\n'));
    return server;
  }

  // Bodies that are framed correctly: the stream stays in step.
  const framed: [string, string | Buffer][] = [
    ['a body that is not JSON', frame('not json!')],
    ['a truncated JSON body', frame('{"jsonrpc": "2.0", "id": 5, "method": "textDocument/hov')],
    ['a body of invalid UTF-8 and NUL bytes', frame(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3]))],
    ['an empty body (Content-Length: 0)', 'Content-Length: 0\r\n\r\n'],
    ['valid JSON that is not JSON-RPC: an object', frame('{"hello": 1}')],
    ['valid JSON that is not JSON-RPC: an array (a batch)', frame('[{"jsonrpc": "2.0", "id": 6, "method": "shutdown"}]')],
    ['valid JSON that is not JSON-RPC: a number', frame('42')],
    ['valid JSON that is not JSON-RPC: null', frame('null')],
    ['a request without a method', frame('{"jsonrpc": "2.0", "id": 7}')],
    ['a request whose method is a number', frame('{"jsonrpc": "2.0", "id": 8, "method": 5}')],
    ['a request whose id is an object', frame('{"jsonrpc": "2.0", "id": {"a": 1}, "method": "textDocument/hover"}')],
    ['a response to a request never made', frame('{"jsonrpc": "2.0", "id": 424242, "result": {}}')],
    ['hover with no params', frame('{"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover"}')],
    ['hover with empty params', frame('{"jsonrpc": "2.0", "id": 10, "method": "textDocument/hover", "params": {}}')],
    ['hover with a position of strings', frame('{"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover", "params": {"textDocument": {"uri": "file:///a.revcent.json"}, "position": {"line": "x", "character": null}}}')],
    ['didOpen with empty params', frame('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {}}')],
    ['didOpen with text null', frame('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///n.revcent.json", "languageId": "revcent-json", "version": 1, "text": null}}}')],
    ['didChange with a range past the end', frame('{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///never.revcent.json", "version": 2}, "contentChanges": [{"range": {"start": {"line": 99, "character": 0}, "end": {"line": 99, "character": 5}}, "text": "x"}]}}')],
    ['a header with an unknown charset', 'Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\n\r\n{}'],
  ];
  for (const [name, bytes] of framed) {
    it(`${name}: the server keeps answering`, async () => {
      await survives(bytes);
    });
  }

  it('a non-numeric Content-Length with no body: the server keeps answering', async () => {
    await survives('Content-Length: abc\r\n\r\n');
  });

  // D4: after a framing error, the bytes that follow the bad header are taken as the next header, and so on: the
  // reader never finds its way back to the next "Content-Length:" line, and every later request goes unanswered.
  const unframed: [string, string][] = [
    ['a non-numeric Content-Length followed by a body', 'Content-Length: abc\r\n\r\n{}'],
    ['a header without Content-Length followed by a body', 'X-Custom: 1\r\n\r\n{}'],
    ['a negative Content-Length followed by a body', 'Content-Length: -5\r\n\r\n{}'],
    ['a Content-Length shorter than its body', 'Content-Length: 5\r\n\r\n{"jsonrpc": "2.0", "id": 12, "method": "shutdown"}'],
    ['a line of text that is no header at all', 'hello world\r\n'],
  ];
  for (const [name, bytes] of unframed) {
    it(`D4: ${name}: the server finds the next message and keeps answering`, async () => {
      await survives(bytes);
    });
  }

  it('a Content-Length far longer than what follows: the server waits for the body, then answers it', async () => {
    const server = await RawServer.start();
    servers.push(server);
    const id = 9001;
    // A request padded with 1 MB of white space: the header announces far more than the first write holds, and
    // far more than a pipe carries at once (64 KB), so the server has to keep the partial body across many reads.
    const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/documentSymbol', params: SYMBOLS_OF_NEVER_OPENED }) + ' '.repeat(1 << 20);
    const before = server.messages.length;
    await server.writeFlushed(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`);
    // The barrier, instead of a sleep: the rest of the body, then its answer. It fails if the server exits on the
    // long header or the partial body (the wait rejects when it exits), gives up on the partial message and reads
    // the rest as garbage (no answer comes), or answers before the body is complete (a parse error or another
    // answer comes first).
    server.write(body.slice(20));
    const answer = await server.waitFor(`answer to #${id}`, (message) => message.id === id && message.method === undefined);
    assert.deepEqual(answer.result, [], JSON.stringify(answer));
    const early = server.messages.slice(before).filter((message) => message !== answer && message.method !== 'window/logMessage');
    assert.deepEqual(early, [], 'the server answered something else before the whole message arrived');
    assert.equal(server.exit, undefined, `the server exited: ${server.stderr}`);
  });

  it('1 MB of random bytes: the server skips them and answers the next requests', async () => {
    const noise = Buffer.alloc(1 << 20);
    for (let i = 0, x = SEED; i < noise.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      noise[i] = x & 0xff; // xorshift32 from the seed: the same bytes every run
    }
    await survives(noise);
  });
});

describe('server fuzz: unknown methods', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: () => ({ rules: {} }) });
  });
  after(async () => {
    await client.stop();
  });

  for (const method of ['revcent/doesNotExist', 'textDocument/notAThing', '$/revcentUnknown']) {
    it(`a request for ${method} is answered with MethodNotFound (-32601)`, async () => {
      await assert.rejects(client.request(method, { a: 1 }), (error: { code?: number }) => {
        assert.equal(error.code, -32601);
        return true;
      });
    });
  }

  it('an unknown notification is ignored, and the server keeps answering', async () => {
    const logsBefore = client.logs.length;
    await client.connection.sendNotification('revcent/doesNotExist', { a: 1 });
    await client.connection.sendNotification('$/revcentUnknown', {});
    assert.deepEqual(await client.request('textDocument/documentSymbol', SYMBOLS_OF_NEVER_OPENED), []);
    assert.ok(client.isRunning);
    assert.deepEqual(client.logs.slice(logsBefore).filter((log) => /failed|error/i.test(log)), []);
  });
});

describe('server fuzz: closed and never-opened documents', () => {
  for (const pullDiagnostics of [false, true]) {
    describe(pullDiagnostics ? 'pull diagnostics' : 'push diagnostics', () => {
      let client: LspTestClient;
      before(async () => {
        client = await LspTestClient.start({ pullDiagnostics, settings: () => ({ rules: {} }) });
      });
      after(async () => {
        await client.stop();
      });

      /** Every request on `uri` answers empty, without an error and without a "failed" log. */
      async function answersEmpty(uri: string): Promise<void> {
        const logsBefore = client.logs.length;
        const position = { line: 1, character: 4 };
        const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
        assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
        assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position }), { isIncomplete: false, items: [] });
        assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
        const diagnostic = { range, message: 'x', source: 'revcent', code: 'RC010', data: { pointer: '/nmae' } };
        assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [diagnostic] } }), []);
        if (pullDiagnostics) {
          assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri } }), { kind: 'full', items: [] });
        }
        assert.deepEqual(client.logs.slice(logsBefore).filter((log) => /failed|error/i.test(log)), []);
        assert.ok(client.isRunning);
      }

      it('requests for a document never opened answer empty', async () => {
        await answersEmpty('file:///work/never-opened.revcent.json');
      });

      it('didChange and didClose for a document never opened are ignored', async () => {
        const uri = 'file:///work/ghost.revcent.json';
        await client.change(uri, 2, '{"$operation": "EnableCustomer"}');
        await client.close(uri);
        await answersEmpty(uri);
      });

      it('requests for a document after it was closed answer empty', async () => {
        const uri = `file:///work/closed-${pullDiagnostics ? 'pull' : 'push'}.revcent.json`;
        await client.open(uri, TYPO);
        if (pullDiagnostics) {
          const report = await client.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
          assert.ok(report.items.length > 0);
        } else {
          assert.ok((await client.diagnosticsFor(uri, 1)).diagnostics.length > 0);
        }
        await client.close(uri);
        if (!pullDiagnostics) {
          await client.waitFor('the diagnostics to be cleared', () => client.published.at(-1)?.uri === uri && client.published.at(-1)!.diagnostics.length === 0);
        }
        await answersEmpty(uri);
      });

      it('a document closed while its edits are still being debounced gets no diagnostics after the close', async () => {
        const uri = `file:///work/closing-${pullDiagnostics ? 'pull' : 'push'}.revcent.json`;
        await client.open(uri, TYPO);
        for (let version = 2; version < 20; version++) await client.change(uri, version, TYPO.replace('nmae', `nmae${version}`));
        await client.close(uri);
        // The barrier, instead of a sleep: an edit of another document, checked after its own debounce. Pushed
        // checks are debounce timers of the same length, which fire in the order they were set, and pulled
        // diagnostics wait out the debounce since the last edit: a check still pending for the closed document
        // (a close that no longer cancels it, or a check that keeps the closed document) would be published
        // before the barrier's diagnostics arrive, and the assertion below would see it.
        const barrier = `file:///work/barrier-${pullDiagnostics ? 'pull' : 'push'}.revcent.json`;
        await client.open(barrier, TYPO);
        await client.change(barrier, 2, TYPO.replace('nmae', 'nmae2'));
        if (pullDiagnostics) assert.ok(((await client.request('textDocument/diagnostic', { textDocument: { uri: barrier } })) as { items: unknown[] }).items.length > 0);
        else assert.ok((await client.diagnosticsFor(barrier, 2)).diagnostics.length > 0);
        await client.close(barrier);
        const last = [...client.published].reverse().find((p) => p.uri === uri);
        if (last) assert.deepEqual(last.diagnostics, [], `diagnostics published after the close: ${JSON.stringify(last)}`);
        await answersEmpty(uri);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// 10,000 incremental edits in a burst, each followed by a request; the server's answers and its published
// diagnostics are compared with the engine on the same texts.

type EditSpec =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replaceAll'; base: number };

const CORPUS = [
  TYPO,
  ...['rename-customer-group', 'portal-permissions', 'create-customer'].map((name) => readFileSync(join(ROOT, 'examples', `${name}.revcent.json`), 'utf8')),
];

const editArbitrary: fc.Arbitrary<EditSpec> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('a', 'e', '1', ' ', '"', ',', ':', '\n', '{', '}', '[', ']', '"nmae": 1,', '// x\n', '\r\n', 'é', '😀') }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replaceAll' as const), base: fc.nat({ max: CORPUS.length - 1 }) }) },
);

/** The edits as LSP content changes, applied to `mirror` as they are made (ranges are on the text before each). */
function toChange(mirror: TextDocument, spec: EditSpec): TextDocumentContentChangeEvent {
  const text = mirror.getText();
  if (spec.kind === 'replaceAll') return { text: CORPUS[spec.base] };
  const at = spec.at % (text.length + 1);
  const start = mirror.positionAt(at);
  if (spec.kind === 'insert') return { range: { start, end: start }, text: spec.text };
  return { range: { start, end: mirror.positionAt(Math.min(text.length, at + spec.length)) }, text: '' };
}

/** Codes and ranges: what must agree between the server's diagnostics and the engine's. */
function shape(diagnostics: { code?: string | number; range: unknown }[]): string[] {
  return diagnostics.map((d) => `${String(d.code)} ${JSON.stringify(d.range)}`).sort();
}

function engineShape(text: string): string[] {
  return shape(analyzePayload(text).diagnostics);
}

describe('server fuzz: a burst of incremental edits', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ settings: () => ({ rules: {} }) });
  });
  after(async () => {
    await client.stop();
  });

  it(`${BURST_EDITS} didChange edits, each followed by a hover or documentSymbol request`, async (t) => {
    const uri = 'file:///work/burst.revcent.json';
    const mirror = TextDocument.create(uri, 'revcent-json', 1, TYPO);
    const texts = new Map<number, string>([[1, TYPO]]);
    await client.open(uri, TYPO);
    await client.diagnosticsFor(uri, 1);

    const specs = fc.sample(editArbitrary, { seed: SEED, numRuns: BURST_EDITS });
    // The last edits type into a known payload, so that the final text has real findings to compare.
    specs.splice(-10, 10, { kind: 'replaceAll', base: 0 }, ...Array.from({ length: 9 }, (_, i) => ({ kind: 'insert' as const, at: 60 + i, text: 'x' })));
    const positions = fc.sample(fc.nat(), { seed: SEED + 1, numRuns: BURST_EDITS });

    const started = performance.now();
    const answers: Promise<{ step: number; ok: boolean; detail?: string }>[] = [];
    const sends: Promise<void>[] = [];
    for (let step = 0; step < specs.length; step++) {
      const version = step + 2;
      const change = toChange(mirror, specs[step]);
      TextDocument.update(mirror, [change], version);
      texts.set(version, mirror.getText());
      sends.push(client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }));
      // Ask right after the edit; the answer must be the one for this very text.
      const text = mirror.getText();
      const snapshot = TextDocument.create(uri, 'revcent-json', version, text);
      const request =
        step % 2 === 0
          ? (() => {
              const position = snapshot.positionAt(positions[step] % (text.length + 1));
              const expected = JSON.parse(JSON.stringify(service.hover(snapshot, position) ?? null));
              return client.request('textDocument/hover', { textDocument: { uri }, position }).then((got) => ({ got, expected }));
            })()
          : (() => {
              const expected = JSON.parse(JSON.stringify(service.documentSymbols(snapshot)));
              return client.request('textDocument/documentSymbol', { textDocument: { uri } }).then((got) => ({ got, expected }));
            })();
      answers.push(
        request.then(
          ({ got, expected }) => {
            try {
              assert.deepEqual(got, expected);
              return { step, ok: true };
            } catch {
              return { step, ok: false, detail: `answer differs from the engine's on version ${version}: ${JSON.stringify(got).slice(0, 300)}` };
            }
          },
          (error: Error) => ({ step, ok: false, detail: `request failed: ${error.message}` }),
        ),
      );
    }
    await Promise.all(sends);
    const results = await Promise.all(answers);
    const failed = results.filter((result) => !result.ok);
    const finalVersion = specs.length + 1;
    const final = await client.diagnosticsFor(uri, finalVersion);
    const publishedCount = client.published.filter((p) => p.uri === uri).length;
    t.diagnostic(`${specs.length} edits and ${results.length} requests answered in ${(performance.now() - started).toFixed(0)} ms; ${publishedCount} diagnostics sets published`);

    assert.deepEqual(failed.slice(0, 5), [], `${failed.length} of ${results.length} requests failed or answered for another text`);
    assert.ok(client.isRunning);
    // The final diagnostics are those of the final text: same codes and ranges as the engine.
    assert.equal(mirror.getText(), texts.get(finalVersion));
    assert.deepEqual(shape(final.diagnostics), engineShape(mirror.getText()));
    assert.ok(final.diagnostics.length > 0, 'the final text should have findings to compare');
    // Every set of diagnostics published for this document matched the text of its version.
    const published = client.published.filter((p: PublishDiagnosticsParams) => p.uri === uri && p.version !== undefined);
    const stale = published.filter((p) => JSON.stringify(shape(p.diagnostics)) !== JSON.stringify(engineShape(texts.get(p.version!)!)));
    assert.deepEqual(stale.map((p) => p.version), [], 'diagnostics published for a version that do not match its text');
  });
});
