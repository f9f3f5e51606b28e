// What the send confirmation says, from the plan and the target: the operation and its record, where it goes and
// in which mode, what changes, what may be destroyed (read from the record itself where it could be), the warnings
// still open; and whether the target ID must be typed (a live target, a high-impact change, or anything the edit
// may remove). Plain text, so that it is tested without VS Code.
import type { SendPlan } from '../../server/src/send/plan';
import type { Comparison } from '../../server/src/send/read';
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

/** The words a person confirms a send with; `comparison` is the record read before the send, where it was. */
export function confirmationFor(plan: SendPlan, profile: Profile, host: string, comparison?: Comparison): Confirmation {
  const name = comparison?.ok ? comparison.current.name : undefined;
  const objectName = typeof name === 'string' && name.trim() ? name : undefined;
  const removals = comparison?.ok ? comparison.prediction.removals : [];
  const record = plan.kind === 'create' ? 'a new record' : `${plan.targetIdField ?? 'ID'} ${plan.targetId ?? '(none)'}${objectName ? ` ("${objectName}")` : ''}`;
  const lines = [
    `Operation: ${plan.operation} on ${record}`,
    `Target: ${profile.name}, ${host}, ${profile.mode} mode${profile.transport === 'mcp' ? ', over MCP' : ''}`,
    plan.kind === 'read' ? 'Changes: nothing (a read)' : plan.changedFields.length ? `Changes: ${plan.changedFields.join(', ')}` : 'Changes: nothing but the record ID',
  ];
  if (comparison?.ok) {
    if (removals.length === 0) lines.push(`Compared with the current record (${comparison.readOperation}): nothing would be removed.`);
    for (const removal of removals) lines.push(`May remove: ${removal.replace(/`/g, '')}`);
  } else {
    if (comparison) lines.push(`Not compared with the current record: ${comparison.reason.replace(/`/g, '')} What the edit may remove is unknown.`);
    for (const field of plan.possiblyReplaced) lines.push(`May replace: ${field} is sent whole; the stored ${field} may be replaced, losing what this file leaves out.`);
  }
  for (const change of plan.highImpact) lines.push(`High impact: ${change.replace(/`/g, '')}`);
  if (plan.secretReferences.length) lines.push(`Secrets: ${plan.secretReferences.map((name) => `\${secret:${name}}`).join(', ')}, filled in from your secret storage.`);
  if (plan.warnings.length) {
    lines.push(`Open warnings (${plan.warnings.length}):`);
    for (const warning of plan.warnings.slice(0, MAX_WARNINGS)) lines.push(`  line ${warning.line}: ${warning.message.replace(/`/g, '')}`);
    if (plan.warnings.length > MAX_WARNINGS) lines.push(`  and ${plan.warnings.length - MAX_WARNINGS} more in Problems.`);
  }
  const typedConfirmation = plan.confirmation ?? '';
  // A read changes nothing: it is confirmed, as every request is, but never typed.
  const needsTypedConfirmation = plan.kind !== 'read' && (profile.mode === 'live' || plan.highImpact.length > 0 || removals.length > 0);
  if (needsTypedConfirmation) {
    const why = profile.mode === 'live' ? 'a live target' : plan.highImpact.length > 0 ? 'a high-impact change' : 'the edit may remove what is listed above';
    lines.push('', `Next, you will type ${typedConfirmation === 'new' ? 'the word new' : 'the target ID'} to confirm (${why}).`);
  }
  const live = profile.mode === 'live';
  const message = plan.kind === 'read' ? `${live ? 'Read LIVE data' : 'Read'}: ${plan.operation} from ${profile.name}?` : `${live ? 'Send to LIVE data' : 'Send'}: ${plan.operation} to ${profile.name}?`;
  return { message, detail: lines.join('\n'), needsTypedConfirmation, typedConfirmation };
}
