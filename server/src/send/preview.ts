// What a person or a program is shown of a plan and of a result, redacted: the text preview (dry run, confirmation)
// and the JSON form (revcent-send --format json, the editor's webview). The payload itself is never shown raw.
import { findOperation } from '../catalog';
import type { SendResult } from './interpret';
import type { PlanFinding, SendPlan } from './plan';
import { createTwoFilesPatch } from 'diff';
import type { EditPrediction } from './merge';
import { payloadSecrets, redactedMark, redactSecrets, type SecretValue } from './redact';

/** Every value a plan's outputs must hide: the caller's (key, token) and the payload's secret fields. */
function planSecrets(plan: SendPlan, secrets: readonly SecretValue[]): SecretValue[] {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  return [...secrets, ...(operation && plan.payload ? payloadSecrets(operation, plan.payload) : [])];
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** The plan as JSON-safe data, redacted: what `--format json` prints. */
export function planReport(plan: SendPlan, secrets: readonly SecretValue[] = []) {
  const hidden = planSecrets(plan, secrets);
  const report = {
    file: plan.file,
    transport: plan.transport,
    operation: plan.operation ?? null,
    kind: plan.kind ?? null,
    targetIdField: plan.targetIdField ?? null,
    targetId: plan.targetId ?? null,
    confirmation: plan.confirmation ?? null,
    canSend: plan.canSend,
    refusal: plan.refusal ?? null,
    routeNote: plan.routeNote ?? null,
    request: plan.request
      ? { method: plan.request.method, url: plan.request.url, headers: { ...plan.request.headers, 'x-api-key': redactedMark('x-api-key') }, body: plan.request.body ?? null }
      : null,
    toolCall: plan.toolCall ? { url: plan.toolCall.url, tool: plan.toolCall.tool, arguments: plan.payload ?? null } : null,
    changedFields: plan.changedFields,
    possiblyReplaced: plan.possiblyReplaced,
    highImpact: plan.highImpact,
    secretReferences: plan.secretReferences,
    blockingErrors: plan.blockingErrors,
    warnings: plan.warnings,
  };
  return redactSecrets(report, hidden);
}

function findingLine(kind: string, finding: PlanFinding): string {
  return `${kind}: line ${finding.line} ${finding.code} ${finding.message}`;
}

/** The plan in words: what is sent where, what it changes, what blocks or warns. Redacted. */
export function planPreview(plan: SendPlan, secrets: readonly SecretValue[] = []): string {
  const lines: string[] = [];
  const target = plan.targetIdField ? `${plan.targetIdField} ${plan.targetId ?? '(missing)'}` : plan.kind === 'create' ? 'a new record' : 'no record';
  lines.push(`${plan.file}: ${plan.operation ?? 'unknown operation'} on ${target}`);
  if (plan.request) {
    lines.push('', `${plan.request.method} ${plan.request.url}`);
    for (const [name, value] of Object.entries(plan.request.headers)) lines.push(`${name}: ${value}`);
    lines.push(`x-api-key: ${redactedMark('x-api-key')}`);
    if (plan.request.body !== undefined) lines.push('', pretty(plan.request.body));
    lines.push('');
  } else if (plan.toolCall) {
    lines.push('', `MCP tool ${plan.toolCall.tool} at ${plan.toolCall.url}`, `authorization: Bearer ${redactedMark('authorization')}`);
    lines.push('', JSON.stringify(plan.payload ?? {}, null, 2), '');
  }
  if (plan.routeNote) lines.push(`Route: ${plan.routeNote}.`);
  if (plan.changedFields.length) lines.push(`Changes: ${plan.changedFields.map((field) => `\`${field}\``).join(', ')}.`);
  for (const field of plan.possiblyReplaced) {
    lines.push(`May replace: \`${field}\` is sent whole; RevCent may replace the stored object, dropping what this payload leaves out.`);
  }
  for (const change of plan.highImpact) lines.push(`High impact: ${change}`);
  if (plan.secretReferences.length) {
    lines.push(`Secrets: ${plan.secretReferences.map((name) => `\${secret:${name}}`).join(', ')}, resolved only when sending.`);
  }
  for (const warning of plan.warnings) lines.push(findingLine('Warning', warning));
  for (const error of plan.blockingErrors) lines.push(findingLine('Error', error));
  if (plan.refusal) lines.push(`Cannot be sent: ${plan.refusal}`);
  return redactSecrets(lines.join('\n'), planSecrets(plan, secrets));
}

/** A result in words. Already redacted by the transport; redacted again with the caller's secrets. */
export function resultPreview(result: SendResult, secrets: readonly SecretValue[] = []): string {
  const lines = [result.ok ? `Sent: RevCent answered code 1: ${result.message}` : `Failed: ${result.message}`];
  if (result.apiCallId) lines.push(`api_call_id: ${result.apiCallId}`);
  if (result.status !== undefined) lines.push(`HTTP ${result.status}${result.elapsedMs !== undefined ? ` in ${result.elapsedMs} ms` : ''}`);
  if (result.response !== undefined) lines.push('', JSON.stringify(result.response, null, 2));
  return redactSecrets(lines.join('\n'), secrets);
}

/** The record as it is and as it may be after the edit, as a unified diff, and what may be removed, redacted. */
export function comparisonPreview(plan: SendPlan, readOperation: string, current: Record<string, unknown>, prediction: EditPrediction, secrets: readonly SecretValue[] = []): string {
  const hidden = planSecrets(plan, secrets);
  const format = (value: unknown) => `${JSON.stringify(redactSecrets(value, hidden), null, 2)}\n`;
  const patch = createTwoFilesPatch(`current (${readOperation} ${plan.targetId ?? ''})`.trim(), 'after the edit (if nested objects are replaced whole)', format(current), format(prediction.after), undefined, undefined, { context: 3 });
  const words = prediction.removals.length
    ? ['May remove:', ...prediction.removals.map((removal) => `  ${redactSecrets(removal, hidden)}`)]
    : ['Nothing would be removed.'];
  return [patch.replace(/^=+\n/, '').trimEnd(), '', ...words].join('\n');
}
