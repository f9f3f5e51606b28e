// Sends a plan that can be sent, the one way every front end sends: secret references resolved at the last
// moment, the transport chosen by the plan, every value that must not be shown redacted from the result.
import { findOperation } from '../catalog';
import { interpretFailure, type SendResult } from './interpret';
import type { FetchLimits } from './http';
import { sendMcp } from './mcp';
import { requestFor, type SendPlan } from './plan';
import { payloadSecrets, redactSecrets, type SecretValue } from './redact';
import { sendRest } from './rest';
import { secretReference } from '../core/secretReference';
import { resolveSecretReferences, type SecretLookup } from './secretReferences';

export interface SendOptions extends FetchLimits {
  /** REST: the API key, sent as `x-api-key`. */
  apiKey?: string;
  /** MCP: the access token, sent as `Authorization: Bearer`. */
  mcpToken?: string;
  /** Values for `${secret:NAME}` references. */
  secrets?: SecretLookup;
}

function stopped(plan: SendPlan, failure: 'not-sendable' | 'missing-secret', message: string): SendResult {
  return { ok: false, transport: plan.transport, sent: false, failure, message };
}

/** Sends the plan once. Never throws; a plan that cannot be sent, or a secret without a value, sends nothing. */
export async function sendPlan(plan: SendPlan, options: SendOptions): Promise<SendResult> {
  const operation = plan.operation ? findOperation(plan.operation) : undefined;
  if (!plan.canSend || !plan.payload || !operation) return stopped(plan, 'not-sendable', plan.refusal ?? 'This plan cannot be sent.');
  const credential = plan.transport === 'mcp' ? options.mcpToken : options.apiKey;
  if (!credential) {
    return stopped(plan, 'not-sendable', plan.transport === 'mcp' ? 'No MCP access token was given (REVCENT_MCP_TOKEN). Nothing was sent.' : 'No API key was given (REVCENT_API_KEY). Nothing was sent.');
  }
  const resolution = resolveSecretReferences(plan.payload, plan.secretReferences, options.secrets);
  if ('missing' in resolution) {
    const names = resolution.missing.map(secretReference).join(', ');
    return stopped(plan, 'missing-secret', `No value for ${names}${options.secrets ? '' : ' (no secret lookup was given)'}. Nothing was sent.`);
  }
  const hidden: SecretValue[] = [...resolution.resolved, ...payloadSecrets(operation, resolution.payload)];
  try {
    if (plan.transport === 'mcp') {
      if (!plan.toolCall) return stopped(plan, 'not-sendable', 'This plan has no MCP tool call.');
      return await sendMcp(plan.toolCall, resolution.payload, { ...options, token: credential, secrets: hidden });
    }
    if (!plan.request || !plan.route || plan.baseUrl === undefined) return stopped(plan, 'not-sendable', 'This plan has no request.');
    // Rebuilt only when a reference was resolved: otherwise the planned request is sent as it was shown.
    const request = resolution.resolved.length ? requestFor(plan.route, resolution.payload, plan.baseUrl ?? '') : plan.request;
    return await sendRest(request, { ...options, apiKey: credential, secrets: hidden });
  } catch (error) {
    return redactSecrets(interpretFailure(error, plan.transport), [credential, ...hidden]);
  }
}

