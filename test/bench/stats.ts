import { performance } from 'node:perf_hooks';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length * 0.95)] ?? Number.NaN;
}

/** Time `fn` once per input; returns milliseconds per call. */
export function timeEach<T>(inputs: T[], fn: (x: T) => void): number[] {
  return inputs.map((x) => {
    const t0 = performance.now();
    fn(x);
    return performance.now() - t0;
  });
}

export function line(label: string, value: string, target: string): void {
  console.log(`  ${label.padEnd(44)} ${value.padStart(12)}   (target ${target})`);
}
