// Every channel of the IPC contract through the real dispatch, over a caseload on a temporary
// SQLite file (ARCHITECTURE.md "The IPC contract"). The table below has one row per channel: a
// success case, an INVALID_INPUT naming the bad field, and NOT_FOUND / CONFLICT where the channel
// can produce them, or the reason it cannot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../main/db/migrations';
import { createDispatch } from '../../../main/ipc/dispatch';
import { autoBackup, listBackups } from '../../../main/services/backups';
import { handlers } from '../../../main/ipc/handlers';
import { pricerSource } from '../../../shared/actuarial';
import { estimateFromInput } from '../../../shared/calc/run';
import type { CaseInput } from '../../../shared/domain/case-schema';
import { CHANNELS, contract, OPEN_WHILE_LOCKED, WRITES, type Channel } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { makeCase } from '../../fixtures/cases';
import { ACCOUNT, SENDER, SMITH_PAY, SMITH_SPOUSE, SSN, TEST_PASSPHRASE, dumpDatabase, isAllowedSender, johnSmith, openTestApp, seedSmith, testClock, value, type TestApp } from '../caseload-fixture';

type Ctx = {
  app: TestApp;
  /** The seeded member's database id and current version. */
  id: number;
  version: () => number;
  appointmentId: number;
  estimateId: number;
};
type Input = (c: Ctx) => unknown | Promise<unknown>;
type Never = { never: string };
type ChannelCase = {
  /**
   * A valid call; `check` looks at the value beyond the contract's output schema. `plain`: on a
   * caseload that is not encrypted yet (the fixture's caseloads are encrypted).
   */
  ok: { input: Input; check?: (value: unknown, c: Ctx) => void; plain?: boolean };
  /** An invalid call and the dot path the error's `fields` must name. */
  invalid: { input: Input; field: string };
  notFound: Input | Never;
  conflict: Input | Never;
};

const MISSING = 987_654;
/** An automatic backup of the caseload as it is now; its name. */
function backUp(c: Ctx): string {
  return (listBackups(c.app.path)[0] ?? autoBackup(c.app.db, c.app.path, testClock(), 'daily')!).name;
}
const stale = (c: Ctx) => c.version() - 1;
const ben = (name: string, share: string, cls: 'primary' | 'contingent' = 'primary') => ({ class: cls, kind: 'person', name, share });

