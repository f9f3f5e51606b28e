// The send flow, the one the Send command runs: a plan that cannot be sent is refused with its errors; otherwise
// the confirmation, the typed ID where it is needed, the request under a cancellable progress, the response, and a
// history entry for every attempt. What the user sees and answers goes through `SendUi`, the one seam tests stub.
import { sendPlan } from '../../server/src/send/execute';
import type { SendResult } from '../../server/src/send/interpret';
import type { PlanFinding, SendPlan } from '../../server/src/send/plan';
import { redactSecrets } from '../../server/src/send/redact';
import type { SecretLookup } from '../../server/src/send/secretReferences';
import { confirmationFor, type Confirmation } from './confirmation';
import type { HistoryOutcome, SendHistory } from './history';
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
  /** The record's name where it is known, for the confirmation. */
  objectName?: string;
  timeoutMs?: number;
}

export type SendOutcome = 'sent' | 'failed' | 'refused' | 'cancelled' | 'busy';

const inFlight = new Set<string>();

export async function runSendFlow(request: SendRequest, ui: SendUi, history: SendHistory): Promise<SendOutcome> {
  if (inFlight.has(request.file)) {
    ui.fail('This file is being sent already: wait for that send to end.');
    return 'busy';
  }
  const { plan, profile } = request;
  const hidden = [...request.hidden, ...(request.credential ? [request.credential] : [])];
  const record = (outcome: HistoryOutcome, message: string, result?: SendResult) =>
    history.append(
      {
        time: new Date().toISOString(),
        file: request.file,
        operation: plan.operation,
        targetId: plan.targetId,
        target: profile.name,
        host: request.host,
        mode: profile.mode,
        transport: profile.transport,
        outcome,
        message,
        apiCallId: result?.apiCallId,
        status: result?.status,
        response: result?.response,
      },
      hidden,
    );

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
  const confirmation = confirmationFor(plan, profile, request.host, request.objectName);
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
  inFlight.add(request.file);
  try {
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
    return shown.ok ? 'sent' : shown.failure === 'cancelled' ? 'cancelled' : 'failed';
  } finally {
    inFlight.delete(request.file);
  }
}
