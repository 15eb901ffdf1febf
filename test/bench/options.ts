// The option board on an actuarial basis (RULES.md OPT-5, BASIS.md).
import { performance } from 'node:perf_hooks';
import { pricerSource } from '../../shared/actuarial';
import { estimateFromInput } from '../../shared/calc/run';
import type { CaseInput } from '../../shared/domain/case-schema';
import { flatHistory } from '../fixtures/cases';
import { line, median } from './stats';

/** An MSEP member (both plans) with a spouse; distinct `i` below 51,840 give distinct age pairs. */
function boardCase(i: number, backdrop: boolean): CaseInput {
  const member = i % 144; // 12 birth years × 12 months
  const spouse = Math.floor(i / 144) % 360; // 30 birth years × 12 months
  const month = (k: number) => String((k % 12) + 1).padStart(2, '0');
  return {
    formatVersion: 1,
    asOf: '2026-11-23',
    retirementDate: '2027-07-01',
    member: { birthDate: `${1958 + Math.floor(member / 12)}-${month(member)}-15`, firstEmploymentDate: '1993-03-01' },
    spouse: { birthDate: `${1950 + Math.floor(spouse / 12)}-${month(spouse)}-03` },
    service: { asOf: '2026-10-31', earnedMonths: backdrop ? 400 : 200, sickLeaveHours: 1500 },
    pay: { history: flatHistory('2026-11', '5200.00', 72) },
  };
}

function board(c: CaseInput, pricers: ReturnType<typeof pricerSource>): number {
  const r = estimateFromInput(c, pricers);
  if (!r.ok) throw new Error(r.issues.map((x) => `${x.path}: ${x.message}`).join('; '));
  const options = r.value.results.reduce((n, res) => n + res.options.length, 0);
  if (options !== 10) throw new Error(`expected 10 options on the board, got ${options}`);
  return r.value.results.reduce((n, res) => n + res.backdrop.periods.length, 0);
}

export function benchOptions(): void {
  console.log('option board (MSEP member with spouse: both plans, every option, default basis ILLUSTRATIVE-SULT-7)');
  const pricers = pricerSource();
  const t0 = performance.now();
  board(boardCase(0, false), pricers);
  line('first board in a fresh process', `${(performance.now() - t0).toFixed(2)} ms`, '—');
  const cold: number[] = [];
  const cached: number[] = [];
  for (let i = 1; i <= 300; i++) {
    const c = boardCase(i, false);
    let t = performance.now();
    board(c, pricers);
    cold.push(performance.now() - t);
    t = performance.now();
    board(c, pricers);
    cached.push(performance.now() - t);
  }
  line('board for new ages (cold), median', `${median(cold).toFixed(2)} ms`, '< 10 ms');
  line('same board again (cached), median', `${median(cached).toFixed(3)} ms`, '< 1 ms');
  const fresh = pricerSource();
  const t1 = performance.now();
  let periods = 0;
  const n = 10_000;
  for (let i = 0; i < n; i++) periods += board(boardCase(400 + i, true), fresh);
  line(`${n.toLocaleString('en-US')} full estimates, distinct ages`, `${((performance.now() - t1) / 1000).toFixed(1)} s`, '< 60 s');
  console.log(`    (every option of both plans at R and on ${periods.toLocaleString('en-US')} BackDROP periods)`);
}
