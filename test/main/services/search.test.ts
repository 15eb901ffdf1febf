// members:search over a caseload on a temporary SQLite file: names (prefix, "Last, First",
// "first last", accents), member ID prefix, last four of the SSN, retirement date range, archived
// members, and the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberFactsSchema, type MemberFactsInput, type MemberSummary } from '../../../shared/domain/member';
import { johnSmith, openTestApp, value, type TestApp } from '../caseload-fixture';

let app: TestApp;
type Person = [memberId: string, first: string, last: string, ssn: string | null, retirementDate: string | null];
const PEOPLE: Person[] = [
  ['M100200', 'John', 'Smith', '123-45-6789', '2027-06-01'],
  ['M100201', 'Jane', 'Smith', '234-56-7890', '2027-09-01'],
  ['M100300', 'John', 'Smithers', '345-67-8901', '2028-01-01'],
  ['M200100', 'Adam', 'Smythe', '456-78-6789', null],
  ['M300100', 'José', 'Núñez', '567-89-0123', '2027-07-01'],
  ['M300101', 'Ana', 'Núñez-García', null, '2027-12-01'],
  ['M400100', 'Mary', 'Johnson', '678-90-1234', '2029-03-01'],
  ['AB12345', 'Zoë', 'Ólafsdóttir', '789-01-2345', '2027-06-01'],
  ['M500100', 'Archie', 'Smith', '890-12-3456', '2027-08-01'],
];
const ARCHIVED = 'M500100';

beforeAll(async () => {
  app = openTestApp({ prefix: 'search-' });
  for (const [memberId, firstName, lastName, ssn, retirementDate] of PEOPLE) {
    const over: Partial<MemberFactsInput> = { memberId, firstName, lastName, ssn, retirementDate, directDeposit: null };
    const rec = value<{ id: number; version: number }>(await app.call('members:create', { member: johnSmith(over) }));
    if (memberId === ARCHIVED) value(await app.call('members:archive', { id: rec.id, version: rec.version, archived: true }));
  }
});
afterAll(() => app.close());

const johnSmithFacts = () => memberFactsSchema.parse(johnSmith({ ssn: null, directDeposit: null, retirementDate: null }));
type Query = Parameters<TestApp['services']['members']['search']>[0];
const search = (q: Query) => app.services.members.search(q);
const names = (rows: MemberSummary[]) => rows.map((r) => `${r.firstName} ${r.lastName}`);
const ids = (rows: MemberSummary[]) => rows.map((r) => r.memberId);

describe('by name', () => {
  it('"smi" finds every last name starting with Smi (Smith, Smithers), ordered by last then first name', () => {
    expect(names(search({ query: 'smi' }))).toEqual(['Jane Smith', 'John Smith', 'John Smithers']);
  });
  it('matching ignores case: "SMI" and "sMi" find the same members as "smi"', () => {
    expect(names(search({ query: 'SMI' }))).toEqual(names(search({ query: 'smi' })));
    expect(names(search({ query: 'sMi' }))).toEqual(names(search({ query: 'smi' })));
  });
  it('"Smith, J" finds John and Jane Smith (exact last name, first-name prefix), not John Smithers', () => {
    expect(names(search({ query: 'Smith, J' }))).toEqual(['Jane Smith', 'John Smith']);
    expect(names(search({ query: 'smith,jo' }))).toEqual(['John Smith']);
  });
  it('"john smi" finds John Smith and John Smithers (first name, then a last-name prefix), not Jane', () => {
    expect(names(search({ query: 'john smi' }))).toEqual(['John Smith', 'John Smithers']);
    expect(names(search({ query: 'jo smithe' }))).toEqual(['John Smithers']);
  });
  it('a first-name prefix finds members too ("mar" finds Mary Johnson), after last-name matches ("john" finds Johnson, then the Johns)', () => {
    expect(names(search({ query: 'mar' }))).toEqual(['Mary Johnson']);
    expect(names(search({ query: 'john' }))).toEqual(['Mary Johnson', 'John Smith', 'John Smithers']);
  });
  it('accents are ignored both ways: "nun" and "Núñ" find Núñez and Núñez-García; "jose" finds José; "olafs" finds Ólafsdóttir', () => {
    expect(names(search({ query: 'nun' }))).toEqual(['José Núñez', 'Ana Núñez-García']);
    expect(names(search({ query: 'Núñ' }))).toEqual(['José Núñez', 'Ana Núñez-García']);
    expect(names(search({ query: 'nunez, jose' }))).toEqual(['José Núñez']);
    expect(names(search({ query: 'jose' }))).toEqual(['José Núñez']);
    expect(names(search({ query: 'zoe olafs' }))).toEqual(['Zoë Ólafsdóttir']);
  });
  it('a decomposed accent (NFD input) matches the same as a composed one', () => {
    expect(names(search({ query: 'Nu\u0301n\u0303ez' }))).toEqual(['José Núñez', 'Ana Núñez-García']);
  });
  it('no match is an empty list; LIKE wildcards and SQL text are plain characters', () => {
    expect(search({ query: 'zzz' })).toEqual([]);
    expect(search({ query: '%' })).toEqual([]);
    expect(search({ query: '_' })).toEqual([]);
    expect(search({ query: "'; DROP TABLE members; --" })).toEqual([]);
    expect(app.services.members.search({}).length).toBeGreaterThan(0);
  });
  it('an empty or blank query lists the caseload by name', () => {
    expect(names(search({ query: '  ' }))).toEqual(names(search({})));
    expect(names(search({}))[0]).toBe('Mary Johnson');
  });
});

