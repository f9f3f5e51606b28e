// Property-based fuzzing of the send plan and its outputs with fast-check, on a fixed seed: random payload texts
// (prototype-member keys such as `constructor`, `__proto__`, `toString`, `then` at any depth, comments, trailing
// commas, `$` metadata keys, secret references, card data and reCAPTCHA secrets), for each operation and each kind
// of target. Every case checks: the plan builder does not fail, finishes within a bound, and no preview, report or
// cURL command holds a `$` metadata key or the value of a secret field. `REVCENT_FUZZ=long` runs many more cases.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { operationNames } from '../../server/src/catalog';
import { toCurl } from '../../server/src/send/curl';
import { buildSendPlan, type SendPlan, type SendTarget } from '../../server/src/send/plan';
import { planPreview, planReport } from '../../server/src/send/preview';
import { confirmedRouteSource, openapiRouteSource, routesFromSpec } from '../../server/src/send/routeTable';
import { catalogSpec } from '../send/recordingServer';

const ROOT = resolve(__dirname, '../..');
const LONG = process.env.REVCENT_FUZZ === 'long';
const SEED = 20261202;
const RUNS = { random: LONG ? 20_000 : 300, planted: LONG ? 5_000 : 150 };
/** A hang bound per plan, not a performance target (`npm run bench` measures speed). */
const CALL_BOUND_MS = 1_000;

const BASE = 'http://127.0.0.1:4010/v2';
const TARGETS: SendTarget[] = [
  { transport: 'rest', baseUrl: BASE, routes: openapiRouteSource(BASE, routesFromSpec(catalogSpec())) },
  { transport: 'rest', baseUrl: BASE, routes: confirmedRouteSource(BASE, `${BASE}/openapi.json answered HTTP 404`) },
  { transport: 'mcp', url: 'http://127.0.0.1:4010/mcp' },
];

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'then', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__'];
const FIELD_KEYS = ['customer_portal_id', 'customer_group_id', 'customer_id', 'campaign', 'customer', 'name', 'enabled', 'payment', 'credit_card', 'recaptcha', 'customer_permissions', 'qualifiers', 'metadata'];
/** Metadata keys carry this marker: it must never reach an output. */
const METADATA_MARKER = '$fuzzmeta';

/** A JSON value as a syntax tree, so that any key (even `__proto__`) is written as text, never assigned. */
type Tree = { object: [string, Tree][] } | { array: Tree[] } | { leaf: string | number | boolean | null };

const letters = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_ '), maxLength: 10 });
const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom(...FIELD_KEYS), letters);
const leaf = fc.oneof(
  letters,
  fc.constantFrom('OLl6G3dZvF6nEIEXpvjV', 'mJWJbKNQ4QI8XbwmyyW7', '{{email_code}}', '${secret:TOKEN}', 'x ${secret:A_1} y', '${secret:}', '__proto__'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((value) => ({ leaf: value })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((entries) => ({ object: entries })),
    fc.array(tie('tree'), { maxLength: 4 }).map((items) => ({ array: items })),
  ),
}));

interface Style {
  comments: boolean;
  trailingCommas: boolean;
  indent: boolean;
}

function write(node: Tree, style: Style, depth = 0): string {
  const pad = style.indent ? '\n' + '  '.repeat(depth + 1) : '';
  const end = style.indent ? '\n' + '  '.repeat(depth) : '';
  const comment = style.comments ? '/* c */ ' : '';
  if ('leaf' in node) return JSON.stringify(node.leaf);
  const items = 'object' in node ? node.object.map(([k, v]) => `${comment}${JSON.stringify(k)}: ${write(v, style, depth + 1)}`) : node.array.map((v) => write(v, style, depth + 1));
  const [open, close] = 'object' in node ? ['{', '}'] : ['[', ']'];
  if (items.length === 0) return open + close;
  return open + pad + items.join(',' + pad) + (style.trailingCommas ? ',' : '') + end + close;
}

const CARD_NUMBER = fc.stringMatching(/^4[0-9]{15}$/);
const CARD_CODE = fc.stringMatching(/^[0-9]{3,4}$/);
const RECAPTCHA_SECRET = fc.stringMatching(/^6L[A-Za-z0-9]{20,38}$/);

