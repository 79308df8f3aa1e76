// The 5 × 3 worked example of research/grading-stats.md B.6, figure by figure.
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics } from '../../src/stats/index.js';
import { B6_MARKS, B6_MAX_MARKS, fromMarks } from './build.js';

const MC = [
  { label: 'A', fraction: 1 },
  { label: 'B', fraction: 0 },
  { label: 'C', fraction: 0 },
  { label: 'D', fraction: 0 },
  { label: '[No response]', fraction: null },
];
// A1, A2, A4 chose A; A3 chose B; A5 left Q1 blank.
const Q1_CLASSES = [0, 0, 1, 0, 4];
const input = fromMarks(
  B6_MAX_MARKS,
  B6_MARKS,
  'all',
  (j) => ({
    type: ['multichoice', 'truefalse', 'shortanswer'][j]!,
    randomGuessScore: [0.25, 0.5, 0][j]!,
    parts: j === 0 ? [{ label: '', classes: MC }] : [],
  }),
  Q1_CLASSES.map((c) => [[c], [], []]),
);
const stats = computeQuizStatistics(input);

describe('B.6 worked example: test level', () => {
  const q = stats.quiz;
  it('counts and averages', () => {
    expect(q.attemptsUsed).toBe(5);
    expect(q.firstAttemptsCount).toBe(5);
    expect(q.allAttemptsCount).toBe(5);
    for (const avg of [q.firstAttemptsAverage, q.allAttemptsAverage, q.lastAttemptsAverage, q.highestAttemptsAverage]) {
      expect(avg).toBeCloseTo(55, 4);
    }
  });
  it('median, SD, skewness, kurtosis', () => {
    expect(q.median).toBeCloseTo(62.5, 4);
    expect(q.standardDeviation).toBeCloseTo((Math.sqrt(2.075) / 4) * 100, 4);
    expect(q.standardDeviation).toBeCloseTo(36.0122, 4);
    expect(q.skewness).toBeCloseTo(-0.664936, 4);
    expect(q.kurtosis).toBeCloseTo(1.85368, 4);
  });
  it('CIC, error ratio, standard error', () => {
    expect(q.coefficientOfInternalConsistency).toBeCloseTo(61.4458, 4);
    expect(q.errorRatio).toBeCloseTo(62.092, 4);
    expect(q.standardError).toBeCloseTo((Math.sqrt(0.8) / 4) * 100, 4);
    expect(q.standardError).toBeCloseTo(22.3607, 4);
  });
});

describe('B.6 worked example: question level', () => {
  const [q1, q2, q3] = stats.questions;
  const roots = [Math.sqrt(0.6), Math.sqrt(0.475), 1];
  const sum = roots[0]! + roots[1]! + roots[2]!;
  it.each([
    ['Q1', 0, 60, 54.7723, 25, 25, 50.5291, 70.5882],
    ['Q2', 1, 60, 54.7723, 50, 25, 26.7652, 31.8182],
    ['Q3', 2, 50, 39.5285, 0, 50, 56.6947, 60],
  ] as const)('%s', (_, j, facility, sd, guess, intended, di, de) => {
    const q = stats.questions[j]!;
    expect(q.attempts).toBe(5);
    expect(q.facilityIndex).toBeCloseTo(facility, 4);
    expect(q.standardDeviation).toBeCloseTo(sd, 4);
    expect(q.randomGuessScore).toBeCloseTo(guess, 4);
    expect(q.intendedWeight).toBeCloseTo(intended, 4);
    expect(q.effectiveWeight).toBeCloseTo((100 * roots[j]!) / sum, 4);
    expect(q.discriminationIndex).toBeCloseTo(di, 4);
    expect(q.discriminativeEfficiency).toBeCloseTo(de, 4);
    expect(q.dubious).toBe(false);
    expect(q.negativeCovariance).toBe(false);
  });
  it('effective weights as the note rounds them', () => {
    expect([q1, q2, q3].map((q) => q!.effectiveWeight!.toFixed(2))).toEqual([
      '31.44',
      '27.97',
      '40.59',
    ]);
  });
  it('DI equals the item-rest r of psych::alpha', () => {
    expect(q1!.beyondMoodle.itemRestCorrelation).toBeCloseTo(0.505291, 6);
    expect(q2!.beyondMoodle.itemRestCorrelation).toBeCloseTo(0.267652, 6);
    expect(q3!.beyondMoodle.itemRestCorrelation).toBeCloseTo(0.566947, 6);
  });
});

describe('B.6 worked example: analysis of responses for Q1', () => {
  it('every class, the zero counts and [No response] included', () => {
    const rows = stats.questions[0]!.responses.map((r) => [r.response, r.partialCredit, r.count, r.frequency]);
    expect(rows).toEqual([
      ['A', 100, 3, 60],
      ['B', 0, 1, 20],
      ['C', 0, 0, 0],
      ['D', 0, 0, 0],
      ['[No response]', null, 1, 20],
    ]);
  });
  it('questions without response classes have no rows', () => {
    expect(stats.questions[2]!.responses).toEqual([]);
    expect(stats.questions[2]!.beyondMoodle.distractors).toBeNull();
  });
  it('distractor analysis: mean total of each class and its correlation with the rest score', () => {
    const d = stats.questions[0]!.beyondMoodle.distractors!;
    expect(d.map((r) => r.meanTotal)).toEqual([3, 2, null, null, 0]);
    // Choosing A is exactly scoring 1 on Q1: its rest correlation is the item-rest r.
    expect(d[0]!.restCorrelation).toBeCloseTo(0.505291, 6);
    // B (A3, rest 2) against rest scores 3, 1.5, 2, 1.5, 0: r = cov / (sd_B sd_R).
    const rest = [3, 1.5, 2, 1.5, 0];
    const chose = [0, 0, 1, 0, 0];
    expect(d[1]!.restCorrelation).toBeCloseTo(pearson(chose, rest), 12);
    expect(d[2]!.restCorrelation).toBeNull();
    expect(d[4]!.restCorrelation).toBeCloseTo(pearson([0, 0, 0, 0, 1], rest), 12);
  });
});

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, i) => {
    ab += (v - ma) * (b[i]! - mb);
    aa += (v - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}
