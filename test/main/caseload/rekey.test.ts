// Must-fix 3 of the caseload audit: each automatic backup kept a copy of the key file wrapped under
// the passphrase of its day, and the data key never changed, so an old passphrase plus any kept
// key copy opened today's caseload. Now every passphrase change re-keys the caseload.
import { copyFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { keyOpens, unlockCaseload } from '../../../main/caseload/rekey';
import { keyFilePath, passphraseSecret, recoverySecret, unlockKeyFile, type Secret } from '../../../main/security/keys';
import { listBackups } from '../../../main/services/backups';
import { AppFailure } from '../../../shared/ipc/result';

const roster = join(import.meta.dirname, '../../../examples/roster-field-session.csv');

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { CI: 'true', ...env } });
  return { code, out: out.join(''), err: err.join('') };
}

/** Every key file under `dir`, its folders included. */
function keyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...keyFiles(p));
    else if (e.name.endsWith('.keys.json')) out.push(p);
  }
  return out.sort();
}

/** The key files `secret` opens, and of those, the ones whose key opens the caseload as it is now. */
function opens(dir: string, db: string, secret: () => Secret): { files: string[]; current: string[] } {
  const files: string[] = [];
  const current: string[] = [];
  for (const f of keyFiles(dir)) {
    let k: Buffer;
    try {
      k = unlockKeyFile(f, secret());
    } catch (err) {
      if (err instanceof AppFailure && err.code === 'LOCKED') continue;
      throw err;
    }
    files.push(f);
    if (keyOpens(db, k)) current.push(f);
    k.fill(0);
  }
  return { files, current };
}

describe('key change, key rekey and key recovery re-key the caseload', () => {
  it('after a change, a rekey and a new recovery key, no earlier passphrase or recovery key opens the caseload through any key file in its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rekey-'));
    const db = join(dir, 'caseload.db');
    const P1 = 'first seminar passphrase';
    const P2 = 'second seminar passphrase';
    const base = { XDG_CONFIG_HOME: dir };
    const created = cli(['members', 'import', roster, '--db', db], { ...base, MOSERS_PASSPHRASE: P1 });
    expect(created.code).toBe(0);
    const R1 = created.out.match(/Recovery key \(shown this once; give it to the agency to keep\): (\S+)/)![1]!;
    // A daily backup (the second open of the day) and a manual one beside the caseload, each with a key copy.
    expect(cli(['members', 'list', '--db', db], { ...base, MOSERS_PASSPHRASE: P1 }).code).toBe(0);
    expect(listBackups(db)).toHaveLength(1);
    expect(cli(['backup', join(dir, 'monday.db'), '--db', db], { ...base, MOSERS_PASSPHRASE: P1 }).code).toBe(0);
    expect(keyFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['backups/' + listBackups(db)[0]!.name.replace(/\.db$/, '.keys.json'), 'caseload.keys.json', 'monday.keys.json']);
    // Before: the first passphrase opens the caseload through every copy (the hole).
    expect(opens(dir, db, () => passphraseSecret(P1)).current).toHaveLength(3);

    const changed = cli(['key', 'change', '--db', db], { ...base, MOSERS_PASSPHRASE: P1, MOSERS_NEW_PASSPHRASE: P2 });
    expect(changed.err).toBe('');
    expect(changed.out).toBe(
      `Passphrase changed for ${db}: the caseload was re-encrypted under a new data key, so no earlier passphrase or recovery key with any old copy of the key file opens it.\nThe key files of 2 backups made before now open with the new passphrase only.\n`,
    );
    expect(opens(dir, db, () => passphraseSecret(P1))).toEqual({ files: [], current: [] });
    expect(opens(dir, db, () => passphraseSecret(P2)).files).toHaveLength(3);
    expect(opens(dir, db, () => passphraseSecret(P2)).current).toEqual([keyFilePath(db)]);
    // The recovery key given once still works, for the caseload and its backups.
    expect(opens(dir, db, () => recoverySecret(R1)).current).toEqual([keyFilePath(db)]);
    // Each backup still opens with its own key file and the new passphrase.
    expect(cli(['check', '--db', join(dir, 'monday.db')], { ...base, MOSERS_PASSPHRASE: P2 }).out).toMatch(/integrity ok; .* 12 members\n$/);
    expect(cli(['members', 'list', '--db', db], { ...base, MOSERS_PASSPHRASE: P2 }).out).toContain('12 members');

    // key rekey: a new data key again, same passphrase.
    const before = unlockKeyFile(keyFilePath(db), passphraseSecret(P2));
    expect(cli(['key', 'rekey', '--db', db], { ...base, MOSERS_PASSPHRASE: P2 }).code).toBe(0);
    expect(keyOpens(db, before)).toBe(false);
    before.fill(0);
    expect(opens(dir, db, () => passphraseSecret(P1)).current).toEqual([]);
    expect(opens(dir, db, () => passphraseSecret(P2)).current).toEqual([keyFilePath(db)]);

    // key recovery: a new recovery key; the old one opens nothing now.
    const rec = cli(['key', 'recovery', '--db', db], { ...base, MOSERS_PASSPHRASE: P2 });
    expect(rec.code).toBe(0);
    const R2 = rec.out.match(/New recovery key \(shown this once; give it to the agency to keep\): (\S+)/)![1]!;
    expect(rec.out).toContain('The previous recovery key no longer opens the caseload.');
    expect(opens(dir, db, () => recoverySecret(R1))).toEqual({ files: [], current: [] });
    expect(opens(dir, db, () => recoverySecret(R2)).current).toEqual([keyFilePath(db)]);
    expect(cli(['members', 'list', '--db', db], { ...base, MOSERS_RECOVERY_KEY: R2 }).out).toContain('12 members');
    expect(readdirSync(dir).filter((n) => /\.(next|tmp)$/.test(n))).toEqual([]);
  });

  it('a re-key cut short after the database was re-encrypted is finished by the next unlock with the new passphrase', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rekey-'));
    const db = join(dir, 'caseload.db');
    const base = { XDG_CONFIG_HOME: dir };
    expect(cli(['members', 'import', roster, '--db', db], { ...base, MOSERS_PASSPHRASE: 'first seminar passphrase' }).code).toBe(0);
    const keys = keyFilePath(db);
    copyFileSync(keys, join(dir, 'old-keys'));
    expect(cli(['key', 'change', '--db', db], { ...base, MOSERS_PASSPHRASE: 'first seminar passphrase', MOSERS_NEW_PASSPHRASE: 'second seminar passphrase' }).code).toBe(0);
    // As a crash between the re-key and the rename leaves it: the new key file still `.next`.
    renameSync(keys, `${keys}.next`);
    renameSync(join(dir, 'old-keys'), keys);
    expect(() => unlockCaseload(db, keys, passphraseSecret('first seminar passphrase'))).toThrow(/That passphrase is not right/);
    const k = unlockCaseload(db, keys, passphraseSecret('second seminar passphrase'));
    expect(keyOpens(db, k)).toBe(true);
    k.fill(0);
    expect(() => statSync(`${keys}.next`)).toThrow();
    expect(cli(['members', 'list', '--db', db], { ...base, MOSERS_PASSPHRASE: 'second seminar passphrase' }).out).toContain('12 members');
  });
});
