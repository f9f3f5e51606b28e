// Fault modes, for trying and testing how a client copes: per request with the `x-sandbox-fault` header, or for
// every operation call with `--fault` at start. A list such as `delay=2000,500`; each kind is described below.
export type Fault =
  /** Wait before answering. */
  | { kind: 'delay'; ms: number }
  /** Answer this HTTP status instead of running the call (500 or 429). */
  | { kind: 'status'; status: 500 | 429 }
  /** Run the call, then answer a 200 whose body is an HTML page, not JSON. */
  | { kind: 'non-json' }
  /** Run the call, then drop the connection in the middle of the answer. */
  | { kind: 'drop' }
  /** Run the call, then answer more than 10 MB. */
  | { kind: 'huge' };

export const FAULT_HEADER = 'x-sandbox-fault';
export const FAULT_HELP = 'delay=MS, 500, 429, non-json, drop, huge (comma-separated)';
/** Just past the 10 MB a client is expected to accept. */
export const HUGE_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/** The faults a list names; an Error that names the wrong entry otherwise. */
export function parseFaults(text: string): Fault[] {
  const faults: Fault[] = [];
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const delay = /^delay=(\d{1,7})$/.exec(entry);
    if (delay) faults.push({ kind: 'delay', ms: Number(delay[1]) });
    else if (entry === '500' || entry === '429') faults.push({ kind: 'status', status: Number(entry) as 500 | 429 });
    else if (entry === 'non-json' || entry === 'drop' || entry === 'huge') faults.push({ kind: entry });
    else throw new Error(`unknown fault "${entry}"; the faults are ${FAULT_HELP}.`);
  }
  return faults;
}
