// Builds the bundles (esbuild; type-checking is `npm run typecheck`) and the per-operation JSON Schemas.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '../server/src/catalog';
import { operationJsonSchema } from '../server/src/catalog/jsonSchema';

const root = join(__dirname, '..');

async function bundle(entry: string, outfile: string, options: { banner?: string } = {}): Promise<void> {
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode'],
    // jsonc-parser's UMD build hides its requires from bundlers; its ES module build does not.
    mainFields: ['module', 'main'],
    banner: options.banner ? { js: options.banner } : undefined,
    logLevel: 'warning',
  });
}

function writeSchemas(): void {
  const folder = join(root, 'schemas');
  mkdirSync(folder, { recursive: true });
  for (const operation of operations) {
    writeFileSync(join(folder, `${operation.name}.schema.json`), JSON.stringify(operationJsonSchema(operation), null, 2) + '\n');
  }
}

async function main(): Promise<void> {
  await bundle('server/src/cli/lint.ts', 'server/out/cli.js', { banner: '#!/usr/bin/env node' });
  // The package's `bin`: npm marks it executable only if it exists at install time, before `prepare` builds it.
  chmodSync(join(root, 'server/out/cli.js'), 0o755);
  await bundle('server/src/cli/send.ts', 'server/out/send.js', { banner: '#!/usr/bin/env node' });
  chmodSync(join(root, 'server/out/send.js'), 0o755);
  // Its own bundle, so that the extension can run it as a child process without carrying it in the client.
  await bundle('server/src/cli/sandbox.ts', 'server/out/sandbox.js', { banner: '#!/usr/bin/env node' });
  chmodSync(join(root, 'server/out/sandbox.js'), 0o755);
  await bundle('server/src/server.ts', 'server/out/server.js');
  await bundle('client/src/extension.ts', 'client/out/extension.js');
  writeSchemas();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
