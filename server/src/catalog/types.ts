// What an operation module declares: its input schema with field docs, its route, and its own rules.
import type * as z from 'zod';
import type { RuleDefinition } from '../service/types';

export interface OperationRoute {
  method: 'GET' | 'POST';
  /** Path below the API base URL; `{field}` segments are filled from the payload's ID fields. */
  path: string;
  /** False when the route is our best reading and must be confirmed from RevCent's OpenAPI document. */
  confirmed: boolean;
}

export interface OperationDefinition {
  /** RevCent's operationId, written in payload files as `"$operation"`. */
  name: string;
  title: string;
  /** Markdown: what the operation does and when to use it. */
  purpose: string;
  /** Markdown: the recommended workflow around sending it. */
  workflow: string;
  /** `edit` operations are partial updates of the record named by `targetIdField`. */
  kind: 'create' | 'edit' | 'action';
  targetIdField?: string;
  route: OperationRoute;
  schema: z.ZodObject;
  /**
   * Fields whose presence makes the payload a high-impact change, with what it changes for customers.
   * A function returns undefined when the given value is not high impact (e.g. a permission turned off).
   */
  highImpact: Record<string, (value: unknown) => string | undefined>;
  /**
   * Top-level nested objects that an edit may replace whole rather than merge (not confirmed by RevCent: the
   * cautious reading of the guides). The sandbox models replacement and the comparison warns on it.
   */
  possiblyReplaced?: string[];
  /** Top-level objects for which `{}` is meaningful and must not be flagged as an unrelated empty object. */
  emptyObjectAllowed?: string[];
  rules: RuleDefinition[];
}
