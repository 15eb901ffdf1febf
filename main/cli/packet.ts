// `npm run packet`: the documents a member signs, from the command line.
//
//   npm run packet -- CASE.json OUT.pdf [--flatten] [--worksheet] [--large-print]
//       the Benefit Estimate Statement and the Personalized Retirement Election Form for a case
//       file (CASE-FORMAT; names optional), as one PDF.
//   npm run packet -- [--db CASELOAD] --member MEMBER_ID OUT.pdf [--flatten] [--worksheet] [--large-print]
//       the full appointment packet of a stored member, for the scenario the member record gives,
//       built by the same documents service the app uses (main/services/documents.ts).
//   npm run packet -- [--db CASELOAD] --roster ROSTER.csv|--upcoming DAYS OUT_DIR [--flatten] [--worksheet] [--large-print]
//       one packet per member of a field-session or seminar roster (its member_id column), or per
//       member with an appointment in the next DAYS days; a progress line per member on stderr and
//       a summary of the members skipped and why.
// An encrypted caseload takes its passphrase as every CLI command does (MOSERS_PASSPHRASE or
// --passphrase-file PATH; never on the command line, never a prompt).
// Fillable by default; `--flatten` prints every field into the page; `--worksheet` adds the
// Counselor Worksheet (the derivation with rule ids); `--large-print` builds the large-print
// edition (body 14 pt and more, labels 12 pt and more, the same figures). Invalid input: exit 2 with a message naming
// the argument, the file or the field, and nothing written. Each PDF is written to a temporary
// file in the same folder and renamed, so a failure never leaves a half-written PDF.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, formatDate as isoDate, parseDate } from '../../shared/calc/dates';
import { estimateFromInput } from '../../shared/calc/run';
import { caseSchema } from '../../shared/domain/case-schema';
import { AppFailure } from '../../shared/ipc/result';
import { openApp, type App } from '../app';
import { degradedMessage, storageFailure } from '../db/integrity';
import { UnprintableCharacterError } from '../pdf/fonts';
import { canRetire, notEligibleText } from '../pdf/format';
import { buildEstimateAndElection } from '../pdf/packet';
import { documentMemberFromCase } from '../pdf/types';
import { defaultDbPath } from '../paths';
import { systemClock, type Clock } from '../services/context';
import { pricers } from '../services/pricers';
import { parseCsv } from './csv';
import { cliKey, takeSecretOptions, withKey } from './keys';

export type PacketIo = { stdout: (s: string) => void; stderr: (s: string) => void; env?: NodeJS.ProcessEnv; clock?: Clock };

const USAGE = `usage: npm run packet -- CASE.json OUT.pdf [--flatten] [--worksheet] [--large-print]
       npm run packet -- [--db CASELOAD] --member MEMBER_ID OUT.pdf [--flatten] [--worksheet] [--large-print]
       npm run packet -- [--db CASELOAD] --roster ROSTER.csv|--upcoming DAYS OUT_DIR [--flatten] [--worksheet] [--large-print]`;

