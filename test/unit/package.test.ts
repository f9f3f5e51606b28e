// The packaged extension as a user installs it: `npm run package` builds the .vsix (into a temporary folder) with no
// vsce warning, and the test reads what it holds: only whitelisted files (no tests, sources, node_modules, fixtures,
// source maps), nothing that looks like a key, minified bundles under their size targets, a manifest with what a
// marketplace listing needs, and every link and image of README.md inside the package.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readVsix, type VsixEntry } from '../../scripts/vsix';

const root = join(__dirname, '..', '..');

/** What a package may hold, by path inside the .vsix. */
const WHITELIST: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|CONTRIBUTING\.md)$/,
  /^extension\/images\/[\w-]+\.png$/,
  /^extension\/client\/out\/(extension|transports)\.js$/,
  /^extension\/client\/media\/[\w/-]+\.md$/,
  /^extension\/server\/out\/(server|sandbox)\.js$/,
  /^extension\/snippets\/[\w-]+\.code-snippets$/,
  /^extension\/syntaxes\/[\w.-]+\.json$/,
  /^extension\/schemas\/\w+\.schema\.json$/,
  /^extension\/docs\/[\w-]+\.md$/,
];

/** What must never ship, named so that a failure says why. */
const FORBIDDEN: [RegExp, string][] = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/(^|\/)\.vscode-test\//, '.vscode-test'],
  [/(^|\/)test(-output)?\//, 'tests'],
  [/(^|\/)fixtures\//, 'fixtures'],
  [/(^|\/)(src|scripts)\/|\.ts$/, 'sources'],
  [/\.map$/, 'source maps'],
  [/(^|\/)\.(env|npmrc|git)|\.(pem|key|p12)$|id_rsa/, 'credentials files'],
];

/** Files outside the whitelist, or forbidden, each with the reason. */
export function unexpectedFiles(names: string[]): string[] {
  const found: string[] = [];
  for (const name of names) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(name));
    if (forbidden) found.push(`${name} (${forbidden[1]})`);
    else if (!WHITELIST.some((pattern) => pattern.test(name))) found.push(`${name} (not whitelisted)`);
  }
  return found;
}

/** Text that looks like a key or token: provider formats, private keys, a literal value in a secret field, test canaries. */
const KEY_PATTERNS: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
  [/\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/, 'a GitHub token'],
  [/\bnpm_[A-Za-z0-9]{36}\b/, 'an npm token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b[sr]k_(live|test)_[A-Za-z0-9]{16,}/, 'a payment API key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, 'a JWT'],
  [/"(secret_key|api_key|apiKey|x-api-key|token|password)"\s*:\s*"(?!\$\{secret:)[^"\s[]{16,}"/i, 'a literal value in a secret field'],
  [/canary/i, 'a test canary'],
];

/** The values the rule examples show on purpose (docs/rules.md prints them as the mistake and its fix). */
function exampleTexts(): string {
  const texts: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (folder.endsWith('examples') && name.endsWith('.jsonc')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(root, 'server', 'src'));
  return texts.join('\n');
}

/** Each match of a key pattern in `text`, unless it is quoted from a rule example. */
export function keyLikeText(text: string, examples = ''): string[] {
  const found: string[] = [];
  for (const [pattern, what] of KEY_PATTERNS) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags + 'g'))) {
      const value = /"\s*:\s*"([^"]+)"$/.exec(match[0])?.[1] ?? match[0];
      if (!examples.includes(value)) found.push(`${what}: ${match[0].slice(0, 60)}`);
    }
  }
  return found;
}

describe('the checks on a package can fail', () => {
  it('flags files outside the whitelist', () => {
    assert.deepEqual(
      unexpectedFiles(['extension/client/out/extension.js', 'extension/client/out/extension.js.map', 'extension/test/fixtures/a.revcent.json', 'extension/node_modules/zod/index.js', 'extension/server/src/server.ts', 'extension/.vscode-test/x', 'extension/examples/a.revcent.json', 'extension/.env']),
      ['extension/client/out/extension.js.map (source maps)', 'extension/test/fixtures/a.revcent.json (tests)', 'extension/node_modules/zod/index.js (node_modules)', 'extension/server/src/server.ts (sources)', 'extension/.vscode-test/x (.vscode-test)', 'extension/examples/a.revcent.json (not whitelisted)', 'extension/.env (credentials files)'],
    );
  });

  it('flags text that looks like a key, not a secret reference or a rule example', () => {
    assert.equal(keyLikeText('const key = "AKIAIOSFODNN7EXAMPLE";').length, 1);
    assert.equal(keyLikeText('-----BEGIN RSA PRIVATE KEY-----\nMIIE').length, 1);
    assert.equal(keyLikeText('{"secret_key": "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"}').length, 1);
    assert.equal(keyLikeText('x-api-key: live_key_canary_4c1d9e7b20').length, 1);
    assert.deepEqual(keyLikeText('{"secret_key": "${secret:RECAPTCHA}", "x-api-key": "[redacted: x-api-key]"}'), []);
    assert.deepEqual(keyLikeText('{"secret_key": "6LdQm3kT8vWc1ZyR5nP0aLdXe4bN9sWq2XeL7tY0"}', '"secret_key": "6LdQm3kT8vWc1ZyR5nP0aLdXe4bN9sWq2XeL7tY0"'), []);
  });
});

