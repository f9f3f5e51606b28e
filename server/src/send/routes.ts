// Where each operation is sent: read by operationId from `<base URL>/openapi.json` (fetched once per base URL,
// cached in memory and optionally on disk), or, without a usable spec, only the routes RevCent has confirmed
// (routeTable.ts reads the spec; this module fetches and caches it).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkUrl, fetchWithLimits, TransportError } from './http';
import { describeTransportError } from './interpret';
import { confirmedRouteSource, isRoute, openapiRouteSource, routesFromSpec, specUrlOf, type Route, type RouteSource } from './routeTable';

const isJson = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** How long a spec read from a target is used before it is fetched again (memory and disk). */
export const SPEC_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A target whose spec could not be read is asked again after this long. */
const FAILURE_MAX_AGE_MS = 30 * 1000;

const memory = new Map<string, { expires: number; source: Promise<RouteSource> }>();

export interface ResolveOptions {
  /** Sent only if openapi.json answers 401 or 403 without it. */
  apiKey?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  maxBytes?: number;
  /** A folder to keep specs in across runs (only their routes are written, never the key). */
  cacheFolder?: string;
  /** Default one day. */
  maxAgeMs?: number;
}

function cacheFile(folder: string, specUrl: string): string {
  return join(folder, `openapi-${createHash('sha256').update(specUrl).digest('hex').slice(0, 24)}.json`);
}

function readDiskCache(folder: string, specUrl: string, maxAgeMs: number): Map<string, Route> | undefined {
  try {
    const cached: unknown = JSON.parse(readFileSync(cacheFile(folder, specUrl), 'utf8'));
    if (!isJson(cached) || cached.specUrl !== specUrl || typeof cached.savedAt !== 'number' || !Array.isArray(cached.routes)) return undefined;
    if (!(Date.now() - cached.savedAt < maxAgeMs) || !cached.routes.every(isRoute)) return undefined;
    return new Map((cached.routes as Route[]).map((route) => [route.operationId, route]));
  } catch {
    return undefined; // absent, unreadable or damaged: fetch again
  }
}

function writeDiskCache(folder: string, specUrl: string, routes: ReadonlyMap<string, Route>): void {
  try {
    mkdirSync(folder, { recursive: true });
    const file = cacheFile(folder, specUrl);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ specUrl, savedAt: Date.now(), routes: [...routes.values()] }));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs a fetch next time.
  }
}

async function readSpec(baseUrl: string, options: ResolveOptions): Promise<RouteSource> {
  const specUrl = specUrlOf(baseUrl);
  const maxAgeMs = options.maxAgeMs ?? SPEC_MAX_AGE_MS;
  const cached = options.cacheFolder ? readDiskCache(options.cacheFolder, specUrl, maxAgeMs) : undefined;
  if (cached) return openapiRouteSource(baseUrl, cached);
  const limits = { timeoutMs: options.timeoutMs, signal: options.signal, maxBytes: options.maxBytes };
  let response;
  try {
    response = await fetchWithLimits(specUrl, { method: 'GET', headers: { accept: 'application/json' } }, limits);
    if ((response.status === 401 || response.status === 403) && options.apiKey) {
      response = await fetchWithLimits(specUrl, { method: 'GET', headers: { accept: 'application/json', 'x-api-key': options.apiKey } }, limits);
    }
  } catch (error) {
    if (error instanceof TransportError && (error.kind === 'cancelled' || error.kind === 'url')) throw error;
    const problem = error instanceof TransportError ? describeTransportError(error) : String(error);
    return confirmedRouteSource(baseUrl, `${specUrl} could not be read (${problem.replace(/\.$/, '')})`);
  }
  if (response.status !== 200) return confirmedRouteSource(baseUrl, `${specUrl} answered HTTP ${response.status}`);
  let spec: unknown;
  try {
    spec = JSON.parse(response.body);
  } catch {
    return confirmedRouteSource(baseUrl, `${specUrl} is not JSON`);
  }
  const routes = routesFromSpec(spec);
  if (routes.size === 0) return confirmedRouteSource(baseUrl, `${specUrl} declares no operation`);
  if (options.cacheFolder) writeDiskCache(options.cacheFolder, specUrl, routes);
  return openapiRouteSource(baseUrl, routes);
}

/**
 * The target's routes, from `<baseUrl>/openapi.json` (asked without the key, and again with it only after a 401
 * or 403), else RevCent's confirmed routes with the reason. Throws only a TransportError for a URL that is
 * refused (not https:) or a cancellation.
 */
export function resolveRoutes(baseUrl: string, options: ResolveOptions = {}): Promise<RouteSource> {
  const specUrl = specUrlOf(baseUrl);
  try {
    checkUrl(specUrl);
  } catch (error) {
    return Promise.reject(error);
  }
  const remembered = memory.get(specUrl);
  if (remembered && remembered.expires > Date.now()) return remembered.source;
  const source = readSpec(baseUrl, options);
  const entry = { expires: Number.POSITIVE_INFINITY, source };
  memory.set(specUrl, entry);
  source.then(
    (read) => (entry.expires = Date.now() + (read.kind === 'openapi' ? (options.maxAgeMs ?? SPEC_MAX_AGE_MS) : FAILURE_MAX_AGE_MS)),
    () => memory.get(specUrl) === entry && memory.delete(specUrl),
  );
  return source;
}

/** Forgets the specs read so far in this process (tests, and a user asking to reload). */
export function forgetRoutes(): void {
  memory.clear();
}
