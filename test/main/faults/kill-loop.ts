// The crash-safety loop: a child process (child.ts) writes member updates in transactions and is
// killed with SIGKILL at a random moment, again and again; after each kill the caseload must open
// through openApp, pass integrity_check, and hold only whole transactions, none lost that the
// child saw committed. Used by kill-loop.test.ts and by `npm run test:faults` (run.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { openApp } from '../../../main/app';
import { memberFactsSchema } from '../../../shared/domain/member';
import { createKeyFile, keyFilePath, passphraseSecret } from '../../../main/security/keys';
import { johnSmith, TEST_SCRYPT } from '../caseload-fixture';

const ROOT = resolve(import.meta.dirname, '../../..');
const CHILD_SOURCE = join(import.meta.dirname, 'child.ts');

export type KillLoopOptions = {
  kills: number;
  /** Members updated in each transaction. */
  members?: number;
  /** Each kill comes between 0 and this many ms after the child is told to open (a quarter within 20 ms). */
  maxDelayMs?: number;
  seed?: number;
  log?: (line: string) => void;
  /** The caseload encrypted (a key file under PASSPHRASE beside it), as the workstation keeps it. */
  encrypted?: boolean;
  /**
   * Emulate a power cut at each kill: the writer runs with the powercut.c shim preloaded (this is
   * its path), and after the kill every caseload file is put back to what it last synced.
   */
  powerCutShim?: string | null;
};

export const PASSPHRASE = 'kill loop passphrase 2026';

export type KillLoopReport = {
  kills: number;
  seed: number;
  members: number;
  /** Kills before the child had opened the caseload (during its open: check, backup, prepare). */
  beforeOpen: number;
  /**
   * Kills after which the transaction in flight turned out committed though the child never
   * reported it: killed during its commit's fsync (the WAL frames were already written) or just
   * before the report. The loop checks such a transaction is there whole.
   */
  afterCommitBeforePrint: number;
  /** Kills that left a WAL with frames for the next open to recover. */
  hotWal: number;
  /** Generations (transactions) committed over the whole loop. */
  generations: number;
  seconds: number;
  childStartMs: { median: number; max: number };
  checkMs: { median: number; max: number };
  encrypted: boolean;
  powerCut: boolean;
};

/** mulberry32: a small seeded generator, so a failing run can be repeated with its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * The child as one ES module beside node_modules (native packages stay external), so each start
 * costs a plain `node` load (~0.4 s here) rather than tsx compiling on the fly (~0.8 s). Falls
 * back to tsx if esbuild cannot bundle it.
 */
async function childCommand(): Promise<{ args: string[]; cleanup: () => void }> {
  const dir = join(ROOT, 'node_modules', '.cache', 'mosers-faults');
  const out = join(dir, `child-${process.pid}-${Date.now()}.mjs`);
  try {
    mkdirSync(dir, { recursive: true });
    await build({ entryPoints: [CHILD_SOURCE], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: out, logLevel: 'silent', absWorkingDir: ROOT });
    return { args: [out], cleanup: () => rmSync(out, { force: true }) };
  } catch {
    return { args: ['--import', 'tsx', CHILD_SOURCE], cleanup: () => undefined };
  }
}

type Child = {
  proc: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  lines: () => string[];
  stderr: () => string;
  startedAt: number;
  readyAt: number;
};

function startChild(args: string[], dbPath: string, env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, [...args, dbPath], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const child: Child = {
    proc,
    ready: Promise.resolve(),
    exited: new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal }))),
    lines: () => out.split('\n').filter(Boolean),
    stderr: () => err,
    startedAt: performance.now(),
    readyAt: Number.NaN,
  };
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (s: string) => (err += s));
  proc.stdin!.on('error', () => undefined);
  child.ready = new Promise((res, rej) => {
    proc.stdout!.on('data', (s: string) => {
      out += s;
      if (Number.isNaN(child.readyAt) && out.startsWith('ready\n')) {
        child.readyAt = performance.now();
        res();
      }
    });
    void child.exited.then(({ code, signal }) => rej(new Error(`the child exited before it was ready (${code ?? signal}): ${err.slice(0, 2000)}`)));
  });
  // The rejection is handled where ready is awaited; keep it from being reported twice.
  child.ready.catch(() => undefined);
  return child;
}

/** A new caseload with `n` members, each version 1 with 0 sick-leave hours. */
export function seedCaseload(dbPath: string, n: number, key: Buffer | null = null): void {
  const app = openApp(dbPath, { who: 'kill-loop-seed', key });
  try {
    for (let i = 0; i < n; i++) {
      app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `K${i}`, service: { asOf: '2026-10-31', earnedMonths: 300, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 0 } })));
    }
  } finally {
    app.close();
  }
}

