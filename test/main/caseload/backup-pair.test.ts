// Must-fix 2 of the caseload audit: `backup OUT` wrote `<OUT without extension>.keys.json` over
// whatever was there, so a backup named b.bak beside an encrypted b.db destroyed b's key file.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { runCli } from '../../../main/cli/cli';
import { createKeyFile, keyFilePath, passphraseSecret, unlockKeyFile } from '../../../main/security/keys';
import { memberFactsSchema } from '../../../shared/domain/member';
import { johnSmith, TEST_SCRYPT, testClock } from '../caseload-fixture';

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { CI: 'true', ...env } });
  return { code, out: out.join(''), err: err.join('') };
}

/** An encrypted caseload at `db` under `passphrase`, with `n` members. */
function caseload(db: string, passphrase: string, n: number): void {
  const created = createKeyFile(keyFilePath(db), passphraseSecret(passphrase), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT });
  const app = openApp(db, { key: created.dataKey, clock: testClock() });
  created.dataKey.fill(0);
  try {
    for (let i = 0; i < n; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `B${i}`, ssn: null })));
  } finally {
    app.close();
  }
}

describe('backup OUT writes its database and key file as a pair, never over a file it did not create', () => {
  it('refuses b.bak beside an encrypted b.db (even with --force); b still opens with its own passphrase', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-pair-'));
    const b = join(dir, 'b.db');
    const c = join(dir, 'c.db');
    caseload(b, 'passphrase of caseload b', 2);
    caseload(c, 'passphrase of caseload c', 3);
    const bKeys = readFileSync(keyFilePath(b));
    for (const extra of [[], ['--force']]) {
      const r = cli(['backup', join(dir, 'b.bak'), '--db', c, ...extra], { MOSERS_PASSPHRASE: 'passphrase of caseload c', XDG_CONFIG_HOME: dir });
      expect(r.code).toBe(2);
      expect(r.err).toContain(`would keep its key file as ${keyFilePath(b)}, which belongs with ${b}. Nothing was written`);
    }
    expect(readFileSync(keyFilePath(b)).equals(bKeys)).toBe(true);
    expect(unlockKeyFile(keyFilePath(b), passphraseSecret('passphrase of caseload b'))).toHaveLength(32);
    expect(readdirSync(dir).filter((n) => !/-(wal|shm)$/.test(n)).sort()).toEqual(['b.db', 'b.db.lock', 'b.keys.json', 'c.db', 'c.db.lock', 'c.keys.json']);
    expect(cli(['members', 'list', '--db', b], { MOSERS_PASSPHRASE: 'passphrase of caseload b', XDG_CONFIG_HOME: dir }).out).toContain('2 members');
  });

  it('an existing target or key file is refused unless --force; --force replaces the pair; the caseload itself never', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backup-pair-'));
    const c = join(dir, 'c.db');
    caseload(c, 'passphrase of caseload c', 3);
    const env = { MOSERS_PASSPHRASE: 'passphrase of caseload c', XDG_CONFIG_HOME: dir };
    const out = join(dir, 'out', 'monday.db');
    const first = cli(['backup', out, '--db', c], env);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(new RegExp(`^Backup written: ${out} \\(\\d+ bytes\\); its key file ${keyFilePath(out)}\\n$`));
    const again = cli(['backup', out, '--db', c], env);
    expect(again).toMatchObject({ code: 2, err: `${out} exists already. Nothing was written; choose a new file name, or add --force to replace that backup.\n` });
    expect(cli(['backup', out, '--db', c, '--force'], env).code).toBe(0);
    expect(cli(['check', '--db', out], env).out).toMatch(/integrity ok; .* 3 members\n$/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['monday.db', 'monday.db.lock', 'monday.keys.json']);

    // A key file left alone (no database beside it): not replaced without --force.
    writeFileSync(join(dir, 'tuesday.keys.json'), 'someone else\'s\n');
    expect(cli(['backup', join(dir, 'tuesday.db'), '--db', c], env)).toMatchObject({ code: 2, err: `${join(dir, 'tuesday.keys.json')} exists already. Nothing was written; choose a new file name, or add --force to replace that backup.\n` });
    expect(readFileSync(join(dir, 'tuesday.keys.json'), 'utf8')).toBe('someone else\'s\n');

    for (const target of [c, keyFilePath(c), join(dir, 'c.bak')]) {
      const r = cli(['backup', target, '--db', c, '--force'], env);
      expect(r.code, target).toBe(2);
    }
    expect(unlockKeyFile(keyFilePath(c), passphraseSecret('passphrase of caseload c'))).toHaveLength(32);
    expect(readdirSync(dir).filter((n) => n.includes('partial') || n.includes('replaced'))).toEqual([]);
  });
});
