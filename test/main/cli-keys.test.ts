// `npm run cli -- key setup|change` and the other commands on an encrypted caseload: secrets from
// the environment or a file, never the command line, and never a prompt.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/cli';
import { fileKind } from '../../main/db/connection';
import { keyFilePath } from '../../main/security/keys';
import { listBackups } from '../../main/services/backups';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cli-keys-'));
  dirs.push(d);
  return d;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: tmp(), CI: 'true', ...env } });
  return { code, out: out.join('').split('\n').filter(Boolean), err: err.join('').split('\n').filter(Boolean) };
}

const roster = join(import.meta.dirname, '../../examples/roster-field-session.csv');
const SSN = '123-45-6701';

describe('CLI on an encrypted caseload', () => {
  it('key setup encrypts a legacy caseload in place and prints the recovery key once; every command then needs the passphrase', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    expect(cli(['members', 'import', roster, '--db', db, '--plain']).code).toBe(0);
    expect(fileKind(db)).toBe('plain');
    // The next open makes the day's backup: plain, like the caseload.
    expect(cli(['members', 'list', '--db', db]).code).toBe(0);
    const [earlier] = listBackups(db);
    expect(fileKind(earlier!.path)).toBe('plain');
    const pass = { MOSERS_PASSPHRASE: 'field laptop passphrase' };
    expect(cli(['key', 'setup', '--db', db], { MOSERS_PASSPHRASE: 'short' })).toMatchObject({ code: 2, err: ['key setup: the passphrase must be at least 10 characters.'] });
    const setup = cli(['key', 'setup', '--db', db], pass);
    expect(setup.code).toBe(0);
    expect(setup.out[0]).toBe(`Encrypted ${db} in place; key file ${keyFilePath(db)}.`);
    expect(setup.out[1]).toMatch(/^Recovery key \(shown this once; give it to the agency to keep\): [0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(fileKind(db)).toBe('encrypted');
    expect(readFileSync(db).includes(Buffer.from(SSN))).toBe(false);
    // The backup made before the passphrase is encrypted too, its key file beside it.
    expect(setup.out[2]).toBe('Encrypted 1 earlier backup made before the passphrase, each with the key file beside it.');
    expect(fileKind(earlier!.path)).toBe('encrypted');
    expect(readFileSync(earlier!.path).includes(Buffer.from(SSN))).toBe(false);
    expect(existsSync(keyFilePath(earlier!.path))).toBe(true);
    expect(cli(['check', '--db', earlier!.path], pass).out[0]).toMatch(/integrity ok; .* 12 members$/);
    expect(cli(['key', 'setup', '--db', db], pass).code).toBe(2);

    // No passphrase: an answer saying what to set, at once (CI=true, no stdin: nothing waits).
    const none = cli(['members', 'list', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.err[0]).toMatch(/^The caseload is encrypted: give the passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH/);
    expect(cli(['check', '--db', db], { MOSERS_PASSPHRASE: 'not the passphrase' })).toMatchObject({ code: 2, err: ['That passphrase is not right. Nothing was changed; try again.'] });

    const list = cli(['members', 'list', '--db', db, '--limit', '2'], pass);
    expect(list.code).toBe(0);
    expect(list.out.at(-1)).toBe('2 members');
    expect(list.out.join('\n')).not.toContain(SSN);
    // From a file, with the editor's trailing newline.
    const file = join(dir, 'pass.txt');
    writeFileSync(file, 'field laptop passphrase\n');
    expect(cli(['check', '--db', db, '--passphrase-file', file]).out[0]).toMatch(/integrity ok; .* 12 members$/);

    // Backup: encrypted, with its key file beside it; restore with the passphrase.
    const backup = join(dir, 'b.db');
    expect(cli(['backup', backup, '--db', db], pass).code).toBe(0);
    expect(fileKind(backup)).toBe('encrypted');
    expect(existsSync(join(dir, 'b.keys.json'))).toBe(true);
    expect(cli(['check', '--db', backup], pass).out[0]).toMatch(/12 members$/);
    expect(cli(['restore', backup, '--db', db, '--yes'], pass)).toMatchObject({ code: 0 });
    expect(cli(['check', '--db', db], pass).out[0]).toMatch(/integrity ok; .* 12 members$/);

    // A new passphrase, proven by the old one; then by the recovery key.
    expect(cli(['key', 'change', '--db', db], { ...pass, MOSERS_NEW_PASSPHRASE: 'second laptop passphrase' }).out[0]).toBe(`Passphrase changed for ${db}: the caseload was re-encrypted under a new data key, so no earlier passphrase or recovery key with any old copy of the key file opens it.`);
    expect(cli(['check', '--db', db], pass).code).toBe(2);
    expect(cli(['check', '--db', db], { MOSERS_PASSPHRASE: 'second laptop passphrase' }).code).toBe(0);
    const recoveryKey = setup.out[1]!.split(': ')[1]!;
    expect(cli(['key', 'change', '--db', db], { MOSERS_RECOVERY_KEY: recoveryKey, MOSERS_NEW_PASSPHRASE: 'third laptop passphrase' }).code).toBe(0);
    expect(cli(['members', 'list', '--db', db], { MOSERS_PASSPHRASE: 'third laptop passphrase' }).code).toBe(0);
  });

  it('a new laptop: restore from an encrypted backup brings its key file along', () => {
    const dir = tmp();
    const db = join(dir, 'old.db');
    const pass = { MOSERS_PASSPHRASE: 'field laptop passphrase' };
    expect(cli(['members', 'import', roster, '--db', db], pass).out[0]).toBe(`Created the encrypted caseload ${db}; key file ${keyFilePath(db)}.`);
    const backup = join(dir, 'backup.db');
    cli(['backup', backup, '--db', db], pass);
    const fresh = join(tmp(), 'caseload.db');
    expect(cli(['restore', backup, '--db', fresh, '--yes'], pass).code).toBe(0);
    expect(existsSync(keyFilePath(fresh))).toBe(true);
    expect(cli(['check', '--db', fresh], pass).out[0]).toMatch(/12 members$/);
  });

  it('key setup that cannot encrypt the caseload leaves no key file beside it, the file unchanged, and says what to do', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    // A file that names itself SQLite but is not one: the encryption fails at its first read.
    writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0x5a)]));
    const before = readFileSync(db);
    const r = cli(['key', 'setup', '--db', db], { MOSERS_PASSPHRASE: 'field laptop passphrase' });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(new RegExp(`^key setup: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be encrypted \\(.+\\); it is unchanged and still opens without a passphrase\\. Close any program`));
    expect(existsSync(keyFilePath(db))).toBe(false);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('an encrypted caseload whose key file is missing says so, and changes nothing', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const pass = { MOSERS_PASSPHRASE: 'field laptop passphrase' };
    cli(['members', 'import', roster, '--db', db]);
    cli(['key', 'setup', '--db', db], pass);
    rmSync(keyFilePath(db));
    const before = readFileSync(db);
    const r = cli(['members', 'list', '--db', db], pass);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`${db} is encrypted but its key file ${keyFilePath(db)} is missing: copy it back from beside your latest backup.`);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
