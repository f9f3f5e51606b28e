// The send plan without a network: routes from a spec or the confirmed table, the body RevCent would receive,
// refusals that say why, cURL, and the one redaction function.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toCurl } from '../../server/src/send/curl';
import { interpretAnswer } from '../../server/src/send/interpret';
import { buildSendPlan } from '../../server/src/send/plan';
import { redactSecrets } from '../../server/src/send/redact';
import { confirmedRoutes, routesFromSpec, type RouteSource } from '../../server/src/send/routes';

const BASE = 'http://127.0.0.1:4010/v2';
const CONFIRMED: RouteSource = { kind: 'confirmed', specUrl: `${BASE}/openapi.json`, routes: confirmedRoutes(), problem: 'no spec' };
const PORTAL = `// A comment that is never sent
{
  "$operation": "EditCustomerPortal",
  "$note": "metadata, never sent",
  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",
  "name": "Brand A Customer Portal"
}`;

describe('send plan', () => {
  it('takes the route from the spec by operationId, even on an unusual path, and puts the ID in the path', () => {
    const spec = { paths: { '/odd/place/{customer_portal_id}/edit': { post: { operationId: 'EditCustomerPortal' } } }, servers: [{ url: 'https://elsewhere.example' }] };
    const routes: RouteSource = { kind: 'openapi', specUrl: `${BASE}/openapi.json`, routes: routesFromSpec(spec) };
    const plan = buildSendPlan({ text: PORTAL, fileName: '/tmp/p.revcent.json', baseUrl: BASE, routes });
    assert.equal(plan.refusal, undefined);
    assert.deepEqual(plan.request, {
      method: 'POST',
      url: `${BASE}/odd/place/OLl6G3dZvF6nEIEXpvjV/edit`,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"name":"Brand A Customer Portal"}',
    });
    assert.equal(plan.targetId, 'OLl6G3dZvF6nEIEXpvjV');
    assert.deepEqual(plan.changedFields, ['name']);
  });

  it('without a spec, refuses an operation whose route RevCent has not confirmed, naming it and the URL tried', () => {
    const plan = buildSendPlan({ text: PORTAL, fileName: '/tmp/p.revcent.json', baseUrl: BASE, routes: CONFIRMED });
    assert.equal(plan.request, undefined);
    assert.match(plan.refusal ?? '', /^EditCustomerPortal cannot be sent: no spec, and its route is not one RevCent has confirmed/);
  });

  it('without a spec, uses the confirmed route for CreateCustomer and says so', () => {
    const text = '{"$operation": "CreateCustomer", "campaign": "tI61UBsvmY08lV8gX1Z1", "customer": {"first_name": "A", "last_name": "B", "email": "a@b.co"}}';
    const plan = buildSendPlan({ text, fileName: '/tmp/c.revcent.json', baseUrl: BASE, routes: CONFIRMED });
    assert.equal(plan.request?.url, `${BASE}/customers`);
    assert.equal(plan.targetIdField, undefined);
    assert.match(plan.routeNote ?? '', /confirmed route/);
    assert.ok(!plan.request?.body?.includes('$operation'));
  });

  it('a file with errors gets a plan that cannot be sent, each error with its line', () => {
    const text = '{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",\n  "nmae": "x"\n}';
    const plan = buildSendPlan({ text, fileName: '/tmp/e.revcent.json', baseUrl: BASE, routes: CONFIRMED });
    assert.deepEqual(plan.errors.map((e) => `${e.line} ${e.code}`), ['4 RC010']);
    assert.ok(plan.refusal);
  });

  it('never throws on prototype-member keys at any depth', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'then']) {
      const text = `{"$operation": "CreateCustomer", ${JSON.stringify(key)}: {${JSON.stringify(key)}: {"name": {}}}, "customer": {${JSON.stringify(key)}: 1}}`;
      const plan = buildSendPlan({ text, fileName: '/tmp/x.revcent.json', baseUrl: BASE, routes: CONFIRMED });
      assert.ok(plan.errors.length > 0, key);
    }
  });
});

describe('redaction and cURL', () => {
  it('hides the key, bearer tokens, card data and the reCAPTCHA secret, and every given secret value', () => {
    const text = 'x-api-key: live_abc123 Authorization: Bearer tok_999 {"card_number": "4111111111111111", "card_code": "123", "secret_key": "6LcS"} echo canary-value';
    const shown = redactSecrets(text, ['canary-value']);
    for (const secret of ['live_abc123', 'tok_999', '4111111111111111', '"123"', '6LcS', 'canary-value']) assert.ok(!shown.includes(secret), `${secret} in ${shown}`);
  });

  it('writes the body as a quoted here-document and the key as $REVCENT_API_KEY', () => {
    const curl = toCurl({ method: 'POST', url: `${BASE}/customers`, headers: { 'content-type': 'application/json' }, body: '{"a":"it\'s $HOME"}' });
    assert.ok(curl.includes(`-H "x-api-key: $REVCENT_API_KEY"`), curl);
    assert.ok(curl.includes("--data-binary @- <<'REVCENT_BODY'\n{\"a\":\"it's $HOME\"}\nREVCENT_BODY\n"), curl);
  });

  it('reads code 1 as success and code 0 as a failure with its error code, whatever the status', () => {
    assert.equal(interpretAnswer({ code: 1, result: 'ok', api_call_id: 'x' }, 500).ok, true);
    const failed = interpretAnswer({ code: 0, error_code: 'validation_error', message: 'bad' }, 200);
    assert.equal(failed.ok, false);
    assert.equal(failed.message, 'RevCent refused the request (validation_error): bad');
  });
});
