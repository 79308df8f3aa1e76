// PHP's printing of floats (precision 14), with a fast path for the common case.
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
