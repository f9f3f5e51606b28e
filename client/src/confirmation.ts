// What the send confirmation says, from the plan and the target: the operation and its record, where it goes and
// in which mode, what changes, what may be destroyed, the warnings still open; and whether the target ID must be
// typed (a live target, or any high-impact change). Plain text, so that it is tested without VS Code.
import type { SendPlan } from '../../server/src/send/plan';
import { type Profile } from './profiles';

export interface Confirmation {
  /** The dialog's one-line question. */
  message: string;
  /** The dialog's detail: one fact per line. */
  detail: string;
  /** Whether the user must type `typedConfirmation` after pressing Send. */
  needsTypedConfirmation: boolean;
  /** The target ID, or `new` for an operation that creates a record. */
  typedConfirmation: string;
}

const MAX_WARNINGS = 5;

/** The words a person confirms a send with. */
export function confirmationFor(plan: SendPlan, profile: Profile, host: string, objectName?: string): Confirmation {
  const record = plan.kind === 'create' ? 'a new record' : `${plan.targetIdField ?? 'ID'} ${plan.targetId ?? '(none)'}${objectName ? ` ("${objectName}")` : ''}`;
  const lines = [
    `Operation: ${plan.operation} on ${record}`,
    `Target: ${profile.name}, ${host}, ${profile.mode} mode${profile.transport === 'mcp' ? ', over MCP' : ''}`,
    plan.changedFields.length ? `Changes: ${plan.changedFields.join(', ')}` : 'Changes: nothing but the record ID',
  ];
  for (const field of plan.possiblyReplaced) lines.push(`May replace: ${field} is sent whole; the stored ${field} may be replaced, losing what this file leaves out.`);
  for (const change of plan.highImpact) lines.push(`High impact: ${change.replace(/`/g, '')}`);
  if (plan.secretReferences.length) lines.push(`Secrets: ${plan.secretReferences.map((name) => `\${secret:${name}}`).join(', ')}, filled in from your secret storage.`);
  if (plan.warnings.length) {
    lines.push(`Open warnings (${plan.warnings.length}):`);
    for (const warning of plan.warnings.slice(0, MAX_WARNINGS)) lines.push(`  line ${warning.line}: ${warning.message.replace(/`/g, '')}`);
    if (plan.warnings.length > MAX_WARNINGS) lines.push(`  and ${plan.warnings.length - MAX_WARNINGS} more in Problems.`);
  }
  const typedConfirmation = plan.confirmation ?? '';
  const needsTypedConfirmation = profile.mode === 'live' || plan.highImpact.length > 0;
  if (needsTypedConfirmation) {
    lines.push('', `Next, you will type ${typedConfirmation === 'new' ? 'the word new' : 'the target ID'} to confirm (${profile.mode === 'live' ? 'a live target' : 'a high-impact change'}).`);
  }
  const verb = profile.mode === 'live' ? 'Send to LIVE data' : 'Send';
  return { message: `${verb}: ${plan.operation} to ${profile.name}?`, detail: lines.join('\n'), needsTypedConfirmation, typedConfirmation };
}