/** A payload file: `$operation`, metadata keys, maybe the target ID, card data or a reCAPTCHA secret, and random fields. */
const payloadText = fc
  .record({
    operation: fc.oneof(fc.constantFrom(...operationNames()), fc.constantFrom(...PROTOTYPE_KEYS), letters),
    metadata: fc.array(fc.tuple(fc.constantFrom('', 'x', 'note'), tree), { maxLength: 2 }),
    id: fc.option(fc.tuple(fc.constantFrom('customer_portal_id', 'customer_group_id', 'customer_id'), fc.constantFrom('OLl6G3dZvF6nEIEXpvjV', 'ZXZ5PB0BpMrZaqOXtm1r', 'a/b?c', ''))),
    card: fc.option(fc.tuple(CARD_NUMBER, CARD_CODE)),
    recaptcha: fc.option(RECAPTCHA_SECRET),
    fields: fc.array(fc.tuple(key, tree), { maxLength: 6 }),
    style: fc.record({ comments: fc.boolean(), trailingCommas: fc.boolean(), indent: fc.boolean() }),
  })
  .map((input) => {
    const entries: [string, Tree][] = [['$operation', { leaf: input.operation }]];
    for (const [suffix, value] of input.metadata) entries.push([`${METADATA_MARKER}${suffix}`, value]);
    if (input.id) entries.push([input.id[0], { leaf: input.id[1] }]);
    const secrets: string[] = [];
    if (input.card) {
      const [number, code] = input.card;
      secrets.push(number);
      entries.push(['payment', { object: [['credit_card', { object: [['card_number', { leaf: number }], ['exp_month', { leaf: 1 }], ['exp_year', { leaf: 30 }], ['card_code', { leaf: code }]] }]] }]);
    }
    if (input.recaptcha) {
      secrets.push(input.recaptcha);
      entries.push(['recaptcha', { object: [['site_key', { leaf: 'site' }], ['secret_key', { leaf: input.recaptcha }]] }]);
    }
    entries.push(...input.fields.filter(([k]) => !['payment', 'recaptcha'].includes(k) || secrets.length === 0));
    const text = (input.style.comments ? '// a payload\n' : '') + write({ object: entries }, input.style) + '\n';
    return { text, secrets, cardCode: input.card?.[1] };
  });

/** Every output of a plan, and the parts of them that show what is sent (findings may quote the file's own keys). */
function outputsOf(plan: SendPlan): { all: string[]; sent: string[] } {
  const preview = planPreview(plan);
  const report = planReport(plan);
  const curl = plan.request ? toCurl(plan.request) : '';
  const sentPart = preview
    .split('\n')
    .filter((line) => !/^(Warning|Error|Cannot be sent): /.test(line))
    .join('\n');
  return { all: [preview, JSON.stringify(report), curl], sent: [sentPart, JSON.stringify([report.request, report.toolCall]), curl] };
}

function check(text: string, secrets: string[], cardCode: string | undefined): void {
  for (const target of TARGETS) {
    const started = performance.now();
    const plan = buildSendPlan({ text, fileName: '/fuzz/payload.revcent.json', target });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < CALL_BOUND_MS, `the plan took ${elapsed.toFixed(0)} ms`);
    assert.ok(!plan.refusal?.includes('internal error'), `${plan.refusal}\n${text}`);
    assert.equal(plan.canSend, plan.refusal === undefined);
    if (plan.request?.body !== undefined) {
      const body = JSON.parse(plan.request.body) as Record<string, unknown>;
      assert.ok(Object.keys(body).every((name) => !name.startsWith('$')), plan.request.body);
    }
    const outputs = outputsOf(plan);
    for (const output of outputs.sent) {
      assert.ok(!output.includes(METADATA_MARKER), `a $ key in:\n${output}`);
      assert.ok(!output.includes('"$operation"'), `$operation in:\n${output}`);
    }
    for (const output of outputs.all) {
      for (const secret of secrets) assert.ok(!output.includes(secret), `${secret} in:\n${output}`);
      if (cardCode) assert.ok(!output.includes(`"card_code":"${cardCode}"`) && !output.includes(`"card_code": "${cardCode}"`), `card code in:\n${output}`);
    }
  }
}

const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((name) => name.endsWith('.revcent.json'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'examples', name), 'utf8'));

