// The send plan: what sending a payload file would do (operation, target, the request without any key, the
// findings that block or warn, what it changes), built from the analysis and the target. Never throws.
import { findOperation } from '../catalog';
import type { Analysis, OperationDefinition } from '../core/types';
import { highImpactChanges } from '../rules/partialEdit';
import { analyzePayload } from '../service/analyze';
import { joinUrl, type Route, type RouteSource } from './routeTable';
import { secretReferencesIn } from './secretReferences';

export interface PlannedRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Never the key: the transport adds it when it sends. */
  headers: Record<string, string>;
  /** The JSON body (POST), serialised afresh from the payload: no comment and no `$` key. */
  body?: string;
}

/** An MCP tool call: the tool named after the operation, the flat payload (`plan.payload`) as its arguments. */
export interface PlannedToolCall {
  url: string;
  tool: string;
}

export interface PlanFinding {
  code: string;
  /** 1-based. */
  line: number;
  message: string;
}

export type SendTarget =
  /** REST API V2: the base URL the user configured and the routes resolved for it. */
  | { transport: 'rest'; baseUrl: string; routes: RouteSource }
  /** The RevCent MCP server: nothing is read from a REST base URL. */
  | { transport: 'mcp'; url: string };

export interface SendPlan {
  file: string;
  transport: 'rest' | 'mcp';
  operation?: string;
  kind?: OperationDefinition['kind'];
  targetIdField?: string;
  /** The value of the operation's target ID field; undefined for an operation that creates a record. */
  targetId?: string;
  /** What a person confirms the send with: the target ID, or `new` for an operation that creates a record. */
  confirmation?: string;
  /** REST: the base URL the user configured; every route is joined to it. */
  baseUrl?: string;
  route?: Route;
  /** REST: the request, without any key. */
  request?: PlannedRequest;
  /** MCP: the tool to call. */
  toolCall?: PlannedToolCall;
  /**
   * The flat payload as sent (no `$` keys, null prototype): the MCP arguments, and what secret references are
   * resolved in. Holds secret field values: show it only through `redactSecrets`.
   */
  payload?: Record<string, unknown>;
  /** Error findings: a plan with any cannot be sent. */
  blockingErrors: PlanFinding[];
  warnings: PlanFinding[];
  /** High-impact changes, in plain words. */
  highImpact: string[];
  /** Top-level fields that will be sent, besides the target ID. */
  changedFields: string[];
  /** The sent fields that an edit may replace whole rather than merge. */
  possiblyReplaced: string[];
  /** Names of the `${secret:NAME}` references in the payload, resolved only when sending. */
  secretReferences: string[];
  /** Where the route came from. */
  routeNote?: string;
  canSend: boolean;
  /** Why it cannot be sent, when it cannot. */
  refusal?: string;
}

export interface PlanInput {
  text: string;
  /** A file path or URI, for the analysis and the messages. */
  fileName: string;
  target: SendTarget;
  /** The analysis of this same text, when the caller already has it (the language server). */
  analysis?: Analysis;
}

function queryValue(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : (JSON.stringify(value) ?? '');
}

/**
 * The REST request for a payload on a route: path parameters percent-encoded into the URL; for GET every other
 * field in the query string; for POST the spec's query parameters in the query string and the rest in the JSON
 * body, where a path parameter stays too when the spec's body schema lists it.
 */
