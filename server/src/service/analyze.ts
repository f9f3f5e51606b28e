// The analysis pipeline: parse, then (only if it parsed) the operation, the schema, and the semantic rules.
import { createScanner, ParseErrorCode, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import { findOperation, inferOperations, operationNames } from '../catalog';
import type { OperationDefinition } from '../core/types';
import { findDuplicateKeys, duplicateKey } from '../rules/duplicateKeys';
import { generalRules } from '../rules';
import * as pipeline from '../rules/pipeline';
import { buildFix, detectFormatting, type Formatting } from './edits';
import { nodeAt, payloadOf, showValue, toPointer, valueAt } from '../core/jsonTree';
import { parseClean } from '../core/parse';
import { LineIndex } from '../core/positions';
import { isSecretReference } from '../core/secretReference';
import { highImpactEdit, noOpEdit } from '../rules/partialEdit';
import { secretReferenceRule } from '../rules/secretReferences';
import { schemaFindings, type Finding } from './schemaFindings';
import { closestMatch } from '../core/suggest';
import { applySuppressions, type RuleSetting } from './suppressions';
import type { Analysis, Diagnostic, Fix, FixSpec, Range, RangeTarget, Report, RuleDefinition, Severity } from '../core/types';

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character here.',
  InvalidNumberFormat: 'This number is not valid JSON.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value here.',
  ColonExpected: 'Expected a colon ":" after the property name.',
  CommaExpected: 'Expected a comma "," between items.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the list.',
  EndOfFileExpected: 'Expected the end of the file: a payload file holds one JSON object.',
  InvalidCommentToken: 'This comment is not valid: use // or /* */.',
  UnexpectedEndOfComment: 'This comment is never closed: add */.',
  UnexpectedEndOfString: 'This text is never closed: add the closing double quote.',
  UnexpectedEndOfNumber: 'This number is incomplete.',
  InvalidUnicode: 'This \\u escape is not valid.',
  InvalidEscapeCharacter: 'This backslash escape is not valid JSON.',
  InvalidCharacter: 'This character is not allowed inside JSON text: escape it.',
};

/** Whether the text holds nothing but white space and comments. */
function isBlank(text: string): boolean {
  const scanner = createScanner(text, true);
  return scanner.scan() === SyntaxKind.EOF;
}

function syntaxFindings(errors: ParseError[], root: Node | undefined, text: string): Finding[] {
  if (errors.length === 0 && root) return [];
  const unclosedComment = errors.find((error) => error.error === ParseErrorCode.UnexpectedEndOfComment);
  if (!root && isBlank(text) && !unclosedComment) {
    return [{ rule: pipeline.syntaxError, path: [], message: 'The file is empty. Start with { "$operation": "..." }.' }];
  }
  // An unclosed comment swallows the rest of the file: what the parser says after it only follows from it.
  const shown = unclosedComment ? errors.filter((error) => error.offset <= unclosedComment.offset) : errors;
  return shown.map((error) => {
    // An error at the very end (an unclosed object) marks the last character, so it is visible.
    const offset = Math.max(0, error.offset >= text.length && text.length > 0 ? text.trimEnd().length - 1 : error.offset);
    // The parser can report a length past the end (an unclosed comment at the end of the file): keep it inside.
    const length = Math.min(Math.max(error.length, text.length > 0 ? 1 : 0), text.length - offset);
    return {
      rule: pipeline.syntaxError,
      path: [],
      node: { type: 'null', offset, length } as Node,
      message: SYNTAX_MESSAGES[printParseErrorCode(error.error)] ?? 'This is not valid JSON.',
    };
  });
}

