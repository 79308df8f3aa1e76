import { describe, expect, it } from 'vitest';
import { gradeResponse, readMoodleNumber, toleranceInterval } from '../../src/grading/index.js';
import type { NumericalUnit } from '../../src/model/index.js';
import { numAnswer, numerical } from './build.js';

describe('readMoodleNumber reads a response as Moodle does', () => {
  it.each<[string, number | null, string]>([
    ['12528', 12528, ''],
    ['12 528', 12528, ''], // ASCII spaces are removed: they may be thousands separators
    ['12527,83', 12527.83, ''], // a single comma without a point is the decimal point
    ['12,528', 12.528, ''],
    ['12,528.5', 12528.5, ''], // with a point, commas are thousands separators
    ['1,000,000', 1000000, ''], // so are several commas
    ['1.2528e4', 12528, ''],
    ['1.2528E4', 12528, ''],
    ['1.2528x10^4', 12528, ''],
    ['1.2528*10^4', 12528, ''],
    ['1.2528x10**4', 12528, ''],
    ['1.2528 × 10^4', 12528, ''],
    ['3×10**-2', 0.03, ''],
    ['12528.', 12528, ''], // a trailing point
    ['12\u00a0528', 12, '\u00a0528'], // a no-break space is not removed: the number stops there
    ['12\u202f528', 12, '\u202f528'],
    ['1.2528X10^4', 1.2528, 'X10^4'], // a capital X is not an exponent
    ['-5', -5, ''],
    ['+.5', 0.5, ''],
    ['.5e-3', 0.0005, ''],
    ['1.e-1', 0.1, ''],
    ['0', 0, ''],
    ['  42\t', 42, ''], // the field is trimmed first
    ['3 frogs', 3, 'frogs'],
    ['abc', null, ''],
    ['', null, ''],
    ['.', null, ''],
    [',', null, ''],
    ['. m', null, ''],
    ['.e8', null, ''],
    ['e5', null, ''],
  ])('%j → %s', (text, value, unit) => {
    const read = readMoodleNumber(text);
    if (value === null) {
      expect(read).toBeNull();
    } else {
      expect(read?.value).toBeCloseTo(value, 10);
      expect(read?.unit).toBe(unit);
      expect(read?.multiplier).toBeNull(); // no units given
    }
  });

  describe('with the units m (×1) and cm (×100)', () => {
    const units: NumericalUnit[] = [
      { name: 'm', multiplier: 1 },
      { name: 'cm', multiplier: 100 },
    ];

    it.each<[string, number, string, number | null]>([
      ['981 cm', 981, 'cm', 0.01],
      ['981cm', 981, 'cm', 0.01],
      ['9.81 m', 9.81, 'm', 1],
      ['9.81 km', 9.81, 'km', null],
      ['9.81', 9.81, '', null],
      ['1e4 m', 10000, 'm', 1],
    ])('%j → %f %j, multiplier %s', (text, value, unit, multiplier) => {
      expect(readMoodleNumber(text, units)).toEqual({ value, unit, multiplier });
    });
  });

  it('reads units on the left, taking the number at the end', () => {
    const units: NumericalUnit[] = [
      { name: '$', multiplier: 1 },
      { name: '£', multiplier: 1 },
    ];
    expect(readMoodleNumber('£1,234.56', units, true)).toEqual({ value: 1234.56, unit: '£', multiplier: 1 });
    expect(readMoodleNumber('$100.', units, true)).toEqual({ value: 100, unit: '$', multiplier: 1 });
    expect(readMoodleNumber('frog 100', units, true)).toEqual({ value: 100, unit: 'frog', multiplier: null });
  });
});

describe('the nominal tolerance interval a ± (t + ε·max(|t|, |a|, ε)) is inclusive', () => {
  const q = numerical([numAnswer('0.7', 1, 0.1)]);
  const grade = (text: string) => gradeResponse(q, { type: 'numerical', text }).fraction;

  it('plain double arithmetic would reject 0.8 (0.7 + 0.1 < 0.8); Moodle accepts it', () => {
    expect(0.7 + 0.1 < 0.8).toBe(true);
    expect(grade('0.8')).toBe(1);
  });

  it.each<[string, number]>([
    ['0.6', 1],
    ['0.7', 1],
    ['0.8', 1],
    ['0.8000001', 0],
    ['0.5999999', 0],
  ])('%j scores %f', (text, fraction) => {
    expect(grade(text)).toBe(fraction);
  });

  it('a tolerance of 0 still allows the ε of PHP’s precision', () => {
    const [min, max] = toleranceInterval(numAnswer('1234', 1, 0))!;
    expect(min).toBeLessThan(1234);
    expect(max).toBeGreaterThan(1234);
    expect(max).toBeLessThan(1234.000001);
  });

  it('"*" has no interval', () => {
    expect(toleranceInterval(numAnswer('*', 0, 0))).toBeNull();
  });
});
