// `npm run cli -- <group> <verb> [args] [--db PATH]`: administration over the same services.
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppFailure } from '../../shared/ipc/result';
import { openApp, type App } from '../app';
import { degradedMessage, fileStamp, restoreCommand, storageFailure } from '../db/integrity';
import { defaultDbPath } from '../paths';
import { backupFolder, listBackups, newestGoodBackup } from '../services/backups';
import { backupDatabase, checkDatabase, previewBackup, refuseUnlessRestorable, restoreDatabase } from '../services/maintenance';
import { cliKey, KEY_USAGE, newCaseloadKey, noCaseloadYet, openKey, runKeyCommand, takeSecretOptions, withKey } from './keys';
import { fileKind, openDatabase } from '../db/connection';
import { keyFilePath } from '../security/keys';
import { runBasisInspect } from './basis-inspect';
import { importRoster } from './roster';
import { decodeRoster, type RosterText } from './roster-text';
import { claimCaseload, withExclusiveClaim } from '../caseload/claim';

export type CliIo = { stdout: (s: string) => void; stderr: (s: string) => void; env?: NodeJS.ProcessEnv };

const USAGE = `usage: npm run cli -- <command> [--db PATH]
  members import ROSTER.csv [--plain]  add or update members from a roster (by member_id); with no
                                       caseload yet, creates it encrypted under MOSERS_PASSPHRASE
                                       (or plain, unencrypted, only with --plain)
  members list [--limit N]             list members (SSNs masked)
  backup OUT.db [--force]              write a consistent copy of the caseload and its key file
                                       (an existing OUT is replaced only with --force)
  restore BACKUP.db [--yes]            show what a backup holds; with --yes, replace the caseload
  check                                integrity check and schema version
  backups [--check]                    list the automatic backups; with --check, find the newest good one
  basis inspect FILE.xml [FILE.xml …]  validate and summarise SOA XTbML tables
  basis import-table FILE.xml --as REF store a table under the reference a basis names
  basis add BASIS.json                 store a basis (a new version for a changed one)
  basis list                           shipped and stored bases, stored tables
${KEY_USAGE}
The default database is the desktop app's: ${defaultDbPath()}`;

function takeOption(args: string[], name: string): string | null {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return v ?? null;
}

/**
 * A file named on the command line, read whole only when it is a regular file: a FIFO or a device
 * would hang the command or never end.
 */
