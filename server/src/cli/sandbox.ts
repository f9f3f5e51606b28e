// revcent-sandbox: a local simulation of RevCent REST API V2 and MCP for the catalog's operations, on 127.0.0.1 only, to try
// payloads and to test against. It prints its addresses and what it models, then serves until Ctrl+C.
import { parseCommandLine, UsageError } from './arguments';
import { FAULT_HELP, parseFaults, type Fault } from '../sandbox/faults';
import { sandboxOperations } from '../sandbox/operations';
import { defaultSeed, readSeedFile } from '../sandbox/seed';
import { startSandbox, type Sandbox } from '../sandbox/server';
import type { SeedData } from '../sandbox/store';

export const DEFAULT_PORT = 4010;

const USAGE = `Usage: revcent-sandbox [--port N] [--seed FILE] [--fault LIST] [--stop-with-stdin]

Serves a local simulation of RevCent REST API V2 and MCP on 127.0.0.1, seeded with the records examples/ names.

Options:
  --port N        Port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)
  --seed FILE     A JSON file of customer_portals, customer_groups, customers and campaigns to add to the seed
  --fault LIST    A fault for every operation call: ${FAULT_HELP}
                  (one request asks for its own with the x-sandbox-fault header)
  --stop-with-stdin  Stop when standard input closes: a program that starts the sandbox passes a pipe, so the
                  sandbox stops with it however it ends
  -h, --help      Show this help`;

interface Options {
  port: number;
  seed: SeedData;
  seedFile?: string;
  faults: Fault[];
  stopWithStdin: boolean;
}

function parseOptions(argv: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(argv, {
    port: { type: 'string' },
    seed: { type: 'string' },
    fault: { type: 'string' },
    'stop-with-stdin': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? String(DEFAULT_PORT)) || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, not "${values.port}".`);
  let faults: Fault[] = [];
  try {
    faults = values.fault === undefined ? [] : parseFaults(values.fault);
  } catch (error) {
    throw new UsageError(`--fault: ${(error as Error).message}`);
  }
  return { port, faults, seedFile: values.seed, seed: values.seed === undefined ? defaultSeed() : readSeedFile(values.seed), stopWithStdin: values['stop-with-stdin'] === true };
}

/** What the sandbox says when it starts: where it is, what it is not, and a first thing to try. */
export function banner(sandbox: Sandbox, options: Options): string {
  const seed = options.seed;
  const replaced = sandboxOperations.filter((operation) => operation.possiblyReplaced.length).map((operation) => `${operation.name}: ${operation.possiblyReplaced.join(', ')}`);
  const portal = seed.customer_portals[0]?.customer_portal_id ?? 'PORTAL_ID';
  const lines = [
    'RevCent sandbox: a local simulation of RevCent REST API V2 and MCP. It is not RevCent, and nothing leaves this machine.',
    '',
    `  REST API V2 base URL   ${sandbox.baseUrl}   (operations: ${sandbox.baseUrl}/openapi.json)`,
    `  MCP server             ${sandbox.mcpUrl}   (Streamable HTTP; tools: the operations)`,
    `  Requests received      GET ${sandbox.origin}/_sandbox/requests    back to the seed: POST ${sandbox.origin}/_sandbox/reset`,
    '',
    'Any non-empty x-api-key or MCP bearer token is accepted: one starting with test_ is treated as test mode, any other as live.',
    'A model, not a RevCent fact: an edit replaces these nested objects whole (RevCent may merge them):',
    ...replaced.map((line) => `  ${line}`),
    `Seeded with ${seed.customer_portals.length} customer portals, ${seed.customer_groups.length} customer groups, ${seed.customers.length} customers and ${seed.campaigns.length} campaigns${options.seedFile ? ` (with ${options.seedFile})` : ''}.`,
    ...(options.faults.length ? [`Faults on every operation call: ${options.faults.map((fault) => (fault.kind === 'delay' ? `delay=${fault.ms}` : fault.kind === 'status' ? String(fault.status) : fault.kind)).join(', ')}.`] : []),
    '',
    'Try, in another terminal:',
    `  REVCENT_API_KEY=test_key npx revcent-send --base-url ${sandbox.baseUrl} --yes ${portal} examples/rename-customer-portal.revcent.json`,
    `  curl -s -H 'x-api-key: test_key' ${sandbox.baseUrl}/customer_portals/${portal}`,
    '',
    'Stop it with Ctrl+C.',
  ];
  return lines.join('\n');
}

export async function runSandbox(argv: string[], io: { out(text: string): void; err(text: string): void }): Promise<{ sandbox: Sandbox; stopWithStdin: boolean } | number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`revcent-sandbox: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`revcent-sandbox: ${(error as Error).message}`);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    const sandbox = await startSandbox({ seed: options.seed, port: options.port, faults: options.faults });
    io.out(banner(sandbox, options));
    return { sandbox, stopWithStdin: options.stopWithStdin };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') io.err(`revcent-sandbox: port ${options.port} on 127.0.0.1 is in use. Pass another with --port N, or --port 0 for any free port.`);
    else io.err(`revcent-sandbox: cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) {
  const io = { out: (text: string) => process.stdout.write(text + '\n'), err: (text: string) => process.stderr.write(text + '\n') };
  runSandbox(process.argv.slice(2), io).then((started) => {
    if (typeof started === 'number') {
      process.exitCode = started;
      return;
    }
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void started.sandbox.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (started.stopWithStdin) {
      process.stdin.once('end', stop).once('close', stop).resume();
    }
  });
}
