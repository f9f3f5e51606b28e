// The Local sandbox target: the sandbox bundle (server/out/sandbox.js) run as a child process on a free loopback
// port, started when first used, its address read from its start banner, stopped with its process group; and,
// since it reads the end of a pipe held by the extension host, stopped with the host however that ends.
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The REST API V2 base URL. */
  baseUrl: string;
  mcpUrl: string;
  stop(): Promise<void>;
}

const READY = 'Stop it with Ctrl+C.';
const START_TIMEOUT_MS = 20_000;

/** Starts the sandbox with Node (the extension host's own by default) and waits until it says where it listens. */
export function startSandboxProcess(script: string, options: { nodePath?: string; onOutput?: (text: string) => void } = {}): Promise<RunningSandbox> {
  const child: ChildProcess = spawn(options.nodePath ?? process.execPath, [script, '--port', '0', '--stop-with-stdin'], {
    detached: process.platform !== 'win32',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The sandbox did not start within ${START_TIMEOUT_MS / 1000} s.`)), START_TIMEOUT_MS);
    function fail(error: Error): void {
      clearTimeout(timer);
      stopChild(child);
      reject(error);
    }
    const read = (chunk: Buffer) => {
      const text = chunk.toString();
      options.onOutput?.(text);
      output += text;
      if (!output.includes(READY)) return;
      const baseUrl = /REST API V2 base URL\s+(http:\/\/127\.0\.0\.1:\d+\/v2)/.exec(output)?.[1];
      if (!baseUrl) return fail(new Error(`The sandbox started without saying where:\n${output}`));
      clearTimeout(timer);
      const origin = baseUrl.replace(/\/v2$/, '');
      resolve({ origin, baseUrl, mcpUrl: `${origin}/mcp`, stop: () => stopChild(child) });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('error', (error) => fail(new Error(`The sandbox could not be started: ${error.message}`)));
    child.once('exit', (code) => {
      if (!output.includes(READY)) fail(new Error(`The sandbox stopped before it was ready (exit ${code}):\n${output.trim()}`));
    });
  });
}

/** Stops the child and what it started (its process group), and waits for it to exit. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
    else child.kill();
  } catch {
    child.kill();
  }
  return exited;
}
