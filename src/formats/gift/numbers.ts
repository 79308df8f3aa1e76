// Numbers as PHP reads and prints them: the arithmetic on numeric strings in a numerical range.
import { phpFloat } from '../../model/index.js';

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
  return integer ? String(value + 0) : phpFloat(value);
}

