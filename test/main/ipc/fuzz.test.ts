// Contract fuzzing (ARCHITECTURE.md "The IPC contract": a thrown exception never crosses the
// boundary). Any payload to any channel answers ok with an output that matches the contract, or
// INVALID_INPUT / NOT_FOUND / CONFLICT; never INTERNAL, never a rejection; and a refused call
// leaves the database exactly as it was.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract, type Channel } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { makeCase } from '../../fixtures/cases';
import { SMITH_PAY, SMITH_SPOUSE, TEST_PASSPHRASE, dumpDatabase, johnSmith, openTestApp, seedSmith, value, type TestApp } from '../caseload-fixture';
import { HOSTILE_STRINGS as COMMON_HOSTILE } from '../../fixtures/hostile';

let app: TestApp;
beforeAll(async () => {
  // A clock that moves two minutes at each look: the delay after the fuzzer's wrong passphrases
  // (main/security/passphrase.ts) has always run out by the next call; no idle lock fires.
  let t = 0;
  app = openTestApp({ prefix: 'fuzz-', timers: { now: () => (t += 120_000), setTimeout: () => null, clearTimeout: () => undefined } });
  const rec = await seedSmith(app);
  value(await app.call('appointments:create', { memberId: rec.id, date: '2027-01-12', place: 'Jefferson City', kind: 'office' }));
  value(await app.call('estimates:save', { memberId: rec.id }));
  value(await app.call('notes:add', { memberId: rec.id, text: 'seed' }));
});
afterAll(() => {
  const db = app.db;
  // Whatever the fuzzer did, the file is whole and its references hold.
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  app.close();
});

/** A valid payload per channel, aimed at the seeded member (id 1) and its rows. */
const TEMPLATES: Record<Channel, unknown> = {
  'members:search': { query: 'smi', retiringFrom: '2027-01-01', retiringTo: '2027-12-31', includeArchived: false, limit: 10 },
  'members:get': { id: 1 },
  'members:create': { member: johnSmith({ memberId: 'F1' }) },
  'members:update': { id: 1, version: 3, patch: { phone: '573-555-0100', employmentStatus: 'active', service: { asOf: '2026-10-31', earnedMonths: 301 } } },
  'members:archive': { id: 1, version: 3, archived: false },
  'members:revealSsn': { id: 1, reason: 'verifying identity' },
  'members:audit': { id: 1, limit: 5 },
  'spouse:set': { memberId: 1, version: 3, spouse: SMITH_SPOUSE },
  'beneficiaries:set': {
    memberId: 1,
    version: 3,
    designation: 'life-insurance',
    beneficiaries: [
      { class: 'primary', kind: 'person', name: 'Mary Smith', share: '1/2', birthDate: '1970-01-20', ssn: '234-56-7891' },
      { class: 'primary', kind: 'trust', name: 'Smith Trust', share: '50' },
    ],
  },
  'pay:set': { memberId: 1, version: 3, history: SMITH_PAY.slice(-3) },
  'appointments:list': { from: '2027-01-01', to: '2027-12-31', memberId: 1 },
  'appointments:create': { memberId: 1, date: '2027-02-02', time: '09:00', place: 'Springfield', kind: 'field-session', note: 'bring forms' },
  'appointments:delete': { id: 1 },
  'notes:list': { memberId: 1 },
  'notes:add': { memberId: 1, text: 'called' },
  'process:get': { memberId: 1 },
  'process:setForm': { memberId: 1, version: 3, form: 'w4p', status: 'received' },
  'process:setProof': { memberId: 1, version: 3, document: 'member-proof-of-age', received: true },
  'estimates:compute': { memberId: 1, retirementDate: '2027-09-01', backdropMonths: 12, actuarialBasis: null },
  'estimates:computeCase': { case: makeCase({ backdrop: { months: 12 } }) },
  'estimates:save': { memberId: 1, retirementDate: null, label: 'fuzz' },
  'estimates:list': { memberId: 1 },
  'estimates:compare': { a: 1, b: null },
  'scenarios:get': { memberId: 1 },
  'estimates:get': { id: 1 },
  'scenarios:use': { memberId: 1, version: 3, scenario: { retirementDate: '2027-07-01', backdropMonths: 24, plan: 'MSEP2000', actuarialBasis: null } },
  'documents:packet': { memberId: 1, retirementDate: null, flatten: false },
  'documents:save': { token: 'p1-x' },
  'documents:print': { token: 'p1-x' },
  'bases:list': {},
  'settings:get': {},
  'settings:set': { backdropInstallments: true, basicLifeDays: 60, idleLockMinutes: 10 },
  'drafts:get': { key: 'k' },
  'drafts:set': { key: 'k', json: '{}' },
  'drafts:delete': { key: 'k' },
  'storage:status': {},
  'backups:list': {},
  'backups:preview': { name: 'caseload-20261122-120000-daily.db' },
  'backups:restore': { name: 'caseload-20261122-120000-daily.db' },
  'session:status': {},
  'session:setup': { passphrase: 'a fuzzed passphrase' },
  'session:unlock': { passphrase: TEST_PASSPHRASE },
  'session:recover': { recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000', next: 'a fuzzed passphrase' },
  'session:lock': {},
  'session:changePassphrase': { current: TEST_PASSPHRASE, next: 'a fuzzed passphrase' },
};

const HOSTILE_STRINGS = [
  ...COMMON_HOSTILE,
  '9999-12-01',
  '1900-02-29',
  '2000-02-29',
  '2027-06-01',
  '2027-06',
  '0.00',
  '999999999.99',
  '1/0',
  '0/3',
  '123456789',
  '011000015',
];

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(0, -1, 1, 2, 3, 12, 60, 61, 900, 901, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom(null, undefined, true, false, [], {}, [null], { id: 1 }),
);

/** Every path to a value inside a payload (object keys and array indexes). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...prefix, k]))];
}
function setAt(root: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur: unknown = copy;
  for (const k of path.slice(0, -1)) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string | number, unknown>)[k] : undefined;
  // A first mutation may have replaced a parent with a primitive: then there is nothing to set.
  if (cur === null || typeof cur !== 'object') return copy;
  (cur as Record<string | number, unknown>)[path[path.length - 1]!] = leaf;
  return copy;
}

/** A payload: the template with one value replaced, a key added, or anything JSON at all. */
function payloadFor(channel: Channel): fc.Arbitrary<unknown> {
  const template = TEMPLATES[channel];
  const all = paths(template);
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.nat({ max: all.length - 1 }), hostileLeaf).map(([i, leaf]) => setAt(template, all[i]!, leaf)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: all.length - 1 }), hostileLeaf, fc.nat({ max: all.length - 1 }), hostileLeaf)
        .map(([i, a, j, b]) => setAt(setAt(template, all[i]!, a), all[j]!, b)),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'ssn'), hostileLeaf).map(([k, v]) => ({ ...(template as object), [k]: v })) },
    { weight: 1, arbitrary: fc.constant(template) },
    { weight: 2, arbitrary: fc.jsonValue() },
  );
}