/** Writes a parsed example back with `extra` planted at the object found by following `steps` (taken modulo). */
function plant(example: string, steps: number[], extra: [string, Tree]): string {
  const toTree = (value: unknown): Tree =>
    Array.isArray(value) ? { array: value.map(toTree) } : typeof value === 'object' && value !== null ? { object: Object.entries(value).map(([k, v]) => [k, toTree(v)]) } : { leaf: value as string };
  const root = toTree(parse(example));
  let at: Tree = root;
  for (const step of steps) {
    const children: Tree[] = 'object' in at ? at.object.map(([, v]) => v) : 'array' in at ? at.array : [];
    const next = children.filter((child) => !('leaf' in child));
    if (next.length === 0) break;
    at = next[step % next.length];
  }
  if ('object' in at) at.object.push(extra);
  else if ('array' in at) at.array.push({ object: [extra] });
  return write(root, { comments: false, trailingCommas: false, indent: true });
}

describe('send plan fuzz', () => {
  it('random payloads: never fails, no $ key and no secret value in any output', () => {
    fc.assert(
      fc.property(payloadText, ({ text, secrets, cardCode }) => check(text, secrets, cardCode)),
      { seed: SEED, numRuns: RUNS.random },
    );
  });

  it('valid payloads with card data or a reCAPTCHA secret: sendable, and no output shows the secrets', () => {
    let sendable = 0;
    const valid = fc.record({ name: letters, number: CARD_NUMBER, code: CARD_CODE, secret: RECAPTCHA_SECRET, portal: fc.boolean(), style: fc.record({ comments: fc.boolean(), trailingCommas: fc.boolean(), indent: fc.boolean() }) });
    fc.assert(
      fc.property(valid, ({ name, number, code, secret, portal, style }) => {
        const entries: [string, Tree][] = portal
          ? [['$operation', { leaf: 'EditCustomerPortal' }], [`${METADATA_MARKER}`, { leaf: name }], ['customer_portal_id', { leaf: 'OLl6G3dZvF6nEIEXpvjV' }], ['recaptcha', { object: [['site_key', { leaf: 'site' }], ['secret_key', { leaf: secret }]] }]]
          : [
              ['$operation', { leaf: 'CreateCustomer' }],
              [`${METADATA_MARKER}`, { leaf: name }],
              ['campaign', { leaf: 'tI61UBsvmY08lV8gX1Z1' }],
              ['customer', { object: [['first_name', { leaf: `A${name}` }], ['last_name', { leaf: 'B' }], ['email', { leaf: 'a@example.com' }]] }],
              ['payment', { object: [['credit_card', { object: [['card_number', { leaf: number }], ['exp_month', { leaf: 1 }], ['exp_year', { leaf: 30 }], ['card_code', { leaf: code }]] }]] }],
            ];
        const text = write({ object: entries }, style);
        const target = TARGETS[0];
        if (buildSendPlan({ text, fileName: '/fuzz/valid.revcent.json', target }).canSend) sendable++;
        check(text, portal ? [secret] : [number], portal ? undefined : code);
      }),
      { seed: SEED, numRuns: RUNS.planted },
    );
    assert.ok(sendable > RUNS.planted / 2, `only ${sendable} of ${RUNS.planted} plans could be sent`);
  });

  it('the examples with prototype-member keys planted at any depth', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(...PROTOTYPE_KEYS), tree, (example, steps, name, value) => {
        check(plant(example, steps, [name, value]), [], undefined);
      }),
      { seed: SEED, numRuns: RUNS.planted },
    );
  });

  it('fixed adversarial inputs: deep nesting, a long string, many keys', () => {
    const deep = `{"$operation": "EditCustomerPortal", "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV", "name": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const long = JSON.stringify({ $operation: 'EditCustomerPortal', customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV', footer_html: 'x'.repeat(1_000_000) });
    const keys = JSON.stringify({ $operation: 'CreateCustomer', ...Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])) });
    for (const text of [deep, long, keys]) {
      for (const target of TARGETS) {
        const plan = buildSendPlan({ text, fileName: '/fuzz/big.revcent.json', target });
        assert.ok(!plan.refusal?.includes('internal error'), plan.refusal);
        outputsOf(plan);
      }
    }
  });
});
