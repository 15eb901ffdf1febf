// "Restore checks the schema, not only the version": a one-table file claiming this app's schema
// version was accepted, and the app then answered "Something went wrong".
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { runCli } from '../../../main/cli/cli';
import { SCHEMA_VERSION } from '../../../main/db/migrations';
import { backupDatabase, previewBackup } from '../../../main/services/maintenance';
import { memberFactsSchema } from '../../../shared/domain/member';
import { johnSmith } from '../caseload-fixture';

function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: { XDG_CONFIG_HOME: tmpdir() } });
  return { code, out: out.join(''), err: err.join('') };
}

describe('a backup is restored only with every table and index of its version', () => {
  it('refuses a one-table file claiming the current schema version, and a backup missing one index; the caseload is unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'restore-schema-'));
    const db = join(dir, 'c.db');
    const app = openApp(db);
    app.services.members.create(memberFactsSchema.parse(johnSmith()));
    const good = join(dir, 'good.db');
    backupDatabase(app.db, good);
    app.close();
    const before = readFileSync(db);

    const fake = join(dir, 'fake.db');
    const f = new Database(fake);
    f.exec('CREATE TABLE members (id INTEGER PRIMARY KEY)');
    f.pragma(`user_version = ${SCHEMA_VERSION}`);
    f.close();
    expect(previewBackup(fake)).toMatchObject({ ok: false, schemaVersion: SCHEMA_VERSION });
    const r = cli(['restore', fake, '--db', db, '--yes']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${fake.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} fails its check \\(schema: missing (table|index) [a-z_0-9]+, .*; schema ${SCHEMA_VERSION}\\); it was not restored\\. Choose an older backup\\.\\n$`));

    const noIndex = join(dir, 'no-index.db');
    backupDatabase(new Database(good, { readonly: true }), noIndex);
    const n = new Database(noIndex);
    const index = (n.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() as { name: string }).name;
    n.exec(`DROP INDEX ${index}`);
    n.close();
    expect(previewBackup(noIndex).integrity).toEqual([`schema: missing index ${index}`]);
    expect(cli(['restore', noIndex, '--db', db, '--yes']).code).toBe(2);
    expect(previewBackup(good).ok).toBe(true);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
