// A roster import is one transaction: killed at any moment, the caseload holds all of the roster
// or none of it. (With the transaction split, a kill left 396 of 300,012 rows.)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { ROSTER_COLUMNS } from '../../../main/cli/roster';

const ROOT = resolve(import.meta.dirname, '../../..');
const ROWS = 3000;

function roster(): string {
  const lines = [ROSTER_COLUMNS.join(',')];
  for (let i = 0; i < ROWS; i++) lines.push(ROSTER_COLUMNS.map((c) => ({ member_id: `I${i}`, last_name: `Imported${i}`, first_name: 'Row', birth_date: '1966-05-01' })[c as string] ?? '').join(','));
  return `${lines.join('\n')}\n`;
}

function runChild(db: string, file: string, killAfterOpenMs: number | null): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((res, rej) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-child.ts'), db, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stderr.on('data', (s: Buffer) => (err += s.toString()));
    proc.stdout.on('data', (s: Buffer) => {
      out += s.toString();
      if (killAfterOpenMs !== null && out.includes('open\n') && !proc.killed) setTimeout(() => proc.kill('SIGKILL'), killAfterOpenMs);
      if (killAfterOpenMs !== null && out.includes('open\n')) killAfterOpenMs = null;
    });
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) rej(new Error(`import child exited ${code}: ${err}`));
      else res({ lines: out.split('\n').filter(Boolean), killed: signal === 'SIGKILL' });
    });
  });
}

function members(db: string): number {
  const app = openApp(db);
  try {
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (app.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
  } finally {
    app.close();
  }
}

it(`a roster import of ${ROWS} rows killed mid-way leaves all of it or none of it`, { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-kill-'));
  try {
    const file = join(dir, 'roster.csv');
    writeFileSync(file, roster());
    // Once through, unkilled: how long the import takes here.
    const whole = await runChild(join(dir, 'timing.db'), file, null);
    const ms = Number(whole.lines.find((l) => l.startsWith('imported '))!.split(' ')[2]);
    expect(members(join(dir, 'timing.db'))).toBe(ROWS);
    const seen: number[] = [];
    for (let k = 0; k < 6; k++) {
      const db = join(dir, `c${k}.db`);
      // A kill at 10% … 85% of the import.
      const r = await runChild(db, file, Math.round(ms * (0.1 + 0.15 * k)));
      const n = members(db);
      seen.push(n);
      const done = r.lines.some((l) => l.startsWith('imported '));
      if (done) expect(n).toBe(ROWS);
      else expect([0, ROWS], `kill ${k + 1} at ${Math.round(ms * (0.1 + 0.15 * k))} ms of ${ms} ms left ${n} members`).toContain(n);
    }
    console.log(`roster import (${ROWS} rows, ${ms} ms) killed 6 times: members after each kill ${seen.join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