/** The declared operation, or the finding that explains why there is none. */
function resolveOperation(root: Node, payload: Record<string, unknown>): OperationDefinition | Finding {
  const declared = nodeAt(root, ['$operation']);
  if (!declared) {
    const likely = inferOperations(Object.keys(payload));
    return {
      rule: pipeline.missingOperation,
      path: [],
      target: 'key',
      message:
        'Add "$operation" to say which RevCent operation this payload is for' +
        (likely.length ? ` (likely ${likely.map((name) => `\`${name}\``).join(' or ')}).` : '.'),
      fixes: likely.map((name, index) => ({
        title: `Add "$operation": "${name}"`,
        changes: [{ path: ['$operation'], value: name, insertFirst: true }],
        preferred: index === 0 && likely.length === 1,
      })),
    };
  }
  if (typeof declared.value !== 'string') {
    return {
      rule: pipeline.wrongType,
      path: ['$operation'],
      message: `"$operation" must be an operation name in quotes, such as "EditCustomerGroup"; not ${
        declared.type === 'object' ? 'an object' : declared.type === 'array' ? 'a list' : showValue(declared.value)
      }.`,
    };
  }
  const operation = findOperation(declared.value);
  if (operation) return operation;
  const suggestion = closestMatch(declared.value, operationNames());
  return {
    rule: pipeline.unknownOperation,
    path: ['$operation'],
    message:
      `Unknown operation ${showValue(declared.value)}.` +
      (suggestion ? ` Did you mean "${suggestion}"?` : ` Known operations: ${operationNames().join(', ')}.`),
    fixes: suggestion
      ? [{ title: `Change to "${suggestion}"`, changes: [{ path: ['$operation'], value: suggestion }], preferred: true, automatic: true }]
      : [],
  };
}

/**
 * The rules whose findings still hold where the value is a `${secret:NAME}` reference: they are about the
 * payload's shape (a wrong type, an unknown key, a value outside fixed options) or about the edit as a whole, not
 * about the text, which is not known until it is sent.
 */
const RULES_BLIND_TO_VALUES: ReadonlySet<RuleDefinition> = new Set([
  pipeline.unknownProperty,
  pipeline.wrongType,
  pipeline.missingRequired,
  // A field of fixed options takes one of them, never a secret.
  pipeline.invalidValue,
  duplicateKey,
  noOpEdit,
  highImpactEdit,
  secretReferenceRule,
]);

/** The findings without those that judge a value that is a secret reference. */
function withoutJudgingReferences(findings: Finding[], payload: Record<string, unknown>): Finding[] {
  return findings.filter((finding) => RULES_BLIND_TO_VALUES.has(finding.rule) || !isSecretReference(valueAt(payload, finding.path)));
}

function semanticFindings(operation: OperationDefinition, root: Node, text: string, payload: Record<string, unknown>): Finding[] {
  const findings: Finding[] = [];
  const memo = new Map<object, unknown>();
  const shared = <T>(key: object, compute: () => T): T => {
    if (!memo.has(key)) memo.set(key, compute());
    return memo.get(key) as T;
  };
  for (const rule of [...generalRules, ...operation.rules]) {
    if (!rule.check) continue;
    const report = (found: Report) =>
      // Built field by field: every finding has the same shape, and no spread copies the report.
      findings.push({ rule, path: found.path, node: found.node, message: found.message, target: found.target, fixes: found.fixes, severity: found.severity });
    rule.check({ operation, payload, root, text, report, shared });
  }
  return findings;
}

function rangeNode(root: Node, finding: Finding): Node {
  let node = finding.node ?? nodeAt(root, finding.path);
  for (let depth = finding.path.length - 1; !node && depth >= 0; depth--) node = nodeAt(root, finding.path.slice(0, depth));
  node ??= root;
  const target: RangeTarget = finding.target ?? 'value';
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  if (target === 'key') {
    if (property) return property.children![0];
    // The root object has no key: mark its opening brace rather than the whole file.
    return node === root ? ({ ...root, length: 1 } as Node) : node;
  }
  if (target === 'property' && property) return property;
  return node;
}

/**
 * A finding as a diagnostic. Its fixes are turned into text edits the first time someone reads them (a code
 * action, "fix all"): most diagnostics are shown and never fixed.
 */
class PayloadDiagnostic implements Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  pointer: string;
  offset: number;
  length: number;
  range: Range;
  #fixes: Fix[] | undefined;
  #specs: FixSpec[] | undefined;
  #text: string;
  #root: Node | undefined;
  #formatting: () => Formatting;

  constructor(lines: LineIndex, text: string, root: Node | undefined, finding: Finding, formatting: () => Formatting) {
    const node = root ? rangeNode(root, finding) : (finding.node ?? ({ offset: 0, length: 0 } as Node));
    this.severity = finding.severity ?? finding.rule.severity;
    this.code = finding.rule.code;
    this.message = finding.message;
    this.pointer = toPointer(finding.path);
    this.offset = node.offset;
    this.length = node.length;
    this.range = { start: lines.positionAt(node.offset), end: lines.positionAt(node.offset + node.length) };
    this.#specs = root ? finding.fixes : undefined;
    this.#fixes = this.#specs && this.#specs.length > 0 ? undefined : [];
    this.#text = text;
    this.#root = root;
    this.#formatting = formatting;
  }

  get fixes(): Fix[] {
    this.#fixes ??= this.#specs!.map((spec) => buildFix(this.#text, this.#root!, spec, this.#formatting())).filter((fix): fix is Fix => fix !== undefined);
    return this.#fixes;
  }
}

export interface AnalysisOptions {
  /** Per-rule severity overrides by code, or "off" (the `revcent.rules` setting). */
  rules?: Record<string, RuleSetting>;
}

/**
 * Analyses the text of one payload file: every diagnostic, with its range, JSON pointer and fixes, after in-file
 * `revcent-disable-next-line` comments and per-rule settings.
 */
export function analyzePayload(text: string, options: AnalysisOptions = {}): Analysis {
  try {
    return runPipeline(text, options);
  } catch (error) {
    // The parser and the schema walk recurse once per nesting level; a file nested thousands of levels deep
    // exhausts the stack. No payload is nested like that, so say so instead of crashing.
    if (!(error instanceof RangeError)) throw error;
    const end = { line: 0, character: 0 };
    return {
      diagnostics: [
        {
          severity: 'error',
          code: pipeline.syntaxError.code,
          message: 'The file is nested too deeply to be a RevCent payload (thousands of levels of { or [).',
          pointer: '',
          range: { start: end, end },
          offset: 0,
          length: 0,
          fixes: [],
        },
      ],
    };
  }
}

function runPipeline(text: string, options: AnalysisOptions): Analysis {
  const errors: ParseError[] = [];
  // Clean files (nearly all) are read in one pass with their value; jsonc-parser reads the rest and says what is wrong.
  const clean = parseClean(text);
  const root = clean ? clean.root : parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  let formatting: Formatting | undefined;
  const fileFormatting = () => (formatting ??= detectFormatting(text));
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const finish = (findings: Finding[], operation?: string, payload?: Record<string, unknown>): Analysis => ({
    operation,
    payload,
    diagnostics: applySuppressions(
      text,
      findings
        .map((finding): Diagnostic => new PayloadDiagnostic(lines(), text, errors.length ? undefined : root, finding, fileFormatting))
        .sort((a, b) => a.offset - b.offset || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
      options.rules,
      clean?.comments !== false,
    ),
  });

  const syntax = syntaxFindings(errors, root, text);
  if (syntax.length > 0 || !root) return finish(syntax);

  if (root.type !== 'object') {
    return finish([{ rule: pipeline.wrongType, path: [], message: 'A payload file holds one JSON object: { "$operation": "...", ...fields }.' }]);
  }

  // The one-pass reader saw every key: without a repeated one, there is nothing to look for.
  const duplicates: Finding[] =
    clean && !clean.duplicateKeys
      ? []
      : findDuplicateKeys(root, (offset) => lines().positionAt(offset).line).map((report) => ({ ...report, rule: duplicateKey }));
  const payload = payloadOf(root, clean?.value as Record<string, unknown> | undefined);
  const operation = resolveOperation(root, payload);
  if ('rule' in operation) return finish([...duplicates, operation]);

  const semantic = semanticFindings(operation, root, text, payload);
  const replaced = new Set(semantic.filter((f) => f.rule.replacesSchemaFindings).map((f) => toPointer(f.path)));
  const schema = schemaFindings(operation.schema, payload, root).filter((f) => !replaced.has(toPointer(f.path)));
  const findings = [...duplicates, ...schema, ...semantic];
  return finish(text.includes('${secret:') ? withoutJudgingReferences(findings, payload) : findings, operation.name, payload);
}
