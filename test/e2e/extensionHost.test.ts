// The extension-host tests (test/extension/, mocha with the real `vscode` API) run in code-server: the route that runs
// them on a machine without desktop VS Code, as here and in CI (`npm run test:electron` is the route where `code` is
// installed). The tests are bundled (scripts/buildExtensionTests.ts), the unpacked extension (client/out, server/out
// from `npm run build`) is loaded as extensionDevelopmentPath with the runner as extensionTestsPath, on examples/, in
// the harness of codeServer.ts (127.0.0.1, a free port, fresh folders, stopped by process group); mocha's report is
// printed and the extension host's exit code decides. `npm run test:vscode` runs it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildExtensionTests } from '../../scripts/buildExtensionTests';
import { ensureCodeServer, INSTALL_MS, OUTPUT, ROOT, withVSCode } from './codeServer';

/** The runner (test/extension/index.ts) begins each line of its report with it. */
const REPORT_PREFIX = '[mocha] ';
const RUN_MS = 10 * 60_000; // the whole mocha run, a cold language server on a shared 2-core machine included

describe('extension-host tests in VS Code (code-server)', () => {
  let runner: string;
  before(async () => {
    await ensureCodeServer();
    runner = await buildExtensionTests();
  }, { timeout: INSTALL_MS });

  it('test/extension/*.test.ts pass inside the extension host', { timeout: RUN_MS }, () =>
    withVSCode({ name: 'extension-host', workspace: join(ROOT, 'examples'), extension: { developmentPath: ROOT }, extensionTestsPath: runner }, async (vscode) => {
      const run = vscode.extensionTests!;
      const { code, logs } = await run.exit;
      const lines = run.output.flatMap((entry) => entry.split('\n'));
      const report = lines.filter((line) => line.startsWith(REPORT_PREFIX)).map((line) => line.slice(REPORT_PREFIX.length)).join('\n');
      process.stdout.write(`--- mocha in the extension host (exit ${code}) ---\n${report}\n---\n`);
      // Everything the workbench logged, the report among it.
      writeFileSync(join(OUTPUT, 'extension-host-workbench.log'), `${lines.join('\n')}\n`);
      // The workbench's own logs (the extension host's among them), for a failure to be read afterwards.
      for (const log of logs) {
        const file = join(OUTPUT, 'extension-host-logs', log.relativePath);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, log.contents);
      }
      assert.equal(code, 0, `the extension-host tests failed (exit ${code}); mocha's report is above, logs in test-output/extension-host-workbench.log and extension-host-logs/`);
      assert.match(report, /extension-host tests: [1-9]\d* passed, 0 failed, 0 pending/, 'the runner did not report its tests');
    }),
  );
});
