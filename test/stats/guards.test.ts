// Every place where Moodle leaves a figure blank (research/grading-stats.md B.5), and the edges around them.
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics, type QuizLevelStatistics } from '../../src/stats/index.js';
import { fromMarks } from './build.js';

const TEST_FIGURES = [
  'median',
  'standardDeviation',
  'skewness',
  'kurtosis',
  'coefficientOfInternalConsistency',
  'errorRatio',
  'standardError',
] as const;

/** Which test-level figures are present (not null). */
function present(q: QuizLevelStatistics): string[] {
  return TEST_FIGURES.filter((f) => q[f] !== null);
}

// Three items of varying difficulty; the first n rows are used.
const ROWS = [
  [1, 0, 2],
  [0, 1, 1],
  [1, 1, 0.5],
  [0, 0, 2],
  [1, 1, 1.5],
];

describe('guards by the number of attempts', () => {
  it('n = 0: no figure at all', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 2], []));
    expect(present(s.quiz)).toEqual([]);
    expect(s.quiz.allAttemptsAverage).toBeNull();
    expect(s.quiz.allAttemptsCount).toBe(0);
    const q = s.questions[0]!;
    expect(q.attempts).toBe(0);
    expect([q.facilityIndex, q.standardDeviation, q.effectiveWeight, q.discriminationIndex]).toEqual([null, null, null, null]);
    expect(q.intendedWeight).toBe(25);
  });

  it('n = 1: only the averages and the median; no question figure but the weights and guess score', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 2], ROWS.slice(0, 1), 'all', () => ({ randomGuessScore: 0.5 })));
    expect(present(s.quiz)).toEqual(['median']);
    expect(s.quiz.median).toBeCloseTo(75, 10);
    expect(s.quiz.allAttemptsAverage).toBeCloseTo(75, 10);
    for (const q of s.questions) {
      expect(q.attempts).toBe(1);
      expect(q.facilityIndex).toBeNull(); // Moodle hides the column when n ≤ 1
      expect(q.standardDeviation).toBeNull();
      expect(q.effectiveWeight).toBeNull();
      expect(q.discriminationIndex).toBeNull();
      expect(q.discriminativeEfficiency).toBeNull();
      expect(q.negativeCovariance).toBe(false);
      expect(q.randomGuessScore).toBe(50);
    }
    expect(s.questions.map((q) => q.intendedWeight)).toEqual([25, 25, 50]);
  });

  it('n = 2: adds the standard deviation and the question figures', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 2], ROWS.slice(0, 2)));
    expect(present(s.quiz)).toEqual(['median', 'standardDeviation']);
    // Totals 3 and 2: SD = √0.5 marks = 17.68% of 4.
    expect(s.quiz.standardDeviation).toBeCloseTo((Math.sqrt(0.5) / 4) * 100, 10);
    const q1 = s.questions[0]!;
    expect(q1.facilityIndex).toBe(50);
    expect(q1.standardDeviation).toBeCloseTo(Math.sqrt(0.5) * 100, 10);
    expect(q1.effectiveWeight).not.toBeNull();
  });

  it('n = 3: adds skewness, CIC, error ratio and standard error', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 2], ROWS.slice(0, 3)));
    expect(present(s.quiz)).toEqual([
      'median',
      'standardDeviation',
      'skewness',
      'coefficientOfInternalConsistency',
      'errorRatio',
      'standardError',
    ]);
  });

  it('n = 4: adds kurtosis', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 2], ROWS.slice(0, 4)));
    expect(present(s.quiz)).toEqual(TEST_FIGURES.slice());
  });
});

describe('zero variance', () => {
  it('all totals equal: no skewness, kurtosis, CIC, error ratio or standard error; SD is 0', () => {
    const s = computeQuizStatistics(fromMarks([1, 1], [[1, 0], [0, 1], [1, 0], [0, 1]]));
    expect(present(s.quiz)).toEqual(['median', 'standardDeviation']);
    expect(s.quiz.standardDeviation).toBe(0);
    // Cov(x, T) = 0 for both: the sum of roots is 0, so no effective weight.
    expect(s.questions.map((q) => q.effectiveWeight)).toEqual([null, null]);
    expect(s.questions.map((q) => q.negativeCovariance)).toEqual([false, false]);
    // Each item is the other's rest score: r = -1.
    expect(s.questions[0]!.discriminationIndex).toBeCloseTo(-100, 10);
  });

  it('an item everyone gets right: no DI or DE, effective weight 0, the others share 100%', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 1], [[1, 1, 0], [1, 0, 0], [1, 1, 1], [1, 0, 1], [1, 1, 1]]));
    const [easy, q2, q3] = s.questions;
    expect(easy!.facilityIndex).toBe(100);
    expect(easy!.standardDeviation).toBe(0);
    expect(easy!.discriminationIndex).toBeNull();
    expect(easy!.discriminativeEfficiency).toBeNull();
    expect(easy!.dubious).toBe(false);
    expect(easy!.effectiveWeight).toBe(0);
    expect(q2!.effectiveWeight! + q3!.effectiveWeight!).toBeCloseTo(100, 10);
    expect(easy!.beyondMoodle.itemTotalCorrelation).toBeNull();
    expect(easy!.beyondMoodle.upperLowerDiscrimination).toBe(0);
  });

  it('a constant rest score: no DI', () => {
    // Q2 + Q3 = 1 in every attempt.
    const s = computeQuizStatistics(fromMarks([1, 1, 1], [[1, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 0]]));
    expect(s.questions[0]!.discriminationIndex).toBeNull();
    expect(s.questions[0]!.beyondMoodle.alphaIfDeleted).toBeNull();
  });
});

