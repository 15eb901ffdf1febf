// PDF speed targets (the "Printed documents" issue), printed by `npm run bench`:
//   - a full appointment packet for one member: under 300 ms median;
//   - 200 packets for a field-session roster: under 30 s, with progress reported.
//   - through the documents service over a stored caseload, as the app and `npm run packet --
//     --db … --member` build it: one packet under 300 ms median; `--roster` of 200 members
//     (each PDF written to a folder) under 30 s, with a progress line.
// Run alone with `npx tsx test/bench/pdf.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { buildPacket, buildRosterPackets } from '../../main/pdf/packet';
import type { DocumentInput } from '../../main/pdf/types';
import { EXAMPLE_NAMES, richInput } from '../main/pdf/fixtures';
import { johnSmith, openTestApp, SMITH_PAY, SMITH_SPOUSE, value } from '../main/caseload-fixture';

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

/** The packet CLI's path: the documents service over an encrypted caseload of 200 members. */
export async function benchPacketService(): Promise<void> {
  const t = openTestApp({ prefix: 'bench-packets-' });
  try {
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) {
      const m = value<{ id: number; version: number }>(
        await t.call('members:create', { member: johnSmith({ memberId: `M${String(300_000 + i)}`, lastName: `Bench${i}`, ssn: `123-45-${String(1000 + i).slice(-4)}` }) }),
      );
      const paid = value<{ id: number; version: number }>(await t.call('pay:set', { memberId: m.id, version: m.version, history: SMITH_PAY }));
      if (i % 2 === 0) value(await t.call('spouse:set', { memberId: paid.id, version: paid.version, spouse: SMITH_SPOUSE }));
      ids.push(m.id);
    }
    const docs = t.services.documents;
    const first = ids[0] as number;
    for (let i = 0; i < 5; i++) await docs.buildForMember({ memberId: first, flatten: true });
    const times: number[] = [];
    let pages = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const r = await docs.buildForMember({ memberId: first, flatten: true });
      times.push(performance.now() - t0);
      pages = r.pageCount;
    }
    console.log('packets through the documents service (npm run packet -- --db, the app)');
    console.log(`  one stored member, flattened (${pages} pages): median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms  (target < 300 ms median)`);
    const outDir = join(t.dir, 'session');
    mkdirSync(outDir);
    const t0 = performance.now();
    let written = 0;
    const r = await docs.batch(
      ids,
      { flatten: true },
      (p) => {
        writeFileSync(join(outDir, p.fileName), p.bytes);
        written++;
      },
      ({ done, total }) => {
        if (done % 50 === 0 || done === total) console.log(`  batch: [${done}/${total}] (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  batch: ${r.built} packets written, ${r.skipped.length} skipped, ${written} files in ${seconds.toFixed(2)} s  (target < 30 s)`);
  } finally {
    t.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchPdf();
  await benchPacketService();
}
