// The send plan without a network: routes from a spec or the confirmed table, the request RevCent would receive
// (URL, query, body), what the plan says about the payload, and refusals that say why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSendPlan, requestFor, type SendPlan } from '../../server/src/send/plan';
import { confirmedRouteSource, openapiRouteSource, routesFromSpec, type RouteSource } from '../../server/src/send/routeTable';
import { catalogSpec } from './recordingServer';

const BASE = 'http://127.0.0.1:4010/v2';
const CONFIRMED = confirmedRouteSource(BASE, `${BASE}/openapi.json answered HTTP 404`);
const CATALOG = openapiRouteSource(BASE, routesFromSpec(catalogSpec()));

function plan(text: string, routes: RouteSource = CATALOG): SendPlan {
  return buildSendPlan({ text, fileName: '/tmp/payload.revcent.json', target: { transport: 'rest', baseUrl: BASE, routes } });
}

const PORTAL = `// A comment that is never sent
{
  "$operation": "EditCustomerPortal",
  "$note": "metadata, never sent",
  /* another comment */
  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",
  "name": "Brand A Customer Portal",
}`;

const CUSTOMER = JSON.stringify({
  $operation: 'CreateCustomer',
  campaign: 'tI61UBsvmY08lV8gX1Z1',
  customer: { first_name: 'Maria', last_name: 'Alvarez', email: 'maria@example.com' },
});

describe('send plan: the request', () => {
  it('takes the route from the spec by operationId, even on an unusual path, never from its servers field', () => {
    const spec = {
      servers: [{ url: 'https://elsewhere.invalid' }],
      paths: { '/odd/place/{customer_portal_id}/edit': { post: { operationId: 'EditCustomerPortal' } } },
    };
    const result = plan(PORTAL, openapiRouteSource(BASE, routesFromSpec(spec)));
    assert.equal(result.refusal, undefined);
    assert.equal(result.canSend, true);
    assert.deepEqual(result.request, {
      method: 'POST',
      url: `${BASE}/odd/place/OLl6G3dZvF6nEIEXpvjV/edit`,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"name":"Brand A Customer Portal"}',
    });
    assert.equal(result.routeNote, `POST /odd/place/{customer_portal_id}/edit, from ${BASE}/openapi.json`);
  });

  it('sends no `$` key and no comment, and serialises the body afresh', () => {
    const result = plan(PORTAL);
    assert.equal(result.request?.body, '{"name":"Brand A Customer Portal"}');
    assert.equal(result.payload && Object.keys(result.payload).join(), 'customer_portal_id,name');
  });

  it('percent-encodes path parameters', () => {
    const route = { operationId: 'X', method: 'POST' as const, path: '/things/{thing_id}', pathParameters: ['thing_id'], queryParameters: [] };
    const request = requestFor(route, { thing_id: 'a/b?c#d e', name: 'n' }, BASE);
    assert.equal(request.url, `${BASE}/things/a%2Fb%3Fc%23d%20e`);
    assert.equal(request.body, '{"name":"n"}');
  });

  it('keeps a path parameter in the body too when the spec body schema lists it', () => {
    const spec = {
      paths: {
        '/customer_portals/{customer_portal_id}': {
          post: {
            operationId: 'EditCustomerPortal',
            requestBody: { $ref: '#/components/requestBodies/Portal' },
          },
        },
      },
      components: {
        requestBodies: { Portal: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Portal' } } } } },
        schemas: { Portal: { allOf: [{ properties: { customer_portal_id: {} } }, { properties: { name: {} } }] } },
      },
    };
    const result = plan(PORTAL, openapiRouteSource(BASE, routesFromSpec(spec)));
    assert.equal(result.request?.url, `${BASE}/customer_portals/OLl6G3dZvF6nEIEXpvjV`);
    assert.equal(result.request?.body, '{"customer_portal_id":"OLl6G3dZvF6nEIEXpvjV","name":"Brand A Customer Portal"}');
  });

  it('for GET, puts the other fields in the query string and sends no body', () => {
    const route = { operationId: 'GetThings', method: 'GET' as const, path: '/things/{thing_id}', pathParameters: ['thing_id'], queryParameters: ['limit'] };
    const request = requestFor(route, { thing_id: 'T1', limit: 25, status: ['a', 'b'], q: 'x&y' }, BASE);
    assert.deepEqual(request, { method: 'GET', url: `${BASE}/things/T1?limit=25&status=a&status=b&q=x%26y`, headers: { accept: 'application/json' } });
  });

  it('for POST, puts the spec query parameters in the query string, the rest in the body', () => {
    const route = { operationId: 'X', method: 'POST' as const, path: '/things', pathParameters: [], queryParameters: ['dry'], bodyProperties: ['name'] };
    const request = requestFor(route, { dry: true, name: 'n' }, `${BASE}/`);
    assert.equal(request.url, `${BASE}/things?dry=true`);
    assert.equal(request.body, '{"name":"n"}');
  });

  it('sends a `__proto__` key as a key', () => {
    const route = { operationId: 'X', method: 'POST' as const, path: '/things', pathParameters: [], queryParameters: [] };
    const payload = JSON.parse('{"__proto__": {"a": 1}, "constructor": 2}') as Record<string, unknown>;
    assert.equal(requestFor(route, payload, BASE).body, '{"__proto__":{"a":1},"constructor":2}');
  });
});