const TABLE: Record<Channel, ChannelCase> = {
  'members:search': {
    ok: { input: () => ({ query: 'smi' }), check: (v) => expect((v as { lastName: string }[]).map((m) => m.lastName)).toEqual(['Smith']) },
    invalid: { input: () => ({ query: 'smi', limit: 0 }), field: 'limit' },
    notFound: { never: 'a search with no match is an empty list, not an error' },
    conflict: { never: 'read-only' },
  },
  'members:get': {
    ok: { input: (c) => ({ id: c.id }), check: (v) => expect(v).toMatchObject({ memberId: 'M100200', ssnMasked: '***-**-6789' }) },
    invalid: { input: () => ({ id: -3 }), field: 'id' },
    notFound: () => ({ id: MISSING }),
    conflict: { never: 'read-only' },
  },
  'members:create': {
    ok: { input: () => ({ member: johnSmith({ memberId: 'M100201', firstName: 'Jane', ssn: '345-67-8912' }) }), check: (v) => expect(v).toMatchObject({ version: 1, firstName: 'Jane' }) },
    invalid: { input: () => ({ member: johnSmith({ memberId: 'M 100' }) }), field: 'member.memberId' },
    notFound: { never: 'creates a record; names no existing id' },
    conflict: () => ({ member: johnSmith({ firstName: 'Johnny' }) }),
  },
  'members:update': {
    ok: { input: (c) => ({ id: c.id, version: c.version(), patch: { phone: '573-555-0199' } }), check: (v, c) => expect(v).toMatchObject({ phone: '573-555-0199', version: c.version() }) },
    invalid: { input: (c) => ({ id: c.id, version: c.version(), patch: { email: 'not-an-email' } }), field: 'patch.email' },
    notFound: (c) => ({ id: MISSING, version: c.version(), patch: { phone: '573-555-0199' } }),
    conflict: (c) => ({ id: c.id, version: stale(c), patch: { phone: '573-555-0199' } }),
  },
  'members:archive': {
    ok: { input: (c) => ({ id: c.id, version: c.version(), archived: true }), check: (v) => expect(v).toMatchObject({ archived: true }) },
    invalid: { input: (c) => ({ id: c.id, version: c.version(), archived: 'yes' }), field: 'archived' },
    notFound: (c) => ({ id: MISSING, version: c.version(), archived: true }),
    conflict: (c) => ({ id: c.id, version: stale(c), archived: true }),
  },
  'members:revealSsn': {
    ok: { input: (c) => ({ id: c.id, reason: 'member on the phone, verifying identity' }), check: (v) => expect(v).toEqual({ ssn: SSN }) },
    invalid: { input: (c) => ({ id: c.id, reason: ' ' }), field: 'reason' },
    notFound: () => ({ id: MISSING, reason: 'verifying identity' }),
    conflict: { never: 'a read (audited); not versioned' },
  },
  'members:audit': {
    ok: { input: (c) => ({ id: c.id }), check: (v) => expect((v as { field: string }[]).map((a) => a.field)).toContain('created') },
    invalid: { input: (c) => ({ id: c.id, limit: 100_000 }), field: 'limit' },
    notFound: () => ({ id: MISSING }),
    conflict: { never: 'read-only' },
  },
  'spouse:set': {
    ok: { input: (c) => ({ memberId: c.id, version: c.version(), spouse: null }), check: (v) => expect(v).toMatchObject({ spouse: null }) },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), spouse: { ...SMITH_SPOUSE, birthDate: '1970-02-30' } }), field: 'spouse.birthDate' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), spouse: SMITH_SPOUSE }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), spouse: SMITH_SPOUSE }),
  },
  'beneficiaries:set': {
    ok: {
      input: (c) => ({ memberId: c.id, version: c.version(), designation: 'life-insurance', beneficiaries: [ben('Mary Smith', '100')] }),
      check: (v) => expect((v as { beneficiaries: unknown[] }).beneficiaries).toHaveLength(1),
    },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), designation: 'life-insurance', beneficiaries: [ben('Mary Smith', 'half')] }), field: 'beneficiaries[0].share' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), designation: 'life-insurance', beneficiaries: [ben('Mary Smith', '100')] }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), designation: 'life-insurance', beneficiaries: [ben('Mary Smith', '100')] }),
  },
  'pay:set': {
    ok: { input: (c) => ({ memberId: c.id, version: c.version(), history: SMITH_PAY.slice(0, 12) }), check: (v) => expect((v as { payHistory: unknown[] }).payHistory).toHaveLength(12) },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), history: [{ month: '2026-10', amount: '12.345' }] }), field: 'history[0].amount' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), history: [] }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), history: [] }),
  },
  'appointments:list': {
    ok: { input: () => ({ from: '2027-01-01', to: '2027-01-31' }), check: (v) => expect(v).toHaveLength(1) },
    invalid: { input: () => ({ from: '2027-13-01' }), field: 'from' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'appointments:create': {
    ok: { input: (c) => ({ memberId: c.id, date: '2027-02-02', time: '14:00', place: 'Springfield', kind: 'field-session' }), check: (v) => expect(v).toMatchObject({ place: 'Springfield', note: null }) },
    invalid: { input: (c) => ({ memberId: c.id, date: '2027-02-02', time: '25:00', place: 'Springfield', kind: 'office' }), field: 'time' },
    notFound: () => ({ memberId: MISSING, date: '2027-02-02', place: 'Springfield', kind: 'office' }),
    conflict: { never: 'adds a new appointment; appointments are not versioned' },
  },
  'appointments:delete': {
    ok: { input: (c) => ({ id: c.appointmentId }), check: (v) => expect(v).toEqual({ removed: true }) },
    invalid: { input: () => ({ id: 1.5 }), field: 'id' },
    notFound: () => ({ id: MISSING }),
    conflict: { never: 'appointments are not versioned; a second delete is NOT_FOUND' },
  },
  'notes:list': {
    ok: { input: (c) => ({ memberId: c.id }), check: (v) => expect(v).toEqual([]) },
    invalid: { input: () => ({ memberId: 'one' }), field: 'memberId' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'notes:add': {
    ok: { input: (c) => ({ memberId: c.id, text: 'Asked about BackDROP' }), check: (v) => expect(v).toMatchObject({ text: 'Asked about BackDROP', author: 'counselor-test' }) },
    invalid: { input: (c) => ({ memberId: c.id, text: '   ' }), field: 'text' },
    notFound: () => ({ memberId: MISSING, text: 'hello' }),
    conflict: { never: 'notes are append-only' },
  },
  'process:get': {
    ok: { input: (c) => ({ memberId: c.id }), check: (v) => expect((v as { forms: unknown[] }).forms).toHaveLength(11) },
    invalid: { input: () => ({ memberId: 0 }), field: 'memberId' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'process:setForm': {
    ok: { input: (c) => ({ memberId: c.id, version: c.version(), form: 'w4p', status: 'received' }), check: (v) => expect((v as { forms: { form: string; status: string }[] }).forms.find((f) => f.form === 'w4p')?.status).toBe('received') },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), form: 'w-4p', status: 'received' }), field: 'form' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), form: 'w4p', status: 'received' }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), form: 'w4p', status: 'received' }),
  },
  'process:setProof': {
    ok: { input: (c) => ({ memberId: c.id, version: c.version(), document: 'member-proof-of-age', received: true }), check: (v) => expect((v as { proofs: { received: boolean }[] }).proofs[0]?.received).toBe(true) },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), document: 'member-proof-of-age', received: 1 }), field: 'received' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), document: 'member-proof-of-age', received: true }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), document: 'member-proof-of-age', received: true }),
  },
  'estimates:compute': {
    ok: { input: (c) => ({ memberId: c.id }), check: (v) => expect(v).toMatchObject({ retirementDate: '2027-06-01', asOf: '2026-11-23' }) },
    invalid: { input: (c) => ({ memberId: c.id, backdropMonths: 61 }), field: 'backdropMonths' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'estimates:computeCase': {
    ok: { input: () => ({ case: makeCase() }), check: (v) => expect((v as { results: unknown[] }).results.length).toBeGreaterThan(0) },
    invalid: { input: () => ({ case: makeCase({ retirementDate: '2027-06-31' }) }), field: 'case.retirementDate' },
    notFound: { never: 'a stand-alone case names no stored record' },
    conflict: { never: 'read-only' },
  },
  'estimates:save': {
    ok: { input: (c) => ({ memberId: c.id, label: 'second' }), check: (v, c) => expect(v).toMatchObject({ id: c.estimateId + 1, label: 'second', createdAt: '2026-11-23T12:00:00.000Z' }) },
    invalid: { input: (c) => ({ memberId: c.id, label: 'x'.repeat(201) }), field: 'label' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'saved estimates are append-only snapshots; not versioned' },
  },
  'estimates:list': {
    ok: { input: (c) => ({ memberId: c.id }), check: (v, c) => expect((v as { id: number }[]).map((e) => e.id)).toEqual([c.estimateId]) },
    invalid: { input: () => ({ memberId: null }), field: 'memberId' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'estimates:compare': {
    ok: { input: (c) => ({ a: c.estimateId, b: null }), check: (v) => expect(v).toEqual({ differences: [] }) },
    invalid: { input: (c) => ({ a: c.estimateId }), field: 'b' },
    notFound: () => ({ a: MISSING, b: null }),
    conflict: { never: 'read-only' },
  },
  'estimates:get': {
    ok: { input: (c) => ({ id: c.estimateId }), check: (v, c) => expect(v).toMatchObject({ id: c.estimateId, memberId: c.id, estimate: { formatVersion: 1 } }) },
    invalid: { input: () => ({ id: -1 }), field: 'id' },
    notFound: () => ({ id: MISSING }),
    conflict: { never: 'read-only' },
  },
  'scenarios:get': {
    ok: { input: (c) => ({ memberId: c.id }), check: (v, c) => expect(v).toMatchObject({ retirementDate: c.app.services.members.get(c.id).retirementDate, plan: null, actuarialBasis: null }) },
    invalid: { input: () => ({ memberId: 'one' }), field: 'memberId' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'read-only' },
  },
  'scenarios:use': {
    ok: {
      input: (c) => ({ memberId: c.id, version: c.version(), scenario: { retirementDate: c.app.services.members.get(c.id).retirementDate, backdropMonths: null, plan: null, actuarialBasis: null } }),
      check: (v) => expect(v).toMatchObject({ scenario: { plan: null, actuarialBasis: null, updatedAt: '2026-11-23T12:00:00.000Z' } }),
    },
    invalid: { input: (c) => ({ memberId: c.id, version: c.version(), scenario: { retirementDate: '2027-02-30', backdropMonths: null, plan: null, actuarialBasis: null } }), field: 'scenario.retirementDate' },
    notFound: (c) => ({ memberId: MISSING, version: c.version(), scenario: { retirementDate: '2027-07-01', backdropMonths: null, plan: null, actuarialBasis: null } }),
    conflict: (c) => ({ memberId: c.id, version: stale(c), scenario: { retirementDate: '2027-07-01', backdropMonths: null, plan: null, actuarialBasis: null } }),
  },
  'documents:packet': {
    ok: {
      input: (c) => ({ memberId: c.id, flatten: true }),
      check: (v) => {
        // The PDF holds full SSNs: only its contents and a token cross IPC, never the bytes.
        const p = v as { token: string; pageCount: number; fileName: string; documents: { title: string }[] };
        expect(Object.keys(p).sort()).toEqual(['bytes', 'documents', 'fileName', 'pageCount', 'scenario', 'token']);
        expect(JSON.stringify(p)).not.toContain('6789');
        expect(p.pageCount).toBeGreaterThan(1);
        expect(p.fileName).toBe('Smith-M100200-packet-2027-06-01.pdf');
        expect(p.documents[0]?.title).toMatch(/Checklist|Cover|Packet/i);
      },
    },
    invalid: { input: (c) => ({ memberId: c.id, flatten: 'yes' }), field: 'flatten' },
    notFound: () => ({ memberId: MISSING }),
    conflict: { never: 'prints from the record as it stands; takes no version' },
  },
  'documents:save': {
    ok: {
      input: async (c) => ({ token: value<{ token: string }>(await c.app.call('documents:packet', { memberId: c.id })).token }),
      check: (v, c) => {
        const p = v as { saved: boolean; path: string };
        expect(p.saved).toBe(true);
        expect(p.path).toBe(join(c.app.dir, 'Smith-M100200-packet-2027-06-01.pdf'));
        expect(readFileSync(p.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      },
    },
    invalid: { input: () => ({ token: '' }), field: 'token' },
    notFound: () => ({ token: 'no-such-packet' }),
    conflict: { never: 'writes a file, not the record; takes no version' },
  },
  'documents:print': {
    ok: {
      input: async (c) => ({ token: value<{ token: string }>(await c.app.call('documents:packet', { memberId: c.id })).token }),
      check: (v, c) => {
        expect(v).toEqual({ printed: true });
        expect(c.app.printed).toEqual(['Smith-M100200-packet-2027-06-01.pdf']);
      },
    },
    invalid: { input: () => ({ token: 42 }), field: 'token' },
    notFound: () => ({ token: 'no-such-packet' }),
    conflict: { never: 'prints a built packet; takes no version' },
  },
  'bases:list': {
    ok: { input: () => ({}), check: (v) => expect((v as { shipped: boolean }[]).some((b) => b.shipped)).toBe(true) },
    invalid: { input: () => ({ id: 'x' }), field: 'id' },
    notFound: { never: 'lists all; takes no id' },
    conflict: { never: 'read-only' },
  },
  'settings:get': {
    ok: { input: () => ({}), check: (v) => expect(v).toEqual({ backdropInstallments: true, basicLifeDays: 60, idleLockMinutes: 10 }) },
    invalid: { input: () => ({ key: 'plan' }), field: 'key' },
    notFound: { never: 'the plan settings always exist (defaults)' },
    conflict: { never: 'read-only' },
  },
  'settings:set': {
    ok: { input: () => ({ basicLifeDays: 65 }), check: (v) => expect(v).toEqual({ backdropInstallments: true, basicLifeDays: 65, idleLockMinutes: 10 }) },
    invalid: { input: () => ({ basicLifeDays: 366 }), field: 'basicLifeDays' },
    notFound: { never: 'a single settings record; takes no id' },
    conflict: { never: 'an administrator setting with no version: the last write wins' },
  },
  'drafts:get': {
    ok: { input: () => ({ key: 'member:new' }), check: (v) => expect(v).toBeNull() },
    invalid: { input: () => ({ key: '' }), field: 'key' },
    notFound: { never: 'a missing draft is null, not an error' },
    conflict: { never: 'read-only' },
  },
  'drafts:set': {
    ok: { input: () => ({ key: 'member:new', json: '{"firstName":"Ann"}' }), check: (v) => expect(v).toEqual({ saved: true }) },
    invalid: { input: () => ({ key: 'member:new', json: { firstName: 'Ann' } }), field: 'json' },
    notFound: { never: 'an upsert by key' },
    conflict: { never: 'drafts are scratch copies of unsaved edits; the last write wins' },
  },
  'drafts:delete': {
    ok: {
      input: async (c) => {
        value(await c.app.call('drafts:set', { key: 'member:new', json: '{"firstName":"Jo"}' }));
        return { key: 'member:new' };
      },
      check: (v) => expect(v).toEqual({ deleted: true }),
    },
    invalid: { input: () => ({ key: 'k'.repeat(201) }), field: 'key' },
    notFound: { never: 'deleting a missing draft is a no-op' },
    conflict: { never: 'drafts are not versioned' },
  },
  'storage:status': {
    ok: {
      input: () => ({}),
      check: (v, c) =>
        expect(v).toEqual({ checking: false, damaged: null, readOnly: null, dailyBackup: { status: 'skipped', why: 'new-caseload' }, backupFolder: join(c.app.dir, 'backups') }),
    },
    invalid: { input: () => ({ verbose: true }), field: 'verbose' },
    notFound: { never: 'the one caseload; takes no id' },
    conflict: { never: 'read-only' },
  },
  'backups:list': {
    ok: {
      input: (c) => (backUp(c), {}),
      check: (v) =>
        expect(v).toEqual([{ name: expect.stringMatching(/^caseload-20261123-\d{6}-daily\.db$/), day: '2026-11-23', time: expect.stringMatching(/^\d\d:\d\d:\d\d$/), reason: 'daily', bytes: expect.any(Number) }]),
    },
    invalid: { input: () => ({ folder: '/' }), field: 'folder' },
    notFound: { never: 'no backups is an empty list' },
    conflict: { never: 'read-only' },
  },
  'backups:preview': {
    ok: {
      input: (c) => ({ name: backUp(c) }),
      check: (v) => expect(v).toMatchObject({ ok: true, integrity: ['ok'], foreignKeys: 0, members: 1, schemaVersion: SCHEMA_VERSION, appSchemaVersion: SCHEMA_VERSION }),
    },
    invalid: { input: () => ({ name: '../caseload.sqlite' }), field: 'name' },
    notFound: () => ({ name: 'caseload-20200101-000000-daily.db' }),
    conflict: { never: 'read-only' },
  },
  'backups:restore': {
    ok: {
      input: async (c) => {
        const name = backUp(c);
        value(await c.app.call('notes:add', { memberId: c.id, text: 'written after the backup' }));
        return { name };
      },
      check: (v, c) => {
        expect(v).toMatchObject({ keptAside: expect.stringMatching(/caseload\.sqlite\.before-restore-2026-11-23T12-00-00-000Z$/), status: { checking: false, damaged: null } });
        expect(c.app.services.schedule.notes(c.id).map((n) => n.text)).not.toContain('written after the backup');
      },
    },
    invalid: { input: () => ({ name: '/etc/passwd' }), field: 'name' },
    notFound: () => ({ name: 'caseload-20200101-000000-daily.db' }),
    conflict: { never: 'a backup that fails its check is refused as INVALID_INPUT; nothing is versioned' },
  },
  'session:status': {
    ok: { input: () => ({}), check: (v) => expect(v).toEqual({ state: 'unlocked', encrypted: true, reason: null, idleLockMinutes: 10 }) },
    invalid: { input: () => ({ state: 'locked' }), field: 'state' },
    notFound: { never: 'the one session; takes no id' },
    conflict: { never: 'read-only' },
  },
  'session:setup': {
    ok: {
      plain: true,
      input: () => ({ passphrase: 'a first passphrase 2026' }),
      check: (v) => expect(v).toMatchObject({ recoveryKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/), status: { state: 'unlocked', encrypted: true } }),
    },
    invalid: { input: () => ({ passphrase: 'too short' }), field: 'passphrase' },
    notFound: { never: 'sets up the one caseload; takes no id' },
    conflict: () => ({ passphrase: 'a second passphrase 2026' }),
  },
  'session:unlock': {
    ok: {
      input: (c) => (c.app.services.session.lock('manual'), { passphrase: TEST_PASSPHRASE }),
      check: (v) => expect(v).toMatchObject({ state: 'unlocked', reason: 'manual' }),
    },
    invalid: { input: () => ({ passphrase: '' }), field: 'passphrase' },
    notFound: { never: 'unlocks the one caseload; takes no id' },
    conflict: { never: 'unlocking an unlocked caseload is a no-op; a wrong passphrase is LOCKED' },
  },
  'session:recover': {
    ok: {
      input: (c) => (c.app.services.session.lock('idle'), { recoveryKey: c.app.recoveryKey!.toLowerCase(), next: 'a recovered passphrase' }),
      check: (v) => expect(v).toMatchObject({ state: 'unlocked' }),
    },
    invalid: { input: (c) => ({ recoveryKey: c.app.recoveryKey, next: 'short' }), field: 'next' },
    notFound: { never: 'recovers the one caseload; takes no id' },
    conflict: { never: 'a wrong recovery key is LOCKED; no version is involved' },
  },
  'session:lock': {
    ok: { input: () => ({}), check: (v) => expect(v).toMatchObject({ state: 'locked', reason: 'manual' }) },
    invalid: { input: () => ({ reason: 'idle' }), field: 'reason' },
    notFound: { never: 'locks the one caseload; takes no id' },
    conflict: { never: 'locking a locked caseload answers LOCKED at the gate' },
  },
  'session:changePassphrase': {
    ok: { input: () => ({ current: TEST_PASSPHRASE, next: 'a changed passphrase' }), check: (v) => expect(v).toEqual({ changed: true }) },
    invalid: { input: () => ({ current: TEST_PASSPHRASE, next: 'short' }), field: 'next' },
    notFound: { never: 'rewraps the one key file; takes no id' },
    conflict: { never: 'a wrong current passphrase is LOCKED; the key file has no version' },
  },
};

let app: TestApp;
let ctx: Ctx;
async function setUp(plain = false): Promise<void> {
  app = openTestApp({ prefix: 'channels-', plain });
  const rec = await seedSmith(app);
  const appt = value<{ id: number }>(await app.call('appointments:create', { memberId: rec.id, date: '2027-01-12', time: '09:30', place: 'Jefferson City', kind: 'office' }));
  const est = value<{ id: number }>(await app.call('estimates:save', { memberId: rec.id, label: 'first' }));
  ctx = {
    app,
    id: rec.id,
    version: () => app.services.members.get(rec.id).version,
    appointmentId: appt.id,
    estimateId: est.id,
  };
}
beforeEach(() => setUp());
afterEach(() => app.close());

/** Keys that name a stored record: a channel taking one can answer NOT_FOUND. */
const ID_KEYS = ['id', 'memberId', 'a', 'b', 'token', 'name'];
function inputKeys(channel: Channel): string[] {
  return Object.keys((contract[channel].input as unknown as { shape: Record<string, unknown> }).shape);
}

function err(r: Result<unknown>) {
  if (r.ok) throw new Error(`expected an error, got ok: ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

describe('the channel table', () => {
  it('has a row for every channel of the contract, and no other (a new channel without tests fails)', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...CHANNELS].sort());
  });
  it('names a reason for every channel that can be neither NOT_FOUND nor CONFLICT', () => {
    for (const [channel, row] of Object.entries(TABLE)) {
      for (const k of ['notFound', 'conflict'] as const) {
        const r = row[k];
        if (typeof r !== 'function') expect(r.never.length, `${channel} ${k}`).toBeGreaterThan(5);
      }
    }
  });
});

describe.each(CHANNELS)('%s', (channel) => {
  const row = TABLE[channel];

  it(`succeeds with a valid input${row.ok.plain ? ' (on a plain caseload)' : ''}, and the output matches the contract`, async () => {
    if (row.ok.plain) {
      app.close();
      await setUp(true);
    }
    const input = await row.ok.input(ctx);
    const before = channel.startsWith('session:') ? null : dumpDatabase(app.db);
    const r = await app.call(channel, input);
    const v = value(r);
    expect(contract[channel].output.safeParse(v).success).toBe(true);
    row.ok.check?.(v, ctx);
    // WRITES (the channels that wait for the open check) is exactly the channels that change the
    // caseload; the session's channels change the key file or the lock, never a row.
    if (before !== null) expect(dumpDatabase(app.db) !== before, `${channel} ${WRITES.includes(channel) ? 'is in WRITES but changed nothing' : 'changed the database but is not in WRITES'}`).toBe(WRITES.includes(channel));
  });

  it(`answers INVALID_INPUT with fields naming ${row.invalid.field}, and changes nothing`, async () => {
    const before = dumpDatabase(app.db);
    const e = err(await app.call(channel, await row.invalid.input(ctx)));
    expect(e.code).toBe('INVALID_INPUT');
    expect(Object.keys(e.fields ?? {})).toContain(row.invalid.field);
    expect(dumpDatabase(app.db)).toBe(before);
  });

  const nf = row.notFound;
  if (typeof nf === 'function') {
    it('answers NOT_FOUND for an id that does not exist, and changes nothing', async () => {
      const before = dumpDatabase(app.db);
      const e = err(await app.call(channel, await nf(ctx)));
      expect(e.code).toBe('NOT_FOUND');
      expect(dumpDatabase(app.db)).toBe(before);
    });
  } else {
    it(`takes no record id, so cannot be NOT_FOUND (${nf.never})`, () => {
      expect(inputKeys(channel).filter((k) => ID_KEYS.includes(k))).toEqual([]);
    });
  }

  const cf = row.conflict;
  if (typeof cf === 'function') {
    it(channel === 'members:create' ? 'answers CONFLICT for a duplicate member ID, with fields.memberId' : 'answers CONFLICT for a stale version, and changes nothing', async () => {
      const before = dumpDatabase(app.db);
      const e = err(await app.call(channel, await cf(ctx)));
      expect(e.code).toBe('CONFLICT');
      if (channel === 'members:create') expect(e.fields).toEqual({ memberId: 'is already used by another member' });
      expect(dumpDatabase(app.db)).toBe(before);
    });
  } else {
    it(`takes no version, so cannot be CONFLICT (${cf.never})`, () => {
      expect(inputKeys(channel)).not.toContain('version');
    });
  }
});

describe('versions', () => {
  it('every child-row edit (spouse, beneficiaries, pay, process form, proof) moves the member version by one', async () => {
    const edits: [Channel, (v: number) => unknown][] = [
      ['spouse:set', (v) => ({ memberId: ctx.id, version: v, spouse: null })],
      ['beneficiaries:set', (v) => ({ memberId: ctx.id, version: v, designation: 'final-payment', beneficiaries: [ben('Estate', '100')] })],
      ['pay:set', (v) => ({ memberId: ctx.id, version: v, history: SMITH_PAY })],
      ['process:setForm', (v) => ({ memberId: ctx.id, version: v, form: 'w4p', status: 'in-progress' })],
      ['process:setProof', (v) => ({ memberId: ctx.id, version: v, document: 'marriage-certificate', received: true })],
    ];
    for (const [channel, input] of edits) {
      const v = ctx.version();
      value(await app.call(channel, input(v)));
      expect(ctx.version(), channel).toBe(v + 1);
      const e = err(await app.call('members:update', { id: ctx.id, version: v, patch: { city: 'Columbia' } }));
      expect(e.code, `members:update after ${channel}`).toBe('CONFLICT');
    }
  });

  it('a patch of one field keeps the others: a terminated member stays terminated when the phone changes', async () => {
    const created = value<{ id: number; version: number }>(
      await app.call('members:create', {
        member: johnSmith({ memberId: 'T1', ssn: null, employmentStatus: 'terminated', lastDayWorked: '2020-03-31', leftBeforeVestingAndReturned: true, retirementDate: '2028-05-01' }),
      }),
    );
    const updated = value<{ employmentStatus: string; lastDayWorked: string; leftBeforeVestingAndReturned: boolean; phone: string }>(
      await app.call('members:update', { id: created.id, version: created.version, patch: { phone: '573-555-0111' } }),
    );
    expect(updated).toMatchObject({ employmentStatus: 'terminated', lastDayWorked: '2020-03-31', leftBeforeVestingAndReturned: true, phone: '573-555-0111' });
    const fields = value<{ field: string }[]>(await app.call('members:audit', { id: created.id })).map((a) => a.field);
    expect(fields).toEqual(['phone', 'created']);
  });

  it('a patch field sent as undefined (structured clone keeps it) leaves the stored value alone', async () => {
    const v = value<{ firstName: string; phone: string; employmentStatus: string }>(
      await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { firstName: undefined, employmentStatus: undefined, phone: '573-555-0122' } }),
    );
    expect(v).toMatchObject({ firstName: 'John', employmentStatus: 'active', phone: '573-555-0122' });
    expect(value(await app.call('settings:set', { backdropInstallments: undefined, basicLifeDays: 30 }))).toEqual({ backdropInstallments: true, basicLifeDays: 30, idleLockMinutes: 10 });
  });

  it('members:update can change the member ID, but not to one another member holds (CONFLICT with fields.memberId)', async () => {
    value(await app.call('members:create', { member: johnSmith({ memberId: 'OTHER1', ssn: null }) }));
    const e = err(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { memberId: 'OTHER1' } }));
    expect(e).toMatchObject({ code: 'CONFLICT', fields: { memberId: 'is already used by another member' } });
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { memberId: 'M100299' } }));
  });

  it('member IDs are compared without regard to case: m100200 is the same member as M100200', async () => {
    const e = err(await app.call('members:create', { member: johnSmith({ memberId: 'm100200' }) }));
    expect(e.code).toBe('CONFLICT');
  });
});

describe('sensitive values (SSN, bank account) leave main only masked', () => {
  it('members:get shows ***-**-1234 style SSNs for member and spouse and a masked account; no full value in the output', async () => {
    const v = value<{ ssnMasked: string; spouse: { ssnMasked: string }; directDeposit: { accountMasked: string } }>(await app.call('members:get', { id: ctx.id }));
    expect(v.ssnMasked).toBe('***-**-6789');
    expect(v.spouse.ssnMasked).toBe('***-**-7891');
    expect(v.directDeposit.accountMasked).toBe('****6789');
    const json = JSON.stringify(v);
    for (const secret of ['123456789', '123-45-6789', '234567891', ACCOUNT]) expect(json).not.toContain(secret);
  });

  it('members:search shows only the masked SSN', async () => {
    const json = JSON.stringify(value(await app.call('members:search', { query: '6789' })));
    expect(json).toContain('***-**-6789');
    expect(json).not.toContain('12345');
  });

  it('members:revealSsn gives the full SSN and writes an audit row with who, when and the reason', async () => {
    expect(value(await app.call('members:revealSsn', { id: ctx.id, reason: 'verifying identity by phone' }))).toEqual({ ssn: SSN });
    const [latest] = value<{ at: string; who: string; entity: string; field: string; oldValue: string | null; newValue: string }[]>(await app.call('members:audit', { id: ctx.id, limit: 1 }));
    expect(latest).toEqual({ at: '2026-11-23T12:00:00.000Z', who: 'counselor-test', entity: 'member', field: 'ssn', oldValue: null, newValue: 'revealed: verifying identity by phone' });
  });

  it('members:revealSsn of a member without an SSN answers null and still audits the look', async () => {
    const m = value<{ id: number }>(await app.call('members:create', { member: johnSmith({ memberId: 'NOSSN', ssn: null }) }));
    expect(value(await app.call('members:revealSsn', { id: m.id, reason: 'checking the file' }))).toEqual({ ssn: null });
    expect(value<{ field: string }[]>(await app.call('members:audit', { id: m.id, limit: 1 }))[0]?.field).toBe('ssn');
  });

  it('the audit trail masks SSNs and bank accounts in old and new values (member, spouse, direct deposit)', async () => {
    value(
      await app.call('members:update', {
        id: ctx.id,
        version: ctx.version(),
        patch: { ssn: '456-78-9123', directDeposit: { routingNumber: '011000015', accountNumber: '99887766554433', accountType: 'savings' } },
      }),
    );
    value(await app.call('spouse:set', { memberId: ctx.id, version: ctx.version(), spouse: { ...SMITH_SPOUSE, ssn: '567-89-1234' } }));
    const trail = value<{ field: string; oldValue: string | null; newValue: string | null }[]>(await app.call('members:audit', { id: ctx.id }));
    expect(trail.find((a) => a.field === 'ssn')).toMatchObject({ oldValue: '***-**-6789', newValue: '***-**-9123' });
    expect(trail.find((a) => a.field === 'bank_account')).toMatchObject({ oldValue: '****6789', newValue: '****4433' });
    const stored = JSON.stringify(app.db.prepare('SELECT * FROM audit').all());
    for (const secret of ['123456789', '456789123', '234567891', '567891234', ACCOUNT, '99887766554433']) expect(stored).not.toContain(secret);
  });

  it('every change writes an audit row: create, update per field, archive, spouse, beneficiaries, pay, process, appointment, note, estimate', async () => {
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { city: 'Columbia', zip: '65201' } }));
    value(await app.call('members:archive', { id: ctx.id, version: ctx.version(), archived: true }));
    value(await app.call('beneficiaries:set', { memberId: ctx.id, version: ctx.version(), designation: 'life-insurance', beneficiaries: [ben('Mary Smith', '100')] }));
    value(await app.call('process:setForm', { memberId: ctx.id, version: ctx.version(), form: 'w4p', status: 'received' }));
    value(await app.call('process:setProof', { memberId: ctx.id, version: ctx.version(), document: 'member-proof-of-age', received: true }));
    value(await app.call('notes:add', { memberId: ctx.id, text: 'Discussed options' }));
    value(await app.call('appointments:delete', { id: ctx.appointmentId }));
    const trail = value<{ entity: string; field: string }[]>(await app.call('members:audit', { id: ctx.id }));
    const got = trail.map((a) => `${a.entity}:${a.field}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'member:created',
        'pay:history',
        'spouse:spouse',
        'appointment:added',
        'estimate:saved',
        'member:city',
        'member:zip',
        'member:archived',
        'beneficiaries:life-insurance',
        'process:w4p',
        'proof:member-proof-of-age',
        'note:added',
        'appointment:removed',
      ]),
    );
    expect(trail.every((a) => (a as unknown as { who: string }).who === 'counselor-test')).toBe(true);
  });
});

