// The operations the sandbox serves: every catalog operation (the reads included), each with its
// flat input schema (path, query and body fields side by side), the one schema REST, MCP and openapi.json use.
import { operations as catalogOperations } from '../catalog';
import { operationJsonSchema } from '../catalog/jsonSchema';
import type { OperationDefinition } from '../core/types';

export type JsonSchema = Record<string, unknown>;

/** The kinds of record the sandbox stores and the ID field that names each one. */
export const COLLECTIONS = {
  customer_portals: { idField: 'customer_portal_id', label: 'Customer portal' },
  customer_groups: { idField: 'customer_group_id', label: 'Customer group' },
  customers: { idField: 'customer_id', label: 'Customer' },
} as const;
export type CollectionName = keyof typeof COLLECTIONS;

export interface SandboxOperation {
  /** RevCent's operationId, also the MCP tool name. */
  name: string;
  title: string;
  description: string;
  kind: 'create' | 'edit' | 'action' | 'read';
  method: 'GET' | 'POST';
  /** Below `/v2`, with `{field}` path parameters named as the input's ID fields. */
  path: string;
  pathParameters: string[];
  /** Whether RevCent's own specification confirms the route (otherwise it is this project's reading). */
  confirmedRoute: boolean;
  /** The records it reads or changes; undefined when the sandbox does not model them. */
  collection?: CollectionName;
  targetIdField?: string;
  /** Top-level objects an edit replaces whole in the sandbox (the catalog's cautious reading). */
  possiblyReplaced: readonly string[];
  /** The published JSON Schema (draft-07) of the flat input, without `$operation` or `$` metadata keys. */
  inputSchema: JsonSchema;
}

function pathParametersOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

function collectionOf(path: string): CollectionName | undefined {
  const first = path.split('/').filter(Boolean)[0];
  return first !== undefined && Object.hasOwn(COLLECTIONS, first) ? (first as CollectionName) : undefined;
}

/** The published schema of a catalog operation as RevCent receives its input: no `$` keys, nothing unknown. */
export function flatInputSchema(operation: OperationDefinition): JsonSchema {
  const schema: JsonSchema = { ...operationJsonSchema(operation) };
  const properties = { ...(schema.properties as Record<string, unknown>) };
  delete properties.$operation;
  delete schema.patternProperties;
  // The identity of the payload-file schema; this one describes the request, not the file.
  delete schema.$id;
  delete schema.title;
  return { ...schema, properties, additionalProperties: false };
}

function fromCatalog(operation: OperationDefinition): SandboxOperation {
  return {
    name: operation.name,
    title: operation.title,
    description: operation.purpose,
    kind: operation.kind,
    method: operation.route.method,
    path: operation.route.path,
    pathParameters: pathParametersOf(operation.route.path),
    confirmedRoute: operation.route.confirmed,
    collection: collectionOf(operation.route.path),
    targetIdField: operation.targetIdField,
    possiblyReplaced: operation.possiblyReplaced ?? [],
    inputSchema: flatInputSchema(operation),
  };
}

/** Every operation the sandbox serves, catalog operations first. */
export const sandboxOperations: readonly SandboxOperation[] = catalogOperations.map(fromCatalog);

export function findSandboxOperation(name: string): SandboxOperation | undefined {
  return sandboxOperations.find((operation) => operation.name === name);
}

/** The read that returns records of a collection (GetCustomerPortal for portals, ...). */
export function readOperationFor(collection: CollectionName): SandboxOperation | undefined {
  return sandboxOperations.find((operation) => operation.kind === 'read' && operation.collection === collection);
}