describe('negative covariance with the total', () => {
  // Q1 = 0, 1, 0, 1 against totals 2, 1, 2, 2: Cov(Q1, T) = -1/6.
  const s = computeQuizStatistics(fromMarks([1, 1, 1], [[0, 1, 1], [1, 0, 0], [0, 1, 1], [1, 1, 0]]));
  const [q1, q2, q3] = s.questions;
  it('has no effective weight and is flagged', () => {
    expect(q1!.negativeCovariance).toBe(true);
    expect(q1!.effectiveWeight).toBeNull();
  });
  it('is left out of the normalisation of the others', () => {
    // Cov(Q2, T) = 1/4 and Cov(Q3, T) = 1/6 (by hand, n - 1 = 3).
    const roots = [Math.sqrt(1 / 4), Math.sqrt(1 / 6)];
    expect(q2!.effectiveWeight).toBeCloseTo((100 * roots[0]!) / (roots[0]! + roots[1]!), 10);
    expect(q3!.effectiveWeight).toBeCloseTo((100 * roots[1]!) / (roots[0]! + roots[1]!), 10);
    expect(q2!.effectiveWeight! + q3!.effectiveWeight!).toBeCloseTo(100, 10);
  });
  it('a negative DE makes the question dubious', () => {
    expect(q1!.discriminativeEfficiency).toBeLessThan(0);
    expect(q1!.dubious).toBe(true);
  });
});

describe('the quiz total and the number of questions', () => {
  it('quizSumGrades 0: no percentage of it, the other figures stay', () => {
    const input = { ...fromMarks([1, 1, 2], ROWS), quizSumGrades: 0 };
    const s = computeQuizStatistics(input);
    const q = s.quiz;
    expect([q.allAttemptsAverage, q.median, q.standardDeviation, q.standardError]).toEqual([null, null, null, null]);
    expect(q.skewness).not.toBeNull();
    expect(q.kurtosis).not.toBeNull();
    expect(q.coefficientOfInternalConsistency).not.toBeNull();
    expect(q.errorRatio).not.toBeNull();
    expect(s.questions.map((x) => x.intendedWeight)).toEqual([null, null, null]);
    expect(s.questions[0]!.facilityIndex).toBe(60);
  });

  it('one question (p = 1): no CIC, error ratio or standard error', () => {
    const s = computeQuizStatistics(fromMarks([2], [[2], [1], [0.5], [0]]));
    expect(present(s.quiz)).toEqual(['median', 'standardDeviation', 'skewness', 'kurtosis']);
    expect(s.questions[0]!.discriminationIndex).toBeNull(); // the rest of the test is 0
    expect(s.quiz.beyondMoodle.alpha).toBeNull();
  });

  it('a slot with maximum mark 0: no facility or SD for it', () => {
    const s = computeQuizStatistics(fromMarks([1, 0], [[1, 0], [0, 0], [1, 0]]));
    expect(s.questions[1]!.facilityIndex).toBeNull();
    expect(s.questions[1]!.standardDeviation).toBeNull();
    expect(s.questions[1]!.beyondMoodle.upperLowerDiscrimination).toBeNull();
  });
});

describe('CIC beyond 100 and below 0', () => {
  it('three identical items: CIC is 100 plus rounding, so Moodle stores no error ratio or standard error', () => {
    const s = computeQuizStatistics(fromMarks([1, 1, 1], [[1, 1, 1], [1, 1, 1], [0, 0, 0], [0, 0, 0]]));
    expect(s.quiz.coefficientOfInternalConsistency).toBeGreaterThan(100);
    expect(s.quiz.coefficientOfInternalConsistency).toBeCloseTo(100, 10);
    expect(s.quiz.errorRatio).toBeNull();
    expect(s.quiz.standardError).toBeNull();
  });

  it('a stored total that disagrees with the marks can push CIC well past 100', () => {
    const input = fromMarks([1, 1], [[1, 0], [0, 1], [1, 0], [0, 1]]);
    input.attempts.sumGrades.set([0, 4, 0, 4]);
    const s = computeQuizStatistics(input);
    // Σ item variances 2/3, k2 = 16/3: CIC = 200 · (1 - 1/8) = 175.
    expect(s.quiz.coefficientOfInternalConsistency).toBeCloseTo(175, 10);
    expect(s.quiz.errorRatio).toBeNull();
    expect(s.quiz.standardError).toBeNull();
  });

  it('a negative CIC gives an error ratio above 100', () => {
    const s = computeQuizStatistics(fromMarks([1, 1], [[1, 0], [0, 1], [1, 0], [0, 1], [1, 1]]));
    // Σ item variances 0.6, total variance 0.2: CIC = 200 · (1 - 3) = -400, ER = 100 √5.
    expect(s.quiz.coefficientOfInternalConsistency).toBeCloseTo(-400, 10);
    expect(s.quiz.errorRatio).toBeCloseTo(100 * Math.sqrt(5), 10);
    expect(s.quiz.standardError).toBeCloseTo((s.quiz.errorRatio! * s.quiz.standardDeviation!) / 100, 10);
  });
});