/**
 * Open the caseload as the app would and check it: integrity_check, foreign keys, and that it
 * holds exactly generations 1..G whole, where G is what the last transaction left. Returns G.
 */
export function checkCaseload(dbPath: string, n: number, key: Buffer | null = null): number {
  const app = openApp(dbPath, { who: 'kill-loop-check', key });
  try {
    const db = app.db;
    if (app.degraded) throw new Error(`the caseload opened degraded: ${app.degraded.reason}`);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity_check: ${String(integrity)}`);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) throw new Error(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
    const rows = db.prepare('SELECT id, sick_leave_hours AS g, version FROM members ORDER BY id').all() as { id: number; g: number; version: number }[];
    if (rows.length !== n) throw new Error(`${rows.length} members, expected ${n}`);
    const G = rows[0]!.g;
    const fail = (what: string) => {
      throw new Error(`not whole at generation ${G}: ${what}`);
    };
    rows.forEach((r, i) => {
      if (r.g !== G) fail(`member ${r.id} has generation ${r.g}`);
      // Pay sets of member i: the generations 1..G that are i mod n.
      const paySets = G >= i ? Math.floor((G - i) / n) + (i === 0 ? 0 : 1) : 0;
      if (r.version !== 1 + G + paySets) fail(`member ${r.id} has version ${r.version}, expected ${1 + G + paySets}`);
      const pay = db.prepare('SELECT month, amount FROM pay_history WHERE member_id = ? ORDER BY month').all(r.id) as { month: string; amount: string }[];
      const last = paySets === 0 ? null : i + n * (paySets - (i === 0 ? 0 : 1));
      const expected = last === null ? [] : [{ month: '2026-09', amount: `${last}.00` }, { month: '2026-10', amount: `${last}.00` }];
      if (JSON.stringify(pay) !== JSON.stringify(expected)) fail(`member ${r.id} pay ${JSON.stringify(pay)}, expected ${JSON.stringify(expected)}`);
    });
    const audit = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const hours = audit("SELECT count(*) AS n FROM audit WHERE field = 'sick_leave_hours'");
    if (hours !== n * G) fail(`${hours} sick-leave audit rows, expected ${n * G}`);
    const pays = audit("SELECT count(*) AS n FROM audit WHERE entity = 'pay'");
    if (pays !== G) fail(`${pays} pay audit rows, expected ${G}`);
    return G;
  } finally {
    app.close();
  }
}

export async function runKillLoop(opts: KillLoopOptions): Promise<KillLoopReport> {
  const n = opts.members ?? 8;
  const maxDelay = opts.maxDelayMs ?? 150;
  const seed = opts.seed ?? (Date.now() % 2 ** 31);
  const rand = random(seed);
  const log = opts.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'kill-loop-'));
  const dbPath = join(dir, 'caseload.db');
  const { args, cleanup } = await childCommand();
  let key: Buffer | null = null;
  if (opts.encrypted) key = createKeyFile(keyFilePath(dbPath), passphraseSecret(PASSPHRASE), { now: '2026-11-23T12:00:00.000Z', scrypt: TEST_SCRYPT }).dataKey;
  const childEnv: NodeJS.ProcessEnv = { ...(opts.encrypted ? { MOSERS_PASSPHRASE: PASSPHRASE } : {}), ...(opts.powerCutShim ? { LD_PRELOAD: opts.powerCutShim, POWERCUT_DIR: `${dir}/` } : {}) };
  const files = [dbPath, `${dbPath}-wal`, `${dbPath}-journal`];
  /** What the disk holds now is durable: the test process closed the caseload cleanly. */
  const baseline = () => {
    if (!opts.powerCutShim) return;
    for (const f of files) {
      rmSync(`${f}.synced`, { force: true });
      if (existsSync(f)) copyFileSync(f, `${f}.synced`);
    }
  };
  /** The power goes: every caseload file as it last synced; what never synced is gone. */
  const powerCut = () => {
    if (!opts.powerCutShim) return;
    for (const f of files) {
      if (existsSync(`${f}.synced`)) renameSync(`${f}.synced`, f);
      else rmSync(f, { force: true });
      rmSync(`${f}.synced-tmp`, { force: true });
    }
    rmSync(`${dbPath}-shm`, { force: true });
  };
  const report: KillLoopReport = {
    kills: 0,
    seed,
    members: n,
    beforeOpen: 0,
    afterCommitBeforePrint: 0,
    hotWal: 0,
    generations: 0,
    seconds: 0,
    childStartMs: { median: 0, max: 0 },
    checkMs: { median: 0, max: 0 },
    encrypted: opts.encrypted ?? false,
    powerCut: Boolean(opts.powerCutShim),
  };
  const starts: number[] = [];
  const checks: number[] = [];
  const t0 = performance.now();
  let next: Child | null = null;
  try {
    seedCaseload(dbPath, n, key);
    let committed = 0;
    next = startChild(args, dbPath, childEnv);
    for (let k = 0; k < opts.kills; k++) {
      const cur = next!;
      await cur.ready;
      baseline();
      starts.push(cur.readyAt - cur.startedAt);
      cur.proc.stdin!.write('go\n');
      // The next writer loads while this one writes.
      next = k + 1 < opts.kills ? startChild(args, dbPath, childEnv) : null;
      // One kill in four comes within 20 ms, to land in the open (check, daily backup, prepare).
      const delay = rand() < 0.25 ? rand() * 20 : rand() * maxDelay;
      await new Promise((res) => setTimeout(res, delay));
      cur.proc.kill('SIGKILL');
      const exit = await cur.exited;
      if (exit.signal !== 'SIGKILL') throw new Error(`kill ${k + 1}: the child exited by itself (${exit.code}): ${cur.stderr().slice(0, 2000)}`);
      const lines = cur.lines();
      const opened = lines.find((l) => l.startsWith('open '));
      const printed = lines.filter((l) => l.startsWith('gen ')).map((l) => Number(l.slice(4)));
      const lastPrinted = printed.at(-1) ?? (opened ? Number(opened.slice(5)) : committed);
      if (!opened) report.beforeOpen++;
      powerCut();
      if (existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 0) report.hotWal++;
      const c0 = performance.now();
      let G: number;
      try {
        G = checkCaseload(dbPath, n, key);
      } catch (err) {
        throw new Error(`kill ${k + 1} (seed ${seed}): ${(err as Error).message}`, { cause: err });
      }
      checks.push(performance.now() - c0);
      // Durable: exactly the transactions the child reported committed are there, and at most the
      // one whose commit it had not reported yet (its "gen" line comes after the commit returns).
      if (G < lastPrinted || G > lastPrinted + 1) throw new Error(`kill ${k + 1} (seed ${seed}): generation ${G} after the child printed ${lastPrinted}`);
      if (G === lastPrinted + 1) report.afterCommitBeforePrint++;
      committed = G;
      report.kills++;
      if ((k + 1) % 10 === 0) log(`  ${k + 1} kills, generation ${G}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    report.generations = committed;
  } finally {
    if (next) {
      next.proc.kill('SIGKILL');
      await next.exited;
    }
    cleanup();
    key?.fill(0);
    rmSync(dir, { recursive: true, force: true });
  }
  report.seconds = (performance.now() - t0) / 1000;
  report.childStartMs = { median: median(starts), max: Math.max(...starts) };
  report.checkMs = { median: median(checks), max: Math.max(...checks) };
  return report;
}