describe('by member ID', () => {
  it('a member ID prefix finds the members whose ID starts with it, in ID order', () => {
    expect(ids(search({ query: 'M1002' }))).toEqual(['M100200', 'M100201']);
    expect(ids(search({ query: 'M100' }))).toEqual(['M100200', 'M100201', 'M100300']);
    expect(ids(search({ query: 'M100200' }))).toEqual(['M100200']);
  });
  it('the prefix ignores case ("m1002")', () => {
    expect(ids(search({ query: 'm1002' }))).toEqual(['M100200', 'M100201']);
  });
  it('an ID starting with two letters ("AB12") is found by its prefix', () => {
    expect(ids(search({ query: 'AB12' }))).toEqual(['AB12345']);
    expect(ids(search({ query: 'ab123' }))).toEqual(['AB12345']);
  });
  it('member IDs are stored in upper case whatever the case they were typed in', async () => {
    const rec = value<{ memberId: string }>(await app.call('members:create', { member: johnSmith({ memberId: 'zz-9001', ssn: null, directDeposit: null, firstName: 'Lower', lastName: 'Case', retirementDate: null }) }));
    expect(rec.memberId).toBe('ZZ-9001');
    expect(ids(search({ query: 'zz-9' }))).toEqual(['ZZ-9001']);
    expect(app.services.members.findByMemberId('zz-9001')).not.toBeNull();
  });
});

describe('by the last four digits of the SSN', () => {
  it('"6789" finds both members whose SSN ends in 6789, shown masked', () => {
    const rows = search({ query: '6789' });
    expect(names(rows)).toEqual(['John Smith', 'Adam Smythe']);
    expect(rows.map((r) => r.ssnMasked)).toEqual(['***-**-6789', '***-**-6789']);
  });
  it('"0123" finds José Núñez only; a member without an SSN is never matched', () => {
    expect(names(search({ query: '0123' }))).toEqual(['José Núñez']);
  });
  it('a full SSN, with or without dashes, finds exactly its member; its first digits find nothing', () => {
    expect(names(search({ query: '123-45-6789' }))).toEqual(['John Smith']);
    expect(names(search({ query: '123456789' }))).toEqual(['John Smith']);
    // Same last four (6789) as Adam Smythe's 456-78-6789: the full number decides.
    expect(names(search({ query: '456786789' }))).toEqual(['Adam Smythe']);
    expect(search({ query: '999-99-6789' })).toEqual([]);
    expect(search({ query: '12345' })).toEqual([]);
    expect(search({ query: '1234' }).map((r) => r.ssnMasked)).toEqual(['***-**-1234']);
  });
});

describe('names as typed (word order, apostrophes, hyphens, suffixes)', () => {
  it('"smith john" and "john smith" find John Smith; "garcia" finds Ana Núñez-García; "nunez garcia ana" too', () => {
    expect(names(search({ query: 'smith john' }))[0]).toBe('John Smith');
    expect(names(search({ query: 'john smith' }))[0]).toBe('John Smith');
    expect(names(search({ query: 'garcia' }))).toEqual(['Ana Núñez-García']);
    expect(names(search({ query: 'nunez garcia ana' }))).toEqual(['Ana Núñez-García']);
    expect(names(search({ query: 'Núñez-García, Ana' }))).toEqual(['Ana Núñez-García']);
  });
});

describe('by retirement date range', () => {
  it('from and to are inclusive and the list is in retirement date order', () => {
    const rows = search({ retiringFrom: '2027-06-01', retiringTo: '2027-09-01' });
    expect(rows.map((r) => [r.retirementDate, r.lastName])).toEqual([
      ['2027-06-01', 'Ólafsdóttir'],
      ['2027-06-01', 'Smith'],
      ['2027-07-01', 'Núñez'],
      ['2027-09-01', 'Smith'],
    ]);
  });
  it('only a start date, or only an end date, leaves the other side open; a member without a date is never in a range', () => {
    expect(search({ retiringFrom: '2028-01-01' }).map((r) => r.memberId)).toEqual(['M100300', 'M400100']);
    expect(search({ retiringTo: '2027-06-30' }).map((r) => r.memberId).sort()).toEqual(['AB12345', 'M100200']);
    expect(search({ retiringFrom: '2000-01-01' }).map((r) => r.memberId)).not.toContain('M200100');
  });
  it('a range with a query narrows by the same name rules: "nun" (accents), "Smith, J", "john smi", an ID prefix, last four', () => {
    const range = { retiringFrom: '2027-01-01', retiringTo: '2027-12-31' };
    expect(names(search({ ...range, query: 'nun' }))).toEqual(['José Núñez', 'Ana Núñez-García']);
    expect(names(search({ ...range, query: 'Smith, J' }))).toEqual(['John Smith', 'Jane Smith']);
    expect(names(search({ ...range, query: 'john smi' }))).toEqual(['John Smith']);
    expect(ids(search({ ...range, query: 'm1002' }))).toEqual(['M100200', 'M100201']);
    expect(names(search({ ...range, query: '6789' }))).toEqual(['John Smith']);
  });
  it('an empty range (to before from) finds nothing', () => {
    expect(search({ retiringFrom: '2028-01-01', retiringTo: '2027-01-01' })).toEqual([]);
  });
});

