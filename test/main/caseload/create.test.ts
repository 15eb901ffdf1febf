// Must-fix 4 of the caseload audit: any CLI command that created a caseload at a path with no key
// file created a plain one, SSNs readable by anyone with the file (the README's own "Try it" did).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { fileKind } from '../../../main/db/connection';
import { keyFilePath } from '../../../main/security/keys';

const roster = join(import.meta.dirname, '../../../examples/roster-field-session.csv');
// Núñez's SSN in the roster, as the bytes a plain file would hold.
const SSN = '123-45-6703';

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { CI: 'true', XDG_CONFIG_HOME: tmpdir(), ...env } });
  return { code, out: out.join(''), err: err.join('') };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'create-'));
const files = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.lock')).map((e) => e.name).sort();

describe('a new caseload from the CLI is encrypted unless --plain is given', () => {
  it('members import with no caseload, no passphrase and no --plain is refused and writes nothing', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const r = cli(['members', 'import', roster, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `members import: there is no caseload at ${db} yet, and a new one is encrypted: give its passphrase in MOSERS_PASSPHRASE or with --passphrase-file PATH (it is set up as key setup does and the recovery key is printed once), or add --plain for an unencrypted caseload for demos and tests. Nothing was written.\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('with the passphrase it creates an encrypted caseload, prints the recovery key once, and no SSN is in the file', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const pass = { MOSERS_PASSPHRASE: 'seminar laptop passphrase' };
    const r = cli(['members', 'import', roster, '--db', db], pass);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`Created the encrypted caseload ${db}; key file ${keyFilePath(db)}.`);
    expect(lines[1]).toMatch(/^Recovery key \(shown this once; give it to the agency to keep\): [0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(lines[2]).toBe('Imported 12 new and updated 0 members; rejected 0 rows.');
    expect(r.err).toBe('');
    expect(fileKind(db)).toBe('encrypted');
    for (const f of files(dir).filter((n) => !n.endsWith('.json'))) expect(readFileSync(join(dir, f)).includes(Buffer.from(SSN)), f).toBe(false);
    // The second import opens it with the passphrase; no new recovery key.
    const again = cli(['members', 'import', roster, '--db', db], pass);
    expect(again.out).toBe('Imported 0 new and updated 12 members; rejected 0 rows.\n');
    expect(cli(['members', 'list', '--db', db]).code).toBe(2);
  });

  it('a short passphrase is refused and leaves neither a caseload nor a key file', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const r = cli(['members', 'import', roster, '--db', db], { MOSERS_PASSPHRASE: 'short' });
    expect(r).toMatchObject({ code: 2, err: 'members import: the passphrase must be at least 10 characters.\n' });
    expect(files(dir)).toEqual([]);
  });

  it('--plain creates a plain caseload and says so on stderr', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    const r = cli(['members', 'import', roster, '--db', db, '--plain']);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`members import: creating ${db} as a PLAIN caseload, as --plain asks: it is not encrypted, so anyone with the file can read its SSNs. For demos and tests only; encrypt it with: npm run cli -- key setup --db "${db}"\n`);
    expect(fileKind(db)).toBe('plain');
    // Once it exists, --plain is not needed (nor said again) to use it.
    expect(cli(['members', 'import', roster, '--db', db])).toMatchObject({ code: 0, err: '' });
  });

  it('members list before any caseload exists says there is none yet and how to make one, and creates nothing', () => {
    const dir = tmp();
    const db = join(dir, 'sub', 'caseload.db');
    const r = cli(['members', 'list', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`There is no caseload at ${db} yet. Make one by importing a roster, with the new caseload's passphrase in MOSERS_PASSPHRASE: npm run cli -- members import ROSTER.csv --db "${db}" (or start the workstation and set its passphrase there).\n`);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
  });

  it('a plain backup restored where there is no caseload is encrypted on its way in, or kept plain only with --plain', () => {
    const dir = tmp();
    const old = join(dir, 'old.db');
    expect(cli(['members', 'import', roster, '--db', old, '--plain']).code).toBe(0);
    const backup = join(dir, 'plain-backup.db');
    expect(cli(['backup', backup, '--db', old]).code).toBe(0);
    const fresh = join(dir, 'new', 'caseload.db');
    const refused = cli(['restore', backup, '--db', fresh, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('the backup is not encrypted and there is no caseload at');
    expect(existsSync(fresh)).toBe(false);
    const r = cli(['restore', backup, '--db', fresh, '--yes'], { MOSERS_PASSPHRASE: 'new laptop passphrase' });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Restored ${fresh}, encrypted under the new passphrase.`);
    expect(fileKind(fresh)).toBe('encrypted');
    expect(readFileSync(fresh).includes(Buffer.from(SSN))).toBe(false);
    expect(cli(['members', 'list', '--db', fresh], { MOSERS_PASSPHRASE: 'new laptop passphrase' }).out).toContain('12 members');
  });
});

describe('the CLI names the caseload file it uses', () => {
  it('refuses --db "" and --db :memory:, which would keep nothing', () => {
    for (const bad of ['', ':memory:', 'file::memory:']) {
      const r = cli(['members', 'import', roster, '--db', bad, '--plain']);
      expect(r.code, bad).toBe(2);
      expect(r.err).toMatch(/^--db: .*A caseload that is not a file would keep nothing\.\n$/);
      expect(r.out).toBe('');
    }
  });

  it('a text file given as --db is "not a caseload", not "encrypted"', () => {
    const dir = tmp();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'meeting notes, not a database\n');
    const r = cli(['members', 'list', '--db', notes]);
    expect(r).toMatchObject({ code: 2, err: `${notes} is not a caseload: it is neither an SQLite database nor an encrypted caseload. Nothing was changed; check the --db path.\n` });
    expect(readFileSync(notes, 'utf8')).toBe('meeting notes, not a database\n');
  });

  it('a daily backup that failed is reported by the CLI', () => {
    const dir = tmp();
    const db = join(dir, 'c.db');
    expect(cli(['members', 'import', roster, '--db', db, '--plain']).code).toBe(0);
    // The backup folder's name taken by a file: the day's backup cannot be written.
    writeFileSync(join(dir, 'c.backups'), 'in the way\n');
    const r = cli(['members', 'list', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^The day's automatic backup could not be made \(.+\); the caseload itself is fine\. Free some disk space; it is tried again at the next open\.\n$/);
  });

  it('resolves a relative --db from where the command was run (INIT_CWD) and echoes it in full', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'demo'));
    const r = cli(['members', 'import', roster, '--db', 'demo/c.db'], { INIT_CWD: dir, MOSERS_PASSPHRASE: 'seminar laptop passphrase' });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`Created the encrypted caseload ${join(dir, 'demo', 'c.db')}; key file ${join(dir, 'demo', 'c.keys.json')}.`);
    expect(existsSync(join(dir, 'demo', 'c.db'))).toBe(true);
  });
});
