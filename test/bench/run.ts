// `npm run bench`: speed targets, with the figures printed (not timed unit tests).
import { performance } from 'node:perf_hooks';
import { estimateFromInput } from '../../shared/calc/run';
import type { CaseInput } from '../../shared/domain/case-schema';
import { flatHistory, NO_PRICER } from '../fixtures/cases';
import { benchBackup } from './backup';
import { benchCaseload } from './caseload';
import { benchEncryption } from './encryption';
import { benchNet } from './net';
import { benchOptions } from './options';
import { benchPacketService, benchPdf } from './pdf';
import { benchUi } from './ui';
import { median } from './stats';

function msepCase(i: number): CaseInput {
  // An MSEP member (both plans) with F about seven years before R: all five BackDROP periods.
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  return {
    formatVersion: 1,
    asOf: '2026-11-23',
    retirementDate: '2027-07-01',
    member: { birthDate: `1962-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, firstEmploymentDate: '1993-03-01', lastDayWorked: null, plan: null },
    spouse: { birthDate: '1964-06-15' },
    service: { asOf: '2026-10-31', earnedMonths: 400 + (i % 40), purchasedMonths: 0, transferredMonths: 0, sickLeaveHours: 1500 + i },
    pay: { finalAveragePay: null, history: flatHistory('2026-11', `${5000 + (i % 900)}.00`, 72) },
    colaAssumption: '0.02',
  };
}


function run(c: CaseInput): void {
  const r = estimateFromInput(c, NO_PRICER);
  if (!r.ok) throw new Error(r.issues.map((x) => `${x.path}: ${x.message}`).join('; '));
  const periods = r.value.results.reduce((n, res) => n + res.backdrop.periods.length, 0);
  if (r.value.results.length !== 2 || periods !== 10) throw new Error(`bench case is not an MSEP member with all BackDROP periods (${periods})`);
}

function benchEstimate(): void {
  for (let i = 0; i < 200; i++) run(msepCase(i));
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const c = msepCase(i);
    const t0 = performance.now();
    run(c);
    times.push(performance.now() - t0);
  }
  const cases = Array.from({ length: 10_000 }, (_, i) => msepCase(i));
  const t0 = performance.now();
  for (const c of cases) run(c);
  const batch = (performance.now() - t0) / 1000;
  console.log('estimate (MSEP member: both plans, 5 BackDROP periods each, no actuarial options)');
  console.log(`  single: median ${median(times).toFixed(3)} ms, p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!.toFixed(3)} ms  (target < 2 ms median)`);
  console.log(`  batch:  10,000 estimates in ${batch.toFixed(2)} s  (target < 10 s)`);
}

// `npm run bench -- net` runs only the net-figures bench.
if (process.argv[2] === 'net') {
  benchNet();
} else {
  benchEstimate();
  benchOptions();
  benchNet();
  benchCaseload();
  benchBackup();
  await benchEncryption();
  await benchPdf();
  await benchPacketService();
  await benchUi();
}
