// Builds the bundles (esbuild; type-checking is `npm run typecheck`) and the per-operation JSON Schemas.
// `--production [--out-dir DIR]`: only what the packaged extension ships (scripts/package.ts), minified and without
// source maps, into DIR (default: this checkout).
import { build, type Plugin } from 'esbuild';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { operations } from '../server/src/catalog';
import { operationJsonSchema } from '../server/src/catalog/jsonSchema';

const root = join(__dirname, '..');
const production = process.argv.includes('--production');
const outDirFlag = process.argv.indexOf('--out-dir');
const outDir = outDirFlag === -1 ? root : resolve(process.argv[outDirFlag + 1]);

/**
 * What the client needs only to send or read a record (the HTTP client and the MCP SDK, about half of the client
 * otherwise): bundled on their own into client/out/transports.js, and loaded from there the first time one of their
 * exports is used, so that activating the extension does not load them.
 */
const TRANSPORTS: Record<string, string> = {
  undici: 'undici',
  mcpClient: '@modelcontextprotocol/sdk/client/index.js',
  mcpStreamableHttp: '@modelcontextprotocol/sdk/client/streamableHttp.js',
  mcpTypes: '@modelcontextprotocol/sdk/types.js',
};

/** In the client bundle, each transport module becomes an object of getters that load client/out/transports.js. */
async function lazyTransports(): Promise<Plugin> {
  const modules = new Map<string, { key: string; names: string[] }>();
  for (const [key, specifier] of Object.entries(TRANSPORTS)) {
    const names = Object.keys((await import(specifier)) as object).filter((name) => name !== 'default' && name !== '__esModule');
    modules.set(specifier, { key, names });
  }
  const filter = new RegExp(`^(${[...modules.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-transports',
    setup(plugin) {
      plugin.onResolve({ filter }, (args) => (args.namespace === 'lazy-transport' ? undefined : { path: args.path, namespace: 'lazy-transport' }));
      plugin.onResolve({ filter: /^\.\/transports\.js$/, namespace: 'lazy-transport' }, () => ({ path: './transports.js', external: true }));
      plugin.onLoad({ filter: /.*/, namespace: 'lazy-transport' }, (args) => {
        const { key, names } = modules.get(args.path)!;
        const getters = names.map((name) => `get ${JSON.stringify(name)}() { return load()[${JSON.stringify(name)}]; }`);
        return {
          contents: `const load = () => require('./transports.js')[${JSON.stringify(key)}];\nmodule.exports = { ${getters.join(', ')} };\n`,
          loader: 'js',
        };
      });
    },
  };
}

async function bundle(entry: string | { contents: string }, outfile: string, options: { banner?: string; plugins?: Plugin[] } = {}): Promise<void> {
  await build({
    ...(typeof entry === 'string' ? { entryPoints: [join(root, entry)] } : { stdin: { contents: entry.contents, resolveDir: root, loader: 'ts' } }),
    outfile: join(outDir, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    external: ['vscode'],
    // jsonc-parser's UMD build hides its requires from bundlers; its ES module build does not.
    mainFields: ['module', 'main'],
    banner: options.banner ? { js: options.banner } : undefined,
    plugins: options.plugins,
    logLevel: 'warning',
  });
  if (production) rmSync(join(outDir, `${outfile}.map`), { force: true });
}

function writeSchemas(): void {
  const folder = join(outDir, 'schemas');
  mkdirSync(folder, { recursive: true });
  for (const operation of operations) {
    writeFileSync(join(folder, `${operation.name}.schema.json`), JSON.stringify(operationJsonSchema(operation), null, 2) + '\n');
  }
}

async function main(): Promise<void> {
  if (!production) {
    await bundle('server/src/cli/lint.ts', 'server/out/cli.js', { banner: '#!/usr/bin/env node' });
    // The package's `bin`: npm marks it executable only if it exists at install time, before `prepare` builds it.
    chmodSync(join(outDir, 'server/out/cli.js'), 0o755);
    await bundle('server/src/cli/send.ts', 'server/out/send.js', { banner: '#!/usr/bin/env node' });
    chmodSync(join(outDir, 'server/out/send.js'), 0o755);
  }
  // Its own bundle, so that the extension can run it as a child process without carrying it in the client.
  await bundle('server/src/cli/sandbox.ts', 'server/out/sandbox.js', { banner: '#!/usr/bin/env node' });
  chmodSync(join(outDir, 'server/out/sandbox.js'), 0o755);
  await bundle('server/src/server.ts', 'server/out/server.js');
  await bundle('client/src/extension.ts', 'client/out/extension.js', { plugins: [await lazyTransports()] });
  const transports = Object.entries(TRANSPORTS).map(([key, specifier]) => `export * as ${key} from ${JSON.stringify(specifier)};`);
  await bundle({ contents: transports.join('\n') }, 'client/out/transports.js');
  writeSchemas();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
