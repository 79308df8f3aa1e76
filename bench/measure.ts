// Timing helpers for the benchmarks: warm up, then take the median of several runs (the machines are shared).
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  /** Wall-clock milliseconds. */
  median: number;
  min: number;
  /**
   * Median CPU milliseconds of the process (every thread, so the collector's helpers too). On a loaded machine
   * wall time also counts the waits for a core; CPU time does not.
   */
  cpuMedian: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One timed call: wall and CPU milliseconds. */
async function once(fn: () => unknown): Promise<Sample> {
  const startCpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(startCpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

interface Sample {
  wall: number;
  cpu: number;
}

function summary(name: string, samples: Sample[]): Timing {
  const walls = samples.map((x) => x.wall);
  return { name, runs: samples.length, median: median(walls), min: Math.min(...walls), cpuMedian: median(samples.map((x) => x.cpu)) };
}

/** Times `fn` (sync or async) `runs` times after `warmup` untimed runs; milliseconds. */
export async function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once(fn));
  return summary(name, samples);
}

export interface Pair {
  a: Timing;
  b: Timing;
  /** Median over the rounds of b's time / a's time in the same round: wall and CPU. */
  ratio: number;
  cpuRatio: number;
}

/**
 * Times two functions in alternating rounds (a, b, then b, a, …) after warming both up, so that a shared
 * machine's drift in load falls on both alike; the ratio is the median of the per-round ratios.
 */
export async function measurePair(
  a: { name: string; fn: () => unknown },
  b: { name: string; fn: () => unknown },
  runs = 7,
  warmup = 2,
): Promise<Pair> {
  for (let i = 0; i < warmup; i++) {
    await a.fn();
    await b.fn();
  }
  const ta: Sample[] = [];
  const tb: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ta.push(await once(a.fn));
      tb.push(await once(b.fn));
    } else {
      tb.push(await once(b.fn));
      ta.push(await once(a.fn));
    }
  }
  return {
    a: summary(a.name, ta),
    b: summary(b.name, tb),
    ratio: median(ta.map((x, i) => tb[i]!.wall / x.wall)),
    cpuRatio: median(ta.map((x, i) => tb[i]!.cpu / x.cpu)),
  };
}

export function printTable(title: string, rows: Timing[]): void {
  console.log(title);
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`| ${'what'.padEnd(width)} | median ms | min ms | median CPU ms |`);
  console.log(`| ${'-'.repeat(width)} | --------: | -----: | ------------: |`);
  for (const r of rows) {
    const cells = [r.median.toFixed(1).padStart(9), r.min.toFixed(1).padStart(6), r.cpuMedian.toFixed(1).padStart(13)];
    console.log(`| ${r.name.padEnd(width)} | ${cells.join(' | ')} |`);
  }
}
