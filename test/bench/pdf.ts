// PDF speed targets (the "Printed documents" issue), printed by `npm run bench`:
//   - a full appointment packet for one member: under 300 ms median;
//   - 200 packets for a field-session roster: under 30 s, with progress reported.
// Run alone with `npx tsx test/bench/pdf.ts`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildPacket, buildRosterPackets } from '../../main/pdf/packet';
import type { DocumentInput } from '../../main/pdf/types';
import { EXAMPLE_NAMES, richInput } from '../main/pdf/fixtures';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)] ?? Number.NaN;
}

/** A roster: the example cases in turn, each member with every form open and a name of their own. */
function roster(count: number): DocumentInput[] {
  const base = EXAMPLE_NAMES.map((name) => richInput(name));
  return Array.from({ length: count }, (_, i) => {
    const input = base[i % base.length] as DocumentInput;
    return {
      ...input,
      member: { ...input.member, fullName: `Member ${i + 1} ${input.member.lastName}`, memberId: `M${String(1_000_000 + i)}`, process: null },
    };
  });
}

export async function benchPdf(): Promise<void> {
  const one = richInput('msep-both-plans'); // the largest packet: two plans, BackDROP, every form
  one.member.process = null;
  for (let i = 0; i < 5; i++) await buildPacket(one, { flatten: true });

  const results: string[] = [];
  for (const flatten of [true, false]) {
    const times: number[] = [];
    let pages = 0;
    const runs = 40;
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await buildPacket(one, { flatten });
      times.push(performance.now() - t0);
      pages = r.pageCount;
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
    results.push(
      `  one member, ${flatten ? 'flattened' : 'fillable'} (${pages} pages): median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms, CPU ${cpuMs.toFixed(1)} ms a packet  (target < 300 ms median)`,
    );
  }
  console.log('pdf packets (cover, estimate, election form and every Step 1/Step 2 form)');
  for (const line of results) console.log(line);

  const inputs = roster(200);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  const packets = await buildRosterPackets(
    inputs,
    ({ done, total }) => {
      if (done % 20 === 0 || done === total) console.log(`  roster: ${done}/${total} packets (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    },
    { flatten: true },
  );
  for (const p of packets) bytes += p.bytes.length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `  roster: 200 packets, ${packets.reduce((n, p) => n + p.pageCount, 0)} pages, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s  (target < 30 s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchPdf();
}