describe('archived members', () => {
  it('are left out by default, in every kind of search', () => {
    expect(names(search({ query: 'arch' }))).toEqual([]);
    expect(names(search({ query: 'Smith, A' }))).toEqual([]);
    expect(ids(search({ query: 'M5' }))).toEqual([]);
    expect(search({ query: '3456' })).toEqual([]);
    expect(search({ retiringFrom: '2027-08-01', retiringTo: '2027-08-01' })).toEqual([]);
    expect(ids(search({}))).not.toContain(ARCHIVED);
  });
  it('are included, marked archived, when asked', () => {
    const [row] = search({ query: 'Smith, A', includeArchived: true });
    expect(row).toMatchObject({ memberId: ARCHIVED, archived: true });
    expect(ids(search({ query: 'M5', includeArchived: true }))).toEqual([ARCHIVED]);
    expect(names(search({ query: '3456', includeArchived: true }))).toEqual(['Archie Smith']);
    expect(ids(search({ retiringFrom: '2027-08-01', retiringTo: '2027-08-01', includeArchived: true }))).toEqual([ARCHIVED]);
    expect(names(search({ query: 'smith', includeArchived: true }))).toEqual(['Archie Smith', 'Jane Smith', 'John Smith', 'John Smithers']);
  });
});

describe('the limit', () => {
  it('is respected by name, "first last", ID, last four, range, range with text, and the plain list', () => {
    expect(search({ query: 'smi', limit: 2 })).toHaveLength(2);
    expect(names(search({ query: 'smi', limit: 2 }))).toEqual(['Jane Smith', 'John Smith']);
    expect(search({ query: 'john smi', limit: 1 })).toHaveLength(1);
    expect(search({ query: 'john', limit: 2 })).toHaveLength(2);
    expect(search({ query: 'M100', limit: 2 })).toHaveLength(2);
    expect(search({ query: '6789', limit: 1 })).toHaveLength(1);
    expect(search({ retiringFrom: '2027-01-01', limit: 3 })).toHaveLength(3);
    expect(search({ retiringFrom: '2027-01-01', query: 'smi', limit: 1 })).toHaveLength(1);
    expect(search({ limit: 4 })).toHaveLength(4);
  });
  it('"first last" finds a John among more than 500 members sharing the last-name prefix', () => {
    app.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        app.services.members.create({ ...johnSmithFacts(), memberId: `K${i}`, firstName: `Aaron${String(i).padStart(3, '0')}`, lastName: 'Kowalski' });
      }
      app.services.members.create({ ...johnSmithFacts(), memberId: 'K-JOHN', firstName: 'John', lastName: 'Kowalski' });
    })();
    expect(names(search({ query: 'john kowal' }))).toEqual(['John Kowalski']);
    expect(search({ query: 'aaron kow', limit: 7 })).toHaveLength(7);
  });
  it('defaults to 50 and is capped at 500 by the contract (INVALID_INPUT beyond)', async () => {
    for (let i = 0; i < 55; i++) {
      value(await app.call('members:create', { member: johnSmith({ memberId: `B${String(i).padStart(4, '0')}`, firstName: 'Bulk', lastName: `Bulkmember${i}`, ssn: null, directDeposit: null, retirementDate: null }) }));
    }
    expect(search({ query: 'bulk' })).toHaveLength(50);
    expect(value<unknown[]>(await app.call('members:search', { query: 'bulk', limit: 500 }))).toHaveLength(55);
    const r = await app.call('members:search', { query: 'bulk', limit: 501 });
    expect(r.ok ? null : r.error.code).toBe('INVALID_INPUT');
  });
});

describe('the last-4 search (migration 0006)', () => {
  it('reads its whole answer from the covering index: on an encrypted caseload no table page is decrypted for it', () => {
    const plan = (app.db.prepare("EXPLAIN QUERY PLAN SELECT id, member_id, first_name, last_name, ssn_last4, birth_date, retirement_date, archived FROM members WHERE ssn_last4 = '6789' AND archived <= 0 ORDER BY last_key, first_key LIMIT 50").all() as { detail: string }[]).map((r) => r.detail);
    expect(plan).toEqual(['SEARCH members USING COVERING INDEX members_ssn_last4_cover (ssn_last4=?)']);
  });
});
