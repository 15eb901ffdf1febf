// Encrypted against plain on the same generated caseload: search and import within 25% of the
// plain figures, unlock under a second, and the time of an encrypted backup.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp, type App } from '../../main/app';
import { importRoster } from '../../main/cli/roster';
import { workerCheck } from '../../main/db/background-check';
import { encryptInPlace, openDatabase } from '../../main/db/connection';
import { createKeyFile, keyFilePath, passphraseSecret, unlockKeyFile } from '../../main/security/keys';
import { backupDatabase } from '../../main/services/maintenance';
import { generateCaseload, LAST, roster } from './caseload';
import { line, median, timeEach } from './stats';

const PASSPHRASE = 'bench passphrase for the caseload';

type Search = { cold: number; warm: number };

/**
 * Both caseloads open side by side and each query timed on one then the other, so JIT warm-up
 * and machine noise fall on both alike. The first pass reads (and decrypts) pages for the first
 * time; later passes find them in SQLite's page cache, as a working session does.
 */
function searches(plain: App, enc: App, queries: string[]): { plain: Search; enc: Search } {
  const run = (app: App, q: string) => {
    const t = performance.now();
    app.services.members.search({ query: q, limit: 50 });
    return performance.now() - t;
  };
  const times = { plain: { cold: [] as number[], warm: [] as number[] }, enc: { cold: [] as number[], warm: [] as number[] } };
  for (let pass = 0; pass < 4; pass++) {
    for (const [i, q] of queries.entries()) {
      const order: ['plain' | 'enc', App][] = i % 2 ? [['plain', plain], ['enc', enc]] : [['enc', enc], ['plain', plain]];
      for (const [k, app] of order) times[k][pass === 0 ? 'cold' : 'warm'].push(run(app, q));
    }
  }
  const f = (t: { cold: number[]; warm: number[] }) => ({ cold: median(t.cold), warm: median(t.warm) });
  return { plain: f(times.plain), enc: f(times.enc) };
}

function timeImport(app: App, label: string, round = 0): number {
  const csv = roster(5000, round);
  const t0 = performance.now();
  const report = importRoster(app.db, app.services, csv);
  if (report.created !== 5000) throw new Error(`${label}: roster import created ${report.created}`);
  return (performance.now() - t0) / 1000;
}

function timeBackup(app: App, target: string): number {
  const t0 = performance.now();
  backupDatabase(app.db, target);
  return (performance.now() - t0) / 1000;
}

const pct = (enc: number, plain: number) => `${enc >= plain ? '+' : ''}${(((enc - plain) / plain) * 100).toFixed(0)}%`;