export function describeReport(r: KillLoopReport): string[] {
  return [
    `kill loop: ${r.kills} SIGKILLs of a writer (${r.members} members a transaction, seed ${r.seed}${r.encrypted ? ', encrypted caseload' : ', plain caseload'}${r.powerCut ? ', each a power cut: unsynced writes lost' : ''}) in ${r.seconds.toFixed(1)} s`,
    `  after every kill: opens through openApp, integrity_check ok, only whole transactions, none lost`,
    `  ${r.generations} transactions committed; ${r.beforeOpen} kills during the open, ${r.afterCommitBeforePrint} in a commit not yet reported, ${r.hotWal} left a WAL to recover`,
    `  child start (load to ready) median ${r.childStartMs.median.toFixed(0)} ms, max ${r.childStartMs.max.toFixed(0)} ms; check after a kill median ${r.checkMs.median.toFixed(0)} ms, max ${r.checkMs.max.toFixed(0)} ms`,
  ];
}

/**
 * The power-cut shim (powercut.c) built with the system C compiler, or null with the reason when
 * there is none (the loop then runs without power cuts, and says so).
 */
export function buildPowerCutShim(): { path: string | null; why: string | null } {
  const dir = join(ROOT, 'node_modules', '.cache', 'mosers-faults');
  const out = join(dir, `powercut-${process.pid}.so`);
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', out, join(import.meta.dirname, 'powercut.c'), '-ldl'], { stdio: 'pipe' });
    return { path: out, why: null };
  } catch (err) {
    return { path: null, why: `no C compiler to build the power-cut shim (${(err as Error).message.split('\n')[0]})` };
  }
}
