// Marks as Moodle's statistics read them: the database multiplies the 7-decimal stored fraction by the
// 7-decimal slot maxmark exactly (SQL `fraction * maxmark`), and PHP receives the nearest double.
import { unpack } from './columns.js';
import type { NumberColumn } from './types.js';

const SCALE = 1e7;
const EXACT_PRODUCT_LIMIT = 2 ** 53;

/** A value as Moodle stores it in a NUMBER(12,7) column, as an integer count of 1e-7 (half away from zero). */
export function sevenDecimalUnits(x: number): number {
  let scaled = Math.abs(x) * SCALE;
  // Near a half, x * 1e7 may land a hair off the decimal value it stands for: 15 significant digits settle it.
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) scaled = Number(scaled.toPrecision(15));
  const units = Math.round(scaled);
  return x < 0 ? -units : units;
}

/** The value a NUMBER(12,7) column holds for x. */
export function sevenDecimals(x: number): number {
  return sevenDecimalUnits(x) / SCALE;
}

/**
 * Writes the marks of one slot at `rows` into `out` (and adds them to `totals` when given): 0 for a null (NaN)
 * fraction, else the double nearest to (fraction rounded to 7 decimals) × (maxMark rounded to 7 decimals).
 */
export function slotMarks(
  fractions: NumberColumn,
  maxMark: number,
  rows: Int32Array,
  out: Float64Array,
  totals?: Float64Array,
): void {
  const mark = markFunction(maxMark);
  const { codes, values, raw } = unpack(fractions);
  if (codes !== null) {
    // A coded column: each distinct fraction's mark once; NaN in the table marks a fraction that is not a number.
    const table = Float64Array.from(values, (f) => (Number.isNaN(f) ? 0 : Number.isFinite(f) ? mark(f) : NaN));
    for (let r = 0; r < rows.length; r++) {
      const code = codes[rows[r]!]!;
      const m = table[code];
      if (m === undefined || Number.isNaN(m)) throw badFraction(values[code], rows[r]!);
      out[r] = m;
    }
  } else {
    // A column repeats a handful of fractions: a small direct-mapped cache keyed by the fraction's bits.
    const cachedFraction = new Float64Array(CACHE_SIZE).fill(NaN);
    const cachedMark = new Float64Array(CACHE_SIZE);
    for (let r = 0; r < rows.length; r++) {
      const f = raw[rows[r]!]!;
      if (Number.isNaN(f)) {
        out[r] = 0;
        continue;
      }
      const slot = Math.imul((f * 1e7) | 0, 0x9e3779b1) >>> (32 - CACHE_BITS);
      if (cachedFraction[slot] === f) {
        out[r] = cachedMark[slot]!;
        continue;
      }
      if (!Number.isFinite(f)) throw badFraction(f, rows[r]!);
      const m = mark(f);
      cachedFraction[slot] = f;
      cachedMark[slot] = m;
      out[r] = m;
    }
  }
  if (totals !== undefined) for (let r = 0; r < rows.length; r++) totals[r]! += out[r]!;
}

/** The mark of a finite fraction on a slot of this max mark. */
function markFunction(maxMark: number): (f: number) => number {
  const m = sevenDecimalUnits(maxMark);
  const exactLimit = m === 0 ? Infinity : EXACT_PRODUCT_LIMIT / Math.abs(m);
  return (f) => {
    const units = sevenDecimalUnits(f);
    // An exact integer product divided once by 1e14 is the correctly rounded decimal product.
    return Math.abs(units) <= exactLimit ? (units * m) / 1e14 : (units / SCALE) * (m / SCALE);
  };
}

function badFraction(f: number | undefined, attempt: number): RangeError {
  return new RangeError(
    f === undefined ? `the fraction code of attempt ${attempt} has no value` : `fraction ${f} of attempt ${attempt} is not a number`,
  );
}

const CACHE_BITS = 6;
const CACHE_SIZE = 1 << CACHE_BITS;