/** Write `bytes` to `file` through a temporary file in the same folder and a rename. */
export function writeFileAtomic(file: string, bytes: Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

function takeOption(args: string[], name: string): string | null | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v === undefined || v.startsWith('--') ? null : v;
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

export async function runPacket(argv: string[], io: PacketIo): Promise<number> {
  const args = [...argv];
  const flatten = takeFlag(args, '--flatten');
  const worksheet = takeFlag(args, '--worksheet');
  const largePrint = takeFlag(args, '--large-print');
  const db = takeOption(args, '--db');
  const member = takeOption(args, '--member');
  const roster = takeOption(args, '--roster');
  const upcoming = takeOption(args, '--upcoming');
  const secrets = takeSecretOptions(args, (a, n) => takeOption(a, n) ?? null);
  for (const [name, v] of [['--db', db], ['--member', member], ['--roster', roster], ['--upcoming', upcoming]] as const) {
    if (v === null) {
      io.stderr(`${name}: needs a value\n${USAGE}`);
      return 2;
    }
  }
  if (db !== undefined || member !== undefined || roster !== undefined || upcoming !== undefined) {
    return runFromCaseload(args, { dbPath: db ?? defaultDbPath(io.env), member: member ?? undefined, roster: roster ?? undefined, upcoming: upcoming ?? undefined, flatten, worksheet, largePrint, secrets }, io);
  }
  return runFromCaseFile(args, { flatten, worksheet, largePrint }, io);
}

async function runFromCaseFile(positional: string[], opts: { flatten: boolean; worksheet: boolean; largePrint: boolean }, io: PacketIo): Promise<number> {
  const { flatten, worksheet, largePrint } = opts;
  const [caseFile, outFile] = positional;
  if (!caseFile || !outFile || positional.length !== 2 || positional.some((a) => a.startsWith('--'))) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(caseFile, 'utf8');
  } catch (err) {
    io.stderr(`${caseFile}: cannot read the case file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    io.stderr(`${caseFile}: not valid JSON (${(err as Error).message})`);
    return 2;
  }
  const result = estimateFromInput(raw, pricers());
  if (!result.ok) {
    for (const issue of result.issues) io.stderr(`${issue.path}: ${issue.message}`);
    return 2;
  }
  const c = caseSchema.parse(raw);
  let bytes: Uint8Array;
  let pages: number;
  try {
    const packet = await buildEstimateAndElection({ estimate: result.value, member: documentMemberFromCase(c), case: c }, { flatten, worksheet, largePrint });
    bytes = packet.bytes;
    pages = packet.pageCount;
  } catch (err) {
    if (err instanceof UnprintableCharacterError) {
      io.stderr(err.message);
      return 2;
    }
    throw err;
  }
  try {
    writeFileAtomic(outFile, bytes);
  } catch (err) {
    io.stderr(`${outFile}: cannot write the PDF (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return 1;
  }
  if (!canRetire(result.value)) {
    const why = notEligibleText(result.value);
    io.stderr(`${why.title}: ${why.lines.join(' ')} The PDF holds the estimate statement only (no election form).`);
    io.stdout(`${outFile}: ${pages} pages (estimate statement only${flatten ? ', flattened' : ''}${largePrint ? ', large print' : ''})`);
    return 0;
  }
  io.stdout(`${outFile}: ${pages} pages (estimate statement and election form${worksheet ? ', counselor worksheet' : ''}${flatten ? ', flattened' : ', fillable'}${largePrint ? ', large print' : ''})`);
  return 0;
}

type CaseloadRun = {
  dbPath: string;
  member: string | undefined;
  roster: string | undefined;
  upcoming: string | undefined;
  flatten: boolean;
  worksheet: boolean;
  largePrint: boolean;
  secrets: ReturnType<typeof takeSecretOptions>;
};

/** The member IDs of a roster file's `member_id` column, in order, once each. */
function rosterMemberIds(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppFailure('INVALID_INPUT', `${file}: cannot read the roster (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const { rows, error } = parseCsv(text);
  if (error) throw new AppFailure('INVALID_INPUT', `${file}: ${error}`);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = header.indexOf('member_id');
  if (col < 0) throw new AppFailure('INVALID_INPUT', `${file}: the roster has no member_id column`);
  const ids: string[] = [];
  for (const row of rows.slice(1)) {
    const id = (row[col] ?? '').trim().toUpperCase();
    if (id && !ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) throw new AppFailure('INVALID_INPUT', `${file}: the roster lists no member`);
  return ids;
}

async function runFromCaseload(positional: string[], run: CaseloadRun, io: PacketIo): Promise<number> {
  const modes = [run.member, run.roster, run.upcoming].filter((m) => m !== undefined).length;
  const [out] = positional;
  if (modes !== 1 || !out || positional.length !== 1 || out.startsWith('--')) {
    io.stderr(modes > 1 ? `Give one of --member, --roster or --upcoming.\n${USAGE}` : USAGE);
    return 2;
  }
  let days = 0;
  if (run.upcoming !== undefined) {
    days = Number(run.upcoming);
    if (!/^\d{1,3}$/.test(run.upcoming) || days < 1 || days > 366) {
      io.stderr(`--upcoming: must be a whole number of days from 1 to 366 (got "${run.upcoming}")`);
      return 2;
    }
  }
  if (!existsSync(run.dbPath)) {
    io.stderr(`${run.dbPath}: no caseload there (give the caseload with --db PATH)`);
    return 2;
  }
  const lineIo = { stdout: (s: string) => io.stdout(s.replace(/\n$/, '')), stderr: (s: string) => io.stderr(s.replace(/\n$/, '')), env: io.env };
  let app: App | null = null;
  try {
    app = withKey(cliKey(run.dbPath, run.secrets, lineIo), (key) => openApp(run.dbPath, { key, clock: io.clock }));
    // A packet is audited in the caseload: a damaged (read-only) caseload is refused, with the way back.
    if (app.degraded) throw new AppFailure('UNAVAILABLE', degradedMessage(app.degraded));
    const docs = app.services.documents;
    const opts = { flatten: run.flatten, worksheet: run.worksheet, largePrint: run.largePrint };
    const how = `${run.worksheet ? ', counselor worksheet' : ''}${run.flatten ? ', flattened' : ', fillable'}${run.largePrint ? ', large print' : ''}`;

    if (run.member !== undefined) {
      const found = app.services.members.findByMemberId(run.member);
      if (!found) throw new AppFailure('NOT_FOUND', `--member: no member with member ID ${run.member} in ${run.dbPath}`);
      const p = await docs.buildForMember({ memberId: found.id, ...opts });
      writeFileAtomic(out, p.bytes);
      if (p.notEligible) io.stderr(`${p.memberId}: ${p.notEligible.title}: ${p.notEligible.lines.join(' ')} The packet holds the cover and the estimate statement only (nothing to sign).`);
      io.stdout(`${out}: ${p.pageCount} pages (${p.notEligible ? 'cover and estimate statement only' : 'appointment packet'}${how})`);
      return 0;
    }

    // A batch: the member IDs of the roster, or of the appointments in the next DAYS days.
    const clock = io.clock ?? systemClock;
    let wanted: string[];
    if (run.roster !== undefined) wanted = rosterMemberIds(run.roster);
    else {
      const from = clock.today();
      const to = isoDate(addDays(parseDate(from), days));
      const seen = new Set<number>();
      wanted = [];
      for (const a of app.services.schedule.appointments({ from, to })) {
        if (a.memberId === null || seen.has(a.memberId)) continue;
        seen.add(a.memberId);
        const row = app.services.members.get(a.memberId);
        wanted.push(row.memberId);
      }
      if (wanted.length === 0) {
        io.stderr(`No member has an appointment from ${from} to ${to}: no packet written.`);
        return 0;
      }
    }
    if (existsSync(out) && !statSync(out).isDirectory()) throw new AppFailure('INVALID_INPUT', `${out}: not a folder (a batch writes one PDF per member into a folder)`);
    mkdirSync(out, { recursive: true });
    const skipped: { memberId: string; reason: string }[] = [];
    const ids: number[] = [];
    for (const memberId of wanted) {
      const found = app.services.members.findByMemberId(memberId);
      if (found) ids.push(found.id);
      else skipped.push({ memberId, reason: 'not in the caseload' });
    }
    const started = Date.now();
    const r = await docs.batch(
      ids,
      opts,
      (p) => {
        writeFileAtomic(join(out, p.fileName), p.bytes);
        if (p.notEligible) io.stderr(`  ${p.memberId}: ${p.notEligible.title}; cover and statement only.`);
      },
      (p) => io.stderr(`[${p.done}/${p.total}] ${p.memberId} ${p.outcome === 'built' ? 'written' : 'skipped'}`),
    );
    skipped.push(...r.skipped);
    io.stdout(`${out}: ${r.built} packet${r.built === 1 ? '' : 's'} written${how.replace(/^, /, ' (')}${how ? ')' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${skipped.length} skipped`);
    for (const s of skipped) io.stdout(`  skipped ${s.memberId}: ${s.reason}`);
    return skipped.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof AppFailure) {
      io.stderr(err.fields ? `${err.message} ${Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('; ')}` : err.message);
      return 2;
    }
    const storage = storageFailure(err);
    if (storage) {
      io.stderr(storage.message);
      return 2;
    }
    if (err instanceof Error && 'code' in err && typeof (err as NodeJS.ErrnoException).code === 'string') {
      io.stderr(`${out}: cannot write the PDF (${(err as NodeJS.ErrnoException).code})`);
      return 1;
    }
    throw err;
  } finally {
    app?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPacket(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
  });
}
