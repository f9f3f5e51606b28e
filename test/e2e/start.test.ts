// `npm start -- --no-open`, as a newcomer runs it after `npm ci`: it prints the URL of code-server on 127.0.0.1 with
// examples/ open and the extension installed from the package into its own profile; Ctrl-C (SIGINT to its process
// group, as a terminal sends it) stops everything it started. What the examples do in that workbench (diagnostics,
// sending to the Local sandbox) is the same package in the same code-server as the other UI tests.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './codeServer';

const PROFILE = join(ROOT, '.vscode-test', 'start');
const START_MS = 600_000;

/** The processes whose command line names the start profile (code-server and what it started). */
function profileProcesses(): string[] {
  const listing = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return listing.split('\n').filter((line) => line.includes(PROFILE) && !line.includes(' ps -eo'));
}

describe('npm start', () => {
  it('prints the URL of the examples in code-server with the packaged extension, and Ctrl-C stops everything', { timeout: START_MS }, async () => {
    const start = spawn('npm', ['start', '--', '--no-open'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      start.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /open on examples\/ at (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
        if (found) resolve(found[1]);
      });
      start.once('exit', (code) => reject(new Error(`npm start exited (${code}) without a URL:\n${output}`)));
    });
    try {
      assert.equal(new URL(url).searchParams.get('folder'), join(ROOT, 'examples'));
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /workbench/i, 'the URL serves the VS Code workbench');
      assert.ok(readdirSync(join(PROFILE, 'extensions')).some((entry) => entry.startsWith('revcent-payloads.revcent-payloads-')), 'installed from the package into its own profile');
      assert.match(output, /the Local sandbox is the target/);
      assert.ok(profileProcesses().length > 0, 'code-server runs');
    } finally {
      process.kill(-start.pid!, 'SIGINT');
      await once(start, 'exit');
    }
    const deadline = Date.now() + 30_000;
    while (profileProcesses().length > 0) {
      assert.ok(Date.now() < deadline, `left running after Ctrl-C:\n${profileProcesses().join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await assert.rejects(fetch(url), 'nothing answers at the URL any more');
  });
});
