// revcent-sandbox as a newcomer meets it: started with npx in its own process group on a free port, its start
// banner, then the README's send, curl and MCP send lines run as written (only the port changed), usage errors,
// a port in use, and a clean stop on SIGTERM.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const started: ChildProcess[] = [];

interface Running {
  child: ChildProcess;
  output: () => string;
  baseUrl: string;
}

/** Starts `npx revcent-sandbox ARGS` and waits (by polling its output) until it says it is ready. */
async function startSandboxCli(args: string[]): Promise<Running> {
  const child = spawn('npx', ['--no-install', 'revcent-sandbox', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Stop it with Ctrl+C.')) {
    assert.ok(Date.now() < deadline && child.exitCode === null, `the sandbox did not start:\n${output}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
  const baseUrl = /REST API V2 base URL\s+(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(output)?.[1];
  assert.ok(baseUrl, output);
  return { child, output: () => output, baseUrl };
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

after(() => started.forEach(stop));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

/** The lines of the README's first shell block after `words`. */
function readmeBlockAfter(words: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf(words);
  assert.ok(from > 0, `the README says "${words}"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))![1];
  return block.trim().split('\n');
}

/** The README's two lines after "send an example to it": the send and the read-back. */
function readmeNewcomerLines(): string[] {
  return readmeBlockAfter('send an example to it');
}

describe('revcent-sandbox from a terminal', () => {
  it('the README flow: start it, send the rename with revcent-send, read the portal back with curl and see the new name', async () => {
    const sandbox = await startSandboxCli(['--port', '0']);
    const banner = sandbox.output();
    assert.match(banner, /^RevCent sandbox: a local simulation of RevCent REST API V2 and MCP\. It is not RevCent/);
    assert.match(banner, /A model, not a RevCent fact: an edit replaces these nested objects whole/);
    assert.match(banner, /EditCustomerPortal: customer_emails, customer_filters, customer_permissions, recaptcha/);
    assert.ok(banner.includes(`--base-url ${sandbox.baseUrl} --yes OLl6G3dZvF6nEIEXpvjV examples/rename-customer-portal.revcent.json`), banner);

    const [sendLine, curlLine] = readmeNewcomerLines();
    assert.match(sendLine, /^REVCENT_API_KEY=test_key npx revcent-send --base-url http:\/\/127\.0\.0\.1:4010\/v2 --yes OLl6G3dZvF6nEIEXpvjV examples\/rename-customer-portal\.revcent\.json$/);
    assert.match(curlLine, /^curl -s -H 'x-api-key: test_key' http:\/\/127\.0\.0\.1:4010\/v2\/customer_portals\/OLl6G3dZvF6nEIEXpvjV$/);
    const asHere = (line: string) => line.replace('http://127.0.0.1:4010/v2', sandbox.baseUrl).replace('npx ', 'npx --no-install ');

    const sent = run('bash', ['-c', asHere(sendLine)]);
    assert.equal(sent.status, 0, sent.stdout + sent.stderr);
    assert.match(sent.stdout, /^Sent: RevCent answered code 1: RevCent sandbox, a local simulation \(test mode\): Customer portal OLl6G3dZvF6nEIEXpvjV updated\./m);

    const readBack = run('bash', ['-c', asHere(curlLine)]);
    assert.equal(readBack.status, 0, readBack.stderr);
    const portal = JSON.parse(readBack.stdout) as Record<string, unknown>;
    assert.equal(portal.code, 1);
    assert.equal(portal.name, 'Brand A Customer Portal');

    const mcpLine = readmeBlockAfter('the same send goes to the sandbox\'s MCP endpoint')[0];
    assert.match(mcpLine, /^REVCENT_MCP_TOKEN=test_token npx revcent-send --transport mcp --mcp-url http:\/\/127\.0\.0\.1:4010\/mcp --yes OLl6G3dZvF6nEIEXpvjV examples\/rename-customer-portal\.revcent\.json$/);
    const overMcp = run('bash', ['-c', mcpLine.replace('http://127.0.0.1:4010/mcp', sandbox.baseUrl.replace(/\/v2$/, '/mcp')).replace('npx ', 'npx --no-install ')]);
    assert.equal(overMcp.status, 0, overMcp.stdout + overMcp.stderr);
    assert.match(overMcp.stdout, /^EditCustomerPortal MCP tool EditCustomerPortal at http:\/\/127\.0\.0\.1:\d+\/mcp\nSent: RevCent answered code 1: RevCent sandbox, a local simulation \(test mode\)/);
    stop(sandbox.child);
    const [code, signal] = await once(sandbox.child, 'exit');
    assert.ok(code === 0 || signal === 'SIGTERM', `stopped with ${code} ${signal}`);
  });

  it('a port in use exits 2 and says what to do', async () => {
    const blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = run(process.execPath, [join(ROOT, 'server/out/sandbox.js'), '--port', String(port)]);
      assert.equal(result.status, 2);
      assert.equal(result.stderr.trim(), `revcent-sandbox: port ${port} on 127.0.0.1 is in use. Pass another with --port N, or --port 0 for any free port.`);
    } finally {
      blocker.close();
    }
  });

  it('bad usage and a bad seed file exit 2 with the reason', () => {
    const sandboxJs = join(ROOT, 'server/out/sandbox.js');
    const port = run(process.execPath, [sandboxJs, '--port', 'abc']);
    assert.equal(port.status, 2);
    assert.match(port.stderr, /^revcent-sandbox: --port must be a port number from 0 to 65535, not "abc"\.\n\nUsage: revcent-sandbox/);
    const fault = run(process.execPath, [sandboxJs, '--fault', 'explode']);
    assert.equal(fault.status, 2);
    assert.match(fault.stderr, /--fault: unknown fault "explode"/);
    const seed = run(process.execPath, [sandboxJs, '--seed', 'no-such-seed.json']);
    assert.equal(seed.status, 2);
    assert.equal(seed.stderr.trim(), 'revcent-sandbox: cannot read the seed file no-such-seed.json: ENOENT');
    const help = run(process.execPath, [sandboxJs, '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: revcent-sandbox \[--port N\] \[--seed FILE\] \[--fault LIST\]/);
  });
});
