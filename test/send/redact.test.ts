// The one redaction function and the cURL command: keys, tokens, card data and reCAPTCHA secrets never shown,
// given secrets hidden anywhere; the cURL command run by a real shell delivers exactly the planned body.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { findOperation } from '../../server/src/catalog';
import { toCurl } from '../../server/src/send/curl';
import { buildSendPlan } from '../../server/src/send/plan';
import { planPreview, planReport } from '../../server/src/send/preview';
import { payloadSecrets, redactSecrets, secretFieldNames } from '../../server/src/send/redact';
import { openapiRouteSource, routesFromSpec } from '../../server/src/send/routeTable';
import { catalogSpec, startRecordingServer, type RecordingServer } from './recordingServer';

const CARD = '4111111111111111';
const CVV = '737';
const RECAPTCHA = '6LcSecretKeyForThePortalDomain000000000';

const CUSTOMER_WITH_CARD = `{
  // card data in a file: a PCI risk, but it must never be shown back
  "$operation": "CreateCustomer",
  "campaign": "tI61UBsvmY08lV8gX1Z1",
  "customer": { "first_name": "Maria", "last_name": "Alvarez", "email": "maria@example.com" },
  "payment": { "credit_card": { "card_number": "${CARD}", "exp_month": 12, "exp_year": 29, "card_code": "${CVV}" } }
}`;
const PORTAL_WITH_RECAPTCHA = JSON.stringify({
  $operation: 'EditCustomerPortal',
  customer_portal_id: 'OLl6G3dZvF6nEIEXpvjV',
  recaptcha: { site_key: '6LcSiteKeyIsPublic', secret_key: RECAPTCHA },
});

describe('redaction', () => {
  it('finds the secret fields in the catalog (writeOnly): card number, card code, reCAPTCHA secret key', () => {
    assert.deepEqual([...secretFieldNames()].sort(), ['card_code', 'card_number', 'secret_key']);
    const create = findOperation('CreateCustomer')!;
    assert.deepEqual(payloadSecrets(create, JSON.parse(CUSTOMER_WITH_CARD.replace(/\/\/.*\n/, ''))), [
      { value: CARD, label: 'card_number' },
      { value: CVV, label: 'card_code' },
    ]);
    assert.deepEqual(payloadSecrets(findOperation('EditCustomerPortal')!, JSON.parse(PORTAL_WITH_RECAPTCHA)), [{ value: RECAPTCHA, label: 'secret_key' }]);
  });

  it('hides key and authorization header values, bearer tokens, and keeps $VARIABLE references', () => {
    const text = [
      'x-api-key: live_abc123XYZ',
      '{"x-api-key":"live_abc123XYZ","Authorization":"Bearer tok_999999999"}',
      'authorization: Basic dXNlcjpwYXNz',
      'the server said: invalid token Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig',
      '-H "x-api-key: $REVCENT_API_KEY"',
    ].join('\n');
    assert.equal(
      redactSecrets(text),
      [
        'x-api-key: [redacted: x-api-key]',
        '{"x-api-key":"[redacted: x-api-key]","Authorization":"Bearer [redacted: authorization]"}',
        'authorization: Basic [redacted: authorization]',
        'the server said: invalid token Bearer [redacted: bearer token]',
        '-H "x-api-key: $REVCENT_API_KEY"',
      ].join('\n'),
    );
  });

  it('hides every given secret wherever it appears, longest first, with its label', () => {
    const shown = redactSecrets('echo: canary-key-1 and canary-key-1-longer, and "c2FuYXJ5"', [
      { value: 'canary-key-1', label: 'x-api-key' },
      { value: 'canary-key-1-longer', label: 'secret:LONG' },
      'c2FuYXJ5',
    ]);
    assert.equal(shown, 'echo: [redacted: x-api-key] and [redacted: secret:LONG], and "[redacted: secret]"');
  });

  it('hides card numbers, card codes and reCAPTCHA secret keys in JSON text, compact or pretty, as text or as numbers', () => {
    assert.equal(
      redactSecrets(`{"card_number":"${CARD}","card_code":"${CVV}","exp_month":12}`),
      '{"card_number":"[redacted: card_number]","card_code":"[redacted: card_code]","exp_month":12}',
    );
    assert.equal(redactSecrets(`{\n  "card_number": ${CARD},\n  "secret_key": "${RECAPTCHA}"\n}`), '{\n  "card_number": "[redacted: card_number]",\n  "secret_key": "[redacted: secret_key]"\n}');
    assert.equal(redactSecrets(`/v2/x?card_number=${CARD}&a=1`), '/v2/x?card_number=[redacted: card_number]&a=1');
  });

  it('leaves a ${secret:NAME} reference visible in a secret field (text, query or structure), and hides its resolved value', () => {
    const reference = '${secret:RECAPTCHA}';
    assert.equal(redactSecrets(`{"secret_key": "${reference}", "card_code": "${CVV}"}`), `{"secret_key": "${reference}", "card_code": "[redacted: card_code]"}`);
    assert.equal(redactSecrets(`/v2/x?secret_key=%24%7Bsecret%3ARECAPTCHA%7D&card_number=${CARD}`), '/v2/x?secret_key=%24%7Bsecret%3ARECAPTCHA%7D&card_number=[redacted: card_number]');
    assert.deepEqual(redactSecrets({ recaptcha: { secret_key: reference } }), { recaptcha: { secret_key: reference } });
    assert.equal(redactSecrets('stored resolved-value-123', [{ value: 'resolved-value-123', label: 'secret:RECAPTCHA' }]), 'stored [redacted: secret:RECAPTCHA]');
    assert.equal(redactSecrets('{"secret_key": "${secret:RECAPTCHA}x"}'), '{"secret_key": "[redacted: secret_key]"}', 'only a whole reference is kept');
  });

  it('hides a secret field inside an object sent in a query string (a GET read given a field it does not take), escaped quotes included', () => {
    const query = new URLSearchParams({ recaptcha: JSON.stringify({ site_key: 'site', secret_key: 'sec"ret value-42' }) }).toString();
    const shown = redactSecrets(`GET https://api.revcent.com/v2/customers/X?${query}`);
    assert.ok(!shown.includes('sec%5C%22ret') && !shown.includes('value-42'), shown);
    assert.equal(decodeURIComponent(shown.split('recaptcha=')[1].replace(/\+/g, ' ')), '{"site_key":"site","secret_key":"[redacted: secret_key]"}');
    const reference = new URLSearchParams({ recaptcha: JSON.stringify({ secret_key: '${secret:RECAPTCHA}' }) }).toString();
    assert.equal(redactSecrets(`?${reference}`), `?${reference}`, 'a whole reference stays visible');
  });

  it('redacts a structure field by field and string by string, keeping `__proto__` as a key', () => {
    const value = JSON.parse(`{"__proto__": {"card_code": "${CVV}"}, "headers": {"X-Api-Key": "k-12345"}, "list": ["k-12345 echoed"]}`);
    const redacted = redactSecrets(value, ['k-12345']);
    assert.equal(JSON.stringify(redacted), '{"__proto__":{"card_code":"[redacted: card_code]"},"headers":{"X-Api-Key":"[redacted: x-api-key]"},"list":["[redacted: secret] echoed"]}');
    assert.equal(value.headers['X-Api-Key'], 'k-12345', 'the input is not changed');
  });

  it('no preview or plan report of a payload with card data or a reCAPTCHA secret shows them', () => {
    const routes = openapiRouteSource('http://127.0.0.1:1/v2', routesFromSpec(catalogSpec()));
    for (const text of [CUSTOMER_WITH_CARD, PORTAL_WITH_RECAPTCHA]) {
      const plan = buildSendPlan({ text, fileName: 'p.revcent.json', target: { transport: 'rest', baseUrl: 'http://127.0.0.1:1/v2', routes } });
      assert.ok(plan.request?.body?.includes(text === CUSTOMER_WITH_CARD ? CARD : RECAPTCHA), 'the request itself carries the value');
      const outputs = [planPreview(plan), JSON.stringify(planReport(plan)), toCurl(plan.request!)];
      for (const output of outputs) {
        for (const secret of [CARD, `"${CVV}"`, RECAPTCHA]) assert.ok(!output.includes(secret), `${secret} in ${output}`);
        assert.match(output, /\[redacted: (card_number|secret_key)\]/);
      }
    }
  });
});

