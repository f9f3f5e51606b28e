// The send plan: what sending a payload file would do (operation, target, request without any key, the findings
// that matter), built from the analysis and the target's routes. The CLI, the server and the client share it.
import { parse, type ParseError } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findOperation } from '../catalog';
import { isMetadataKey, isObject } from '../core/jsonTree';
import { LANGUAGE_ID } from '../core/payloadFile';
import { highImpactChanges } from '../rules/partialEdit';
import { analyzePayload } from '../service/analyze';
import { joinUrl, type RouteSource } from './routes';

export interface PlannedRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Without the key: the caller adds it when it sends. */
  headers: Record<string, string>;
  body?: string;
}

export interface PlanFinding {
  code: string;
  /** 1-based. */
  line: number;
  message: string;
}

export interface SendPlan {
  operation?: string;
  /** The value of the operation's ID field; undefined for CreateCustomer. */
  targetId?: string;
  targetIdField?: string;
  request?: PlannedRequest;
  /** The payload as sent (no `$` keys), for MCP arguments and comparisons. */
  payload?: Record<string, unknown>;
  /** Top-level fields that will be sent besides the ID. */
  changedFields: string[];
  /** Sent nested objects that an edit may replace whole. */
  possiblyReplaced: string[];
  /** High-impact changes, in plain words. */
  highImpact: string[];
  errors: PlanFinding[];
  warnings: PlanFinding[];
  /** Where the route came from. */
  routeNote?: string;
  /** Why it cannot be sent, when it cannot. */
  refusal?: string;
}

export interface PlanInput {
  text: string;
  /** For messages and the analysis; a file name or URI. */
  fileName: string;
  baseUrl: string;
  routes: RouteSource;
}

function encodePathParameter(value: unknown): string {
  return encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The plan for one payload file. Never throws: a payload that cannot be sent gets a refusal that says why. */
export function buildSendPlan(input: PlanInput): SendPlan {
  const document = TextDocument.create(input.fileName.includes('://') ? input.fileName : `file://${input.fileName}`, LANGUAGE_ID, 1, input.text);
  const analysis = analyzePayload(document);
  const finding = (d: (typeof analysis.diagnostics)[number]): PlanFinding => ({ code: d.code, line: d.range.start.line + 1, message: d.message });
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').map(finding);
  const warnings = analysis.diagnostics.filter((d) => d.severity === 'warning').map(finding);
  const plan: SendPlan = { operation: analysis.operation, changedFields: [], possiblyReplaced: [], highImpact: [], errors, warnings };

  const errorsParsing: ParseError[] = [];
  const value: unknown = parse(input.text, errorsParsing, { allowTrailingComma: true });
  const operation = analysis.operation ? findOperation(analysis.operation) : undefined;
  if (!operation || !isObject(value)) {
    plan.refusal = errors.length ? `The file has ${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} before sending.` : 'The file names no known operation.';
    return plan;
  }
  // The body is the file's value without editor metadata, serialised afresh: comments and `$` keys never leave.
  const payload: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) if (!isMetadataKey(key)) payload[key] = value[key];
  plan.payload = payload;
  const idField = operation.targetIdField;
  plan.targetIdField = idField;
  if (idField && Object.hasOwn(payload, idField) && typeof payload[idField] === 'string') plan.targetId = payload[idField] as string;
  plan.changedFields = Object.keys(payload).filter((key) => key !== idField);
  plan.possiblyReplaced = (operation.possiblyReplaced ?? []).filter((field) => Object.hasOwn(payload, field));
  plan.highImpact = highImpactChanges(operation, payload).map(([field, description]) => `\`${field}\` ${description}`);

  const route = input.routes.routes.get(operation.name);
  if (!route) {
    plan.refusal =
      input.routes.kind === 'openapi'
        ? `${input.routes.specUrl} has no operation ${operation.name}, so there is nowhere to send it.`
        : `${operation.name} cannot be sent: ${input.routes.problem ?? `${input.routes.specUrl} could not be used`}, and its route is not one RevCent has confirmed. Point the base URL at a target whose openapi.json lists ${operation.name}.`;
    return plan;
  }
  plan.routeNote =
    input.routes.kind === 'openapi' ? `route from ${input.routes.specUrl}` : `${input.routes.problem ?? 'no openapi.json'}: using RevCent's confirmed route`;

  const missing = route.pathParameters.filter((name) => !Object.hasOwn(payload, name));
  let path = route.path;
  for (const name of route.pathParameters) if (Object.hasOwn(payload, name)) path = path.split(`{${name}}`).join(encodePathParameter(payload[name]));
  const inPath = new Set(route.pathParameters);
  const bodyListed = new Set(route.bodyProperties);
  const rest = Object.keys(payload).filter((key) => !inPath.has(key) || bodyListed.has(key));
  let url = joinUrl(input.baseUrl, path);
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (route.method === 'GET') {
    const query = new URLSearchParams();
    for (const key of rest) query.set(key, typeof payload[key] === 'string' ? (payload[key] as string) : JSON.stringify(payload[key]));
    if (rest.length) url += `?${query.toString()}`;
  } else {
    body = JSON.stringify(Object.fromEntries(rest.map((key) => [key, payload[key]])));
    headers['content-type'] = 'application/json';
  }
  plan.request = { method: route.method, url, headers, body };
  if (missing.length) plan.refusal = `The payload has no ${missing.map((name) => `\`${name}\``).join(', ')} for the route ${route.method} ${route.path}.`;
  else if (errors.length) plan.refusal = `The file has ${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} before sending.`;
  return plan;
}
