// Timing helpers for the benchmarks: warm up, then take the median of several runs (the machines are shared).
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  median: number;
  min: number;
}

/** Times `fn` (sync or async) `runs` times after `warmup` untimed runs; milliseconds. */
export async function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, runs, median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}

export function printTable(title: string, rows: Timing[]): void {
  console.log(title);
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`| ${'what'.padEnd(width)} | median ms | min ms |`);
  console.log(`| ${'-'.repeat(width)} | --------: | -----: |`);
  for (const r of rows) {
    console.log(`| ${r.name.padEnd(width)} | ${r.median.toFixed(1).padStart(9)} | ${r.min.toFixed(1).padStart(6)} |`);
  }
}
