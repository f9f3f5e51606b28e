// `npm run test:electron` on a machine without desktop VS Code: it says that the extension-host tests did not run,
// why, and which route runs them, and exits 0 without claiming a pass (nothing is downloaded or started).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '../..');

/** Runs the script with a PATH that holds only `node` and, when given, a `code` script with this text. */
function testElectron(code?: string) {
  const bin = mkdtempSync(join(tmpdir(), 'revcent-test-electron-'));
  try {
    symlinkSync(process.execPath, join(bin, 'node'));
    if (code) writeFileSync(join(bin, 'code'), code, { mode: 0o755 });
    return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'testElectron.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: bin },
      timeout: 60_000,
    });
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('npm run test:electron without desktop VS Code', () => {
  it('without `code` on PATH: says NOT RUN and why, names the code-server route, exits 0, claims no pass', () => {
    const run = testElectron();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /NOT RUN: the extension-host tests \(test\/extension\/\) did not run through @vscode\/test-electron: desktop VS Code \(`code`\) is not on PATH/);
    assert.match(run.stdout, /npm run test:vscode/);
    assert.match(run.stdout, /No test passed or failed here; exiting 0\./);
    assert.doesNotMatch(run.stdout, /\d+ passing|building the extension/);
  });

  it('with a `code` on PATH that is only a script (no VS Code beside it): says NOT RUN and why, exits 0', () => {
    const run = testElectron('#!/bin/sh\nexit 0\n');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /NOT RUN: .*is not a VS Code installation this script recognises/);
  });
});