const ALLOWED_ERRORS = ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT'];
/** FUZZ_SCALE=20 for a long hunt; the default keeps the file under about ten seconds. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** The session channels may also answer LOCKED (a wrong passphrase or recovery key). */
const SESSION_ERRORS = [...ALLOWED_ERRORS, 'LOCKED'];
/** The passphrase as the fuzzer has left it (a fuzzed change may succeed). */
let passphrase = TEST_PASSPHRASE;

async function checkCall(channel: Channel, payload: unknown): Promise<Result<unknown>> {
  const session = channel.startsWith('session:');
  const before = dumpDatabase(app.db);
  let r: Result<unknown>;
  try {
    r = await app.call(channel, payload);
  } catch (err) {
    throw new Error(`${channel} threw across the boundary: ${String(err)}`);
  }
  // A fuzzed lock is undone, so the next call finds the caseload open.
  if (app.services.session.isLocked()) app.services.session.unlock(passphrase);
  if (r.ok) {
    const out = contract[channel].output.safeParse(r.value);
    expect(out.success, `${channel} output does not match the contract`).toBe(true);
    if (channel === 'session:changePassphrase') passphrase = (payload as { next: string }).next;
    return r;
  }
  expect(session ? SESSION_ERRORS : ALLOWED_ERRORS, `${channel} answered ${r.error.code}: ${r.error.message}`).toContain(r.error.code);
  expect(typeof r.error.message).toBe('string');
  if (r.error.code === 'INVALID_INPUT') expect(Object.keys(r.error.fields ?? {}).length, `${channel} INVALID_INPUT without fields`).toBeGreaterThan(0);
  expect(dumpDatabase(app.db) === before, `${channel} ${r.error.code} changed the database`).toBe(true);
  return r;
}

describe('contract fuzzing', () => {
  it('any JSON value to any channel: an allowed answer, never INTERNAL or a throw; a refusal changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), fc.jsonValue(), async (channel, payload) => void (await checkCall(channel, payload))),
      { numRuns: 300 * SCALE },
    );
  });

  it.each(CHANNELS)('%s: mutated valid payloads (hostile strings, wrong types, SQL text, Unicode) get an allowed answer', async (channel) => {
    await fc.assert(
      fc.asyncProperty(payloadFor(channel), async (payload) => void (await checkCall(channel, payload))),
      { numRuns: (channel === 'documents:packet' ? 8 : channel.startsWith('estimates:') ? 25 : 60) * SCALE },
    );
  });

  it('hostile strings in every string field of members:create are stored verbatim or refused, and the tables survive', async () => {
    const template = TEMPLATES['members:create'] as { member: Record<string, unknown> };
    let n = 0;
    for (const key of Object.keys(template.member)) {
      for (const s of HOSTILE_STRINGS) {
        const member = { ...template.member, [key]: s, memberId: key === 'memberId' ? s : `H${n++}` };
        const r = await checkCall('members:create', { member });
        // Accepted: the record reads back with the string as sent (the schema trims the ends;
        // member IDs are kept in capitals, so M1 and m1 are one member).
        if (r.ok) {
          const got = (r.value as Record<string, unknown>)[key];
          if (typeof got === 'string') expect(got, `${key} = ${JSON.stringify(s)}`).toBe(key === 'memberId' ? s.trim().toUpperCase() : s.trim());
        }
      }
    }
    const tables = app.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['audit', 'members', 'notes', 'pay_history']));
    // A search by an SQL fragment finds the member whose name holds it, as text.
    expect(app.services.members.search({ query: "'; drop" }).map((m) => m.lastName)).toEqual(expect.arrayContaining([expect.stringContaining("'; DROP")]));
  });

  it('an SQL payload as a note is kept as text, and the notes table still answers', async () => {
    const text = "'); DROP TABLE notes; --";
    const note = value<{ text: string }>(await app.call('notes:add', { memberId: 1, text }));
    expect(note.text).toBe(text);
    expect(value<{ text: string }[]>(await app.call('notes:list', { memberId: 1 })).map((n) => n.text)).toContain(text);
  });
});
