// The 12 × 5 dichotomous fixture of research/grading-stats.md C.3: Moodle's figures equal CTT's item-rest r
// and KR-20 there, and the note gives the CTT figures beyond Moodle checked against R.
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics } from '../../src/stats/index.js';
import { fromMarks } from './build.js';

const MATRIX = `
1 0 0 0 0
0 0 1 0 0
1 1 1 1 0
0 1 0 0 0
1 1 1 0 0
1 1 0 0 0
1 1 1 1 0
1 1 0 1 1
1 1 1 0 1
0 1 0 0 0
1 1 1 0 0
1 1 1 0 0`
  .trim()
  .split('\n')
  .map((line) => line.split(' ').map(Number));

const stats = computeQuizStatistics(fromMarks([1, 1, 1, 1, 1], MATRIX));

describe('C.3 fixture: test level', () => {
  const q = stats.quiz;
  it('Moodle figures', () => {
    expect(q.allAttemptsAverage).toBeCloseTo(51.6667, 4);
    expect(q.median).toBeCloseTo(60, 4);
    expect(q.standardDeviation).toBeCloseTo((1.311372 / 5) * 100, 4);
    expect(q.skewness).toBeCloseTo(-0.21701, 5);
    expect(q.kurtosis).toBeCloseTo(-1.824417, 5);
    expect(q.coefficientOfInternalConsistency).toBeCloseTo(53.9648, 4);
    expect(q.errorRatio!.toFixed(2)).toBe('67.85');
    expect(q.standardError).toBeCloseTo((0.889757 / 5) * 100, 4);
  });
  it('KR-20 = alpha = CIC / 100, and the SEM', () => {
    expect(q.beyondMoodle.dichotomous).toBe(true);
    expect(q.beyondMoodle.alpha).toBeCloseTo(0.539648, 6);
    expect(q.beyondMoodle.standardErrorOfMeasurement).toBeCloseTo(0.889757, 6);
  });
  it('upper and lower groups of 4 because of ties at the 27% cut-off', () => {
    expect(q.beyondMoodle.upperLowerGroups).toEqual({
      nominalSize: 3,
      upperCount: 4,
      lowerCount: 4,
      upperMinTotal: 4,
      lowerMaxTotal: 1,
    });
  });
});

describe('C.3 fixture: question level', () => {
  it.each([
    // item, p, item-total r, item-rest r, DE %, EW %, D, alpha if deleted
    ['I1', 0.75, 0.72808, 0.48795, 71.43, 22.51, 0.75, 0.3619],
    ['I2', 0.83333, 0.56397, 0.30779, 42.86, 18.38, 0.5, 0.48343],
    ['I3', 0.58333, 0.52729, 0.15649, 20.0, 20.44, 0.5, 0.5873],
    ['I4', 0.25, 0.65144, 0.37463, 66.67, 21.29, 0.75, 0.4386],
    ['I5', 0.16667, 0.5046, 0.23398, 36.84, 17.38, 0.5, 0.52142],
  ] as const)('%s', (item, p, itemTotal, itemRest, de, ew, d, alphaIfDeleted) => {
    const q = stats.questions[Number(item.slice(1)) - 1]!;
    expect(q.facilityIndex! / 100).toBeCloseTo(p, 5);
    expect(q.discriminationIndex! / 100).toBeCloseTo(itemRest, 5);
    expect(q.discriminativeEfficiency!.toFixed(2)).toBe(de.toFixed(2));
    expect(q.effectiveWeight!.toFixed(2)).toBe(ew.toFixed(2));
    expect(q.beyondMoodle.itemTotalCorrelation).toBeCloseTo(itemTotal, 5);
    expect(q.beyondMoodle.itemRestCorrelation).toBeCloseTo(itemRest, 5);
    expect(q.beyondMoodle.upperLowerDiscrimination).toBe(d);
    expect(q.beyondMoodle.alphaIfDeleted).toBeCloseTo(alphaIfDeleted, 5);
  });
  it('I3 is the only item whose removal raises alpha', () => {
    const alpha = stats.quiz.beyondMoodle.alpha!;
    expect(stats.questions.map((q) => q.beyondMoodle.alphaIfDeleted! > alpha)).toEqual([false, false, true, false, false]);
  });
});
