// Marks as Moodle's statistics read them: the database multiplies the 7-decimal stored fraction by the
// 7-decimal slot maxmark exactly (SQL `fraction * maxmark`), and PHP receives the nearest double.

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
 * Computes marks for one slot into `out` and adds them to `totals`: 0 for a null (NaN) fraction, else the
 * double nearest to (fraction rounded to 7 decimals) × (maxMark rounded to 7 decimals).
 */
export function slotMarks(
  fractions: Float64Array,
  maxMark: number,
  rows: Int32Array,
  out: Float64Array,
  totals: Float64Array,
): void {
  const m = sevenDecimalUnits(maxMark);
  const exactLimit = m === 0 ? Infinity : EXACT_PRODUCT_LIMIT / Math.abs(m);
  // A column repeats a handful of fractions: a small direct-mapped cache keyed by the fraction's bits.
  const cachedFraction = new Float64Array(CACHE_SIZE).fill(NaN);
  const cachedMark = new Float64Array(CACHE_SIZE);
  for (let r = 0; r < rows.length; r++) {
    const f = fractions[rows[r]!]!;
    if (Number.isNaN(f)) {
      out[r] = 0;
      continue;
    }
    const slot = Math.imul((f * 1e7) | 0, 0x9e3779b1) >>> (32 - CACHE_BITS);
    if (cachedFraction[slot] === f) {
      const cached = cachedMark[slot]!;
      out[r] = cached;
      totals[r]! += cached;
      continue;
    }
    if (!Number.isFinite(f)) throw new RangeError(`fraction ${f} of attempt ${rows[r]} is not a number`);
    const units = sevenDecimalUnits(f);
    // An exact integer product divided once by 1e14 is the correctly rounded decimal product.
    const mark = Math.abs(units) <= exactLimit ? (units * m) / 1e14 : (units / SCALE) * (m / SCALE);
    cachedFraction[slot] = f;
    cachedMark[slot] = mark;
    out[r] = mark;
    totals[r]! += mark;
  }
}

const CACHE_BITS = 6;
const CACHE_SIZE = 1 << CACHE_BITS;
