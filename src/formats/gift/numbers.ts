// Numbers as PHP reads and prints them: the arithmetic on numeric strings in a numerical range, and float
// printing with precision 14 (with a fast path for the common case).
import { phpFloat } from '../../model/index.js';

const PLAIN_DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

/**
 * phpFloat(x), faster: when JavaScript's shortest form of x has at most 14 significant digits and PHP would not
 * use an exponent (1e-4 ≤ |x| < 1e14), it is exactly PHP's correctly rounded 14-digit form.
 */
export function printFloat(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e14) {
    const s = String(x);
    const m = PLAIN_DECIMAL.exec(s);
    if (m) {
      const digits = (m[1]! + (m[2] ?? '')).replace(/^0+/, '').length;
      if (digits <= 14) return s;
    }
  }
  return phpFloat(x);
}

const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const ONLY_SPACE = /^[ \t\n\r\v\f]*$/;

/** A PHP string used in arithmetic: its value, whether PHP treats it as an int, and whether all of it is a number. */
export function phpNumber(s: string): { value: number; integer: boolean; whole: boolean } | null {
  const m = NUMERIC_PREFIX.exec(s);
  if (!m) return null;
  const whole = ONLY_SPACE.test(s.slice(m[0].length));
  const value = Number(m[0]) + 0;
  return { value, integer: !m[1]!.includes('.') && m[3] === undefined && Number.isSafeInteger(value), whole };
}

/** A number as Moodle stores it in a text column (PHP's string conversion). */
export function storedNumber(value: number, integer: boolean): string {
  return integer ? String(value + 0) : printFloat(value);
}

