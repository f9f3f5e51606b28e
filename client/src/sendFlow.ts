// The send flow, the one the Send command runs: a plan that cannot be sent is refused with its errors; otherwise
// the record read first (what the edit may remove), the confirmation, the typed ID where it is needed, the request
// under a cancellable progress, the response, the record read back and compared with the prediction, and a history
// entry for every attempt and read. What the user sees and answers goes through `SendUi`, the one seam tests stub.
import { sendPlan } from '../../server/src/send/execute';
import type { SendResult } from '../../server/src/send/interpret';
import type { PlanFinding, SendPlan } from '../../server/src/send/plan';
import { canRemove, unexpectedAfterSend, type Comparison } from '../../server/src/send/read';
import { redactSecrets } from '../../server/src/send/redact';
import type { SecretLookup } from '../../server/src/send/secretReferences';
import { confirmationFor, type Confirmation } from './confirmation';
import type { HistoryEntry, HistoryOutcome, SendHistory } from './history';
import type { Profile } from './profiles';

export interface SendUi {
  /** The modal confirmation; true only when the user chose Send. */
  confirm(confirmation: Confirmation): Promise<boolean>;
  /** Asks for `expected` to be typed; what was typed, or undefined when the box was dismissed. */
  askTyped(prompt: string, expected: string): Promise<string | undefined>;
  /** The file cannot be sent: the reason, and its errors (the UI offers to open Problems). */
  refuse(message: string, errors: PlanFinding[]): void;
  /** A failure, with the transport's actionable message. */
  fail(message: string): void;
  /** The response (or failure) in the response view. */
  showResult(result: SendResult, plan: SendPlan): void;
  /** Runs the request under a cancellable progress notification; cancelling aborts the signal. */
  withProgress<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** What the read-back after the send found: a notice, or a warning when the record differs from the prediction. */
  verified(message: string, differs: boolean): void;
}

export interface SendRequest {
  file: string;
  plan: SendPlan;
  profile: Profile;
  /** Host and port, as the confirmation shows it. */
  host: string;
  /** The API key (REST) or access token (MCP) of the target; undefined when none is stored. */
  credential?: string;
  /** Values of `${secret:NAME}` references. */
  secrets: SecretLookup;
  /** Every stored secret value, hidden in whatever is shown or kept. */
  hidden: readonly string[];
  /**
   * Reads the record the plan edits and predicts it after the edit: before the confirmation (what may be removed,
   * the record's name) and, when `verifyAfterSend`, after a successful send. Undefined where nothing can be read.
   */
  compare?: (signal: AbortSignal) => Promise<Comparison>;
  verifyAfterSend?: boolean;
  timeoutMs?: number;
}

export type SendOutcome = 'sent' | 'failed' | 'refused' | 'cancelled' | 'busy';

const inFlight = new Set<string>();

type Attempt = Pick<SendRequest, 'file' | 'plan' | 'profile' | 'host'>;

/** The history entry of a send attempt. */
function historyEntry({ file, plan, profile, host }: Attempt, outcome: HistoryOutcome, message: string, result?: SendResult): HistoryEntry {
  return {
    time: new Date().toISOString(),
    file,
    operation: plan.operation,
    targetId: plan.targetId,
    target: profile.name,
    host,
    mode: profile.mode,
    transport: profile.transport,
    outcome,
    message,
    apiCallId: result?.apiCallId,
    status: result?.status,
    response: result?.response,
  };
}

/** The history entry of a read of the record a plan edits, with what the comparison found. */
export function readEntry(attempt: Attempt, comparison: Comparison): HistoryEntry {
  if (!comparison.ok) return { ...historyEntry(attempt, 'failed', `Read failed: ${comparison.reason}`), kind: 'read' };
  const { removals } = comparison.prediction;
  const message = removals.length ? `Read: the edit may remove ${removals.join('; ')}.` : 'Read: nothing would be removed.';
  return { ...historyEntry(attempt, 'succeeded', message), kind: 'read', operation: comparison.readOperation, response: comparison.current };
}

/** Runs the flow for one file at a time: a second send of a file while one is under way is refused. */
export async function runSendFlow(request: SendRequest, ui: SendUi, history: SendHistory): Promise<SendOutcome> {
  if (inFlight.has(request.file)) {
    ui.fail('This file is being sent already: wait for that send to end.');
    return 'busy';
  }
  inFlight.add(request.file);
  try {
    return await sendFlow(request, ui, history);
  } finally {
    inFlight.delete(request.file);
  }
}

