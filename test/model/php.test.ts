import { describe, expect, it } from 'vitest';
import { phpFloat, phpIsNumeric, phpNumber, phpTrim } from '../../src/model/index.js';

describe('phpFloat prints numbers as PHP 8 does (precision 14)', () => {
  it.each([
    [0.1428571 * 100, '14.28571'],
    [0.1 * 100, '10'],
    [0.3333333 * 100, '33.33333'],
    [(1 / 3) * 100, '33.333333333333'],
    [-0.25 * 100, '-25'],
    [0.9 * 100, '90'],
    [1, '1'],
    [0.00001, '1.0E-5'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5E-7'],
    [1e25, '1.0E+25'],
    [12345678901234, '12345678901234'],
    [123456789012345, '1.2345678901234E+14'],
    [3.1414999999999997, '3.1415'],
    [0.000500000000000167, '0.00050000000000017'],
    [0, '0'],
    [-0, '-0'],
  ])('%s → %s', (x, printed) => {
    expect(phpFloat(x)).toBe(printed);
  });
});

describe('phpTrim strips only PHP whitespace', () => {
  it('keeps NBSP, which String#trim would drop', () => {
    expect(phpTrim('\u00a0 x \t\n')).toBe('\u00a0 x');
    expect(phpTrim('\0\x0Bx\r')).toBe('x');
  });
});

describe('phpIsNumeric', () => {
  it.each([
    ['1', true],
    [' 1.5 ', true],
    ['-.5e3', true],
    ['1.', true],
    ['1,5', false],
    ['0x1A', false],
    ['', false],
    ['abc', false],
  ])('%j → %s', (s, numeric) => {
    expect(phpIsNumeric(s)).toBe(numeric);
  });
});

describe('phpNumber reads a string as PHP 8 arithmetic does (values checked with PHP 8.2)', () => {
  it.each([
    ['5', { value: 5, integer: true, whole: true }],
    [' 2.5 ', { value: 2.5, integer: false, whole: true }],
    ['50%', { value: 50, integer: true, whole: false }],
    ['1,5', { value: 1, integer: true, whole: false }],
    ['0x1A', { value: 0, integer: true, whole: false }],
    ['.5e1', { value: 5, integer: false, whole: true }],
  ])('%j → %o', (s, expected) => {
    expect(phpNumber(s)).toEqual(expected);
  });

  it('is null where PHP 8 throws a TypeError', () => {
    expect(phpNumber('abc')).toBeNull();
    expect(phpNumber('')).toBeNull();
  });

  // var_export("-0" + 0) is int 0; "-0.0" / 100 and "-0e0" / 100 print "-0".
  it('"-0" is the int 0; "-0.0" and "-0e0" are the float -0', () => {
    expect(Object.is(phpNumber('-0')!.value, 0)).toBe(true);
    expect(Object.is(phpNumber('-0.0')!.value, -0)).toBe(true);
    expect(Object.is(phpNumber('-0e0')!.value, -0)).toBe(true);
    expect(phpFloat(phpNumber('-0.0')!.value / 100)).toBe('-0');
    expect(phpFloat(phpNumber('-0')!.value / 100)).toBe('0');
  });
});
