// The caseload at field-office scale: 100,000 members, each with 36 months of pay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../../main/app';
import { importRoster, ROSTER_COLUMNS } from '../../main/cli/roster';
import { memberChildrenRepo } from '../../main/db/repos/member-children';
import { membersRepo } from '../../main/db/repos/members';
import { factsToColumns } from '../../main/services/members';
import { line, median, timeEach } from './stats';

export const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Núñez', 'Kowalczyk', 'Baumgartner', 'Okafor', 'Schmidt'];
const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen', 'José', 'Renée', 'Min-jun', 'Chidi', 'Teresa'];

export function generateCaseload(dbPath: string, n: number): void {
  const app = openApp(dbPath, { who: 'bench' });
  const { db } = app;
  // Bulk load through the repos: set-up, not the thing measured.
  const members = membersRepo(db);
  const children = memberChildrenRepo(db);
  const now = '2026-11-23T12:00:00.000Z';
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const last = `${LAST[i % LAST.length]}${i >= LAST.length * 40 ? String.fromCharCode(97 + (i % 26)) + String.fromCharCode(97 + ((i >> 5) % 26)) : ''}`;
      const first = FIRST[(i * 7) % FIRST.length]!;
      const ssn = `${String(100 + (i % 800)).padStart(3, '0')}${String(10 + (i % 89)).padStart(2, '0')}${String(1000 + (i % 9000)).padStart(4, '0')}`;
      const id = members.insert(
        factsToColumns({
          memberId: `B${String(i).padStart(7, '0')}`,
          firstName: first,
          middleName: null,
          lastName: last,
          ssn,
          birthDate: `${1960 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
          leftBeforeVestingAndReturned: false,
          returnedAfterBuyout: false,
          employmentStatus: 'active',
          firstEmploymentDate: `${1990 + (i % 25)}-03-01`,
          service: { asOf: '2026-10-31', earnedMonths: 120 + (i % 250), purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: i % 3000 },
          retirementDate: `${2027 + (i % 4)}-${String(1 + (i % 12)).padStart(2, '0')}-01`,
        }),
        now,
      );
      const pay = [];
      for (let k = 0; k < 36; k++) {
        const idx = 2023 * 12 + 10 + k;
        pay.push({ month: `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`, amount: `${4000 + (i % 3000)}.00` });
      }
      children.replacePay(id, pay);
    }
  })();
  app.close();
}

/** A roster of `n` new members; `round` gives another set of member IDs (R, S, T …). */
export function roster(n: number, round = 0): string {
  const rows = [ROSTER_COLUMNS.join(',')];
  const letter = String.fromCharCode(82 + round);
  for (let i = 0; i < n; i++) {
    rows.push(
      [`${letter}${String(i).padStart(7, '0')}`, `Roster${i % 500}`, FIRST[i % FIRST.length], `2${String(10 + (i % 89)).padStart(2, '0')}${String(10 + (i % 89)).padStart(2, '0')}${String(1000 + i).slice(-4)}`, '1965-05-05', '2001-02-03', '2026-10-31', '250', '0', '0', '500', '4800.00', '', '2027-06-01', '', '573-555-0100'].join(','),
    );
  }
  return rows.join('\n');
}

export function benchCaseload(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-caseload-'));
  const dbPath = join(dir, 'caseload.db');
  const n = 100_000;
  console.log(`caseload (${n.toLocaleString('en-US')} members, 36 months of pay each)`);
  const t0 = performance.now();
  generateCaseload(dbPath, n);
  line('generate', `${((performance.now() - t0) / 1000).toFixed(1)} s`, '—');
  const app = openApp(dbPath, { who: 'bench' });
  try {
    const s = app.services.members;
    const prefixes = Array.from({ length: 500 }, (_, i) => (LAST[i % LAST.length]!).slice(0, 2 + (i % 3)));
    const byName = timeEach(prefixes, (q) => s.search({ query: q, limit: 50 }));
    line('search by name prefix (50 rows), median', `${median(byName).toFixed(3)} ms`, '< 10 ms');
    // Keystroke to rows: a name no prefix finds falls back to a scan for a word inside a last
    // name ("reyes" of "Thompson-Reyes", "oneill" for "O'Neill"); a miss scans the whole index.
    const misses = Array.from({ length: 50 }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}`);
    const byWord = timeEach(misses, (q) => s.search({ query: q, limit: 50 }));
    line('search, a name found by no prefix (whole-index word scan), median', `${median(byWord).toFixed(3)} ms`, '< 100 ms');
    const twoWords = Array.from({ length: 50 }, (_, i) => `${FIRST[i % FIRST.length]!.toLowerCase()} qz${String.fromCharCode(97 + (i % 26))}`);
    const byTwo = timeEach(twoWords, (q) => s.search({ query: q, limit: 50 }));
    line('search, two words matching nobody (every split scanned), median', `${median(byTwo).toFixed(3)} ms`, '< 100 ms');
    const last4 = Array.from({ length: 500 }, (_, i) => String(1000 + ((i * 37) % 9000)));
    const byLast4 = timeEach(last4, (q) => s.search({ query: q, limit: 50 }));
    line('search by last 4 of SSN, median', `${median(byLast4).toFixed(3)} ms`, '< 10 ms');
    const ids = Array.from({ length: 500 }, (_, i) => 1 + ((i * 7919) % n));
    const open = timeEach(ids, (id) => s.get(id));
    line('open a member with 36 months of pay, median', `${median(open).toFixed(3)} ms`, '< 5 ms');
    const csv = roster(5000);
    const t1 = performance.now();
    const report = importRoster(app.db, app.services, csv);
    const secs = (performance.now() - t1) / 1000;
    if (report.created !== 5000) throw new Error(`roster import created ${report.created}: ${JSON.stringify(report.errors.slice(0, 3))}`);
    line('import a 5,000-row roster', `${secs.toFixed(2)} s`, '< 3 s');
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
