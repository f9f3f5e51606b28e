// The operations the sandbox serves: every catalog operation plus three reads it models itself, each with its
// flat input schema (path, query and body fields side by side), the one schema REST, MCP and openapi.json use.
import * as z from 'zod';
import { operations as catalogOperations } from '../catalog';
import { operationJsonSchema } from '../catalog/jsonSchema';
import { idField } from '../core/schema';
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

interface ReadDefinition {
  name: string;
  title: string;
  description: string;
  collection: CollectionName;
  idKind: string;
  confirmedRoute: boolean;
}

const READS: ReadDefinition[] = [
  {
    name: 'GetCustomerPortal',
    title: 'Get a customer portal',
    description: 'Reads one customer portal: its settings, emails, filters and permissions (secret keys are not returned).',
    collection: 'customer_portals',
    idKind: 'customer portal',
    confirmedRoute: true,
  },
  {
    name: 'GetCustomer',
    title: 'Get a customer',
    description: 'Reads one customer: contact details, campaign, enabled and blocked state.',
    collection: 'customers',
    idKind: 'customer',
    confirmedRoute: true,
  },
  {
    name: 'GetCustomerGroup',
    title: 'Get a customer group',
    description:
      'Reads one customer group: name, description, enabled state, qualifier method and qualifiers. Modelled by ' +
      'the sandbox: RevCent confirms only the list, GetCustomerGroups.',
    collection: 'customer_groups',
    idKind: 'customer group',
    confirmedRoute: false,
  },
];

function fromRead(read: ReadDefinition): SandboxOperation {
  const { idField: field } = COLLECTIONS[read.collection];
  const path = `/${read.collection}/{${field}}`;
  const schema = z.strictObject({ [field]: idField(read.idKind, `The 20-character ID of the ${read.idKind} to read.`) });
  const generated = z.toJSONSchema(schema, { target: 'draft-7' }) as JsonSchema;
  return {
    name: read.name,
    title: read.title,
    description: read.description,
    kind: 'read',
    method: 'GET',
    path,
    pathParameters: [field],
    confirmedRoute: read.confirmedRoute,
    collection: read.collection,
    targetIdField: field,
    possiblyReplaced: [],
    inputSchema: { ...generated, description: read.description, additionalProperties: false },
  };
}

/** Every operation the sandbox serves, catalog operations first. */
export const sandboxOperations: readonly SandboxOperation[] = [...catalogOperations.map(fromCatalog), ...READS.map(fromRead)];

export function findSandboxOperation(name: string): SandboxOperation | undefined {
  return sandboxOperations.find((operation) => operation.name === name);
}

/** The read that returns records of a collection (GetCustomerPortal for portals, ...). */
export function readOperationFor(collection: CollectionName): SandboxOperation | undefined {
  return sandboxOperations.find((operation) => operation.kind === 'read' && operation.collection === collection);
}