describe('FORM-3 beneficiaries: shares total exactly 100% within each class', () => {
  const set = (beneficiaries: unknown[]) => app.call('beneficiaries:set', { memberId: ctx.id, version: ctx.version(), designation: 'guaranteed-payments', beneficiaries });

  it('FORM-3: 50/50 primary is accepted and stored in order', async () => {
    const v = value<{ beneficiaries: { name: string; share: string }[] }>(await set([ben('Mary Smith', '50'), ben('Tom Smith', '50')]));
    expect(v.beneficiaries.map((b) => [b.name, b.share])).toEqual([
      ['Mary Smith', '50'],
      ['Tom Smith', '50'],
    ]);
  });

  it('FORM-3: 60/30 is refused with fields on beneficiaries[0].share and beneficiaries[1].share', async () => {
    const e = err(await set([ben('Mary Smith', '60'), ben('Tom Smith', '30')]));
    expect(e.code).toBe('INVALID_INPUT');
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['beneficiaries[0].share', 'beneficiaries[1].share']);
    expect(e.fields?.['beneficiaries[0].share']).toMatch(/FORM-3/);
  });

  it('FORM-3: thirds as fractions (1/3 + 1/3 + 1/3) are accepted', async () => {
    value(await set([ben('A', '1/3'), ben('B', '1/3'), ben('C', '1/3')]));
  });

  it('FORM-3: 33.33 + 33.33 + 33.33 (99.99) is refused', async () => {
    expect(err(await set([ben('A', '33.33'), ben('B', '33.33'), ben('C', '33.33')])).code).toBe('INVALID_INPUT');
  });

  it('FORM-3: each class totals on its own: primary 100 + contingent 50/50 ok; contingent 50/40 names only the contingent rows', async () => {
    value(await set([ben('Mary', '100'), ben('Tom', '50', 'contingent'), ben('Ann', '50', 'contingent')]));
    const e = err(await set([ben('Mary', '100'), ben('Tom', '50', 'contingent'), ben('Ann', '40', 'contingent')]));
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['beneficiaries[1].share', 'beneficiaries[2].share']);
  });

  it('FORM-3: a contingent beneficiary without a primary is refused (fields on beneficiaries[0].class)', async () => {
    const e = err(await set([ben('Tom', '100', 'contingent')]));
    expect(Object.keys(e.fields ?? {})).toContain('beneficiaries[0].class');
  });

  it('FORM-3: a zero share is refused even when the class totals 100', async () => {
    const e = err(await set([ben('Mary', '100'), ben('Tom', '0')]));
    expect(Object.keys(e.fields ?? {})).toContain('beneficiaries[1].share');
  });

  it('FORM-3: designations are independent: setting one keeps the other designations', async () => {
    value(await app.call('beneficiaries:set', { memberId: ctx.id, version: ctx.version(), designation: 'life-insurance', beneficiaries: [ben('Mary', '100')] }));
    const v = value<{ beneficiaries: { designation: string }[] }>(await set([ben('Tom', '100')]));
    expect(v.beneficiaries.map((b) => b.designation).sort()).toEqual(['guaranteed-payments', 'life-insurance']);
  });
});

