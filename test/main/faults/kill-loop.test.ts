// Crash safety: a writer killed with SIGKILL at random moments, 100 times (FAULT_KILLS to change
// it, FAULT_SEED to repeat a run); after each kill the caseload opens, passes integrity_check and
// holds only whole transactions, none lost. The figures are printed; `npm run test:faults` runs
// the same loop on its own (run.ts).
import { expect, it } from 'vitest';
import { buildPowerCutShim, describeReport, runKillLoop } from './kill-loop';

const KILLS = Number(process.env.FAULT_KILLS ?? 100);

it(`a writer killed ${KILLS} times leaves a caseload that opens whole every time`, { timeout: 300_000 }, async () => {
  const report = await runKillLoop({ kills: KILLS, seed: process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined });
  for (const line of describeReport(report)) console.log(line);
  expect(report.kills).toBe(KILLS);
  // The loop did kill writers mid-flight: transactions were committed between kills.
  expect(report.generations).toBeGreaterThan(KILLS);
});

const POWER_CUTS = Number(process.env.FAULT_POWER_CUTS ?? 30);
const shim = buildPowerCutShim();

// A SIGKILL alone loses nothing the process wrote (the kernel keeps it), so it cannot tell
// synchronous = FULL from OFF. Here each kill is a power cut as well (powercut.c): every file goes
// back to what it last synced. On an encrypted caseload, as the workstation keeps it.
it.skipIf(!shim.path)(`an encrypted caseload keeps exactly the acknowledged transactions through ${POWER_CUTS} power cuts${shim.why ? ` (skipped: ${shim.why})` : ''}`, { timeout: 300_000 }, async () => {
  const report = await runKillLoop({ kills: POWER_CUTS, encrypted: true, powerCutShim: shim.path, seed: process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined });
  for (const line of describeReport(report)) console.log(line);
  expect(report.kills).toBe(POWER_CUTS);
  expect(report.generations).toBeGreaterThan(POWER_CUTS / 2);
});
