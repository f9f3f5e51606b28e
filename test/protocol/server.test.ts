// The built language server over stdio, driven by a real JSON-RPC client: what an editor would see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  Hover,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { LspTestClient } from './lspClient';
import { SendPlanRequest } from '../../server/src/protocol';
import { openapiRouteSource, routesFromSpec, routeSourceToWire } from '../../server/src/send/routeTable';
import { catalogSpec } from '../send/recordingServer';

const RENAME_TYPO = `{
  "$operation": "EditCustomerGroup",
  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",
  "nmae": "VIP Customers"
}
`;

const PORTAL_WITH_UNRELATED = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  // only the name should change
  "name": "Brand A Customer Portal",
  "customer_permissions": {},
  "customer_filters": {}
}
`;

function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'revcent-json', 1, text), edits);
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

describe('language server over stdio (push diagnostics)', () => {
  let client: LspTestClient;
  let settings: unknown = { rules: {} };

  before(async () => {
    client = await LspTestClient.start({ settings: () => settings });
  });
  after(async () => {
    await client.stop();
  });

  it('publishes diagnostics on open, with code, rule link, source and JSON pointer', async () => {
    const uri = 'file:///work/rename.revcent.json';
    await client.open(uri, RENAME_TYPO);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(codes(diagnostics), ['RC010']);
    const [unknown] = diagnostics;
    assert.equal(unknown.source, 'revcent');
    assert.equal(unknown.severity, 1);
    assert.deepEqual(unknown.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } });
    assert.match(unknown.codeDescription!.href, /rules\.md#rc010-unknown-property$/);
    assert.deepEqual(unknown.data, { pointer: '/nmae' });
    assert.match(unknown.message as string, /Did you mean `name`\?/);
  });

  it('offers the rename as the preferred quick fix, chosen by rule code', async () => {
    const uri = 'file:///work/rename.revcent.json';
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    const rename = actions.find((action) => action.isPreferred)!;
    assert.equal(rename.title, 'Rename to `name`');
    assert.equal(rename.kind, 'quickfix');
    assert.equal(applyEdits(RENAME_TYPO, editsOf(rename, uri)), RENAME_TYPO.replace('"nmae"', '"name"'));
    assert.ok(actions.some((action) => action.title === 'Ignore RC010 on this line'));
  });

  it('re-validates on change and shows only syntax errors while the file does not parse', async () => {
    const uri = 'file:///work/rename.revcent.json';
    const broken = RENAME_TYPO.replace('"nmae": "VIP Customers"', '"name": "VIP Customers",, "enabled": "yes"');
    await client.change(uri, 2, broken);
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    assert.ok(diagnostics.length > 0);
    assert.deepEqual([...new Set(codes(diagnostics))], ['RC001']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    });
    assert.deepEqual(actions, []);
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = 'file:///work/rename.revcent.json';
    const before = client.published.length;
    await client.close(uri);
    await client.waitFor('cleared diagnostics', () => client.published.slice(before).some((p) => p.uri === uri && p.diagnostics.length === 0));
  });

  it('answers hover with the field documentation', async () => {
    const uri = 'file:///work/hover.revcent.json';
    await client.open(uri, RENAME_TYPO.replace('nmae', 'name'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 30 } });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /customer group/i);
  });

  it('completes property names that are not present yet', async () => {
    const uri = 'file:///work/complete.revcent.json';
    const text = '{\n  "$operation": "EditCustomerGroup",\n  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",\n  \n}\n';
    await client.open(uri, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } });
    const labels = list.items.map((item) => item.label);
    assert.ok(labels.includes('qualifier_method'), labels.join(','));
    assert.ok(!labels.includes('customer_group_id'));
  });

  it('lists the payload fields as document symbols', async () => {
    const uri = 'file:///work/hover.revcent.json';
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['$operation', 'customer_group_id', 'name']);
  });

  it('applies "strip all unrelated fields" and "fix all" as whole-file source actions', async () => {
    const uri = 'file:///work/portal.revcent.json';
    await client.open(uri, PORTAL_WITH_UNRELATED);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.deepEqual(codes(diagnostics).filter((code) => code === 'RC026'), ['RC026', 'RC026']);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [strip] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['source.stripUnrelatedFields'] },
    });
    const expected = `{
  "$operation": "EditCustomerPortal",
  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",
  // only the name should change
  "name": "Brand A Customer Portal"
}
`;
    assert.equal(strip.title, 'Strip all unrelated fields');
    assert.equal(applyEdits(PORTAL_WITH_UNRELATED, editsOf(strip, uri)), expected);
    // "Fix all" (also run on save) corrects the typo and leaves the empty objects for the user to strip.
    const typoUri = 'file:///work/portal-typo.revcent.json';
    const withTypo = PORTAL_WITH_UNRELATED.replace('"name"', '"nmae"');
    await client.open(typoUri, withTypo);
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: typoUri },
      range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(fixAll.kind, 'source.fixAll.revcent');
    assert.equal(applyEdits(withTypo, editsOf(fixAll, typoUri)), PORTAL_WITH_UNRELATED);
  });

  it('honours per-rule settings and picks up configuration changes', async () => {
    const uri = 'file:///work/settings.revcent.json';
    const text = '{\n  "$operation": "EditCustomerGroup",\n  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",\n  "qualifier_method": "none",\n  "qualifiers": {}\n}\n';
    await client.open(uri, text);
    assert.deepEqual(codes((await client.diagnosticsFor(uri, 1)).diagnostics), ['RC024']);
    settings = { rules: { RC024: 'off' } };
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { revcent: settings } });
    await client.waitFor('diagnostics after the settings change', () =>
      client.published.slice(before).some((p) => p.uri === uri && p.diagnostics.length === 0),
    );
    settings = { rules: {} };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { revcent: settings } });
  });

  it('honours a revcent-disable-next-line comment', async () => {
    const uri = 'file:///work/suppressed.revcent.json';
    const text = RENAME_TYPO.replace('  "nmae"', '  // revcent-disable-next-line RC010 -- legacy field, reviewed\n  "nmae"');
    await client.open(uri, text);
    assert.deepEqual((await client.diagnosticsFor(uri, 1)).diagnostics, []);
  });

  it('survives a request that throws: logs it, answers, and keeps serving', async () => {
    const uri = 'file:///work/hover.revcent.json';
    const answer = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: null });
    assert.equal(answer, null);
    await client.waitFor('the error in the log', () => client.logs.some((log) => log.startsWith('Hover failed')));
    assert.ok(client.isRunning);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 30 } });
    assert.ok(hover);
  });

  it('answers revcent/sendPlan with the plan of the open text (REST and MCP), and refuses a document that is not open', async () => {
    const uri = 'file:///work/send-plan.revcent.json';
    await client.open(uri, PORTAL_WITH_UNRELATED.replace('  "customer_permissions": {},\n  "customer_filters": {}\n', '  "display_name": "Brand A"\n').replace('"Brand A Customer Portal",', '"Brand A Customer Portal",'));
    const baseUrl = 'https://api.example.test/v2';
    const routes = routeSourceToWire(openapiRouteSource(baseUrl, routesFromSpec(catalogSpec())));
    const rest = await client.request<SendPlanRequest.Result>(SendPlanRequest.method, { uri, target: { transport: 'rest', baseUrl, routes } } satisfies SendPlanRequest.Params);
    assert.equal(rest.canSend, true, rest.refusal);
    assert.deepEqual([rest.operation, rest.targetId, rest.request?.method, rest.request?.url], ['EditCustomerPortal', 'Vb8NcQ2rTm5XkL9wPz3H', 'POST', `${baseUrl}/customer_portals/Vb8NcQ2rTm5XkL9wPz3H`]);
    assert.equal(rest.request?.body, '{"name":"Brand A Customer Portal","display_name":"Brand A"}');
    assert.deepEqual(rest.changedFields, ['name', 'display_name']);
    const mcp = await client.request<SendPlanRequest.Result>(SendPlanRequest.method, { uri, target: { transport: 'mcp', url: 'https://mcp.example.test/mcp' } });
    assert.deepEqual([mcp.canSend, mcp.toolCall?.tool, mcp.request], [true, 'EditCustomerPortal', undefined]);
    const closed = await client.request<SendPlanRequest.Result>(SendPlanRequest.method, { uri: 'file:///work/not-open.revcent.json', target: { transport: 'mcp', url: 'https://mcp.example.test/mcp' } });
    assert.deepEqual([closed.canSend, closed.refusal], [false, 'Open the payload file (*.revcent.json) to send it.']);
    await client.close(uri);
  });

  it('answers requests for a document that is not open with an empty result', async () => {
    const uri = 'file:///work/never-opened.revcent.json';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });

  it('after 1,000 rapid edits, publishes diagnostics for the final text only', async () => {
    const uri = 'file:///work/burst.revcent.json';
    const textAt = (version: number) =>
      `{\n  "$operation": "EditCustomerGroup",\n  "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7",\n  "name": "Group ${version}"${version % 2 ? ',\n  "nmae": "typo"' : ''}\n}\n`;
    await client.open(uri, textAt(1));
    await client.diagnosticsFor(uri, 1);
    const start = client.published.length;
    for (let version = 2; version <= 1001; version++) void client.change(uri, version, textAt(version));
    const final = await client.diagnosticsFor(uri, 1001);
    assert.deepEqual(codes(final.diagnostics), ['RC010']); // version 1001 is odd: it has the typo
    const forThisFile = client.published.slice(start).filter((p) => p.uri === uri);
    const versions = forThisFile.map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'an older version was published after a newer one');
    assert.ok(forThisFile.length < 100, `published ${forThisFile.length} times for 1,000 edits: not debounced`);
    // Nothing for an older version arrives once the final one is out.
    const lastHover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 30 } });
    assert.ok(lastHover);
    assert.equal(client.published.filter((p) => p.uri === uri).at(-1)!.version, 1001);
  });
});

describe('language server over stdio (pull diagnostics)', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true });
  });
  after(async () => {
    await client.stop();
  });

  it('answers textDocument/diagnostic and does not push', async () => {
    const uri = 'file:///work/pull.revcent.json';
    await client.open(uri, RENAME_TYPO);
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes((report as { items: Diagnostic[] }).items), ['RC010']);
    assert.deepEqual(client.published.filter((p) => p.uri === uri), []);
  });
});

describe('language server over stdio (pull diagnostics while typing)', () => {
  // A long debounce, so that the pulls below are still waiting when the next message arrives.
  const DEBOUNCE_MS = 1000;
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pullDiagnostics: true, settings: () => ({ diagnostics: { debounce: DEBOUNCE_MS } }) });
  });
  after(async () => {
    await client.stop();
  });

  it('answers a pull cancelled while it waits out the debounce with RequestCancelled, not an empty report', async () => {
    const uri = 'file:///work/typing-cancel.revcent.json';
    await client.open(uri, RENAME_TYPO);
    await client.change(uri, 2, RENAME_TYPO.replace('nmae', 'nmaee'));
    const cancellation = new CancellationTokenSource();
    const pulled = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cancellation.token);
    cancellation.cancel();
    await assert.rejects(pulled, (error: { code?: number }) => {
      assert.equal(error.code, LSPErrorCodes.RequestCancelled);
      return true;
    });
  });

  it('answers a pull made mid-typing with the diagnostics of the text once the typing paused', async () => {
    const uri = 'file:///work/typing.revcent.json';
    await client.open(uri, RENAME_TYPO);
    await client.change(uri, 2, RENAME_TYPO.replace('nmae', 'nam'));
    const midTyping = client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    await client.change(uri, 3, RENAME_TYPO.replace('nmae', 'name'));
    const report = (await midTyping) as { kind: string; items: Diagnostic[] };
    assert.equal(report.kind, 'full');
    assert.deepEqual(codes(report.items), [], 'the pull answered for a text that had already changed');
  });
});

describe('language server over stdio: the literal reCAPTCHA secret fix', () => {
  const SECRET = '6LcExampleSecretKeyForBrandA0000000000';
  const TEXT = `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "Vb8NcQ2rTm5XkL9wPz3H",\n  "enabled": false,\n  "recaptcha": { "site_key": "6LcExampleSiteKeyForBrandA000000000000", "secret_key": "${SECRET}" }\n}\n`;
  const STORE = 'Store the secret in VS Code and use "${secret:RECAPTCHA_SECRET_KEY}"';
  const REPLACE = 'Replace the secret with "${secret:RECAPTCHA_SECRET_KEY}"';

  async function actionsFor(client: LspTestClient): Promise<CodeAction[]> {
    const uri = 'file:///work/literal-secret.revcent.json';
    await client.open(uri, TEXT);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const literal = diagnostics.filter((diagnostic) => diagnostic.code === 'RC210');
    assert.equal(literal.length, 1);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: literal[0].range, context: { diagnostics: literal } });
  }

  it('our VS Code client gets the fix that stores the value (the edit, then revcent.setSecret with name and value)', async () => {
    const client = await LspTestClient.start({ initializationOptions: { secretStorage: true, fixAppliedCommand: true } });
    try {
      const actions = await actionsFor(client);
      const store = actions.find((action) => action.title === STORE)!;
      assert.ok(store, actions.map((action) => action.title).join('\n'));
      assert.equal(store.isPreferred, true);
      assert.deepEqual(store.command, { title: STORE, command: 'revcent.setSecret', arguments: ['RECAPTCHA_SECRET_KEY', SECRET] });
      assert.equal(applyEdits(TEXT, editsOf(store, 'file:///work/literal-secret.revcent.json')), TEXT.replace(SECRET, '${secret:RECAPTCHA_SECRET_KEY}'));
      // Every other quick fix tells the client it was applied (the walkthrough's "apply its fix" step).
      assert.deepEqual(actions.find((action) => action.title === REPLACE)?.command, { title: REPLACE, command: 'revcent.quickFixApplied' });
      assert.equal(actions.find((action) => action.title === 'Ignore RC210 on this line')?.command, undefined);
    } finally {
      await client.stop();
    }
  });

  it('another editor gets only the replacement: it has nowhere to store the value', async () => {
    const client = await LspTestClient.start();
    try {
      const actions = await actionsFor(client);
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes(REPLACE) && !titles.includes(STORE), titles.join('\n'));
      assert.ok(actions.every((action) => action.command === undefined), 'no client command for another editor');
    } finally {
      await client.stop();
    }
  });
});
