// The send pipeline's part of `npm run bench`: what the plan adds to the analysis of the same document (one run),
// and the memory a 10 MB send adds, from built plan to received response, measured in a child process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { sendPlan } from '../server/src/send/execute';
import { buildSendPlan, type SendTarget } from '../server/src/send/plan';
import { resolveRoutes } from '../server/src/send/routes';
import { openapiRouteSource, routesFromSpec } from '../server/src/send/routeTable';
import { analyzePayload } from '../server/src/service/analyze';
import { defaultSeed } from '../server/src/sandbox/seed';
import { startSandbox } from '../server/src/sandbox/server';
import { catalogSpec } from '../test/send/recordingServer';
import { customerGroupPayload, customerPortalPayload, documentOfSize } from './benchDocuments';

type MeasureInTurns = (runs: (() => unknown)[], budgetMs: number) => Promise<{ median: number; p95: number }[]>;

const BASE = 'http://127.0.0.1:9/v2';
const OFFLINE_TARGET: SendTarget = { transport: 'rest', baseUrl: BASE, routes: openapiRouteSource(BASE, routesFromSpec(catalogSpec())) };
const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));

/** Plan time (given the analysis) against analysis time, same document, same run. Target: at most 0.20. */
export async function planTable(measureInTurns: MeasureInTurns): Promise<string[]> {
  const rows = ['| Operation | Size | Analysis median (ms) | Plan median (ms) | Plan ÷ analysis (target ≤ 0.20) |', '| --- | --- | --- | --- | --- |'];
  for (const [name, make] of [['EditCustomerGroup', customerGroupPayload], ['EditCustomerPortal', customerPortalPayload]] as const) {
    for (const [label, size] of [['100 KB', 1e5], ['10 MB', 1e7]] as const) {
      const text = documentOfSize(make, size);
      const budget = size >= 1e7 ? 6000 : 1500;
      const analyse = () => analyzePayload(text);
      const analysis = analyse();
      const [analysed, planned] = await measureInTurns([analyse, () => buildSendPlan({ text, fileName: 'bench.revcent.json', target: OFFLINE_TARGET, analysis })], budget);
      const row = `| ${name} | ${label} | ${ms(analysed.median)} | ${ms(planned.median)} | ${(planned.median / analysed.median).toFixed(2)} |`;
      console.log(row);
      rows.push(row);
    }
  }
  return rows;
}

/** A valid EditCustomerPortal payload of about `bytes` characters (large email templates), which can be sent. */
function sendablePortal(bytes: number): string {
  const payload = JSON.parse(documentOfSize(customerPortalPayload, bytes));
  delete payload.customer_filters; // its ID list holds the benchmark's planted mistakes
  payload.customer_portal_id = 'OLl6G3dZvF6nEIEXpvjV'; // a portal of the sandbox's seed
  for (const email of Object.values(payload.customer_emails) as { html: string }[]) {
    if (!email.html.includes('{{email_code}}')) email.html = `<p>Your code: {{email_code}}</p>${email.html}`;
  }
  return JSON.stringify(payload, null, 2);
}

/** What this process holds, in MB: the JavaScript heap in use and the memory outside it (buffers). */
function heldMegabytes(): number {
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external) / 1024 / 1024;
}

/**
 * In the child (`--send-memory BASE_URL`): plan, collect, then send while sampling the memory held every
 * millisecond (garbage counts until collected, so this is an upper bound); report the added peak as JSON.
 * Resident size is not used: pages freed earlier stay resident and hide new allocations.
 */
export async function sendMemoryChild(baseUrl: string): Promise<void> {
  const text = sendablePortal(1.07e7);
  const target: SendTarget = { transport: 'rest', baseUrl, routes: await resolveRoutes(baseUrl) };
  const plan = buildSendPlan({ text, fileName: 'bench.revcent.json', target });
  if (!plan.canSend) throw new Error(`the benchmark payload cannot be sent: ${plan.refusal}`);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const before = heldMegabytes();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, heldMegabytes())), 1);
  const result = await sendPlan(plan, { apiKey: 'bench_key' });
  peak = Math.max(peak, heldMegabytes());
  clearInterval(sampler);
  if (!result.ok) throw new Error(`the benchmark send failed: ${result.message}`);
  process.stdout.write(JSON.stringify({ payloadMb: Buffer.byteLength(plan.request!.body!) / 1024 / 1024, addedMb: peak - before }) + '\n');
}

/** Sends a 10 MB payload to the sandbox from a child process; returns the payload size and the memory it added. */
export async function sendMemoryRun(benchScript: string): Promise<{ payloadMb: number; addedMb: number }> {
  const target = await startSandbox({ seed: defaultSeed() });
  try {
    const child = spawn(process.execPath, ['--expose-gc', benchScript, '--send-memory', target.baseUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    if (code !== 0) throw new Error(`the send memory measurement failed (exit ${code})`);
    if (target.requests.filter((request) => request.operation).length !== 1) throw new Error('the send memory measurement did not send exactly once');
    return JSON.parse(output) as { payloadMb: number; addedMb: number };
  } finally {
    await target.close();
  }
}