describe('cURL', () => {
  let server: RecordingServer;
  before(async () => (server = await startRecordingServer()));
  after(() => server.close());

  async function runInShell(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
    const child = spawn('sh', ['-c', command], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    return { code, stdout };
  }

  it('is a POSIX shell command whose quoted here-document delivers any body exactly, with the key from $REVCENT_API_KEY', async () => {
    // Quotes, $, backticks, backslashes, a line that is the default terminator, and non-ASCII text.
    const body = JSON.stringify({ name: `it's $HOME \`id\` \\ "quoted"\nREVCENT_BODY\n€ 😀` }).replace('\\nREVCENT_BODY\\n', '\nREVCENT_BODY\n');
    const request = { method: 'POST' as const, url: `${server.baseUrl}/customer_portals/OLl6G3dZvF6nEIEXpvjV?a='b'`, headers: { 'content-type': 'application/json' }, body };
    const curl = toCurl(request);
    assert.match(curl, /^# The key is read from \$REVCENT_API_KEY; set it first\.\n/);
    assert.ok(curl.includes(`-H "x-api-key: $REVCENT_API_KEY"`), curl);
    assert.ok(curl.includes("--data-binary @- <<'REVCENT_BODY_1'\n"), 'a terminator that is no line of the body');
    const result = await runInShell(curl, { REVCENT_API_KEY: 'test_key_from_env' });
    assert.equal(result.code, 0);
    const received = server.operationRequests().at(-1)!;
    assert.equal(received.method, 'POST');
    assert.equal(received.path, '/v2/customer_portals/OLl6G3dZvF6nEIEXpvjV');
    assert.equal(received.query, '?a=%27b%27', 'the quote reached curl intact (curl percent-encodes it)');
    assert.equal(received.headers['x-api-key'], 'test_key_from_env');
    // The here-document adds one final newline, which JSON ignores.
    assert.equal(received.body, `${body}\n`);
    assert.match(result.stdout, /"code":1/);
  });

  it('says so in a comment when it shows redacted values', () => {
    const curl = toCurl({ method: 'POST', url: 'https://api.revcent.com/v2/customers', headers: {}, body: `{"payment":{"credit_card":{"card_number":"${CARD}"}}}` });
    assert.ok(!curl.includes(CARD));
    assert.ok(curl.includes('# Values shown as [redacted: ...] were hidden: put the real ones in before running this command.'));
    assert.ok(curl.includes('"card_number":"[redacted: card_number]"'));
    assert.ok(!toCurl({ method: 'GET', url: 'https://api.revcent.com/v2/customers', headers: {} }).includes('[redacted'));
  });
});
