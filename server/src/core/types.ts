// The shapes everything stands on: what an operation module declares, rules, findings, fixes and diagnostics.
// No catalog data, no LSP or VS Code types.
import type { Edit, JSONPath, Node } from 'jsonc-parser';
import type * as z from 'zod';
import type { TabStop } from './snippet';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * One change a fix makes: set a value (remove it when `value` is undefined), rename a property key, or remove
 * the one copy of a duplicated property that starts at an offset (a path alone names the last copy).
 */
export type FixChange =
  | { path: JSONPath; value: unknown; insertFirst?: boolean }
  | { path: JSONPath; renameKeyTo: string }
  | { path: JSONPath; removePropertyAt: number }
  /** Insert text into a string value: before the last `before` in its source (case-insensitive), else at its end. */
  | { path: JSONPath; insertIntoString: string; before?: string };

/** A fix as a rule describes it; the engine turns it into text edits that keep the user's formatting. */
export interface FixSpec {
  title: string;
  changes: FixChange[];
  /** The obvious fix for the finding; editors apply it first. */
  preferred?: boolean;
  /** Removes content RevCent would ignore or that the edit did not mean to send ("strip unrelated fields"). */
  strip?: boolean;
  /**
   * Safe to apply unseen ("fix all", and on save): it corrects an unambiguous slip (a typo, a type, a format)
   * or drops what RevCent never receives, and changes nothing the payload means. Fixes that guess at intent,
   * add content to review, or remove what the user wrote are left to the user.
   */
  automatic?: boolean;
  /**
   * The editor stores `value` as the secret `name` along with the edit (VS Code's secret storage): offered only by
   * an editor that says it can, never applied unseen.
   */
  storesSecret?: { name: string; value: string };
}

/** A machine-applicable fix: edits (jsonc-parser `Edit`: offset, length, content) against the analysed text. */
export interface Fix {
  title: string;
  edits: Edit[];
  isPreferred: boolean;
  isStrip: boolean;
  isAutomatic: boolean;
  storesSecret?: { name: string; value: string };
}

/** What a finding's range covers: the property key, the value, or the whole `"key": value` property. */
export type RangeTarget = 'key' | 'value' | 'property';

export interface Report {
  path: JSONPath;
  /** The exact node to mark, when `path` alone is ambiguous (an earlier duplicate key). */
  node?: Node;
  message: string;
  target?: RangeTarget;
  fixes?: FixSpec[];
  /** Overrides the rule's default severity for this one finding. */
  severity?: Severity;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** RFC 6901 JSON pointer of the node the diagnostic is about. */
  pointer: string;
  range: Range;
  offset: number;
  length: number;
  fixes: Fix[];
}

export interface Analysis {
  /** The declared operation when it is known to the catalog. */
  operation?: string;
  diagnostics: Diagnostic[];
  /**
   * The payload as RevCent would receive it (last duplicate key wins, no `$` metadata keys, null prototype), when
   * the file parsed as an object naming a known operation: the send plan's body comes from it.
   */
  payload?: Record<string, unknown>;
}

export interface RuleContext {
  operation: OperationDefinition;
  /** The payload as RevCent would receive it: last duplicate key wins, `$` metadata keys removed. */
  payload: Record<string, unknown>;
  root: Node;
  text: string;
  report(finding: Report): void;
  /**
   * What several rules of one analysis work out alike (the payload's IDs, its high-impact changes): `compute` runs
   * once per analysis and `key`, and is dropped with the analysis.
   */
  shared<T>(key: object, compute: () => T): T;
}

/**
 * A rule is data plus, for semantic rules, a check. Rules without a check are raised by the pipeline itself
 * (syntax, schema, operation declaration). Each rule has a wrong and a right example payload in the `examples/`
 * folder beside it (`RCnnn.wrong.jsonc`, `RCnnn.right.jsonc`): the rules document shows them and the tests
 * assert that the wrong one raises the rule and the right one does not.
 */
export interface RuleDefinition {
  code: string;
  name: string;
  severity: Severity;
  summary: string;
  /** Its findings replace schema findings on the same node (it says the same thing more precisely). */
  replacesSchemaFindings?: boolean;
  check?(context: RuleContext): void;
}

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
  /** `edit` operations are partial updates of the record named by `targetIdField`; a `read` changes nothing. */
  kind: 'create' | 'edit' | 'action' | 'read';
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
  /**
   * What one item is called under a nested field, by the field's dotted path, for the words of a comparison
   * ("may remove the `customer_account_password_reset` email template", "may remove 2 of 3 shop filters").
   */
  itemNames?: Record<string, string>;
  /** The operation that reads the record this one changes (GetCustomerPortal for portals): what a comparison reads. */
  readOperation?: string;
  /** Top-level objects for which `{}` is meaningful and must not be flagged as an unrelated empty object. */
  emptyObjectAllowed?: string[];
  rules: RuleDefinition[];
  /** What the operation adds to hover and completion; the generic editor features name no operation. */
  editor?: EditorContribution;
}

/** A payload document as the editor features read it: tolerant of half-typed text, never throwing. */
export interface PayloadDocument {
  text: string;
  /** The root object, also when the text around it does not parse completely. */
  root: Node | undefined;
  /** The declared operation when the catalog knows it. */
  operation: OperationDefinition | undefined;
}

/** A ready-made value for an object field, offered by completion. Its body may hold tab stops. */
export interface ObjectSnippet {
  label: string;
  body: unknown;
  documentation: string;
}

/**
 * An operation's own editor features, read by the generic hover and completion (as vscode-json-languageservice
 * reads its JSONWorkerContributions). Each hook answers undefined where it has nothing to add.
 */
export interface EditorContribution {
  /** The ready-made values for the object field at `path`, instead of the generic "required fields" one. */
  objectSnippets?(document: PayloadDocument, path: JSONPath, schema: z.ZodType): ObjectSnippet[] | undefined;
  /** The placeholder for the value at `path` where it differs from its type's default. */
  valuePlaceholder?(document: PayloadDocument, path: JSONPath, schema: z.ZodType): TabStop | Record<string, unknown> | undefined;
  /** Which of the schema's property names completion offers in the object at `path`. */
  propertyNames?(document: PayloadDocument, path: JSONPath, names: string[]): string[] | undefined;
  /** A note added to the hover of the field at `path`. */
  hoverNote?(document: PayloadDocument, path: JSONPath): string | undefined;
}
