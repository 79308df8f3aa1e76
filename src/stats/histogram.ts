// Distinct values with their counts. Marks, rest scores and totals take few distinct values (sums of a few
// answer fractions), so ranks, medians and sorted pairings come from a small table instead of a sort.

/** A column's distinct values, ascending, with how often each occurs. */
export interface SortedCounts {
  values: Float64Array;
  counts: Int32Array;
}

/** An open-addressing hash of doubles to counts that gives up (overflows) past `limit` distinct values. */
export class DistinctCounter {
  private readonly keys: Float64Array;
  private readonly tally: Int32Array;
  private readonly shift: number;
  private readonly limit: number;
  private size = 0;
  private overflowed = false;

  constructor(limit: number) {
    let log = 4;
    while (1 << log < 2 * limit) log++;
    this.keys = new Float64Array(1 << log);
    this.tally = new Int32Array(1 << log);
    this.shift = 32 - log;
    this.limit = limit;
  }

  reset(): void {
    if (this.size > 0) this.tally.fill(0);
    this.size = 0;
    this.overflowed = false;
  }

  add(value: number): void {
    if (this.overflowed) return;
    const v = value + 0; // -0 and 0 are one value
    let i = bucket(v, this.shift);
    const mask = this.keys.length - 1;
    for (;;) {
      const c = this.tally[i]!;
      if (c === 0) {
        if (this.size === this.limit) {
          this.overflowed = true;
          return;
        }
        this.keys[i] = v;
        this.tally[i] = 1;
        this.size++;
        return;
      }
      if (this.keys[i] === v) {
        this.tally[i] = c + 1;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds a[0, n) with the table in locals (the hot loop); false when the values overflow the limit. */
  addAll(a: Float64Array, n: number): boolean {
    return this.addValues(a, null, n);
  }

  /** Adds a[k] − b[k] for k in [0, n), as addAll would add them from an array of the differences. */
  addDifferences(a: Float64Array, b: Float64Array, n: number): boolean {
    return this.addValues(a, b, n);
  }

  private addValues(a: Float64Array, b: Float64Array | null, n: number): boolean {
    if (this.overflowed) return false;
    const keys = this.keys;
    const tally = this.tally;
    const shift = this.shift;
    const mask = keys.length - 1;
    const limit = this.limit;
    let size = this.size;
    for (let k = 0; k < n; k++) {
      const v = (b === null ? a[k]! : a[k]! - b[k]!) + 0;
      let i = Math.imul((v * 1e7) | 0, 0x9e3779b1) >>> shift;
      for (;;) {
        const c = tally[i]!;
        if (c === 0) {
          if (size === limit) {
            this.size = size;
            this.overflowed = true;
            return false;
          }
          keys[i] = v;
          tally[i] = 1;
          size++;
          break;
        }
        if (keys[i] === v) {
          tally[i] = c + 1;
          break;
        }
        i = (i + 1) & mask;
      }
    }
    this.size = size;
    return true;
  }

  /** The values seen, ascending, with their counts; null when there were more than `limit` of them. */
  sorted(): SortedCounts | null {
    if (this.overflowed) return null;
    const values = new Float64Array(this.size);
    let k = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.tally[i]! > 0) values[k++] = this.keys[i]!;
    values.sort();
    const counts = new Int32Array(this.size);
    for (let j = 0; j < values.length; j++) counts[j] = this.tally[this.slotOf(values[j]!)]!;
    return { values, counts };
  }

  private slotOf(v: number): number {
    let i = bucket(v, this.shift);
    while (this.keys[i] !== v || this.tally[i] === 0) i = (i + 1) & (this.keys.length - 1);
    return i;
  }
}

/**
 * The home bucket of a value: its count of 1e-7 (the marks' precision) wrapped to 32 bits, scrambled. Values
 * closer than 1e-7 share a bucket and are told apart by probing.
 */
function bucket(v: number, shift: number): number {
  return Math.imul((v * 1e7) | 0, 0x9e3779b1) >>> shift;
}

/** Counts the distinct values of a[0, n); null when there are more than `counter`'s limit. */
export function countDistinct(a: Float64Array, n: number, counter: DistinctCounter): SortedCounts | null {
  counter.reset();
  return counter.addAll(a, n) ? counter.sorted() : null;
}

/** Counts the distinct values of a[k] − b[k] over [0, n); null when there are more than `counter`'s limit. */
export function countDistinctDifferences(a: Float64Array, b: Float64Array, n: number, counter: DistinctCounter): SortedCounts | null {
  counter.reset();
  return counter.addDifferences(a, b, n) ? counter.sorted() : null;
}

/**
 * The mean of a column from its distinct values: few products, each rounded once, summed with compensation;
 * exactly the value of a constant column.
 */
export function meanOfCounts(h: SortedCounts): number {
  if (h.values.length === 1) return h.values[0]!;
  let sum = 0;
  let comp = 0;
  let n = 0;
  for (let j = 0; j < h.values.length; j++) {
    const v = h.values[j]! * h.counts[j]!;
    const t = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    n += h.counts[j]!;
  }
  return (sum + comp) / n;
}

/** The value of 0-based rank `rank` in ascending order. */
export function valueAtRank(h: SortedCounts, rank: number): number {
  let seen = 0;
  for (let j = 0; j < h.values.length; j++) {
    seen += h.counts[j]!;
    if (rank < seen) return h.values[j]!;
  }
  throw new RangeError(`rank ${rank} is beyond ${seen} values`);
}

/**
 * Σ (x₍ₖ₎ − cx)(y₍ₖ₎ − cy) over k, where x₍ₖ₎ and y₍ₖ₎ are the k-th smallest values of two columns of equal
 * length given as sorted counts: the runs of equal values are paired off without expanding them.
 */
export function sortedPairingSum(x: SortedCounts, y: SortedCounts, cx: number, cy: number): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  let leftX = x.counts[0] ?? 0;
  let leftY = y.counts[0] ?? 0;
  while (i < x.values.length && j < y.values.length) {
    const m = Math.min(leftX, leftY);
    sum += m * (x.values[i]! - cx) * (y.values[j]! - cy);
    leftX -= m;
    leftY -= m;
    if (leftX === 0 && ++i < x.values.length) leftX = x.counts[i]!;
    if (leftY === 0 && ++j < y.values.length) leftY = y.counts[j]!;
  }
  return sum;
}
