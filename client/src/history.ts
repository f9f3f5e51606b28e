// The send history: one JSON line per attempt (sent, failed, or refused at the confirmation) in the extension's
// global storage, redacted before it is written, rotated past a size limit (one older file is kept).
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactSecrets, type SecretValue } from '../../server/src/send/redact';

export type HistoryOutcome = 'succeeded' | 'failed' | 'cancelled' | 'not sent';

export interface HistoryEntry {
  /** ISO 8601. */
  time: string;
  /** A read of the record (before a send, after it, or for a comparison); a send otherwise. */
  kind?: 'read';
  file: string;
  operation?: string;
  targetId?: string;
  /** The profile's name, host and mode. */
  target: string;
  host: string;
  mode: 'test' | 'live';
  transport: 'rest' | 'mcp';
  outcome: HistoryOutcome;
  message: string;
  apiCallId?: string;
  status?: number;
  /** The answer, redacted, when one came (cut past RESPONSE_LIMIT characters). */
  response?: unknown;
}

export const HISTORY_LIMIT_BYTES = 1024 * 1024;
const RESPONSE_LIMIT = 64 * 1024;

export class SendHistory {
  constructor(
    private readonly file: string,
    private readonly limitBytes = HISTORY_LIMIT_BYTES,
  ) {}

  private get older(): string {
    return `${this.file}.1`;
  }

  /** Appends an entry, every secret hidden. */
  append(entry: HistoryEntry, secrets: readonly SecretValue[]): void {
    const kept: HistoryEntry = { ...entry };
    if (kept.response !== undefined) {
      const text = JSON.stringify(kept.response) ?? '';
      if (text.length > RESPONSE_LIMIT) kept.response = `${text.slice(0, RESPONSE_LIMIT)}… (${text.length} characters, cut)`;
    }
    const line = `${JSON.stringify(redactSecrets(kept, secrets))}\n`;
    mkdirSync(dirname(this.file), { recursive: true });
    if (existsSync(this.file) && statSync(this.file).size + line.length > this.limitBytes) renameSync(this.file, this.older);
    appendFileSync(this.file, line, { encoding: 'utf8', mode: 0o600 });
  }

  /** Every entry kept, newest first; a line that is not an entry is skipped. */
  entries(): HistoryEntry[] {
    const entries: HistoryEntry[] = [];
    for (const file of [this.older, this.file]) {
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as HistoryEntry;
          if (typeof entry?.time === 'string' && typeof entry.outcome === 'string') entries.push(entry);
        } catch {
          // A line cut by a crash: the others are still read.
        }
      }
    }
    return entries.reverse();
  }

  clear(): void {
    rmSync(this.file, { force: true });
    rmSync(this.older, { force: true });
  }
}
