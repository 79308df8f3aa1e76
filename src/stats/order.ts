// Order statistics without full sorts: the report needs medians, cut-off scores and sums over rank ranges
// (for CovMax), which selection gives in linear expected time even for a million values.

/**
 * Rearranges a[lo, hi) so that a[k] holds the value it would hold if that range were sorted, every value
 * before it is ≤ it and every value after it is ≥ it (introselect: ninther pivot, three-way partition,
 * a full sort of the range if partitioning degenerates).
 */
export function selectNth(a: Float64Array, k: number, lo = 0, hi = a.length): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 1)) + 8;
  while (hi - lo > 16) {
    if (budget-- === 0) {
      a.subarray(lo, hi).sort();
      return;
    }
    const pivot = ninther(a, lo, hi);
    // Three-way partition: [lo, lt) < pivot, [lt, gt) = pivot, [gt, hi) > pivot.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i < gt) {
      const v = a[i]!;
      if (v < pivot) {
        a[i++] = a[lt]!;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[--gt]!;
        a[gt] = v;
      } else {
        i++;
      }
    }
    if (k < lt) hi = lt;
    else if (k >= gt) lo = gt;
    else return;
  }
  insertionSort(a, lo, hi);
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function median3(x: number, y: number, z: number): number {
  if (x < y) return y < z ? y : x < z ? z : x;
  return x < z ? x : y < z ? z : y;
}

/** Tukey's ninther of nine evenly spaced values of a[lo, hi). */
function ninther(a: Float64Array, lo: number, hi: number): number {
  const step = Math.floor((hi - lo) / 9);
  const m = (i: number) => a[lo + i * step]!;
  return median3(median3(m(0), m(1), m(2)), median3(m(3), m(4), m(5)), median3(m(6), m(7), m(8)));
}

/**
 * Sums of `values[i] - center` over consecutive rank ranges: with `ends` ascending (the last one = n), range g
 * holds the values of rank ends[g-1] .. ends[g]-1 in ascending order. `values` is rearranged.
 */
export function rankRangeSums(values: Float64Array, n: number, ends: readonly number[], center: number): Float64Array {
  partitionAt(values, ends, 0, ends.length - 1, 0, n);
  const sums = new Float64Array(ends.length);
  let start = 0;
  for (let g = 0; g < ends.length; g++) {
    let s = 0;
    const end = ends[g]!;
    for (let i = start; i < end; i++) s += values[i]! - center;
    sums[g] = s;
    start = end;
  }
  return sums;
}

/** Places every boundary ends[gLo..gHi) (all inside (lo, hi)) by recursive selection. */
function partitionAt(a: Float64Array, ends: readonly number[], gLo: number, gHi: number, lo: number, hi: number): void {
  if (gLo >= gHi) return;
  const mid = (gLo + gHi) >>> 1;
  const k = ends[mid]!;
  // Range mid ends before k: a[k] must be the first value of the next range, and everything before it smaller.
  if (k > lo && k < hi) selectNth(a, k, lo, hi);
  partitionAt(a, ends, gLo, mid, lo, k);
  partitionAt(a, ends, mid + 1, gHi, k, hi);
}

/** The median of a[0, n) (mean of the two middle values for even n); rearranges a. */
export function medianOf(a: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const upper = n >> 1;
  selectNth(a, upper, 0, n);
  if (n % 2 === 1) return a[upper]!;
  let lowerValue = -Infinity;
  for (let i = 0; i < upper; i++) if (a[i]! > lowerValue) lowerValue = a[i]!;
  return (lowerValue + a[upper]!) / 2;
}
