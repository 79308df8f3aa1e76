// Marks as Moodle's statistics read them: the database's exact product of 7-decimal values.
import { describe, expect, it } from 'vitest';
import { sevenDecimals } from '../../src/stats/index.js';
import { slotMarks } from '../../src/stats/marks.js';

function marksOf(fractions: number[], maxMark: number): number[] {
  const rows = Int32Array.from(fractions, (_, i) => i);
  const out = new Float64Array(fractions.length);
  const totals = new Float64Array(fractions.length);
  slotMarks(Float64Array.from(fractions), maxMark, rows, out, totals);
  expect(Array.from(totals)).toEqual(Array.from(out));
  return Array.from(out);
}

describe('marks', () => {
  it('store fractions to 7 decimals, half away from zero', () => {
    expect(sevenDecimals(0.9999998999999999)).toBe(0.9999999);
    expect(sevenDecimals(0.33333335)).toBe(0.3333334);
    expect(sevenDecimals(-0.33333335)).toBe(-0.3333334);
    expect(sevenDecimals(1 / 3)).toBe(0.3333333);
  });

  it('are the exact decimal products, where plain doubles are off by a bit', () => {
    expect(0.3333333 * 3).not.toBe(0.9999999);
    expect(0.1 * 3).not.toBe(0.3);
    expect(marksOf([0.3333333, 0.1, 0.1428571], 3)).toEqual([0.9999999, 0.3, 0.4285713]);
    expect(marksOf([0.1428571], 7)).toEqual([0.9999997]);
    // A sum of three 7-decimal thirds, as grading may hand it over, is stored as 0.9999999.
    expect(marksOf([0.3333333 + 0.3333333 + 0.3333333], 1)).toEqual([0.9999999]);
  });

  it('count a null fraction as 0 and reject a non-number', () => {
    expect(marksOf([NaN, -0.5, 1], 2)).toEqual([0, -1, 2]);
    expect(() => marksOf([Infinity], 1)).toThrow(RangeError);
  });
});
