// Sends a planned request over RevCent's REST API V2 with the caller's key: once, never retried.
import { fetchWithLimits, type FetchLimits } from './http';
import { interpretFailure, interpretResponse, type SendResult } from './interpret';
import type { PlannedRequest } from './plan';
import { redactSecrets, type SecretValue } from './redact';

export interface RestSendOptions extends FetchLimits {
  apiKey: string;
  /** Values to hide in the result besides the key: resolved secret references, the payload's card data. */
  secrets?: readonly SecretValue[];
}

/** One request with `x-api-key`; the result's message and response are redacted. */
export async function sendRest(request: PlannedRequest, options: RestSendOptions): Promise<SendResult> {
  const secrets: SecretValue[] = [{ value: options.apiKey, label: 'x-api-key' }, ...(options.secrets ?? [])];
  let result: SendResult;
  try {
    const response = await fetchWithLimits(request.url, { method: request.method, headers: { ...request.headers, 'x-api-key': options.apiKey }, body: request.body }, options);
    result = interpretResponse(response);
  } catch (error) {
    result = interpretFailure(error, 'rest');
  }
  return redactSecrets(result, secrets);
}