describe('FORM-2 direct deposit routing numbers pass the ABA checksum', () => {
  const dd = (routingNumber: string) => ({ routingNumber, accountNumber: '12345678', accountType: 'checking' });
  it('FORM-2: 011000015 is accepted', async () => {
    const v = value<{ directDeposit: { routingNumber: string } }>(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { directDeposit: dd('011000015') } }));
    expect(v.directDeposit.routingNumber).toBe('011000015');
  });
  it('FORM-2: 011000016 (bad checksum) is refused with fields on patch.directDeposit.routingNumber', async () => {
    const e = err(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { directDeposit: dd('011000016') } }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields?.['patch.directDeposit.routingNumber']).toMatch(/FORM-2/);
  });
  it('FORM-2: eight digits and letters are refused on members:create (member.directDeposit.routingNumber)', async () => {
    for (const bad of ['01100001', '01100001A']) {
      const e = err(await app.call('members:create', { member: johnSmith({ memberId: 'DD1', directDeposit: dd(bad) as never }) }));
      expect(Object.keys(e.fields ?? {})).toContain('member.directDeposit.routingNumber');
    }
  });
});

describe('member facts cross-field checks', () => {
  it('DATE-2: a last day worked on or after the retirement date is refused (fields.lastDayWorked)', async () => {
    const e = err(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { lastDayWorked: '2027-06-01' } }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', fields: { lastDayWorked: expect.stringMatching(/DATE-2/) } });
  });
  it('DATE-5: an active member whose last day worked is not in the month before R is refused (fields.employmentStatus)', async () => {
    const e = err(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { lastDayWorked: '2027-03-31' } }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT', fields: { employmentStatus: expect.stringMatching(/DATE-5/) } });
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { lastDayWorked: '2027-05-31' } }));
  });
  it('DATE-2: a retirement date that is not the first of a month is refused (member.retirementDate)', async () => {
    const e = err(await app.call('members:create', { member: johnSmith({ memberId: 'R15', retirementDate: '2027-06-15' }) }));
    expect(Object.keys(e.fields ?? {})).toContain('member.retirementDate');
  });
  it('a retirement date before the first employment date, or a last day worked before it, is refused by field', async () => {
    const e = err(await app.call('members:create', { member: johnSmith({ memberId: 'X1', firstEmploymentDate: '2028-01-15' }) }));
    expect(Object.keys(e.fields ?? {})).toContain('retirementDate');
    const e2 = err(await app.call('members:create', { member: johnSmith({ memberId: 'X2', employmentStatus: 'terminated', lastDayWorked: '1999-05-31' }) }));
    expect(e2.fields?.lastDayWorked).toMatch(/first employment/);
  });
  it('an SSN is accepted with or without dashes and refused when never issued (area 000/666/9xx)', async () => {
    value(await app.call('members:create', { member: johnSmith({ memberId: 'S1', ssn: '345678912' }) }));
    for (const bad of ['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '12345678']) {
      const e = err(await app.call('members:create', { member: johnSmith({ memberId: 'S2', ssn: bad }) }));
      expect(Object.keys(e.fields ?? {})).toContain('member.ssn');
    }
  });
  it('pay:set refuses a repeated month and a month at or after the retirement month, by row', async () => {
    const e = err(
      await app.call('pay:set', {
        memberId: ctx.id,
        version: ctx.version(),
        history: [
          { month: '2026-10', amount: '1.00' },
          { month: '2026-10', amount: '1.00' },
          { month: '2027-06', amount: '1.00' },
        ],
      }),
    );
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['history[1].month', 'history[2].month']);
  });
});

