import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary, MISSING_MESSAGE } from '../../../scripts/start.mjs';

const ROOT = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'start-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start (scripts/start.mjs)', () => {
  it('without the Electron binary: prints the plain message and exits 1, with no stack trace and no build', () => {
    const emptyDist = join(dir, 'empty-dist');
    mkdirSync(emptyDist);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/start.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: emptyDist },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'The Electron runtime is not installed on this machine (its download is not available here). Run `npm run preview` to use the workstation in Chromium instead.\n',
    );
    expect(r.stderr).toBe(`${MISSING_MESSAGE}\n`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/Error|Downloading/);
  });

  it('finds the binary where the electron package puts it, without loading the package', () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    expect(electronBinary(ROOT, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toBeNull();
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(dist, 'electron'), 0o755);
    expect(electronBinary(ROOT, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toBe(join(dist, 'electron'));
  });

  it('answers null when the electron package is not installed at all', () => {
    expect(electronBinary(dir, {}, 'linux')).toBeNull();
  });
});
