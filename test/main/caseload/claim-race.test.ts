// Must-fix 1 of the caseload audit: a restore (or any whole-file operation) while the workstation
// has the caseload open lost the notes it had acknowledged. Two real processes: the app's
// services in one (writer.ts), the CLI in the other; checked by what the caseload holds after.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { claimCaseload } from '../../../main/caseload/claim';
import { createKeyFile, keyFilePath, passphraseSecret, unlockKeyFile } from '../../../main/security/keys';
import { backupDatabase } from '../../../main/services/maintenance';
import { memberFactsSchema } from '../../../shared/domain/member';
import { johnSmith, TEST_PASSPHRASE, TEST_SCRYPT, testClock } from '../caseload-fixture';

const ROOT = resolve(import.meta.dirname, '../../..');
const env = (dir: string) => ({ ...process.env, MOSERS_PASSPHRASE: TEST_PASSPHRASE, XDG_CONFIG_HOME: dir });

/** An encrypted caseload with one member, and a backup of it made before any note. */
function seed(): { dir: string; db: string; backup: string } {
  const dir = mkdtempSync(join(tmpdir(), 'claim-race-'));
  const db = join(dir, 'caseload.db');
  const created = createKeyFile(keyFilePath(db), passphraseSecret(TEST_PASSPHRASE), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT });
  const app = openApp(db, { key: created.dataKey, clock: testClock() });
  created.dataKey.fill(0);
  try {
    app.services.members.create(memberFactsSchema.parse(johnSmith()));
    const backup = join(dir, 'before-notes.db');
    backupDatabase(app.db, backup);
    return { dir, db, backup };
  } finally {
    app.close();
  }
}

function notesIn(db: string, keys = keyFilePath(db)): string[] {
  const key = unlockKeyFile(keys, passphraseSecret(TEST_PASSPHRASE));
  const app = openApp(db, { key, clock: testClock() });
  key.fill(0);
  try {
    return (app.db.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map((r) => r.text);
  } finally {
    app.close();
  }
}

function cli(args: string[], dir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli/cli.ts'), ...args], { cwd: ROOT, env: env(dir), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the caseload claim across processes', () => {
  it('refuses a CLI restore while the workstation saves notes, naming it; every acknowledged note is kept, and the restore works once it is closed', { timeout: 120_000 }, async () => {
    const { dir, db, backup } = seed();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'writer.ts'), db], { cwd: ROOT, env: env(dir), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (s: Buffer) => (err += s.toString()));
    const waitFor = (re: RegExp) =>
      new Promise<RegExpMatchArray>((res, rej) => {
        const check = () => {
          const m = out.match(re);
          if (m) {
            child.stdout.off('data', onData);
            res(m);
          }
        };
        const onData = (s: Buffer) => {
          out += s.toString();
          check();
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => rej(new Error(`writer exited (${code}): ${err}`)));
        check();
      });
    const pid = Number((await waitFor(/open (\d+)\n/))[1]);
    await waitFor(/ack 20\n/);

    const refused = cli(['restore', backup, '--db', db, '--yes'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`needs the caseload ${db} to itself, and the workstation (process ${pid}`);
    expect(refused.stderr).toContain('Nothing was changed');
    // A passphrase change is a whole-file operation too.
    const change = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'main/cli/cli.ts'), 'key', 'change', '--db', db], { cwd: ROOT, env: { ...env(dir), MOSERS_NEW_PASSPHRASE: 'another long passphrase 2027' }, encoding: 'utf8' });
    expect(change.status).toBe(2);
    expect(change.stderr).toContain(`the workstation (process ${pid}`);

    const before = Number(out.match(/ack (\d+)\n(?![\s\S]*ack)/)?.[1] ?? 0);
    await waitFor(new RegExp(`ack ${before + 20}\\n`));
    child.stdin.write('stop\n');
    const acked = Number((await waitFor(/closed (\d+)\n/))[1]);
    expect(out).not.toMatch(/^fail /m);
    expect(acked).toBeGreaterThanOrEqual(40);

    // Exactly the acknowledged notes, in order: none lost, none from a replaced file.
    expect(notesIn(db)).toEqual(Array.from({ length: acked }, (_, i) => `note ${i + 1}`));
    expect(readdirSync(dir).filter((n) => n.includes('before-restore'))).toEqual([]);
    expect(unlockKeyFile(keyFilePath(db), passphraseSecret(TEST_PASSPHRASE))).toHaveLength(32);

    // Closed: the restore goes through, and the file kept aside holds every note.
    const restored = cli(['restore', backup, '--db', db, '--yes'], dir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(notesIn(db)).toEqual([]);
    const aside = readdirSync(dir).find((n) => /^caseload\.db\.before-restore-[^-].*[^lm]$/.test(n) && !n.endsWith('-wal') && !n.endsWith('-shm'))!;
    expect(notesIn(join(dir, aside), keyFilePath(db)).length).toBe(acked);
  });

  it('the app refuses its own restore while another program has the caseload open, and opens nothing while a restore runs', () => {
    const { db } = seed();
    const key = unlockKeyFile(keyFilePath(db), passphraseSecret(TEST_PASSPHRASE));
    // The next day: the open makes the day's backup, which the app then tries to restore.
    const app = openApp(db, { key, clock: testClock('2026-11-24') });
    try {
      const other = claimCaseload(db, 'shared', 'npm run cli -- members import');
      try {
        app.services.schedule.addNote(app.services.members.search({ limit: 1 })[0]!.id, 'kept');
        const name = app.services.storage.backups()[0]!.name;
        expect(() => app.services.storage.restore(name)).toThrow(/needs the caseload .* to itself, and npm run cli -- members import \(process/);
        expect(() => app.services.session.changePassphrase(TEST_PASSPHRASE, 'another long passphrase 2027')).toThrow(/npm run cli -- members import/);
      } finally {
        other.release();
      }
      // Once the other has let go, the same restore goes through.
      expect(app.services.storage.restore(app.services.storage.backups()[0]!.name).keptAside).toMatch(/before-restore/);
    } finally {
      app.close();
    }
    // A whole-file operation under way: the workstation does not open meanwhile.
    const restore = claimCaseload(db, 'exclusive', 'npm run cli -- restore', 'Restoring a backup');
    try {
      expect(() => openApp(db, { key, clock: testClock() })).toThrow(/must wait: npm run cli -- restore \(process \d+/);
    } finally {
      restore.release();
    }
    const again = openApp(db, { key, clock: testClock() });
    key.fill(0);
    again.close();
    expect(existsSync(`${db}.lock`)).toBe(true);
  });
});