describe('process:get (RULES section 10, PROC-1, PROC-2, FORM-1) from a fixed clock', () => {
  type Proc = {
    deadlines: { applicationDue: string; electionDue: string };
    forms: { form: string; step: number; requirement: string; status: string; dueDate: string | null; warning: string | null }[];
    proofs: { document: string; required: boolean; received: boolean }[];
    progress: { step1: { received: number; required: number }; step2: { received: number; required: number } };
    missing: string[];
  };
  const get = async () => value<Proc>(await app.call('process:get', { memberId: ctx.id }));
  const form = (p: Proc, id: string) => p.forms.find((f) => f.form === id)!;

  it('lists the eleven forms with their step and requirement; married: spouse proof and marriage certificate are required (FORM-1)', async () => {
    const p = await get();
    expect(p.forms.map((f) => [f.form, f.step, f.requirement])).toEqual([
      ['retirement-application', 1, 'required'],
      ['direct-deposit', 1, 'required'],
      ['w4p', 1, 'required'],
      ['beneficiary-life-insurance', 1, 'if-applicable'],
      ['optional-life', 1, 'if-applicable'],
      ['dependent-child-life', 1, 'if-applicable'],
      ['release-information', 1, 'if-applicable'],
      ['designation-of-agent', 1, 'if-applicable'],
      ['election-form', 2, 'required'],
      ['backdrop-distribution', 2, 'if-applicable'],
      ['spousal-consent', 2, 'if-applicable'],
    ]);
    expect(p.proofs.map((d) => [d.document, d.required])).toEqual([
      ['member-proof-of-age', true],
      ['spouse-proof-of-age', true],
      ['marriage-certificate', true],
    ]);
  });

  it('PROC-1/PROC-2: due dates for R = 2027-06-01 are 2027-04-30 (step 1) and 2027-05-31 (step 2)', async () => {
    const p = await get();
    expect(p.deadlines).toMatchObject({ applicationDue: '2027-04-30', electionDue: '2027-05-31' });
    expect(form(p, 'w4p').dueDate).toBe('2027-04-30');
    expect(form(p, 'election-form').dueDate).toBe('2027-05-31');
  });

  it('no warning months ahead; due-soon within 14 days of the due date; overdue the day after', async () => {
    expect((await get()).forms.every((f) => f.warning === null)).toBe(true);
    app.clock.set('2027-04-16');
    let p = await get();
    expect(form(p, 'retirement-application').warning).toBe('due-soon');
    expect(form(p, 'election-form').warning).toBeNull();
    expect(form(p, 'release-information').warning).toBeNull();
    app.clock.set('2027-04-30');
    expect(form(await get(), 'w4p').warning).toBe('due-soon');
    app.clock.set('2027-05-01');
    p = await get();
    expect(form(p, 'w4p').warning).toBe('overdue');
    expect(form(p, 'election-form').warning).toBeNull();
    app.clock.set('2027-05-20');
    expect(form(await get(), 'election-form').warning).toBe('due-soon');
  });

  it('a received form carries no warning and counts in progress; missing lists what is still needed', async () => {
    app.clock.set('2027-05-01');
    for (const f of ['retirement-application', 'w4p']) value(await app.call('process:setForm', { memberId: ctx.id, version: ctx.version(), form: f, status: 'received' }));
    value(await app.call('process:setForm', { memberId: ctx.id, version: ctx.version(), form: 'direct-deposit', status: 'in-progress' }));
    value(await app.call('process:setProof', { memberId: ctx.id, version: ctx.version(), document: 'member-proof-of-age', received: true }));
    const p = await get();
    expect(form(p, 'w4p')).toMatchObject({ status: 'received', warning: null });
    expect(form(p, 'direct-deposit')).toMatchObject({ status: 'in-progress', warning: 'overdue' });
    expect(p.progress).toEqual({ step1: { received: 2, required: 3 }, step2: { received: 0, required: 1 } });
    // The wording of the due date is the UI's; the list holds the right items in order.
    expect(p.missing).toHaveLength(4);
    expect(p.missing[0]).toMatch(/^Direct Deposit Authorization \(due .*(2027-04-30|April 30, 2027)/);
    expect(p.missing[1]).toMatch(/^Retirement Election Form \(due .*(2027-05-31|May 31, 2027)/);
    expect(p.missing.slice(2)).toEqual(["Spouse's proof of age and lawful presence", 'Marriage certificate']);
  });

  it('optional life coverage makes the life-insurance forms required; a zero amount ("0", "0.00") does not', async () => {
    for (const zero of ['0', '0.0', '0.00']) {
      value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { optionalLifeCoverage: zero } }));
      expect(form(await get(), 'optional-life').requirement, zero).toBe('if-applicable');
    }
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { optionalLifeCoverage: '20000.00' } }));
    const p = await get();
    expect(form(p, 'optional-life').requirement).toBe('required');
    expect(form(p, 'beneficiary-life-insurance').requirement).toBe('required');
    expect(p.progress.step1.required).toBe(5);
  });

  it('a BackDROP makes the distribution form required; an unmarried member needs no spouse proof and spousal consent is optional', async () => {
    value(await app.call('spouse:set', { memberId: ctx.id, version: ctx.version(), spouse: null }));
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { backdropMonths: 12 } }));
    const p = await get();
    expect(form(p, 'backdrop-distribution').requirement).toBe('required');
    expect(form(p, 'spousal-consent').requirement).toBe('optional');
    expect(p.proofs.filter((d) => d.required).map((d) => d.document)).toEqual(['member-proof-of-age']);
    expect(p.progress.step2.required).toBe(2);
  });

  it('without a retirement date there are no deadlines, due dates or warnings', async () => {
    value(await app.call('members:update', { id: ctx.id, version: ctx.version(), patch: { retirementDate: null } }));
    const p = value<Proc & { idealWindow: unknown }>(await app.call('process:get', { memberId: ctx.id }));
    expect(p.deadlines).toBeNull();
    expect(p.idealWindow).toBeNull();
    expect(p.forms.every((f) => f.dueDate === null && f.warning === null)).toBe(true);
  });
});

