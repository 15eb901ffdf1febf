// A full estimate with net figures (TAX-1, TAX-2): both plans, every option on the default
// actuarial basis, five BackDROP periods each, and a net block on every option. Target < 2 ms median.
import { performance } from 'node:perf_hooks';
import { pricerSource } from '../../shared/actuarial';
import { estimateFromInput } from '../../shared/calc/run';
import type { CaseInput } from '../../shared/domain/case-schema';
import { flatHistory } from '../fixtures/cases';
import { line, median } from './stats';

function netCase(i: number): CaseInput {
  const month = String(1 + (i % 12)).padStart(2, '0');
  return {
    formatVersion: 1,
    asOf: '2026-11-23',
    retirementDate: '2027-07-01',
    member: { birthDate: `1962-${month}-15`, firstEmploymentDate: '1993-03-01' },
    spouse: { birthDate: '1964-06-15' },
    service: { asOf: '2026-10-31', earnedMonths: 400 + (i % 40), sickLeaveHours: 1500 },
    pay: { history: flatHistory('2026-11', `${5000 + (i % 900)}.00`, 72) },
    elections: { federal: { filingStatus: i % 2 ? 'married' : 'single', extraWithholding: '25.00' }, missouri: { monthlyAmount: '40.00' }, premiums: { optionalLife: '18.00', dependentChildLife: true, health: '310.50' } },
  };
}

export function benchNet(): void {
  console.log('estimate with net figures (MSEP member with spouse: both plans, every option, 5 BackDROP periods, a net block on each option)');
  const pricers = pricerSource();
  let nets = 0;
  const run = (c: CaseInput) => {
    const r = estimateFromInput(c, pricers);
    if (!r.ok) throw new Error(r.issues.map((x) => `${x.path}: ${x.message}`).join('; '));
    nets = 0;
    for (const res of r.value.results) {
      for (const o of res.options) if (o.net) nets++;
      for (const p of res.backdrop.periods) for (const o of p.options) if (o.net) nets++;
    }
    if (nets < 50) throw new Error(`expected a net block on every option, got ${nets}`);
  };
  for (let i = 0; i < 24; i++) run(netCase(i)); // each age pair priced once (the board's cache)
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const c = netCase(i);
    const t0 = performance.now();
    run(c);
    times.push(performance.now() - t0);
  }
  line('full estimate with net figures, median', `${median(times).toFixed(3)} ms`, '< 2 ms');
  console.log(`    (${nets} options with a net block in each estimate)`);
}
