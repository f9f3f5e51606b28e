// The README's Neovim setup, run as written in a real headless Neovim (`nvim` on the PATH; CI installs Debian's):
// the server starts for a payload file, publishes its diagnostics, answers a hover, and its quick fix edits the
// buffer. Run with `npm run test:neovim`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const PLACEHOLDER = '/path/to/revcent-payloads';

/** The Lua block of the README's Neovim section, pointed at this checkout. */
function readmeNeovimConfig(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('Neovim 0.7 or later'));
  const block = /```lua\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the README has no ```lua block after "Neovim 0.7 or later"');
  assert.ok(block[1].includes(PLACEHOLDER), `the README's Neovim config no longer names ${PLACEHOLDER}`);
  return block[1].replaceAll(PLACEHOLDER, ROOT);
}

interface ProbeDiagnostic {
  line: number;
  character: number;
  code: string;
  source: string;
  severity: number;
  message: string;
}

interface ProbeResult {
  filetype: string;
  attached: boolean;
  before: ProbeDiagnostic[];
  hover?: string;
  actions: string[];
  applied?: string;
  text: string[];
  after: ProbeDiagnostic[];
}

describe('Neovim, set up as the README says', () => {
  const folder = mkdtempSync(join(tmpdir(), 'revcent-neovim-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('shows the diagnostics, answers a hover and applies a quick fix', () => {
    const version = execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const init = join(folder, 'init.lua');
    writeFileSync(init, readmeNeovimConfig());
    const payload = join(folder, 'vip-group.revcent.json');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'general', 'unknown-property-top-level.revcent.json'), payload);
    const output = join(folder, 'result.json');

    const run = spawnSync('nvim', ['--headless', '-i', 'NONE', '-u', init, payload, '-c', `luafile ${join(__dirname, 'neovimProbe.lua')}`], {
      cwd: folder,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, REVCENT_PROBE_OUT: output, REVCENT_HOVER_LINE: '3', REVCENT_HOVER_CHARACTER: '6', XDG_STATE_HOME: folder, XDG_DATA_HOME: folder },
    });
    assert.equal(run.status, 0, `${version} failed: ${run.error ?? ''}${run.stderr}`);
    const result = JSON.parse(readFileSync(output, 'utf8')) as ProbeResult;

    assert.equal(result.filetype, 'jsonc');
    assert.ok(result.attached, `${version}: no diagnostics arrived`);
    assert.deepEqual(
      result.before.map(({ line, character, code, source, severity }) => ({ line, character, code, source, severity })),
      [
        { line: 4, character: 2, code: 'RC010', source: 'revcent', severity: 1 },
        { line: 5, character: 2, code: 'RC010', source: 'revcent', severity: 1 },
      ],
    );
    assert.match(result.before[0].message, /`nmae` is not a property .*Did you mean `name`\?/);
    assert.match(result.hover ?? '', /^`customer_group_id` · 20-character customer group ID · required/);
    assert.ok(result.actions.includes('Ignore RC010 on this line'), result.actions.join(', '));
    assert.equal(result.applied, 'Rename to `name`');
    assert.equal(result.text[4], '  "name": "VIP Customers", // renamed in the sidebar last week');
    assert.deepEqual(
      result.after.map(({ line, code }) => ({ line, code })),
      [{ line: 5, code: 'RC010' }],
    );
  });
});
