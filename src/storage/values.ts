// Conversions between model values and what the columns hold.

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * Rounds half away from zero at `places` decimals of the number's shortest decimal form, the way a
 * DECIMAL column rounds the value PHP sends it (1.000005 → 1.00001, where binary arithmetic gives 1.0).
 */
export function roundDecimal(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  // Most values already have no more decimals (1, 0.5, a fraction rounded before): when x·10^places is a whole
  // number that gives x back, x is the nearest double to that decimal, which is what the text route returns.
  const scale = POWERS_OF_TEN[places];
  if (scale !== undefined) {
    const scaled = x * scale;
    if (Number.isInteger(scaled) && scaled / scale === x) return x === 0 ? 0 : x;
  }
  const text = String(Math.abs(x));
  const [mantissa, exponent = '0'] = text.split('e') as [string, string?];
  const shifted = Math.round(Number(`${mantissa}e${Number(exponent) + places}`));
  const rounded = Number(`${shifted}e-${places}`);
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** Moodle's NUMBER(10,5) columns (attempt sumgrades, quiz grade). */
export function round5(x: number | null): number | null {
  return x === null ? null : roundDecimal(x, 5);
}

/** Moodle's NUMBER(12,7) columns (slot maxmark). */
export function round7(x: number): number {
  return roundDecimal(x, 7);
}

// Blobs are little-endian whatever the host, so a database file moves between machines unchanged.

export function float64Blob(values: Float64Array): Buffer {
  const blob = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) blob.writeDoubleLE(values[i]!, i * 8);
  return blob;
}

export function int16Blob(values: Int16Array): Buffer {
  const blob = Buffer.allocUnsafe(values.length * 2);
  for (let i = 0; i < values.length; i++) blob.writeInt16LE(values[i]!, i * 2);
  return blob;
}

export function float64FromBlob(blob: Buffer): Float64Array {
  const values = new Float64Array(blob.length >> 3);
  for (let i = 0; i < values.length; i++) values[i] = blob.readDoubleLE(i * 8);
  return values;
}

export function int16FromBlob(blob: Buffer): Int16Array {
  const values = new Int16Array(blob.length >> 1);
  for (let i = 0; i < values.length; i++) values[i] = blob.readInt16LE(i * 2);
  return values;
}

/** The current time as stored. */
export function isoNow(): string {
  return new Date().toISOString();
}