export function requestFor(route: Route, payload: Record<string, unknown>, baseUrl: string): PlannedRequest {
  const inPath = new Set(route.pathParameters);
  let path = route.path;
  for (const name of route.pathParameters) {
    if (Object.hasOwn(payload, name)) path = path.split(`{${name}}`).join(encodeURIComponent(queryValue(payload[name])));
  }
  const bodyListed = new Set(route.bodyProperties ?? []);
  const queryListed = new Set(route.queryParameters);
  const query = new URLSearchParams();
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(payload)) {
    const value = payload[key];
    if (inPath.has(key) && !bodyListed.has(key)) continue;
    if (route.method === 'GET' || (queryListed.has(key) && !bodyListed.has(key))) {
      if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) for (const item of value) query.append(key, queryValue(item));
      else query.append(key, queryValue(value));
    } else {
      // defineProperty: a `__proto__` key is sent as a key, like any other.
      Object.defineProperty(body, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  const search = query.toString();
  const url = joinUrl(baseUrl, path) + (search ? `?${search}` : '');
  if (route.method === 'GET') return { method: 'GET', url, headers };
  headers['content-type'] = 'application/json';
  return { method: 'POST', url, headers, body: JSON.stringify(body) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function routeNoteFor(route: Route, routes: RouteSource): string {
  const where = `${route.method} ${route.path}`;
  return routes.kind === 'openapi'
    ? `${where}, from ${routes.specUrl}`
    : `${where}, one of the routes RevCent has confirmed, because ${routes.problem ?? `${routes.specUrl} could not be used`}`;
}

function routeRefusal(operation: string, routes: RouteSource): string {
  return routes.kind === 'openapi'
    ? `${routes.specUrl} lists no operation ${operation}, so there is nowhere to send it. Check the base URL.`
    : `${operation} cannot be sent: ${routes.problem ?? `${routes.specUrl} could not be used`}, and ${operation} is not among the routes RevCent has confirmed. Point the base URL at a target whose openapi.json lists ${operation}.`;
}

function planFor(input: PlanInput): SendPlan {
  const analysis =
    input.analysis ??
    analyzePayload(input.text);
  const finding = (d: Analysis['diagnostics'][number]): PlanFinding => ({ code: d.code, line: d.range.start.line + 1, message: d.message });
  const plan: SendPlan = {
    file: input.fileName,
    transport: input.target.transport,
    operation: analysis.operation,
    blockingErrors: analysis.diagnostics.filter((d) => d.severity === 'error').map(finding),
    warnings: analysis.diagnostics.filter((d) => d.severity === 'warning').map(finding),
    highImpact: [],
    changedFields: [],
    possiblyReplaced: [],
    secretReferences: [],
    canSend: false,
  };
  const errorsRefusal = plan.blockingErrors.length
    ? `The file has ${plural(plan.blockingErrors.length, 'error')} (first, line ${plan.blockingErrors[0].line}: ${plan.blockingErrors[0].message}). Fix ${plan.blockingErrors.length === 1 ? 'it' : 'them'} before sending.`
    : undefined;
  const operation = analysis.operation ? findOperation(analysis.operation) : undefined;
  // The analysis names an operation only for a file that parsed as an object, and then holds its payload.
  const payload = operation ? analysis.payload : undefined;
  if (!operation || !payload) {
    plan.refusal = errorsRefusal ?? 'The file names no known operation: add "$operation".';
    return plan;
  }
  plan.payload = payload;
  plan.kind = operation.kind;
  const idField = operation.targetIdField;
  plan.targetIdField = idField;
  if (idField && Object.hasOwn(payload, idField) && typeof payload[idField] === 'string') plan.targetId = payload[idField] as string;
  plan.confirmation = operation.kind === 'create' ? 'new' : plan.targetId;
  plan.changedFields = Object.keys(payload).filter((key) => key !== idField);
  plan.possiblyReplaced = (operation.possiblyReplaced ?? []).filter((field) => Object.hasOwn(payload, field));
  plan.highImpact = highImpactChanges(operation, payload).map(([field, description]) => `\`${field}\`: ${description}`);
  if (input.text.includes('${secret:')) plan.secretReferences = secretReferencesIn(payload);

  let refusal = errorsRefusal;
  if (idField && plan.targetId === undefined) refusal ??= `The payload has no \`${idField}\` as text, so there is no record to send it to.`;
  if (input.target.transport === 'mcp') {
    plan.toolCall = { url: input.target.url, tool: operation.name };
  } else {
    const { routes, baseUrl } = input.target;
    plan.baseUrl = baseUrl;
    const route = routes.routes.get(operation.name);
    if (!route) {
      refusal ??= routeRefusal(operation.name, routes);
    } else {
      plan.route = route;
      plan.routeNote = routeNoteFor(route, routes);
      const missing = route.pathParameters.filter((name) => !Object.hasOwn(payload, name));
      if (missing.length) refusal ??= `The route ${route.method} ${route.path} needs ${missing.map((name) => `\`${name}\``).join(', ')}, which the payload does not have.`;
      else plan.request = requestFor(route, payload, baseUrl);
    }
  }
  plan.refusal = refusal;
  plan.canSend = refusal === undefined && (plan.request !== undefined || plan.toolCall !== undefined);
  return plan;
}

/** A plan that cannot be sent, for the reason given. */
export function unsendablePlan(file: string, transport: SendTarget['transport'], refusal: string): SendPlan {
  return { file, transport, blockingErrors: [], warnings: [], highImpact: [], changedFields: [], possiblyReplaced: [], secretReferences: [], canSend: false, refusal };
}

/** The plan for one payload file. Never throws: a payload that cannot be sent gets a refusal that says why. */
export function buildSendPlan(input: PlanInput): SendPlan {
  try {
    return planFor(input);
  } catch (error) {
    return unsendablePlan(input.fileName, input.target.transport, `The send plan could not be built (internal error: ${error instanceof Error ? error.message : String(error)}). Please report it.`);
  }
}