export async function benchEncryption(n = 100_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-encryption-'));
  try {
    console.log(`encryption (${n.toLocaleString('en-US')} members, 36 months of pay each; ChaCha20-Poly1305, raw 256-bit key)`);
    const plainPath = join(dir, 'plain.db');
    const encPath = join(dir, 'encrypted.db');
    const t0 = performance.now();
    generateCaseload(plainPath, n);
    // The same pages on both sides: encrypting in place VACUUMs, so the plain copy is vacuumed too.
    const vac = openDatabase(plainPath);
    vac.exec('VACUUM');
    vac.close();
    copyFileSync(plainPath, encPath);
    const { dataKey } = createKeyFile(keyFilePath(encPath), passphraseSecret(PASSPHRASE), { now: new Date().toISOString() });
    const te = performance.now();
    encryptInPlace(encPath, dataKey);
    line('generate (plain), then encrypt in place', `${((te - t0) / 1000).toFixed(1)} s + ${((performance.now() - te) / 1000).toFixed(1)} s`, '—');

    const prefixes = Array.from({ length: 500 }, (_, i) => LAST[i % LAST.length]!.slice(0, 2 + (i % 3)));
    const last4 = Array.from({ length: 500 }, (_, i) => String(1000 + ((i * 37) % 9000)));
    const plainApp = openApp(plainPath, { who: 'bench' });
    const encApp = openApp(encPath, { who: 'bench', key: dataKey });
    dataKey.fill(0);
    try {
      // One search of each kind first, so neither side pays for the JIT.
      for (const app of [plainApp, encApp]) app.services.members.search({ query: 'Sm', limit: 50 });
      const byName = searches(plainApp, encApp, prefixes);
      const byLast4 = searches(plainApp, encApp, last4);
      const ms = (x: number) => `${x.toFixed(3)} ms`;
      line('search by name prefix, median: plain', ms(byName.plain.cold), '—');
      line('  encrypted, first read of the pages', ms(byName.enc.cold), `within 25%: ${pct(byName.enc.cold, byName.plain.cold)}`);
      line('  plain, pages cached', ms(byName.plain.warm), '—');
      line('  encrypted, pages cached', ms(byName.enc.warm), `within 25%: ${pct(byName.enc.warm, byName.plain.warm)}`);
      line('search by last 4 of SSN, median: plain', ms(byLast4.plain.cold), '—');
      line('  encrypted, first read of the pages', ms(byLast4.enc.cold), `within 25%: ${pct(byLast4.enc.cold, byLast4.plain.cold)}`);
      line('  plain, pages cached', ms(byLast4.plain.warm), '—');
      line('  encrypted, pages cached', ms(byLast4.enc.warm), `within 25%: ${pct(byLast4.enc.warm, byLast4.plain.warm)}`);
      // Three rounds, taking turns (new member IDs each round), so neither side is always first.
      const imports = { plain: [] as number[], enc: [] as number[] };
      for (let round = 0; round < 3; round++) {
        const order: ['plain' | 'enc', App][] = round % 2 ? [['enc', encApp], ['plain', plainApp]] : [['plain', plainApp], ['enc', encApp]];
        for (const [k, app] of order) imports[k].push(timeImport(app, k, round));
      }
      const plainImport = median(imports.plain);
      const encImport = median(imports.enc);
      line('import a 5,000-row roster, median of 3: plain', `${plainImport.toFixed(2)} s`, '—');
      line('  encrypted', `${encImport.toFixed(2)} s`, `within 25%: ${pct(encImport, plainImport)}`);
      const plainBackup = timeBackup(plainApp, join(dir, 'plain-backup.db'));
      const encBackup = timeBackup(encApp, join(dir, 'encrypted-backup.db'));
      line(`backup (VACUUM INTO), ${((n + 15000) / 1000).toFixed(0)}k members: plain`, `${plainBackup.toFixed(2)} s`, '—');
      line('  encrypted', `${encBackup.toFixed(2)} s`, `${pct(encBackup, plainBackup)}`);
    } finally {
      plainApp.close();
      encApp.close();
    }

    // Unlock as the desktop app does it: the app starts locked; the passphrase unwraps the data
    // key (scrypt, N = 2^17); the caseload opens read-only at once while a worker thread runs its
    // quick_check (workerCheck); a first search answers from it. Changes wait for the check; then
    // the writable connection takes over and the day's backup runs (after, by the app's
    // scheduler; timed on its own). For comparison, the same unlock with the check before the
    // answer. Then lock and unlock again, as after an idle lock.
    const t1 = performance.now();
    const key = unlockKeyFile(keyFilePath(encPath), passphraseSecret(PASSPHRASE));
    const unwrap = performance.now() - t1;
    key.fill(0);

    const inline = openApp(encPath, { who: 'bench', locked: true, scheduleAfterUnlock: () => undefined });
    let inlineFirst: number;
    try {
      const t = performance.now();
      inline.services.session.unlock(PASSPHRASE);
      inline.services.members.search({ query: 'Sm', limit: 50 });
      inlineFirst = performance.now() - t;
    } finally {
      inline.close();
    }

    const later: (() => void)[] = [];
    const app = openApp(encPath, { who: 'bench', locked: true, scheduleAfterUnlock: (task) => later.push(task), backgroundCheck: workerCheck() });
    try {
      const t2 = performance.now();
      app.services.session.unlock(PASSPHRASE);
      app.services.members.search({ query: 'Sm', limit: 50 });
      const first = performance.now() - t2;
      // Searches while the worker checks (the second core), as the counselor's first keystrokes.
      const during: number[] = [];
      const queries = ['Jo', 'Wi', 'Ma', 'Da', 'Br', 'Mi', 'Ca', 'Ro'];
      for (let i = 0; app.services.storage.status().checking && i < 200; i++) {
        const t = performance.now();
        app.services.members.search({ query: queries[i % queries.length]!, limit: 50 });
        during.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      await app.checked();
      const writable = performance.now() - t2;
      if (app.db.readonly || app.services.storage.status().degraded) throw new Error('the background check did not pass');
      const t3 = performance.now();
      for (const task of later.splice(0)) task();
      const afterWork = performance.now() - t3;
      const daily = app.services.storage.status().dailyBackup;
      // The counselor's first searches after the unlock: each query new to this connection.
      const each = (queries: string[]) =>
        median(
          queries.map((q) => {
            const t = performance.now();
            app.services.members.search({ query: q, limit: 50 });
            return performance.now() - t;
          }),
        );
      const firstName = each(prefixes);
      const firstLast4 = each(last4);
      const again = timeEach([1, 2, 3, 4, 5], () => {
        app.services.session.lock('idle');
        app.services.session.unlock(PASSPHRASE);
        app.services.members.search({ query: 'Sm', limit: 50 });
      });
      line('unlock: scrypt unwrap of the data key alone', `${unwrap.toFixed(0)} ms`, '—');
      line('unlock: first of the run, check before the answer (before)', `${inlineFirst.toFixed(0)} ms`, '—');
      line('unlock: first of the run, answered (check in a worker)', `${first.toFixed(0)} ms`, '< 1000 ms');
      line('  a search while the check runs, median', during.length ? `${median(during).toFixed(1)} ms (${during.length})` : 'check done first', '—');
      line('  changes accepted (check passed) after', `${writable.toFixed(0)} ms`, '—');
      line("  then the work after the answer (the day's backup)", `${afterWork.toFixed(0)} ms`, `backup ${daily?.status}${daily?.status === 'skipped' ? ` (${daily.why})` : ''}`);
      line('  first searches after the unlock, median: by name', `${firstName.toFixed(3)} ms`, '< 10 ms');
      line('    by last 4 of SSN', `${firstLast4.toFixed(3)} ms`, '< 10 ms');
      line('unlock: after an idle lock, median', `${median(again).toFixed(0)} ms`, '< 1000 ms');

      // Safety & settings: check the newest automatic backup, then restore it (the caseload as it
      // was is kept aside; what is in place reopens read-only and is checked in the background).
      const newest = app.services.storage.backups()[0];
      if (!newest) throw new Error('no automatic backup to restore');
      const t4 = performance.now();
      const preview = app.services.storage.preview(newest.name);
      const previewed = performance.now() - t4;
      if (!preview.ok) throw new Error(`the backup fails its check: ${preview.integrity.join('; ')}`);
      const t5 = performance.now();
      app.services.storage.restore(newest.name);
      const restored = performance.now() - t5;
      await app.checked();
      const restoredWritable = performance.now() - t5;
      if (app.db.readonly) throw new Error('the restored caseload did not become writable');
      line(`restore in the app: check the backup (${preview.members.toLocaleString('en-US')} members)`, `${previewed.toFixed(0)} ms`, '—');
      line('  restore it (answered; reads at once)', `${restored.toFixed(0)} ms`, '—');
      line('  changes accepted again after', `${restoredWritable.toFixed(0)} ms`, '—');
    } finally {
      app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