async function sendFlow(request: SendRequest, ui: SendUi, history: SendHistory): Promise<SendOutcome> {
  const { plan, profile } = request;
  const hidden = [...request.hidden, ...(request.credential ? [request.credential] : [])];
  const record = (outcome: HistoryOutcome, message: string, result?: SendResult) => history.append(historyEntry(request, outcome, message, result), hidden);
  /** Reads the record (under a progress), records the read, and gives the comparison; a failure is a reason. */
  const compare = async (title: string): Promise<Comparison | undefined> => {
    if (!request.compare) return undefined;
    const comparison: Comparison = await ui.withProgress(title, request.compare).catch((error: unknown) => ({ ok: false, reason: error instanceof Error ? error.message : String(error) }));
    history.append(readEntry(request, comparison), hidden);
    return comparison;
  };

  if (!plan.canSend) {
    const message = redactSecrets(plan.refusal ?? 'This file cannot be sent.', hidden);
    record('not sent', message);
    ui.refuse(message, plan.blockingErrors);
    return 'refused';
  }
  if (!request.credential) {
    const what = profile.transport === 'mcp' ? 'MCP access token' : 'API key';
    const message = `No ${what} is stored for the target "${profile.name}": run "RevCent: Set API Key…" first. Nothing was sent.`;
    record('not sent', message);
    ui.fail(message);
    return 'refused';
  }
  const before = await compare(`Reading ${plan.targetId ?? 'the record'} from ${profile.name}…`);
  // A failed read is worth a line in the confirmation only where the edit could remove something.
  const comparison = before && (before.ok || canRemove(plan)) ? before : undefined;
  const confirmation = redactSecrets(confirmationFor(plan, profile, request.host, comparison), hidden);
  if (!(await ui.confirm(confirmation))) {
    record('not sent', 'Cancelled at the confirmation.');
    return 'cancelled';
  }
  if (confirmation.needsTypedConfirmation) {
    const expected = confirmation.typedConfirmation;
    const typed = await ui.askTyped(
      expected === 'new' ? 'Type new to create the record' : `Type the target ID ${expected} to send`,
      expected,
    );
    if (typed !== expected) {
      const message = typed === undefined ? 'Cancelled at the typed confirmation.' : `The typed text did not match ${expected}. Nothing was sent.`;
      record('not sent', message);
      if (typed !== undefined) ui.fail(message);
      return 'cancelled';
    }
  }
  const result = await ui.withProgress(`Sending ${plan.operation} to ${profile.name}…`, (signal) =>
    sendPlan(plan, {
      apiKey: profile.transport === 'rest' ? request.credential : undefined,
      mcpToken: profile.transport === 'mcp' ? request.credential : undefined,
      secrets: request.secrets,
      timeoutMs: request.timeoutMs,
      signal,
    }),
  );
  const shown = redactSecrets(result, hidden);
  const outcome: HistoryOutcome = shown.ok ? 'succeeded' : shown.failure === 'cancelled' ? 'cancelled' : shown.sent ? 'failed' : 'not sent';
  record(outcome, shown.message, shown);
  ui.showResult(shown, plan);
  if (!shown.ok && shown.failure !== 'cancelled') ui.fail(shown.message);
  if (shown.ok && comparison?.ok && request.verifyAfterSend) await verify(comparison);
  return shown.ok ? 'sent' : shown.failure === 'cancelled' ? 'cancelled' : 'failed';

  /** Reads the record back and says whether it holds what the comparison predicted. */
  async function verify(predicted: Extract<Comparison, { ok: true }>): Promise<void> {
    const after = await compare(`Reading ${plan.targetId} back from ${profile.name}…`);
    if (!after?.ok) {
      ui.verified(redactSecrets(`The send succeeded, but the record could not be read back: ${after?.reason ?? 'no read'}`, hidden), true);
      return;
    }
    const differences = unexpectedAfterSend(plan, predicted, after.current);
    ui.verified(
      redactSecrets(
        differences.length
          ? `After the send, ${plan.targetId} differs from the comparison: ${differences.join('; ')}.`
          : `After the send, ${plan.targetId} holds exactly what the comparison showed.`,
        hidden,
      ),
      differences.length > 0,
    );
  }
}