describe('npm run package', () => {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-package-test-'));
  const vsix = join(folder, 'revcent-payloads.vsix');
  let output = '';
  let entries: VsixEntry[] = [];
  const entry = (name: string): VsixEntry => {
    const found = entries.find((candidate) => candidate.name === name);
    assert.ok(found, `${name} is not in the package: ${entries.map((e) => e.name).join(', ')}`);
    return found;
  };

  before(() => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'package.ts'), '--out', vsix], { cwd: root, encoding: 'utf8' });
    output = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 0, output);
    entries = readVsix(vsix);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('packages without a warning', () => {
    assert.match(output, /DONE\s+Packaged:/);
    assert.doesNotMatch(output, /warn/i);
  });

  it('holds only whitelisted files, and the bundles, manifest, icon and licence', () => {
    assert.deepEqual(unexpectedFiles(entries.map((e) => e.name)), []);
    for (const name of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'images/icon.png', 'client/out/extension.js', 'client/out/transports.js', 'server/out/server.js', 'server/out/sandbox.js', 'docs/rules.md']) {
      entry(`extension/${name}`);
    }
  });

  it('holds nothing that looks like a key', () => {
    const examples = exampleTexts();
    const found = entries.flatMap((e) => keyLikeText(e.read().toString('utf8'), examples).map((match) => `${e.name}: ${match}`));
    assert.deepEqual(found, []);
  });

  it('ships minified bundles without source maps, the client under 1 MB and the package under 5 MB', () => {
    for (const name of ['client/out/extension.js', 'client/out/transports.js', 'server/out/server.js', 'server/out/sandbox.js']) {
      const text = entry(`extension/${name}`).read().toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, name);
      const lines = text.split('\n').length;
      assert.ok(text.length / lines > 1000, `${name} is not minified (${lines} lines for ${text.length} characters)`);
    }
    assert.ok(entry('extension/client/out/extension.js').size < 1e6, `client bundle ${entry('extension/client/out/extension.js').size} bytes`);
    assert.ok(statSync(vsix).size < 5e6, `.vsix ${statSync(vsix).size} bytes`);
  });

  it('loads what sending needs from client/out/transports.js, which exports it', () => {
    const client = entry('extension/client/out/extension.js').read().toString('utf8');
    const keys = [...new Set([...client.matchAll(/require\("\.\/transports\.js"\)\.(\w+)/g)].map((match) => match[1]))].sort();
    assert.deepEqual(keys, ['mcpClient', 'mcpStreamableHttp', 'mcpTypes', 'undici']);
    const file = join(folder, 'transports.js');
    writeFileSync(file, entry('extension/client/out/transports.js').read());
    const transports = require(file) as Record<string, Record<string, unknown>>;
    assert.equal(typeof transports.undici.request, 'function');
    assert.equal(typeof transports.mcpClient.Client, 'function');
    assert.equal(typeof transports.mcpStreamableHttp.StreamableHTTPClientTransport, 'function');
    assert.equal(typeof transports.mcpTypes.McpError, 'function');
  });

  it('has a manifest for a marketplace listing, with activation events only where contributes implies none', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Record<string, any>;
    for (const field of ['displayName', 'description', 'publisher', 'version', 'icon']) assert.ok(typeof manifest[field] === 'string' && manifest[field], field);
    assert.equal(manifest.license, 'MIT');
    assert.match(entry('extension/LICENSE.txt').read().toString('utf8'), /^MIT License/);
    assert.ok(manifest.categories.length > 0 && manifest.keywords.length > 0 && manifest.galleryBanner.color);
    const icon = entry(`extension/${manifest.icon}`).read();
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128x128');
    const implied = [
      ...manifest.contributes.languages.map((language: { id: string }) => `onLanguage:${language.id}`),
      ...manifest.contributes.commands.map((command: { command: string }) => `onCommand:${command.command}`),
    ];
    assert.deepEqual((manifest.activationEvents ?? []).filter((event: string) => implied.includes(event) || event === '*'), []);
  });

  it('holds every file README.md links to or shows', () => {
    const readme = entry('extension/readme.md').read().toString('utf8');
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s#]+)(#[^)]*)?\)/g)].map((match) => match[1]).filter((link) => !/^\w+:/.test(link));
    assert.ok(targets.includes('images/send-confirmation.png'), targets.join());
    for (const target of targets) entry(`extension/${target}`);
  });
});