describe('send plan: what it says', () => {
  it('names the target, what changes and what an edit may replace', () => {
    const text = JSON.stringify({
      $operation: 'EditCustomerPortal',
      customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV',
      customer_permissions: { subscription_cancel: true },
      name: 'Portal',
    });
    const result = plan(text);
    assert.equal(result.operation, 'EditCustomerPortal');
    assert.equal(result.kind, 'edit');
    assert.equal(result.targetId, 'OLl6G3dZvF6nEIEXpvjV');
    assert.equal(result.confirmation, 'OLl6G3dZvF6nEIEXpvjV');
    assert.deepEqual(result.changedFields, ['customer_permissions', 'name']);
    assert.deepEqual(result.possiblyReplaced, ['customer_permissions']);
    assert.equal(result.highImpact.length, 1);
    assert.match(result.highImpact[0], /^`customer_permissions`: /);
  });

  it('a create has no target ID and is confirmed with "new"', () => {
    const result = plan(CUSTOMER);
    assert.equal(result.targetId, undefined);
    assert.equal(result.confirmation, 'new');
    assert.equal(result.request?.url, `${BASE}/customers`);
    assert.deepEqual(result.changedFields, ['campaign', 'customer']);
  });

  it('lists each error with its 1-based line and cannot be sent', () => {
    const text = '{\n  "$operation": "EditCustomerPortal",\n  "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV",\n  "nmae": "x"\n}';
    const result = plan(text);
    assert.deepEqual(result.blockingErrors.map((e) => `${e.line} ${e.code}`), ['4 RC010']);
    assert.match(result.blockingErrors[0].message, /`nmae` is not a property/);
    assert.equal(result.canSend, false);
    assert.match(result.refusal ?? '', /^The file has 1 error \(first, line 4: /);
    // The dry run still shows the request it would make.
    assert.equal(result.request?.body, '{"nmae":"x"}');
  });

  it('lists warnings without blocking', () => {
    const text = JSON.stringify({ $operation: 'EditCustomerPortal', customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV', customer_permissions: {} });
    const result = plan(text);
    assert.ok(result.warnings.some((w) => w.code === 'RC026'), JSON.stringify(result.warnings));
    assert.equal(result.canSend, true);
  });

  it('a file without an operation, or that does not parse, is refused', () => {
    assert.match(plan('{"name": "x"}').refusal ?? '', /error/);
    assert.equal(plan('{"name": "x"}').canSend, false);
    const broken = plan('{"$operation": "EditCustomerPortal", ');
    assert.equal(broken.canSend, false);
    assert.equal(broken.request, undefined);
    assert.ok(broken.blockingErrors.length > 0);
  });
});

describe('send plan: routes without a spec', () => {
  it('uses the confirmed route for CreateCustomer and says why', () => {
    const result = plan(CUSTOMER, CONFIRMED);
    assert.equal(result.request?.url, `${BASE}/customers`);
    assert.equal(result.canSend, true);
    assert.equal(result.routeNote, `POST /customers, one of the routes RevCent has confirmed, because ${BASE}/openapi.json answered HTTP 404`);
  });

  it('refuses an operation RevCent has not confirmed, naming it and the openapi URL tried; the catalog guess is never used', () => {
    for (const [text, name] of [
      [PORTAL, 'EditCustomerPortal'],
      ['{"$operation": "EnableCustomer", "customer_id": "ZXZ5PB0BpMrZaqOXtm1r"}', 'EnableCustomer'],
      ['{"$operation": "EditCustomerGroup", "customer_group_id": "mJWJbKNQ4QI8XbwmyyW7", "name": "x"}', 'EditCustomerGroup'],
    ]) {
      const result = plan(text, CONFIRMED);
      assert.equal(result.request, undefined, name);
      assert.equal(result.canSend, false);
      assert.equal(
        result.refusal,
        `${name} cannot be sent: ${BASE}/openapi.json answered HTTP 404, and ${name} is not among the routes RevCent has confirmed. Point the base URL at a target whose openapi.json lists ${name}.`,
      );
    }
  });

  it('refuses an operation the spec does not list', () => {
    const result = plan(PORTAL, openapiRouteSource(BASE, routesFromSpec({ paths: { '/customers': { post: { operationId: 'CreateCustomer' } } } })));
    assert.equal(result.refusal, `${BASE}/openapi.json lists no operation EditCustomerPortal, so there is nowhere to send it. Check the base URL.`);
  });
});

describe('send plan: never throws', () => {
  it('on prototype-member keys at any depth, and keeps them as keys', () => {
    for (const key of ['constructor', '__proto__', 'toString', 'then', 'hasOwnProperty', 'valueOf']) {
      const k = JSON.stringify(key);
      for (const text of [
        `{"$operation": "CreateCustomer", ${k}: {${k}: {${k}: {}}}, "customer": {${k}: 1}}`,
        `{"$operation": "EditCustomerPortal", "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV", ${k}: [{${k}: null}]}`,
        `{"$operation": ${k}}`,
        `{${k}: "EditCustomerPortal"}`,
        `// comment\n{"$operation": "EditCustomerPortal", "customer_portal_id": "OLl6G3dZvF6nEIEXpvjV", ${k}: {${k}: 1},}`,
      ]) {
        const result = plan(text);
        assert.equal(typeof result.canSend, 'boolean', text);
        if (result.request?.body) assert.ok(result.request.body.includes(k), `${text} → ${result.request.body}`);
      }
    }
  });
});
