// Reads the record a plan would change (GetCustomerPortal for a portal edit, ...) through the same target, key,
// limits and redaction as the send, and gives its fields without RevCent's answer envelope; or says why it cannot,
// so that a comparison never guesses; and the comparison itself: the record as it is and as the edit may leave it.
// A read changes nothing and needs no confirmation.
import { findOperation } from '../catalog';
import { objectShape } from '../core/schema';
import type { FetchLimits } from './http';
import { differencesFromPrediction, mayRemove, predictEdit, type EditPrediction } from './merge';
import { sendMcp } from './mcp';
import { requestFor, type SendPlan, type SendTarget } from './plan';
import type { SecretValue } from './redact';
import { sendRest } from './rest';

export type CurrentRecord = { ok: true; record: Record<string, unknown>; readOperation: string } | { ok: false; reason: string };

export interface ReadOptions extends FetchLimits {
  apiKey?: string;
  mcpToken?: string;
  secrets?: readonly SecretValue[];
}

const ENVELOPE = new Set(['code', 'result', 'api_call_id', 'api_call_unix', 'message', 'error_code']);

export async function readCurrent(plan: SendPlan, target: SendTarget, options: ReadOptions): Promise<CurrentRecord> {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  const readOperation = operation?.readOperation;
  if (!operation || !readOperation || !operation.targetIdField || plan.targetId === undefined) {
    return { ok: false, reason: `${plan.operation ?? 'This payload'} changes no record that can be read first.` };
  }
  const args = { [operation.targetIdField]: plan.targetId };
  let result;
  if (target.transport === 'mcp') {
    if (!options.mcpToken) return { ok: false, reason: 'No MCP access token was given, so the current record cannot be read.' };
    result = await sendMcp({ url: target.url, tool: readOperation }, args, { ...options, token: options.mcpToken });
  } else {
    const route = target.routes.routes.get(readOperation);
    if (!route) {
      return {
        ok: false,
        reason:
          target.routes.kind === 'openapi'
            ? `${target.routes.specUrl} lists no ${readOperation}, so the current record cannot be read.`
            : `${readOperation} is not among the routes RevCent has confirmed and ${target.routes.specUrl} could not be used (${target.routes.problem ?? 'no spec'}), so the current record cannot be read.`,
      };
    }
    if (!options.apiKey) return { ok: false, reason: 'No API key was given, so the current record cannot be read.' };
    result = await sendRest(requestFor(route, args, target.baseUrl), { ...options, apiKey: options.apiKey });
  }
  if (!result.ok) return { ok: false, reason: `Reading it with ${readOperation} failed: ${result.message}` };
  const answer = typeof result.response === 'object' && result.response !== null && !Array.isArray(result.response) ? (result.response as Record<string, unknown>) : {};
  const record: Record<string, unknown> = {};
  for (const key of Object.keys(answer)) if (!ENVELOPE.has(key)) Object.defineProperty(record, key, { value: answer[key], enumerable: true, writable: true, configurable: true });
  const fields = Object.keys(objectShape(operation.schema) ?? {});
  const id = record[operation.targetIdField];
  if (id !== undefined && id !== plan.targetId) return { ok: false, reason: `${readOperation} answered for another record (${String(id)}), so there is nothing to compare.` };
  if (!Object.keys(record).some((key) => key !== operation.targetIdField && fields.includes(key))) {
    return { ok: false, reason: `${readOperation} answered with none of the record's fields, so its shape is unknown and there is nothing to compare.` };
  }
  return { ok: true, record, readOperation };
}

export type Comparison =
  | { ok: true; readOperation: string; current: Record<string, unknown>; prediction: EditPrediction }
  | { ok: false; reason: string };

/** Whether the plan edits a record that can be read first and sends something (a nested object, a list) that can remove. */
export function canRemove(plan: SendPlan): boolean {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  return Boolean(operation?.readOperation && plan.payload && plan.targetId !== undefined && mayRemove(operation, plan.payload));
}

/** Reads the record the plan edits and predicts it after the edit; or says why it cannot. */
export async function compareWithCurrent(plan: SendPlan, target: SendTarget, options: ReadOptions): Promise<Comparison> {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  if (!plan.payload || !operation) return { ok: false, reason: `${plan.operation ?? 'This payload'} cannot be compared: ${plan.refusal ?? 'it names no known operation'}` };
  const current = await readCurrent(plan, target, options);
  if (!current.ok) return current;
  return { ok: true, readOperation: current.readOperation, current: current.record, prediction: predictEdit(operation, current.record, plan.payload) };
}

/** Where the record read back after a successful send differs from what the comparison predicted. */
export function unexpectedAfterSend(plan: SendPlan, predicted: Extract<Comparison, { ok: true }>, actual: Record<string, unknown>): string[] {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  if (!operation || !plan.payload) return [];
  return differencesFromPrediction(operation, plan.payload, predicted.prediction.after, actual);
}
