// Where each operation is sent: read by operationId from the target's openapi.json, or, without one, only the
// routes RevCent's own per-operation specs confirm. The catalog's unconfirmed guesses are never sent to.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { checkUrl, fetchWithLimits, TransportError } from './http';

export interface Route {
  method: 'GET' | 'POST';
  /** Below the base URL, with `{field}` path parameters. */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  /** Properties the JSON body schema lists, when the spec has one. */
  bodyProperties: string[];
}

export interface RouteSource {
  /** `openapi` when the target's spec was read; `confirmed` when only the confirmed routes are known. */
  kind: 'openapi' | 'confirmed';
  specUrl: string;
  routes: Map<string, Route>;
  /** Why the spec could not be used, when `kind` is `confirmed`. */
  problem?: string;
}

/** Routes confirmed from RevCent's per-operation specs (see the project's notes on RevCent's API). */
const CONFIRMED: Record<string, [Route['method'], string]> = {
  CreateCustomer: ['POST', '/customers'],
  GetCustomers: ['GET', '/customers'],
  GetCustomer: ['GET', '/customers/{customer_id}'],
  AddCardToCustomer: ['POST', '/customers/{customer_id}/add_card'],
  GetCustomerGroups: ['GET', '/customer_groups'],
  CreateCustomerPortal: ['POST', '/customer_portals'],
  GetCustomerPortal: ['GET', '/customer_portals/{customer_portal_id}'],
  EditProductGroup: ['POST', '/product_groups/{product_group_id}'],
};

function parametersOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

export function confirmedRoutes(): Map<string, Route> {
  return new Map(
    Object.entries(CONFIRMED).map(([operation, [method, path]]) => [
      operation,
      { method, path, pathParameters: parametersOf(path), queryParameters: [], bodyProperties: [] },
    ]),
  );
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The routes an OpenAPI 3 document declares, by operationId. Its `servers` field is ignored on purpose. */
export function routesFromSpec(spec: unknown): Map<string, Route> {
  const routes = new Map<string, Route>();
  const paths = isJson(spec) && isJson(spec.paths) ? spec.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isJson(item)) continue;
    for (const method of ['get', 'post'] as const) {
      const operation = item[method];
      if (!isJson(operation) || typeof operation.operationId !== 'string') continue;
      const parameters = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])].filter(isJson);
      const named = (where: string) => parameters.filter((p) => p.in === where && typeof p.name === 'string').map((p) => p.name as string);
      const content = isJson(operation.requestBody) && isJson(operation.requestBody.content) ? operation.requestBody.content['application/json'] : undefined;
      const schema = isJson(content) && isJson(content.schema) ? content.schema : undefined;
      routes.set(operation.operationId, {
        method: method === 'get' ? 'GET' : 'POST',
        path,
        pathParameters: [...new Set([...parametersOf(path), ...named('path')])],
        queryParameters: named('query'),
        bodyProperties: schema && isJson(schema.properties) ? Object.keys(schema.properties) : [],
      });
    }
  }
  return routes;
}

/** How long a spec cached on disk is used before it is fetched again. */
const DISK_CACHE_MS = 24 * 60 * 60 * 1000;
const memoryCache = new Map<string, RouteSource>();

export interface ResolveOptions {
  /** Sent only if the spec answers 401 or 403 without it. */
  apiKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A folder to cache specs in, across runs. */
  cacheFolder?: string;
}

function cacheFile(folder: string, specUrl: string): string {
  return join(folder, `openapi-${createHash('sha256').update(specUrl).digest('hex').slice(0, 16)}.json`);
}

function readDiskCache(folder: string | undefined, specUrl: string): unknown {
  if (!folder) return undefined;
  try {
    const cached = JSON.parse(readFileSync(cacheFile(folder, specUrl), 'utf8')) as { savedAt: number; spec: unknown };
    return Date.now() - cached.savedAt < DISK_CACHE_MS ? cached.spec : undefined;
  } catch {
    return undefined;
  }
}

function writeDiskCache(folder: string | undefined, specUrl: string, spec: unknown): void {
  if (!folder) return;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(cacheFile(folder, specUrl), JSON.stringify({ savedAt: Date.now(), spec }));
  } catch {
    // A cache that cannot be written only costs a fetch next time.
  }
}

/** The URL of an API path: always joined to the base URL the user configured. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

/** The target's routes: from `<baseUrl>/openapi.json` (fetched once per base URL), else the confirmed ones. */
export async function resolveRoutes(baseUrl: string, options: ResolveOptions = {}): Promise<RouteSource> {
  const specUrl = joinUrl(baseUrl, '/openapi.json');
  const remembered = memoryCache.get(specUrl);
  if (remembered) return remembered;
  checkUrl(specUrl);
  let spec = readDiskCache(options.cacheFolder, specUrl);
  let problem: string | undefined;
  if (spec === undefined) {
    try {
      let response = await fetchWithLimits(specUrl, { method: 'GET', headers: { accept: 'application/json' } }, options);
      if ((response.status === 401 || response.status === 403) && options.apiKey) {
        response = await fetchWithLimits(specUrl, { method: 'GET', headers: { accept: 'application/json', 'x-api-key': options.apiKey } }, options);
      }
      if (response.status !== 200) problem = `${specUrl} answered HTTP ${response.status}`;
      else {
        try {
          spec = JSON.parse(response.body);
        } catch {
          problem = `${specUrl} is not JSON`;
        }
      }
    } catch (error) {
      if (error instanceof TransportError && error.kind === 'cancelled') throw error;
      problem = `${specUrl} could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const routes = spec === undefined ? new Map<string, Route>() : routesFromSpec(spec);
  if (spec !== undefined && routes.size === 0) problem = `${specUrl} declares no operations`;
  const source: RouteSource =
    problem === undefined ? { kind: 'openapi', specUrl, routes } : { kind: 'confirmed', specUrl, routes: confirmedRoutes(), problem };
  // Only a spec that was read is remembered: a target that was down is asked again next time.
  if (problem === undefined) {
    writeDiskCache(options.cacheFolder, specUrl, spec);
    memoryCache.set(specUrl, source);
  }
  return source;
}

/** Forgets the specs read so far in this process (tests, and a user asking to reload). */
export function forgetRoutes(): void {
  memoryCache.clear();
}
