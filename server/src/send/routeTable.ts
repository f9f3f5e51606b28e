// Routes as data: what a route and a route source are, how a spec's routes are read (by operationId, never its
// `servers`), RevCent's confirmed routes, and the JSON form the extension host hands the language server. No I/O:
// the language server plans with it without carrying any HTTP client.
import { CONFIRMED_ROUTES } from './confirmedRoutes';

export interface Route {
  operationId: string;
  method: 'GET' | 'POST';
  /** Below the base URL, with `{name}` path parameters. */
  path: string;
  pathParameters: string[];
  queryParameters: string[];
  /** The properties of the spec's JSON body schema; undefined when there is none (the confirmed table). */
  bodyProperties?: string[];
}

export interface RouteSource {
  /** `openapi` when the target's spec was read; `confirmed` when only RevCent's confirmed routes are known. */
  kind: 'openapi' | 'confirmed';
  baseUrl: string;
  specUrl: string;
  routes: ReadonlyMap<string, Route>;
  /** Why the spec could not be used, when `kind` is `confirmed`. */
  problem?: string;
}

/** A RouteSource as JSON carries it (between the extension host, which reads the spec, and the language server). */
export interface WireRouteSource extends Omit<RouteSource, 'routes'> {
  routes: Route[];
}

export function routeSourceToWire(source: RouteSource): WireRouteSource {
  return { ...source, routes: [...source.routes.values()] };
}

export function routeSourceFromWire(wire: WireRouteSource): RouteSource {
  const routes = new Map<string, Route>();
  for (const route of Array.isArray(wire.routes) ? wire.routes : []) if (isRoute(route)) routes.set(route.operationId, route);
  return { ...wire, routes };
}

/** The URL of an API path: always joined to the base URL the user configured, never to the spec's `servers`. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

export function specUrlOf(baseUrl: string): string {
  return joinUrl(baseUrl, '/openapi.json');
}

function parametersIn(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

/** Only RevCent's confirmed routes, with the reason the spec was not used. */
export function confirmedRouteSource(baseUrl: string, problem: string): RouteSource {
  const routes = new Map<string, Route>();
  for (const { operationId, method, path } of CONFIRMED_ROUTES) {
    routes.set(operationId, { operationId, method, path, pathParameters: parametersIn(path), queryParameters: [] });
  }
  return { kind: 'confirmed', baseUrl, specUrl: specUrlOf(baseUrl), routes, problem };
}

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: unknown, key: string): unknown => (isJson(value) && Object.hasOwn(value, key) ? value[key] : undefined);

/** Follows local `$ref`s (`#/components/...`), a few levels deep; anything else is returned as it is. */
function dereference(spec: unknown, value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 8; depth++) {
    const ref = own(current, '$ref');
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, segment) => own(node, segment), spec);
  }
  return current;
}

/** The property names a body schema lists, through `$ref` and `allOf`. */
function schemaProperties(spec: unknown, schema: unknown, depth = 0): string[] {
  const resolved = dereference(spec, schema);
  if (!isJson(resolved) || depth > 8) return [];
  const names = isJson(own(resolved, 'properties')) ? Object.keys(own(resolved, 'properties') as Json) : [];
  const allOf = own(resolved, 'allOf');
  if (Array.isArray(allOf)) for (const part of allOf) names.push(...schemaProperties(spec, part, depth + 1));
  return [...new Set(names)];
}

function jsonBodySchema(spec: unknown, operation: unknown): unknown {
  const content = own(dereference(spec, own(operation, 'requestBody')), 'content');
  if (!isJson(content)) return undefined;
  const type = Object.hasOwn(content, 'application/json') ? 'application/json' : Object.keys(content).find((name) => /\bjson\b/i.test(name));
  return type === undefined ? undefined : own(content[type], 'schema');
}

/** The routes an OpenAPI 3 document declares, by operationId. Its `servers` field is ignored on purpose. */
export function routesFromSpec(spec: unknown): Map<string, Route> {
  const routes = new Map<string, Route>();
  const paths = own(spec, 'paths');
  if (!isJson(paths)) return routes;
  for (const path of Object.keys(paths)) {
    const item = dereference(spec, paths[path]);
    for (const method of ['get', 'post'] as const) {
      const operation = own(item, method);
      const operationId = own(operation, 'operationId');
      if (typeof operationId !== 'string' || routes.has(operationId)) continue;
      // Operation parameters override path-item parameters of the same name and place.
      const declared = new Map<string, Json>();
      for (const list of [own(item, 'parameters'), own(operation, 'parameters')]) {
        if (!Array.isArray(list)) continue;
        for (const entry of list) {
          const parameter = dereference(spec, entry);
          const name = own(parameter, 'name');
          const place = own(parameter, 'in');
          if (typeof name === 'string' && typeof place === 'string') declared.set(`${place}\n${name}`, parameter as Json);
        }
      }
      const named = (place: string) => [...declared.values()].filter((p) => p.in === place).map((p) => p.name as string);
      const body = jsonBodySchema(spec, operation);
      routes.set(operationId, {
        operationId,
        method: method === 'get' ? 'GET' : 'POST',
        path,
        pathParameters: [...new Set([...parametersIn(path), ...named('path')])],
        queryParameters: named('query'),
        bodyProperties: body === undefined ? undefined : schemaProperties(spec, body),
      });
    }
  }
  return routes;
}

/** The routes of a spec that was read. */
export function openapiRouteSource(baseUrl: string, routes: ReadonlyMap<string, Route>): RouteSource {
  return { kind: 'openapi', baseUrl, specUrl: specUrlOf(baseUrl), routes };
}

/** Whether a value read back (a cache file, a message) is a route. */
export function isRoute(value: unknown): value is Route {
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return (
    isJson(value) &&
    typeof value.operationId === 'string' &&
    (value.method === 'GET' || value.method === 'POST') &&
    typeof value.path === 'string' &&
    strings(value.pathParameters) &&
    strings(value.queryParameters) &&
    (value.bodyProperties === undefined || strings(value.bodyProperties))
  );
}
