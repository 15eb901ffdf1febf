// Crash safety: a writer killed with SIGKILL at random moments, 100 times (FAULT_KILLS to change
// it, FAULT_SEED to repeat a run); after each kill the caseload opens, passes integrity_check and
// holds only whole transactions, none lost. The figures are printed; `npm run test:faults` runs
// the same loop on its own (run.ts).
import { expect, it } from 'vitest';
import { describeReport, runKillLoop } from './kill-loop';

const KILLS = Number(process.env.FAULT_KILLS ?? 100);

it(`a writer killed ${KILLS} times leaves a caseload that opens whole every time`, { timeout: 300_000 }, async () => {
  const report = await runKillLoop({ kills: KILLS, seed: process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined });
  for (const line of describeReport(report)) console.log(line);
  expect(report.kills).toBe(KILLS);
  // The loop did kill writers mid-flight: transactions were committed between kills.
  expect(report.generations).toBeGreaterThan(KILLS);
});