describe('estimates', () => {
  /** The stored member as a case file, written out by hand (CASE-FORMAT). */
  const smithCase = (): CaseInput =>
    makeCase({
      member: { name: 'John Smith', memberId: 'M100200', leftBeforeVestingAndReturned: false, returnedAfterBuyout: false, lastDayWorked: null, plan: null },
      spouse: { name: 'Mary Smith', birthDate: '1970-01-20' },
      pay: { finalAveragePay: null, projection: null },
      backdrop: null,
      actuarialBasis: null,
    });

  it('estimates:compute for a stored member equals estimateFromInput on the same case: figures identical', async () => {
    const expected = estimateFromInput(smithCase(), pricerSource());
    if (!expected.ok) throw new Error(JSON.stringify(expected.issues));
    const got = value(await app.call('estimates:compute', { memberId: ctx.id }));
    expect(got).toEqual(expected.value);
    expect(value(await app.call('estimates:computeCase', { case: smithCase() }))).toEqual(expected.value);
  });

  it('estimates:compute with a retirement date and BackDROP override equals estimateFromInput on that case', async () => {
    const expected = estimateFromInput(makeCase({ ...smithCase(), retirementDate: '2027-09-01', backdrop: { months: 12 } }), pricerSource());
    if (!expected.ok) throw new Error(JSON.stringify(expected.issues));
    expect(value(await app.call('estimates:compute', { memberId: ctx.id, retirementDate: '2027-09-01', backdropMonths: 12 }))).toEqual(expected.value);
  });

  it('estimates:compute names the member record field when the facts are incomplete or wrong', async () => {
    const m = value<{ id: number }>(await app.call('members:create', { member: johnSmith({ memberId: 'NOFACTS', ssn: null, retirementDate: null, service: null, firstEmploymentDate: null }) }));
    const e = err(await app.call('estimates:compute', { memberId: m.id }));
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['firstEmploymentDate', 'retirementDate', 'service']);
    const e2 = err(await app.call('estimates:compute', { memberId: ctx.id, retirementDate: '2027-06-15' }));
    expect(Object.keys(e2.fields ?? {})).toContain('retirementDate');
    const e3 = err(await app.call('estimates:compute', { memberId: ctx.id, actuarialBasis: 'no-such-basis' }));
    expect(Object.keys(e3.fields ?? {})).toContain('actuarialBasis');
  });

  it('estimates:save then estimates:list shows the saved estimates newest first, and compare with a recompute finds no differences', async () => {
    const saved = value<{ id: number; retirementDate: string; engineVersion: string }>(await app.call('estimates:save', { memberId: ctx.id, retirementDate: '2027-09-01', label: 'September' }));
    expect(saved.retirementDate).toBe('2027-09-01');
    const list = value<{ id: number; label: string | null }[]>(await app.call('estimates:list', { memberId: ctx.id }));
    expect(list.map((e) => [e.id, e.label])).toEqual([
      [saved.id, 'September'],
      [ctx.estimateId, 'first'],
    ]);
    expect(value(await app.call('estimates:compare', { a: saved.id, b: null }))).toEqual({ differences: [] });
  });

  it('a saved estimate is reproduced after the clock moves on and the member changes (compare with a recompute: no differences)', async () => {
    app.clock.set('2027-02-15');
    value(await app.call('pay:set', { memberId: ctx.id, version: ctx.version(), history: SMITH_PAY.map((p) => ({ ...p, amount: '6000.00' })) }));
    expect(value(await app.call('estimates:compare', { a: ctx.estimateId, b: null }))).toEqual({ differences: [] });
  });

  it('estimates:compare of two saves lists the figures that differ by path', async () => {
    value(await app.call('pay:set', { memberId: ctx.id, version: ctx.version(), history: SMITH_PAY.map((p) => ({ ...p, amount: '6000.00' })) }));
    const b = value<{ id: number }>(await app.call('estimates:save', { memberId: ctx.id }));
    const { differences } = value<{ differences: { path: string; before: string | null; after: string | null }[] }>(await app.call('estimates:compare', { a: ctx.estimateId, b: b.id }));
    expect(differences).toContainEqual({ path: 'results[0].finalAveragePay', before: '5000.00', after: '6000.00' });
    expect(differences.some((d) => d.path.endsWith('.trace') || d.path.includes('.notes'))).toBe(false);
  });

  it('estimates:compare answers NOT_FOUND for a missing second estimate', async () => {
    expect(err(await app.call('estimates:compare', { a: ctx.estimateId, b: MISSING })).code).toBe('NOT_FOUND');
  });

  it('estimates:save stores the exact case and estimate JSON, without the SSN or account', () => {
    const row = app.db.prepare('SELECT case_json, estimate_json, created_by FROM estimates WHERE id = ?').get(ctx.estimateId) as { case_json: string; estimate_json: string; created_by: string };
    expect(JSON.parse(row.case_json)).toMatchObject({ asOf: '2026-11-23', retirementDate: '2027-06-01', member: { memberId: 'M100200' } });
    expect(row.created_by).toBe('counselor-test');
    expect(row.case_json + row.estimate_json).not.toContain('6789');
  });
});

