// How Moodle's PHP reads the raw strings of an XML file: numbers and yes/no values.
import { phpEmpty, phpTrim } from '../../model/index.js';

const WS = '[ \\t\\n\\r\\v\\f]*';
const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const NUMERIC = new RegExp(`^${WS}(${NUMBER})${WS}$`);
const LEADING_NUMERIC = new RegExp(`^${WS}(${NUMBER})`);

/**
 * A string as PHP 8 arithmetic reads it: `kind` is 'numeric' for a numeric string, 'leading' for a string
 * that only starts with a number ("50%": PHP warns and uses 50), 'none' when PHP throws a TypeError.
 */
export function phpNumber(raw: string): { kind: 'numeric' | 'leading' | 'none'; value: number } {
  let m = NUMERIC.exec(raw);
  if (m) return { kind: 'numeric', value: Number(m[1]) };
  m = LEADING_NUMERIC.exec(raw);
  if (m) return { kind: 'leading', value: Number(m[1]) };
  return { kind: 'none', value: 0 };
}

/** Moodle's trans_single: false only for `false`, `0` and the empty string (after trim); `False` is true. */
export function transSingle(raw: string): boolean {
  const v = phpTrim(raw);
  return !(v === 'false' || phpEmpty(v));
}

/** A raw 0/1-style option as PHP's `!empty()` reads it (a number is true when it is not 0). */
export function phpTruthy(raw: string): boolean {
  const n = phpNumber(raw);
  if (n.kind === 'numeric') return n.value !== 0;
  return !phpEmpty(raw);
}
