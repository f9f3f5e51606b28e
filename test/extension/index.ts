// The extension-host test runner: VS Code loads the bundle of this file (test/extension/out/index.js, built by
// scripts/buildExtensionTests.ts) as `extensionTestsPath` and awaits `run()`; it runs every bundled `*.test.js` beside
// it with mocha (tdd: suite/test) inside the extension host, with the real `vscode` API. Used by both routes:
// `npm run test:electron` (desktop VS Code through @vscode/test-electron) and test/e2e/extensionHost.test.ts
// (code-server). A failed, skipped or missing test rejects, and the extension host exits non-zero.
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';

/** Begins every line of the report, so that the code-server route can pick it out of what the workbench logs. */
const REPORT_PREFIX = '[mocha] ';

function report(...args: unknown[]): void {
  console.log(format(...args).split('\n').map((line) => `${REPORT_PREFIX}${line}`).join('\n'));
}

export async function run(): Promise<void> {
  // The reporter writes through Base.consoleLog (console.log), which the extension host forwards (to the terminal of
  // @vscode/test-electron, to the page's codeAutomationLog in code-server): prefixed, without colours.
  Mocha.reporters.Base.consoleLog = report;
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 90_000, forbidOnly: true, forbidPending: true });
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`no *.test.js in ${__dirname}: run scripts/buildExtensionTests.ts`);
  for (const name of files) mocha.addFile(join(__dirname, name));

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      // The callback comes once every test has run, after `run` returned the runner.
      const runner: Mocha.Runner = mocha.run(() => resolve(runner.stats!));
    } catch (error) {
      reject(error); // a test file that throws while loading
    }
  });
  const summary = `extension-host tests: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} pending, of ${stats.tests}`;
  report(summary);
  if (stats.failures > 0 || stats.pending > 0 || stats.tests === 0 || stats.passes !== stats.tests) throw new Error(summary);
}
