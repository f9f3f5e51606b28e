// revcent-send as a user runs it: the built server/out/send.js in a child process, with REVCENT_API_KEY in its
// environment, against a local target. Exit codes, the dry run, --yes, --curl, --format json, usage errors, and
// a canary key that must appear in no output at all; the MCP transport and secret references against the sandbox.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { defaultSeed } from '../../server/src/sandbox/seed';
import { startSandbox, type Sandbox } from '../../server/src/sandbox/server';
import { catalogSpec, startRecordingServer, type Answer, type ReceivedRequest, type RecordingServer } from './recordingServer';

const ROOT = resolve(__dirname, '../..');
const SEND = join(ROOT, 'server', 'out', 'send.js');
const PORTAL_EXAMPLE = join(ROOT, 'examples', 'rename-customer-portal.revcent.json');
const CUSTOMER_EXAMPLE = join(ROOT, 'examples', 'create-customer.revcent.json');
const PORTAL_ID = 'OLl6G3dZvF6nEIEXpvjV';
const CANARY = 'canary-5b2e9d71c4a8f03e';
const CARD = '4242424242424242';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without blocking this process, so that the local target can answer it. */
async function send(args: string[], env: Record<string, string | undefined> = { REVCENT_API_KEY: CANARY }): Promise<Run> {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) clean[name] = value;
  const child = spawn(process.execPath, [SEND, ...args], { cwd: ROOT, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [status] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  const run = { status, stdout, stderr };
  // Whatever happened, the key is never shown.
  assert.ok(!stdout.includes(CANARY) && !stderr.includes(CANARY), `the key was shown:\n${stdout}\n${stderr}`);
  assert.ok(!stderr.includes('    at '), `stack trace:\n${stderr}`);
  return run;
}

let folder: string;
const servers: RecordingServer[] = [];
/** A local target; `spec: null` serves no openapi.json. */
async function target(answer?: (request: ReceivedRequest) => Answer, spec: object | null = catalogSpec()): Promise<RecordingServer> {
  const server = await startRecordingServer({ spec: spec ?? undefined, answer });
  servers.push(server);
  return server;
}
function file(name: string, content: string): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

before(() => {
  assert.ok(existsSync(SEND), `${SEND} is missing: run "npm run build" first`);
  folder = mkdtempSync(join(tmpdir(), 'revcent-send-test-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
after(() => rmSync(folder, { recursive: true, force: true }));

describe('revcent-send: dry run', () => {
  it('prints the plan (method, URL, redacted headers, body, route), sends nothing, exits 0', async () => {
    const server = await target();
    const run = await send(['--base-url', server.baseUrl, PORTAL_EXAMPLE]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(
      run.stdout,
      [
        `${PORTAL_EXAMPLE}: EditCustomerPortal on customer_portal_id ${PORTAL_ID}`,
        '',
        `POST ${server.baseUrl}/customer_portals/${PORTAL_ID}`,
        'accept: application/json',
        'content-type: application/json',
        'x-api-key: [redacted: x-api-key]',
        '',
        '{',
        '  "name": "Brand A Customer Portal"',
        '}',
        '',
        `Route: POST /customer_portals/{customer_portal_id}, from ${server.baseUrl}/openapi.json.`,
        'Changes: `name`.',
        '',
        `Dry run: nothing was sent. To send it, run again with --yes ${PORTAL_ID}.`,
        '',
      ].join('\n'),
    );
    assert.equal(server.operationRequests().length, 0);
  });

  it('works without a key, and exits 1 for a file with errors, each with its line', async () => {
    const server = await target();
    const broken = file('broken.revcent.json', `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "${PORTAL_ID}",\n  "nmae": "x"\n}\n`);
    const run = await send(['--base-url', server.baseUrl, broken], {});
    assert.equal(run.status, 1);
    assert.match(run.stdout, /\nError: line 4 RC010 `nmae` is not a property of this operation\. Did you mean `name`\?\n/);
    assert.match(run.stdout, /Cannot be sent: The file has 1 error/);
    assert.match(run.stdout, /Dry run: nothing was sent\. Fix what is listed above before sending\.\n$/);
  });

  it('without openapi.json, names the confirmed route, or refuses and exits 1', async () => {
    const server = await target(undefined, null);
    const customer = await send(['--base-url', server.baseUrl, CUSTOMER_EXAMPLE]);
    assert.equal(customer.status, 0);
    assert.ok(customer.stdout.includes(`Route: POST /customers, one of the routes RevCent has confirmed, because ${server.baseUrl}/openapi.json answered HTTP 404.`));
    const portal = await send(['--base-url', server.baseUrl, PORTAL_EXAMPLE]);
    assert.equal(portal.status, 1);
    assert.ok(portal.stdout.includes(`Cannot be sent: EditCustomerPortal cannot be sent: ${server.baseUrl}/openapi.json answered HTTP 404`));
  });

  it('--format json prints only JSON on stdout, the note on stderr', async () => {
    const server = await target();
    const run = await send(['--format', 'json', '--base-url', server.baseUrl, PORTAL_EXAMPLE]);
    assert.equal(run.status, 0);
    const { plan } = JSON.parse(run.stdout);
    assert.equal(plan.operation, 'EditCustomerPortal');
    assert.equal(plan.canSend, true);
    assert.deepEqual(plan.request, {
      method: 'POST',
      url: `${server.baseUrl}/customer_portals/${PORTAL_ID}`,
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-api-key': '[redacted: x-api-key]' },
      body: '{"name":"Brand A Customer Portal"}',
    });
    assert.match(run.stderr, /^Dry run: nothing was sent\./);
  });

  it('hides card data in every output', async () => {
    const server = await target();
    const withCard = file(
      'card.revcent.json',
      JSON.stringify({
        $operation: 'CreateCustomer',
        campaign: 'tI61UBsvmY08lV8gX1Z1',
        customer: { first_name: 'A', last_name: 'B', email: 'a@example.com' },
        payment: { credit_card: { card_number: CARD, exp_month: 1, exp_year: 30, card_code: '9876' } },
      }),
    );
    for (const args of [[withCard], ['--format', 'json', withCard], ['--curl', withCard]]) {
      const run = await send(['--base-url', server.baseUrl, ...args]);
      assert.equal(run.status, 0, run.stderr);
      for (const secret of [CARD, '9876']) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), `${secret} shown by ${args.join(' ')}`);
      assert.ok(run.stdout.includes('[redacted: card_number]'));
    }
  });
});

describe('revcent-send: --curl', () => {
  it('prints the cURL command and sends nothing', async () => {
    const server = await target();
    const run = await send(['--curl', '--base-url', server.baseUrl, PORTAL_EXAMPLE]);
    assert.equal(run.status, 0);
    assert.ok(run.stdout.startsWith('# The key is read from $REVCENT_API_KEY; set it first.\n'));
    assert.ok(run.stdout.includes(`curl -sS -X POST '${server.baseUrl}/customer_portals/${PORTAL_ID}'`));
    assert.ok(run.stdout.endsWith(`--data-binary @- <<'REVCENT_BODY'\n{"name":"Brand A Customer Portal"}\nREVCENT_BODY\n`));
    assert.equal(server.operationRequests().length, 0);
  });
});

describe('revcent-send: --yes', () => {
  it('sends with the matching target ID, prints the answer, exits 0', async () => {
    const server = await target();
    const run = await send(['--base-url', server.baseUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.split('\n')[0], `EditCustomerPortal POST ${server.baseUrl}/customer_portals/${PORTAL_ID}`);
    assert.match(run.stdout, /\nSent: RevCent answered code 1: Success\napi_call_id: AbCdEfGhIjKlMnOpQrSt\nHTTP 200 in \d+ ms\n/);
    const [request] = server.operationRequests();
    assert.equal(request.headers['x-api-key'], CANARY);
    assert.equal(request.body, '{"name":"Brand A Customer Portal"}');
  });

  it('"--yes new" sends a CreateCustomer', async () => {
    const server = await target();
    const run = await send(['--base-url', server.baseUrl, '--yes', 'new', CUSTOMER_EXAMPLE]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(server.operationRequests()[0].path, '/v2/customers');
  });

  it('a --yes that does not match exits 2 and sends nothing', async () => {
    const server = await target();
    for (const [yes, example] of [['mJWJbKNQ4QI8XbwmyyW7', PORTAL_EXAMPLE], ['new', PORTAL_EXAMPLE], [PORTAL_ID, CUSTOMER_EXAMPLE]] as const) {
      const run = await send(['--base-url', server.baseUrl, '--yes', yes, example]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`^revcent-send: --yes ${yes} does not match this payload's target: it needs --yes (${PORTAL_ID}|new)\\. Nothing was sent\\.\\n$`));
    }
    assert.equal(server.operationRequests().length, 0);
  });

  it('a missing key exits 2 naming REVCENT_API_KEY, before any request', async () => {
    const server = await target();
    const run = await send(['--base-url', server.baseUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE], {});
    assert.equal(run.status, 2);
    assert.match(run.stderr, /set the REVCENT_API_KEY environment variable/);
    assert.equal(server.requests.length, 0);
  });

  it('a file with errors is not sent: exit 1', async () => {
    const server = await target();
    const broken = file('broken-yes.revcent.json', `{"$operation": "EditCustomerPortal", "customer_portal_id": "${PORTAL_ID}", "nmae": "x"}`);
    const run = await send(['--base-url', server.baseUrl, '--yes', PORTAL_ID, broken]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /nothing was sent/);
    assert.equal(server.operationRequests().length, 0);
  });

  it('a failed send exits 1 with the message, once, and never shows the key echoed back', async () => {
    const server = await target((request) => ({ status: 401, body: { code: 0, error_code: 'unauthorized', message: `Key ${request.headers['x-api-key']} is a test key; this is live data` } }));
    const run = await send(['--base-url', server.baseUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /Failed: RevCent refused the request \(unauthorized\): Key \[redacted: x-api-key\] is a test key; this is live data RevCent rejected the API key/);
    assert.equal(server.operationRequests().length, 1);
    const json = await send(['--format', 'json', '--base-url', server.baseUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE]);
    assert.equal(json.status, 1);
    assert.equal(JSON.parse(json.stdout).result.failure, 'unauthorized');
  });

  it('a timeout exits 1 with --timeout in the message', async () => {
    const server = await target(() => 'hang');
    const run = await send(['--base-url', server.baseUrl, '--timeout', '300', '--yes', PORTAL_ID, PORTAL_EXAMPLE]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /Failed: No complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms \(raise it with --timeout\)/);
  });
});

describe('revcent-send: usage', () => {
  it('bad usage, an unreadable file, or a base URL that is not https exit 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Name the payload file to send\./],
      [['a.revcent.json', 'b.revcent.json'], /Name exactly one payload file\./],
      [['--format', 'xml', PORTAL_EXAMPLE], /--format must be "text" or "json", not "xml"\./],
      [['--timeout', '5s', PORTAL_EXAMPLE], /--timeout must be a whole number of milliseconds, 1 or more, not "5s"\./],
      [['--api-key', CANARY, PORTAL_EXAMPLE], /Unknown option '--api-key'/],
      [['--curl', '--yes', PORTAL_ID, PORTAL_EXAMPLE], /--curl sends nothing: use it without --yes\./],
      [[join(folder, 'missing.revcent.json')], /missing\.revcent\.json: cannot read this file \(no such file\)\./],
      [[folder], /not a regular file/],
      [['--base-url', 'http://api.revcent.com/v2', PORTAL_EXAMPLE], /Refused to send to http:\/\/api\.revcent\.com: only https: URLs are allowed/],
    ];
    for (const [args, message] of cases) {
      const run = await send(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await send(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: revcent-send \[options\] FILE\n/);
    assert.match(run.stdout, /REVCENT_API_KEY environment variable, never from a flag or a file/);
  });
});

describe('revcent-send: the key', () => {
  it('a canary key appears in no output of any mode (checked by every run above, and here with a target that echoes it)', async () => {
    const server = await target((request) => ({ status: 500, body: `internal error for key=${request.headers['x-api-key']} x-api-key: ${request.headers['x-api-key']}` }));
    for (const args of [[], ['--curl'], ['--format', 'json'], ['--yes', PORTAL_ID], ['--format', 'json', '--yes', PORTAL_ID]]) {
      const run = await send(['--base-url', server.baseUrl, ...args, PORTAL_EXAMPLE]);
      assert.ok(run.stdout.length + run.stderr.length > 0);
    }
    assert.ok(server.operationRequests().every((request) => request.headers['x-api-key'] === CANARY));
  });
});


describe('revcent-send: --transport mcp, against the sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ seed: defaultSeed() });
  });
  after(() => sandbox.close());
  afterEach(() => fetch(`${sandbox.origin}/_sandbox/reset`, { method: 'POST' }));
  const toolCalls = () => sandbox.requests.filter((request) => request.operation);

  it('a dry run names the tool and the URL, contacts nothing, exits 0', async () => {
    const run = await send(['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, PORTAL_EXAMPLE], {});
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`MCP tool EditCustomerPortal at ${sandbox.mcpUrl.replace(/[.]/g, '\\.')}`));
    assert.equal(sandbox.requests.length, 0);
  });

  it('sends with REVCENT_MCP_TOKEN and --yes: one tool call, the answer printed, exit 0', async () => {
    const run = await send(['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE], { REVCENT_MCP_TOKEN: CANARY });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.split('\n')[0], `EditCustomerPortal MCP tool EditCustomerPortal at ${sandbox.mcpUrl}`);
    // The canary token does not start with test_, so the sandbox treats it as a live one.
    assert.match(run.stdout, /\nSent: RevCent answered code 1: RevCent sandbox, a local simulation \(live mode\): Customer portal OLl6G3dZvF6nEIEXpvjV updated\./);
    assert.equal(toolCalls().length, 1);
    assert.equal(sandbox.store.get('customer_portals', PORTAL_ID)!.name, 'Brand A Customer Portal');
  });

  it('a code 0 answer exits 1 with its message', async () => {
    const missing = file('missing-customer.revcent.json', '{"$operation":"EnableCustomer","customer_id":"AAAAAAAAAAAAAAAAAAAB"}');
    const run = await send(['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--yes', 'AAAAAAAAAAAAAAAAAAAB', missing], { REVCENT_MCP_TOKEN: CANARY });
    assert.equal(run.status, 1);
    assert.match(run.stdout + run.stderr, /RevCent refused the request \(not_found\): Customer AAAAAAAAAAAAAAAAAAAB does not exist\./);
  });

  it('usage: a missing token, a missing --mcp-url, --base-url or --curl with MCP exit 2 and send nothing', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--yes', PORTAL_ID, PORTAL_EXAMPLE], { REVCENT_API_KEY: CANARY }, /set the REVCENT_MCP_TOKEN environment variable to the MCP access token/],
      [['--transport', 'mcp', PORTAL_EXAMPLE], {}, /--transport mcp needs --mcp-url URL/],
      [['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--base-url', sandbox.baseUrl, PORTAL_EXAMPLE], {}, /--base-url is for REST/],
      [['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--curl', PORTAL_EXAMPLE], {}, /--curl prints a REST request/],
      [['--mcp-url', sandbox.mcpUrl, PORTAL_EXAMPLE], {}, /--mcp-url needs --transport mcp/],
      [['--transport', 'grpc', PORTAL_EXAMPLE], {}, /--transport must be "rest" or "mcp", not "grpc"/],
      [['--transport', 'mcp', '--mcp-url', 'http://mcp.example.com/mcp', PORTAL_EXAMPLE], {}, /Refused to send to http:\/\/mcp\.example\.com: only https: URLs are allowed/],
    ];
    for (const [args, env, message] of cases) {
      const run = await send(args, env);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    }
    assert.equal(sandbox.requests.length, 0);
  });
});

describe('revcent-send: secret references', () => {
  const SECRET = 'canary-secret-recaptcha-0b7d41';
  let sandbox: Sandbox;
  let portal: string;
  before(async () => {
    sandbox = await startSandbox({ seed: defaultSeed() });
    portal = file('recaptcha.revcent.json', `{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "${PORTAL_ID}",\n  "recaptcha": { "site_key": "6LcSiteKeyForBrandA", "secret_key": "\${secret:RECAPTCHA}" }\n}\n`);
  });
  after(() => sandbox.close());

  it('the file lints clean but for the information that the reference is resolved when sending', () => {
    const lint = spawnSync(process.execPath, [join(ROOT, 'server', 'out', 'cli.js'), portal], { encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout);
    assert.match(lint.stdout, /information RC027 `\$\{secret:RECAPTCHA\}` is resolved when sending/);
    assert.match(lint.stdout, /0 errors, 0 warnings/);
  });

  it('sends with REVCENT_SECRET_RECAPTCHA set, over REST and MCP; the value is never printed in any mode', async () => {
    const env = { REVCENT_API_KEY: CANARY, REVCENT_MCP_TOKEN: CANARY, REVCENT_SECRET_RECAPTCHA: SECRET };
    const runs = [
      await send(['--base-url', sandbox.baseUrl, portal], env),
      await send(['--base-url', sandbox.baseUrl, '--curl', portal], env),
      await send(['--base-url', sandbox.baseUrl, '--format', 'json', portal], env),
      await send(['--base-url', sandbox.baseUrl, '--yes', PORTAL_ID, portal], env),
      await send(['--base-url', sandbox.baseUrl, '--format', 'json', '--yes', PORTAL_ID, portal], env),
      await send(['--transport', 'mcp', '--mcp-url', sandbox.mcpUrl, '--yes', PORTAL_ID, portal], env),
    ];
    for (const run of runs) {
      assert.equal(run.status, 0, run.stderr);
      assert.ok(!run.stdout.includes(SECRET) && !run.stderr.includes(SECRET), `the secret was shown:\n${run.stdout}\n${run.stderr}`);
    }
    assert.match(runs[0].stdout, /\$\{secret:RECAPTCHA\}/);
    assert.equal((sandbox.store.get('customer_portals', PORTAL_ID)!.recaptcha as Record<string, unknown>).secret_key, SECRET);
    assert.equal(sandbox.requests.filter((request) => request.operation === 'EditCustomerPortal').length, 3);
  });

  it('without REVCENT_SECRET_RECAPTCHA: exit 2, the reference named, nothing sent', async () => {
    const before = sandbox.requests.filter((request) => request.operation).length;
    const run = await send(['--base-url', sandbox.baseUrl, '--yes', PORTAL_ID, portal]);
    assert.equal(run.status, 2);
    assert.match(run.stdout + run.stderr, /No value for \$\{secret:RECAPTCHA\}/);
    assert.equal(sandbox.requests.filter((request) => request.operation).length, before);
  });
});
