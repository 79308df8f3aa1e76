// Small re-implementations of PHP behaviour that Moodle's formats and grading depend on.

/** PHP trim()'s default characters, by code: space, tab, LF, CR, NUL, vertical tab (not NBSP, unlike String#trim). */
export function isPhpTrimChar(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0 || c === 11;
}

/** PHP trim(), by character codes: it runs on every text field of every import. */
export function phpTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPhpTrimChar(s.charCodeAt(start))) start++;
  while (end > start && isPhpTrimChar(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** PHP rtrim() with the default character set. */
export function phpRtrim(s: string): string {
  let end = s.length;
  while (end > 0 && isPhpTrimChar(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** PHP empty() on a string: '' and '0' are empty. */
export function phpEmpty(s: string | null | undefined): boolean {
  return s === undefined || s === null || s === '' || s === '0';
}

/**
 * A float as PHP 8 prints it with its default precision of 14 significant digits:
 * `0.1428571 * 100` → `14.28571`, `1e-5` → `1.0E-5`, `1e25` → `1.0E+25`, `-0.0` → `-0`.
 */
export function phpFloat(x: number): string {
  if (Number.isNaN(x)) return 'NAN';
  if (!Number.isFinite(x)) return x > 0 ? 'INF' : '-INF';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const abs = Math.abs(x);
  // Marks and grades are mostly whole numbers, which PHP prints as JavaScript does below 10^14.
  if (abs < 1e14 && Number.isInteger(x)) return String(x);
  if (abs >= 1e-4 && abs < 1e14) {
    // Fast path: JavaScript's shortest form is PHP's whenever it has at most 14 significant digits.
    const shortest = String(x);
    if (significantDigits(shortest) <= 14) return shortest;
  }
  const [mantissa, expText] = roundTo14(x).split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 14) {
    let m = mantissa.replace(/0+$/, '');
    if (m.endsWith('.')) m += '0';
    return `${m}E${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  return String(Number(`${mantissa}e${expText}`));
}

/** Digits of a plain decimal numeral, leading zeros aside (trailing zeros count: a safe over-estimate). */
function significantDigits(numeral: string): number {
  let count = 0;
  let leading = true;
  for (let i = 0; i < numeral.length; i++) {
    const c = numeral.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (leading && c === 48) continue;
    leading = false;
    count++;
  }
  return count;
}

/**
 * x.toExponential(13), except that an exact tie is rounded half to even as PHP's dtoa does
 * (JavaScript rounds ties away from zero).
 */
function roundTo14(x: number): string {
  const rounded = x.toExponential(13);
  const exact = Math.abs(x).toExponential(99); // exact: a double's expansion never reaches this far
  const digits = exact.slice(0, exact.indexOf('e')).replace('.', '');
  if (digits[14] !== '5' || !/^0*$/.test(digits.slice(15))) return rounded;
  const lastKept = Number(digits[13]);
  if (lastKept % 2 === 1) return rounded; // rounding up makes it even
  const truncated = `${digits[0]}.${digits.slice(1, 14)}`;
  return `${x < 0 ? '-' : ''}${truncated}${exact.slice(exact.indexOf('e'))}`;
}

const PHP_NUMERIC = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;

/** PHP 8 is_numeric() on a string: optional surrounding whitespace, sign, decimal digits, optional exponent. */
export function phpIsNumeric(s: string): boolean {
  return PHP_NUMERIC.test(s);
}

const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const ONLY_SPACE = /^[ \t\n\r\v\f]*$/;

/**
 * A string as PHP 8 arithmetic reads it: its value, whether PHP takes it as an int, and whether all of it is the
 * number (`whole`; "50%" only starts with one: PHP warns and uses 50). Null when PHP throws a TypeError ("abc", "").
 */
export function phpNumber(s: string): { value: number; integer: boolean; whole: boolean } | null {
  const m = NUMERIC_PREFIX.exec(s);
  if (!m) return null;
  const whole = ONLY_SPACE.test(s.slice(m[0].length));
  const intLike = !m[1]!.includes('.') && m[3] === undefined;
  const parsed = Number(m[0]);
  // "-0" is PHP's int 0, but "-0.0" and "-0e0" are the float -0.0 (printed "-0").
  const value = intLike ? parsed + 0 : parsed;
  return { value, integer: intLike && Number.isSafeInteger(value), whole };
}
