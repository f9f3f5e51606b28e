// Sends a planned request over RevCent's REST API V2 with the caller's key: once, never retried.
import { fetchWithLimits, TransportError, type FetchLimits } from './http';
import { interpretResponse, type SendResult } from './interpret';
import type { PlannedRequest } from './plan';
import { redactSecrets } from './redact';

export interface SendOptions extends FetchLimits {
  apiKey: string;
  /** Values to hide in every message besides the key (resolved secret references). */
  secrets?: readonly string[];
}

export async function sendRest(request: PlannedRequest, options: SendOptions): Promise<SendResult> {
  const secrets = [options.apiKey, ...(options.secrets ?? [])];
  try {
    const response = await fetchWithLimits(request.url, { method: request.method, headers: { ...request.headers, 'x-api-key': options.apiKey }, body: request.body }, options);
    const result = interpretResponse(response.status, response.body, response.elapsedMs);
    return { ...result, message: redactSecrets(result.message, secrets) };
  } catch (error) {
    const message = error instanceof TransportError ? error.message : `The request failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, message: redactSecrets(message, secrets) };
  }
}
