// Backups and the check on open at field-office scale: 100,000 members, 36 months of pay each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../../main/app';
import { openDatabase } from '../../main/db/connection';
import { integrityCheck, quickCheck } from '../../main/db/integrity';
import { autoBackup, listBackups, newestGoodBackup } from '../../main/services/backups';
import type { Clock } from '../../main/services/context';
import { generateCaseload } from './caseload';
import { line } from './stats';

const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

function timed<T>(fn: () => T): [T, string] {
  const t0 = performance.now();
  const v = fn();
  return [v, secs(t0)];
}

export function benchBackup(n = 100_000): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-backup-'));
  const dbPath = join(dir, 'caseload.db');
  console.log(`backups and checks (${n.toLocaleString('en-US')} members, 36 months of pay each)`);
  try {
    const [, gen] = timed(() => generateCaseload(dbPath, n));
    line('generate', gen, '—');

    const db = openDatabase(dbPath);
    try {
      const [quick, q] = timed(() => quickCheck(db));
      const [full, f] = timed(() => integrityCheck(db));
      if (!quick.ok || !full.ok) throw new Error('the generated caseload fails its check');
      line('quick_check (on every open)', q, '—');
      line('integrity_check (check, backups)', f, '—');
      const clock: Clock = { now: () => '2026-11-23T12:00:00.000Z', today: () => '2026-11-23' };
      const [made, b] = timed(() => autoBackup(db, dbPath, clock, 'pre-migration'));
      line(`backup (VACUUM INTO, ${((made?.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB)`, b, '< 10 s');
    } finally {
      db.close();
    }

    // The first open of a day: check, then the day's backup.
    const clock: Clock = { now: () => '2026-11-24T12:00:00.000Z', today: () => '2026-11-24' };
    const [app, first] = timed(() => openApp(dbPath, { clock, who: 'bench' }));
    const status = app.services.storage.status().dailyBackup;
    app.close();
    if (status?.status !== 'written') throw new Error(`no daily backup: ${JSON.stringify(status)}`);
    line("first open of the day (check + day's backup)", first, '< 10 s');
    const [app2, later] = timed(() => openApp(dbPath, { clock, who: 'bench' }));
    app2.close();
    line('a later open the same day (check only)', later, '—');
    const [good, g] = timed(() => newestGoodBackup(dbPath));
    if (good?.path !== listBackups(dbPath)[0]?.path) throw new Error('the newest backup does not check good');
    line('newest good backup (integrity_check of one)', g, '—');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
