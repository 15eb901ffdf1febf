// `npm run test:faults`: the kill loop on its own, with its figures (FAULT_KILLS, FAULT_SEED).
import { describeReport, runKillLoop } from './kill-loop';

const kills = Number(process.env.FAULT_KILLS ?? 100);
const report = await runKillLoop({ kills, seed: process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : undefined, log: (l) => console.log(l) });
for (const line of describeReport(report)) console.log(line);
