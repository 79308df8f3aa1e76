// How Moodle's PHP reads the raw yes/no values of an XML file.
import { phpEmpty, phpNumber, phpTrim } from '../../model/index.js';

/** Moodle's trans_single: false only for `false`, `0` and the empty string (after trim); `False` is true. */
export function transSingle(raw: string): boolean {
  const v = phpTrim(raw);
  return !(v === 'false' || phpEmpty(v));
}

/** A raw 0/1-style option as PHP's `!empty()` reads it (a number is true when it is not 0). */
export function phpTruthy(raw: string): boolean {
  const n = phpNumber(raw);
  if (n !== null && n.whole) return n.value !== 0;
  return !phpEmpty(raw);
}
