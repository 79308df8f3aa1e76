// The order statistics behind medians, cut-off scores and CovMax, against a full sort.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countDistinct, DistinctCounter, sortedPairingSum, valueAtRank } from '../../src/stats/histogram.js';
import { medianOf, rankRangeSums, selectNth } from '../../src/stats/order.js';

const values = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), {
  minLength: 1,
  maxLength: 300,
});

describe('selectNth', () => {
  it('puts the k-th smallest value at k, smaller before, larger after', () => {
    fc.assert(
      fc.property(values, fc.nat(), (list, seed) => {
        const a = Float64Array.from(list);
        const k = seed % a.length;
        const sorted = Float64Array.from(list).sort();
        selectNth(a, k);
        expect(a[k]! + 0).toBe(sorted[k]! + 0); // -0 and 0 are one value here
        for (let i = 0; i < k; i++) expect(a[i]! <= a[k]!).toBe(true);
        for (let i = k + 1; i < a.length; i++) expect(a[i]! >= a[k]!).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('handles sorted, reversed and constant runs of many values', () => {
    for (const make of [(i: number) => i, (i: number) => -i, () => 7, (i: number) => i % 3]) {
      const a = Float64Array.from({ length: 5000 }, (_, i) => make(i));
      const sorted = a.slice().sort();
      selectNth(a, 1234);
      expect(a[1234]).toBe(sorted[1234]);
    }
  });
});

describe('rankRangeSums and medianOf', () => {
  it('sum each rank range as a full sort would', () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 5 }), (list, cuts) => {
        const n = list.length;
        const ends = [...new Set(cuts.map((c) => c % n))].sort((x, y) => x - y).concat(n);
        const sorted = Float64Array.from(list).sort();
        const sums = rankRangeSums(Float64Array.from(list), n, ends, 1.5);
        let start = 0;
        ends.forEach((end, g) => {
          let s = 0;
          for (let i = start; i < end; i++) s += sorted[i]! - 1.5;
          expect(sums[g]).toBeCloseTo(s, 6);
          start = end;
        });
        const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        // + 0 makes -0 and 0 one value: a median of zeros may come out with either sign.
        expect(medianOf(Float64Array.from(list), n) + 0).toBe(median + 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe('DistinctCounter', () => {
  it('counts distinct values, -0 and 0 as one, and gives up past its limit', () => {
    const counter = new DistinctCounter(4);
    const counts = countDistinct(Float64Array.from([3, -0, 0, 1.5, 3, 1.5000001, 3]), 7, counter)!;
    expect(Array.from(counts.values)).toEqual([0, 1.5, 1.5000001, 3]);
    expect(Array.from(counts.counts)).toEqual([2, 1, 1, 3]);
    expect(valueAtRank(counts, 0)).toBe(0);
    expect(valueAtRank(counts, 2)).toBe(1.5);
    expect(valueAtRank(counts, 6)).toBe(3);
    expect(countDistinct(Float64Array.from([1, 2, 3, 4, 5]), 5, counter)).toBeNull();
    // Reusable after an overflow.
    expect(countDistinct(Float64Array.from([2, 2]), 2, counter)!.counts[0]).toBe(2);
  });

  it('pairs sorted runs as a sort of both columns would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const x = Float64Array.from(pairs, (p) => p[0] / 2);
        const y = Float64Array.from(pairs, (p) => p[1] * 1.25);
        const counter = new DistinctCounter(64);
        const hx = countDistinct(x, x.length, counter)!;
        const hy = countDistinct(y, y.length, counter)!;
        const sx = x.slice().sort();
        const sy = y.slice().sort();
        let expected = 0;
        for (let i = 0; i < sx.length; i++) expected += (sx[i]! - 1) * (sy[i]! + 0.5);
        expect(sortedPairingSum(hx, hy, 1, -0.5)).toBeCloseTo(expected, 9);
      }),
      { numRuns: 200 },
    );
  });
});
