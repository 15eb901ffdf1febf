// A caseload on a real SQLite file in a temporary directory, with a fixed clock, and the typed
// dispatch over it, as the Electron and Playwright transports call it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchFor, openApp, type App, type Services } from '../../main/app';
import type { Db } from '../../main/db/connection';
import type { Dispatch, DispatchOptions, Sender } from '../../main/ipc/dispatch';
import { createKeyFile, keyFilePath, passphraseSecret, type ScryptParams } from '../../main/security/keys';
import type { Timers } from '../../main/services/session';
import type { MemberFactsInput } from '../../shared/domain/member';
import type { Result } from '../../shared/ipc/result';
import { flatHistory } from '../fixtures/cases';

export const SENDER: Sender = { url: 'app://workstation/index.html', isMainFrame: true };
export const isAllowedSender = (s: Sender) => s.isMainFrame && s.url.startsWith('app://workstation/');

/** A clock whose day the test sets; instants are noon UTC of that day. */
export type TestClock = { today: () => string; now: () => string; set: (day: string) => void };
export function testClock(day = '2026-11-23'): TestClock {
  let current = day;
  return { today: () => current, now: () => `${current}T12:00:00.000Z`, set: (d) => void (current = d) };
}

/** The test caseloads' passphrase, and scrypt cheap enough for a test (production: 2^17). */
export const TEST_PASSPHRASE = 'field session passphrase 2026';
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export type TestApp = {
  dir: string;
  path: string;
  app: App;
  /** The open database (LOCKED while locked). */
  readonly db: Db;
  services: Services;
  /** Shown once at setup; null for a plain caseload. */
  recoveryKey: string | null;
  clock: TestClock;
  dispatch: Dispatch;
  /** File names of the packets sent to the (fake) printer. */
  printed: string[];
  /** dispatch from our own window. */
  call: (channel: string, input: unknown) => Promise<Result<unknown>>;
  close: () => void;
};

/**
 * A caseload as the workstation keeps it: encrypted, with its key file (TEST_PASSPHRASE, cheap
 * scrypt) beside it, opened with the data key. `plain: true` gives an unencrypted caseload, as a
 * legacy one before its first setup.
 */
export function openTestApp(opts: { day?: string; prefix?: string; plain?: boolean; timers?: Timers; log?: DispatchOptions['log'] } = {}): TestApp {
  const dir = mkdtempSync(join(tmpdir(), opts.prefix ?? 'caseload-'));
  const path = join(dir, 'caseload.sqlite');
  const clock = testClock(opts.day);
  const printed: string[] = [];
  const created = opts.plain ? null : createKeyFile(keyFilePath(path), passphraseSecret(TEST_PASSPHRASE), { now: clock.now(), scrypt: TEST_SCRYPT });
  // Packets are saved into the test's folder; the printer records what it was given.
  let app: App;
  try {
    app = openApp(path, {
      clock,
      who: 'counselor-test',
      key: created?.dataKey ?? null,
      scrypt: TEST_SCRYPT,
      ...(opts.timers ? { timers: opts.timers } : {}),
      documentHost: {
        chooseSavePath: async (name) => join(dir, name),
        print: async (_bytes, name) => (printed.push(name), { outcome: 'printed' }),
      },
    });
  } finally {
    created?.dataKey.fill(0);
  }
  const dispatch = dispatchFor(app.services, { isAllowedSender, ...(opts.log ? { log: opts.log } : {}) });
  return {
    dir,
    path,
    app,
    get db() {
      return app.db;
    },
    recoveryKey: created?.recoveryKey ?? null,
    services: app.services,
    clock,
    dispatch,
    printed,
    call: (channel, input) => dispatch(channel, input, SENDER),
    close: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SSN = '123-45-6789';
export const ACCOUNT = '000123456789';

/**
 * John Smith, an active MSEP 2000 member retiring 2027-06-01: the facts of makeCase() in
 * test/fixtures/cases.ts, plus an SSN and direct deposit.
 */
export function johnSmith(over: Partial<MemberFactsInput> = {}): MemberFactsInput {
  return {
    memberId: 'M100200',
    firstName: 'John',
    lastName: 'Smith',
    ssn: SSN,
    birthDate: '1968-04-10',
    email: 'john.smith@example.org',
    phone: '573-555-0100',
    city: 'Jefferson City',
    state: 'MO',
    zip: '65101',
    firstEmploymentDate: '2001-09-16',
    service: { asOf: '2026-10-31', earnedMonths: 301, purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 1200 },
    retirementDate: '2027-06-01',
    directDeposit: { routingNumber: '011000015', accountNumber: ACCOUNT, accountType: 'checking' },
    ...over,
  };
}

export const SMITH_PAY = flatHistory('2026-11', '5000.00');
export const SMITH_SPOUSE = { name: 'Mary Smith', ssn: '234-56-7891', birthDate: '1970-01-20', marriageDate: '1994-05-14' };

export function value<T = Record<string, unknown>>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.fields ?? {})}`);
  return r.value as T;
}

type Rec = { id: number; version: number };

/** John Smith with pay history and a spouse, through the channels; returns the record. */
export async function seedSmith(app: TestApp, over: Partial<MemberFactsInput> = {}): Promise<Rec> {
  const created = value<Rec>(await app.call('members:create', { member: johnSmith(over) }));
  const paid = value<Rec>(await app.call('pay:set', { memberId: created.id, version: created.version, history: SMITH_PAY }));
  return value<Rec>(await app.call('spouse:set', { memberId: paid.id, version: paid.version, spouse: SMITH_SPOUSE }));
}

/** Every row of every table, for "nothing changed" checks. */
export function dumpDatabase(db: Db): string {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all();
  return JSON.stringify({ version: db.pragma('user_version', { simple: true }), out });
}