function readRegularFile(path: string, what: string): Buffer {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (!st.isFile()) throw new AppFailure('INVALID_INPUT', `${path}: is not a regular file (${st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a pipe' : 'a device or socket'}); name the ${what} file itself.`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${path}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

/** A day's backup that failed on this open is said, not only kept in the app's status. */
function reportBackup(app: App, io: CliIo): void {
  const daily = app.services.storage.status().dailyBackup;
  if (daily?.status === 'failed') io.stderr(`The day's automatic backup could not be made (${daily.message}); the caseload itself is fine. Free some disk space; it is tried again at the next open.\n`);
}

/** A command that writes stops before writing to a damaged caseload, naming the way back. */
function refuseIfDamaged(app: App): void {
  if (app.degraded) throw new AppFailure('UNAVAILABLE', degradedMessage(app.degraded));
}

export function runCli(argv: string[], io: CliIo): number {
  const args = [...argv];
  const dbArg = takeOption(args, '--db');
  if (args.includes('--db')) {
    io.stderr('--db: needs a path\n');
    return 2;
  }
  if (dbArg !== null && (dbArg.trim() === '' || dbArg === ':memory:' || dbArg.startsWith('file:'))) {
    io.stderr(`--db: ${dbArg === '' ? 'is empty' : `${JSON.stringify(dbArg)} is not a file`}; name the caseload file (for example --db caseload.db). A caseload that is not a file would keep nothing.\n`);
    return 2;
  }
  // Relative paths are from where the command was run (npm run moves to the project folder and
  // says where it started in INIT_CWD), and every message names them in full.
  const env = io.env ?? process.env;
  const cwd = env.INIT_CWD || process.cwd();
  const full = (p: string) => resolve(cwd, p);
  const dbPath = dbArg !== null ? full(dbArg) : defaultDbPath(io.env);
  const secrets = takeSecretOptions(args, (a, n) => takeOption(a, n));
  const force = takeFlag(args, '--force');
  const plain = takeFlag(args, '--plain');
  const [group, verb, ...rest] = args;
  if (force && group !== 'backup') {
    io.stderr('--force: only backup takes it (to replace a backup file named on purpose)\n');
    return 2;
  }
  const say = (s: string) => io.stdout(`${s}\n`);
  try {
    if (group === 'key') return runKeyCommand(verb, rest, dbPath, secrets, io);
    if (group === 'basis' && verb === 'inspect') {
      return runBasisInspect(rest, { stdout: io.stdout, stderr: io.stderr, readFile: (p) => readFileSync(p, 'utf8') });
    }
    if (group === 'members' && verb === 'import' && rest.length === 1) {
      const file = full(rest[0]!);
      let roster: RosterText;
      try {
        roster = decodeRoster(file, readRegularFile(file, 'roster'));
      } catch (err) {
        if (!(err instanceof AppFailure)) throw err;
        io.stderr(`${err.message}\n`);
        return 2;
      }
      const text = roster.text;
      const app = withKey(openKey(dbPath, secrets, io, { plain, creates: true, command: 'members import' }), (key) => openApp(dbPath, { key, program: 'npm run cli -- members import' }));
      reportBackup(app, io);
      try {
        refuseIfDamaged(app);
        const r = importRoster(app.db, app.services, text);
        if (roster.encoding === 'Windows-1252') say(`${file} is not UTF-8: it was read as Windows-1252 (Excel's "CSV" on Windows). Check the accented names below; save it as "CSV UTF-8" next time.`);
        else if (roster.encoding.startsWith('UTF-16')) say(`${file} was read as ${roster.encoding}.`);
        for (const e of r.errors) io.stderr(`${file}: row ${e.row}, ${e.column}: ${e.message}\n`);
        say(`Imported ${r.created} new and updated ${r.updated} members; rejected ${r.rejected} rows.`);
        return r.rejected > 0 ? 1 : 0;
      } finally {
        app.close();
      }
    }
    if (group === 'basis' && (verb === 'import-table' || verb === 'add' || verb === 'list')) {
      const as = verb === 'import-table' ? takeOption(rest, '--as') : null;
      if ((verb === 'list' && rest.length !== 0) || (verb !== 'list' && rest.length !== 1) || (verb === 'import-table' && !as)) {
        io.stderr(`${USAGE}\n`);
        return 2;
      }
      const file = rest[0];
      let text = '';
      if (file) {
        try {
          text = readFileSync(file, 'utf8');
        } catch (err) {
          io.stderr(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
          return 2;
        }
      }
      const app = withKey(openKey(dbPath, secrets, io, { plain, creates: verb !== 'list', command: `basis ${verb}` }), (key) => openApp(dbPath, { key, program: `npm run cli -- basis ${verb}` }));
      reportBackup(app, io);
      try {
        if (verb !== 'list') refuseIfDamaged(app);
        if (verb === 'import-table') {
          const t = app.services.settings.importTable(as!, text);
          say(`Table ${t.name} stored (id ${t.id}). A basis can now name it.`);
        } else if (verb === 'add') {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch (err) {
            io.stderr(`${file}: not valid JSON (${(err as Error).message})\n`);
            return 2;
          }
          const b = app.services.settings.addBasis(json);
          say(`Basis ${b.id} version ${b.version} stored. Estimates select it with "actuarialBasis": "${b.id}".`);
        } else {
          for (const b of app.services.settings.bases()) say(`${b.id.padEnd(28)} v${b.version}  ${b.shipped ? 'shipped' : 'stored '}  ${b.effectiveDate}  ${b.name}`);
          for (const t of app.services.settings.tables()) say(`table ${t.name.padEnd(22)} id ${t.id}  imported ${t.importedAt}`);
        }
        return 0;
      } finally {
        app.close();
      }
    }
    if (group === 'members' && verb === 'list') {
      const limit = Number(takeOption(rest, '--limit') ?? '100');
      if (!Number.isInteger(limit) || limit < 1) {
        io.stderr('--limit: must be a whole number above 0\n');
        return 2;
      }
      const app = withKey(openKey(dbPath, secrets, io, { plain, creates: false, command: 'members list' }), (key) => openApp(dbPath, { key, program: 'npm run cli -- members list' }));
      reportBackup(app, io);
      try {
        if (app.degraded) io.stderr(`${degradedMessage(app.degraded)}\n`);
        const rows = app.services.members.search({ limit: Math.min(limit, 500), includeArchived: true });
        for (const m of rows) say([m.memberId.padEnd(12), `${m.lastName}, ${m.firstName}`.padEnd(32), (m.ssnMasked ?? '').padEnd(12), m.birthDate, m.retirementDate ?? '', m.archived ? 'archived' : ''].join('  ').trimEnd());
        say(`${rows.length} member${rows.length === 1 ? '' : 's'}`);
        return 0;
      } finally {
        app.close();
      }
    }
    if (group === 'backup' && verb !== undefined && rest.length === 0) {
      const claim = claimCaseload(dbPath, 'shared', 'npm run cli -- backup');
      try {
        const db = withKey(cliKey(dbPath, secrets, io), (key) => openDatabase(dbPath, { readonly: true, key }));
        try {
          const b = backupDatabase(db, full(verb), { force });
          say(`Backup written: ${b.path} (${b.bytes} bytes)${b.keyFile ? `; its key file ${b.keyFile}` : ''}`);
          return 0;
        } finally {
          db.close();
        }
      } finally {
        claim.release();
      }
    }
    if (group === 'restore' && verb !== undefined) {
      const yes = takeFlag(rest, '--yes');
      const backup = full(verb);
      // A plain backup restored where there is no caseload yet would make a plain caseload:
      // encrypted on its way in under a new passphrase, or plain only with --plain.
      const plainNew = noCaseloadYet(dbPath) && !existsSync(keyFilePath(backup)) && fileKind(backup) === 'plain';
      if (plainNew && !plain && !yes) say(`${dbPath} does not exist yet and ${backup} is not encrypted: the restore encrypts it under the passphrase in MOSERS_PASSPHRASE (or --passphrase-file), or keeps it plain with --plain.`);
      const key = plainNew ? null : cliKey(dbPath, secrets, io, backup);
      let created: Buffer | null = null;
      try {
        const p = previewBackup(backup, key);
        say(`${backup}: ${p.members} members, schema version ${p.schemaVersion}, last change ${p.latestUpdate ?? 'none'}, integrity ${p.integrity.join('; ')}`);
        if (!yes) {
          say(`Nothing changed. Run again with --yes to replace ${dbPath} with this backup (the current file is kept aside).`);
          return 1;
        }
        if (plainNew && !plain) {
          refuseUnlessRestorable(backup, p);
          created = newCaseloadKey(dbPath, secrets, io, 'restore');
        } else if (plainNew) io.stderr(`restore: ${dbPath} is restored as a PLAIN caseload, as --plain asks: anyone with the file can read its SSNs. Encrypt it with: npm run cli -- key setup --db "${dbPath}"\n`);
        // The caseload to this command alone: refused, naming the program, while the workstation or
        // another command has it open (main/caseload/claim.ts).
        let r: { keptAside: string | null };
        try {
          r = withExclusiveClaim(dbPath, 'npm run cli -- restore', 'Restoring a backup', () => restoreDatabase(backup, dbPath, fileStamp(new Date().toISOString()), { key: key ?? created, checked: p }));
        } catch (err) {
          if (created) rmSync(keyFilePath(dbPath), { force: true });
          throw err;
        }
        say(`Restored ${dbPath}${r.keptAside ? `; the previous file is kept as ${r.keptAside}` : ''}${created ? ', encrypted under the new passphrase' : ''}.`);
        return 0;
      } finally {
        key?.fill(0);
        created?.fill(0);
      }
    }
    if (group === 'backups' && (verb === undefined || (verb === '--check' && rest.length === 0))) {
      const all = listBackups(dbPath);
      if (all.length === 0) say(`No automatic backups in ${backupFolder(dbPath)}.`);
      for (const b of all) say(`${b.path}  ${b.day} ${b.time}  ${b.reason.padEnd(13)}  ${b.bytes} bytes`);
      if (verb === '--check' && all.length > 0) {
        const good = withKey(cliKey(dbPath, secrets, io), (key) => newestGoodBackup(dbPath, { key }));
        say(good ? `Newest good backup: ${good.path}. Restore it with: ${restoreCommand(good.path, dbPath)}` : 'No backup passes its check.');
        return good ? 0 : 1;
      }
      return 0;
    }
    if (group === 'check' && verb === undefined) {
      const claim = claimCaseload(dbPath, 'shared', 'npm run cli -- check');
      try {
        const db = withKey(cliKey(dbPath, secrets, io), (key) => openDatabase(dbPath, { readonly: true, key }));
        try {
          const c = checkDatabase(db);
          say(`${dbPath}: integrity ${c.integrity.join('; ')}; foreign-key problems ${c.foreignKeys}; schema version ${c.schemaVersion} (this app: ${c.appSchemaVersion}); ${c.members} members`);
          return c.ok ? 0 : 1;
        } finally {
          db.close();
        }
      } finally {
        claim.release();
      }
    }
  } catch (err) {
    if (err instanceof AppFailure) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    // A full disk, a read-only or damaged file: the transaction was rolled back; say what to do.
    const storage = storageFailure(err);
    if (storage) {
      io.stderr(`${storage.message}\n`);
      return 2;
    }
    throw err;
  }
  io.stderr(`${USAGE}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A closed pipe (`| head`) ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  process.exitCode = runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
}