describe('appointments and notes', () => {
  it('appointments:list by member is limited to the from/to range when one is given', async () => {
    value(await app.call('appointments:create', { memberId: ctx.id, date: '2027-03-01', place: 'Kansas City', kind: 'seminar' }));
    const all = value<{ date: string }[]>(await app.call('appointments:list', { memberId: ctx.id }));
    expect(all.map((a) => a.date)).toEqual(['2027-03-01', '2027-01-12']);
    const march = value<{ date: string }[]>(await app.call('appointments:list', { memberId: ctx.id, from: '2027-02-01', to: '2027-03-31' }));
    expect(march.map((a) => a.date)).toEqual(['2027-03-01']);
  });
  it('an appointment without a member (a seminar) is listed by date', async () => {
    value(await app.call('appointments:create', { memberId: null, date: '2027-01-20', place: 'Cape Girardeau', kind: 'seminar', note: 'room 101' }));
    const jan = value<{ place: string }[]>(await app.call('appointments:list', { from: '2027-01-01', to: '2027-01-31' }));
    expect(jan.map((a) => a.place)).toEqual(['Jefferson City', 'Cape Girardeau']);
  });
  it('deleting an appointment twice answers NOT_FOUND the second time', async () => {
    value(await app.call('appointments:delete', { id: ctx.appointmentId }));
    expect(err(await app.call('appointments:delete', { id: ctx.appointmentId })).code).toBe('NOT_FOUND');
  });
  it('notes are listed newest first with author and time', async () => {
    value(await app.call('notes:add', { memberId: ctx.id, text: 'first' }));
    value(await app.call('notes:add', { memberId: ctx.id, text: '  second  ' }));
    const notes = value<{ text: string; author: string; createdAt: string }[]>(await app.call('notes:list', { memberId: ctx.id }));
    expect(notes.map((n) => n.text)).toEqual(['second', 'first']);
    expect(notes[0]).toMatchObject({ author: 'counselor-test', createdAt: '2026-11-23T12:00:00.000Z' });
  });
});

