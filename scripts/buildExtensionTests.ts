// Bundles the extension-host tests with esbuild: test/extension/index.ts (the mocha runner) and each
// test/extension/*.test.ts, one CommonJS file each, into test/extension/out/ (git-ignored), emptied first.
// `vscode` (given by the extension host) and `mocha` (the runner and the tests must share one instance, from
// node_modules) stay external. Used by `npm run test:electron` and test/e2e/extensionHost.test.ts; run alone with
// `npx tsx scripts/buildExtensionTests.ts`. The extension itself is `npm run build` (client/out, server/out).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const source = join(root, 'test', 'extension');
/** Where the bundles go. */
export const EXTENSION_TESTS_OUT = join(source, 'out');
/** The bundled runner: what `extensionTestsPath` names. */
export const EXTENSION_TESTS_RUNNER = join(EXTENSION_TESTS_OUT, 'index.js');

/** Builds the bundles; returns the runner's path. */
export async function buildExtensionTests(): Promise<string> {
  rmSync(EXTENSION_TESTS_OUT, { recursive: true, force: true });
  const entries = readdirSync(source).filter((name) => name === 'index.ts' || name.endsWith('.test.ts'));
  if (!entries.some((name) => name.endsWith('.test.ts'))) throw new Error(`no *.test.ts in ${source}`);
  await build({
    entryPoints: entries.map((name) => join(source, name)),
    outdir: EXTENSION_TESTS_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    // As scripts/build.ts: jsonc-parser's UMD build hides its requires from bundlers.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return EXTENSION_TESTS_RUNNER;
}

if (require.main === module) {
  buildExtensionTests().then(
    (runner) => console.log(`extension-host tests bundled: ${runner}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
