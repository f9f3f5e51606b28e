// The layers, kept by `npm run check:layers` (in `npm test`): imports run one way, bottom to top,
//   core ← rules ← catalog ← service ← send ← cli, server ; sandbox (catalog, core and send/redact only) ; client on top,
// with no cycle, type-only imports included. CONTRIBUTING.md draws the same picture.
const layer = (name) => `^server/src/${name}/`;
// The one exception: the sandbox's request log is redacted by the one redaction function, in send/.
const allowedAbove = { sandbox: '^server/src/send/redact[.]ts$' };
const above = {
  core: ['rules', 'catalog', 'service', 'send', 'cli', 'sandbox'],
  rules: ['catalog', 'service', 'send', 'cli', 'sandbox'],
  catalog: ['service', 'send', 'cli', 'sandbox'],
  service: ['send', 'cli', 'sandbox'],
  send: ['cli', 'sandbox'],
  sandbox: ['service', 'send', 'cli'],
};
const topFiles = '^server/src/(server|protocol)[.]ts$';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycle, not even a type-only one.', from: {}, to: { circular: true } },
    ...Object.entries(above).map(([name, higher]) => ({
      name: `${name}-imports-only-below`,
      severity: 'error',
      comment: `server/src/${name} must not import ${higher.join(', ')} or the server.`,
      from: { path: layer(name) },
      to: { path: [...higher.map(layer), topFiles, '^client/'], ...(allowedAbove[name] ? { pathNot: allowedAbove[name] } : {}) },
    })),
    {
      name: 'lsp-only-in-server-and-client',
      severity: 'error',
      comment: 'The language server protocol is wired in server.ts and the client; the layers below speak plain types.',
      from: { path: '^server/src/', pathNot: '^server/src/server[.]ts$' },
      to: { path: 'node_modules/(vscode-languageserver|vscode-languageclient|vscode-jsonrpc)/' },
    },
    {
      name: 'vscode-only-in-client',
      severity: 'error',
      comment: 'Only the extension (client/) may use the VS Code API.',
      from: { path: '^server/src/' },
      to: { path: '^vscode$', dependencyTypes: ['core', 'unknown', 'undetermined', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'client-uses-server-only-through-protocol-and-send',
      severity: 'error',
      comment: 'The client reaches the server code only through the shared protocol module and the send pipeline.',
      from: { path: '^client/' },
      to: { path: '^server/src/', pathNot: ['^server/src/protocol[.]ts$', layer('send'), layer('core')] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|server/out|client/out)' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