describe('settings and drafts', () => {
  it('settings:set keeps the other settings and persists across a reopen', async () => {
    value(await app.call('settings:set', { backdropInstallments: false }));
    expect(value(await app.call('settings:set', { basicLifeDays: 65 }))).toEqual({ backdropInstallments: false, basicLifeDays: 65, idleLockMinutes: 10 });
    expect(value(await app.call('settings:get', {}))).toEqual({ backdropInstallments: false, basicLifeDays: 65, idleLockMinutes: 10 });
  });
  it('drafts:set then drafts:get returns the JSON and time; drafts:delete removes it', async () => {
    value(await app.call('drafts:set', { key: 'member:1', json: '{"a":1}' }));
    expect(value(await app.call('drafts:get', { key: 'member:1' }))).toEqual({ json: '{"a":1}', updatedAt: '2026-11-23T12:00:00.000Z' });
    value(await app.call('drafts:delete', { key: 'member:1' }));
    expect(value(await app.call('drafts:get', { key: 'member:1' }))).toBeNull();
  });
});

describe('dispatch boundary', () => {
  it('an unknown channel answers FORBIDDEN, including prototype names', async () => {
    for (const channel of ['members:drop', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '']) {
      const e = err(await app.call(channel, {}));
      expect(e.code, channel).toBe('FORBIDDEN');
    }
  });

  it('a call from a foreign sender (another origin, or a subframe) answers FORBIDDEN and runs nothing', async () => {
    const before = dumpDatabase(app.db);
    for (const sender of [
      { url: 'https://evil.example/', isMainFrame: true },
      { url: 'app://workstation/index.html', isMainFrame: false },
    ]) {
      const e = err(await app.dispatch('notes:add', { memberId: ctx.id, text: 'injected' }, sender));
      expect(e.code).toBe('FORBIDDEN');
    }
    expect(dumpDatabase(app.db)).toBe(before);
  });

  it('a handler throwing a non-AppFailure answers INTERNAL with neither the stack, the error text nor the input in the message', async () => {
    const lines: string[] = [];
    const hs = handlers(app.services);
    const d = createDispatch(
      {
        ...hs,
        'members:revealSsn': () => {
          throw new TypeError('boom at secret 123-45-6789');
        },
      },
      { isAllowedSender, log: (l) => lines.push(l) },
    );
    const r = await d('members:revealSsn', { id: ctx.id, reason: 'reason with 987-65-4321' }, SENDER);
    const e = err(r);
    expect(e.code).toBe('INTERNAL');
    expect(e.fields).toBeUndefined();
    const text = JSON.stringify(r);
    for (const leak of ['boom', '123-45-6789', '987-65-4321', 'TypeError', ' at ', '.ts:']) expect(text).not.toContain(leak);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('987-65-4321');
  });

  it('a handler that rejects asynchronously with a non-Error also answers INTERNAL', async () => {
    const d = createDispatch({ ...handlers(app.services), 'settings:get': () => Promise.reject('plain string') as never }, { isAllowedSender });
    expect(err(await d('settings:get', {}, SENDER)).code).toBe('INTERNAL');
  });

  it('a handler whose answer does not match the output schema answers INTERNAL, not the bad value', async () => {
    const d = createDispatch({ ...handlers(app.services), 'settings:get': () => ({ backdropInstallments: 'yes', basicLifeDays: 60, ssn: SSN }) as never }, { isAllowedSender });
    const r = await d('settings:get', {}, SENDER);
    expect(err(r).code).toBe('INTERNAL');
    expect(JSON.stringify(r)).not.toContain(SSN);
  });

  it('a sender check or lock check that throws still answers with an envelope, never a rejection', async () => {
    const d1 = createDispatch(handlers(app.services), {
      isAllowedSender: () => {
        throw new Error('no frame');
      },
    });
    expect(err(await d1('settings:get', {}, SENDER)).code).toBe('FORBIDDEN');
    const d2 = createDispatch(handlers(app.services), {
      isAllowedSender,
      isLocked: () => {
        throw new Error('lock state unknown');
      },
    });
    expect(err(await d2('settings:get', {}, SENDER)).code).toBe('LOCKED');
  });

  it('while locked every channel but those that unlock answers LOCKED, and nothing runs', async () => {
    const d = createDispatch(handlers(app.services), { isAllowedSender, isLocked: () => true });
    const gated = CHANNELS.filter((c) => !OPEN_WHILE_LOCKED.includes(c));
    expect(OPEN_WHILE_LOCKED).toEqual(['session:status', 'session:setup', 'session:unlock', 'session:recover']);
    // Inputs first: making some of them (a packet token) writes to the caseload.
    const inputs = new Map<Channel, unknown>();
    for (const channel of gated) inputs.set(channel, await TABLE[channel].ok.input(ctx));
    const before = dumpDatabase(app.db);
    for (const channel of gated) expect(err(await d(channel, inputs.get(channel), SENDER)).code, channel).toBe('LOCKED');
    expect(dumpDatabase(app.db)).toBe(before);
    expect(value(await d('session:status', {}, SENDER))).toMatchObject({ state: 'unlocked' });
  });

  it('an unknown key named like an Object.prototype member (constructor, __proto__) is still named in fields', async () => {
    for (const key of ['constructor', '__proto__', 'toString']) {
      const input = JSON.parse(`{"id": 1, ${JSON.stringify(key)}: 0}`) as unknown;
      const e = err(await app.call('members:get', input));
      expect(e.code).toBe('INVALID_INPUT');
      expect(Object.hasOwn(e.fields ?? {}, key), key).toBe(true);
    }
  });

  it('a payload that is not an object answers INVALID_INPUT on the root', async () => {
    for (const input of [null, undefined, 42, 'members', []]) {
      const e = err(await app.call('members:get', input));
      expect(e.code).toBe('INVALID_INPUT');
      expect(Object.keys(e.fields ?? {})).toEqual(['(root)']);
    }
  });
});
