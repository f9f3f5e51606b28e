// What the sandbox answers to one operation call, whichever way it came (REST or MCP): the input validated against
// the published schema with ajv, then applied to the store. Answers have RevCent's V2 shape (`code`, `result`,
// `api_call_id`, `api_call_unix`, the operation's fields) and every `result` says that this is a simulation.
import { randomId, type SandboxStore } from './store';
import { COLLECTIONS, type SandboxOperation } from './operations';
import { publicView } from './records';
import { setOwn, type JsonObject } from './json';
import { schemaProblems } from './validation';

export type KeyMode = 'test' | 'live';

export interface Answer {
  /** The HTTP status a REST call gets; MCP calls carry the body only. */
  status: number;
  body: JsonObject;
}

/** A `test_` key models a test-mode key; any other non-empty key a live one. */
export function keyMode(key: string): KeyMode {
  return key.startsWith('test_') ? 'test' : 'live';
}

function stamp(mode: KeyMode): string {
  return `RevCent sandbox, a local simulation (${mode} mode)`;
}

function envelope(): JsonObject {
  return { api_call_id: randomId(), api_call_unix: Math.floor(Date.now() / 1000) };
}

export function failure(status: number, errorCode: string, message: string, mode?: KeyMode): Answer {
  const result = mode ? `${stamp(mode)}: ${message}` : `RevCent sandbox, a local simulation: ${message}`;
  return { status, body: { ...envelope(), code: 0, error_code: errorCode, message, result } };
}

function success(mode: KeyMode, fields: JsonObject, message: string): Answer {
  const body: JsonObject = { ...envelope(), code: 1 };
  for (const [key, value] of Object.entries(fields)) setOwn(body, key, value);
  body.result = `${stamp(mode)}: ${message}`;
  return { status: 200, body };
}

/** Runs one call with its flat input (path parameters, query parameters and body side by side). */
export function answer(store: SandboxStore, operation: SandboxOperation, input: JsonObject, mode: KeyMode): Answer {
  const problems = schemaProblems(operation.inputSchema, input);
  if (problems) return failure(400, 'invalid_input', `The ${operation.name} input does not match its schema: ${problems}`, mode);
  const collection = operation.collection;
  if (!collection) return failure(501, 'not_modelled', `The sandbox does not model ${operation.name}.`, mode);
  const { idField, label } = COLLECTIONS[collection];
  const id = operation.targetIdField ? String(input[operation.targetIdField]) : undefined;
  const missing = () => failure(404, 'not_found', `${label} ${id} does not exist.`, mode);

  switch (operation.kind) {
    case 'read': {
      const record = id === undefined ? undefined : store.get(collection, id);
      if (!record) return missing();
      return success(mode, publicView(collection, record), `${label} ${id}.`);
    }
    case 'edit': {
      const fields: JsonObject = {};
      for (const [key, value] of Object.entries(input)) if (key !== idField) setOwn(fields, key, value);
      if (id === undefined || !store.edit(collection, id, fields, operation.possiblyReplaced)) return missing();
      const replaced = operation.possiblyReplaced.filter((field) => Object.hasOwn(fields, field));
      const note = replaced.length ? ` Replaced whole, as the sandbox models it: ${replaced.join(', ')}.` : '';
      return success(mode, { [idField]: id }, `${label} ${id} updated.${note}`);
    }
    case 'action': {
      if (operation.name !== 'EnableCustomer') return failure(501, 'not_modelled', `The sandbox does not model ${operation.name}.`, mode);
      if (id === undefined || !store.enableCustomer(id)) return missing();
      return success(mode, { [idField]: id }, `Customer ${id} enabled.`);
    }
    case 'create': {
      if (collection !== 'customers') return failure(501, 'not_modelled', `The sandbox does not model ${operation.name}.`, mode);
      const campaign = store.findCampaign(String(input.campaign));
      if (!campaign) return failure(404, 'not_found', `Campaign ${String(input.campaign)} does not exist (give its 20-character ID or its exact name).`, mode);
      const newId = store.createCustomer(input, campaign);
      return success(mode, { customer_id: newId }, `Customer ${newId} created in campaign ${campaign.name}.`);
    }
  }
}
