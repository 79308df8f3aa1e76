// Columns with more distinct values than the counting tables hold take the selection and sorting paths:
// checked against the plain implementation on 20,000 attempts.
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics, type StatsSlot } from '../../src/stats/index.js';
import { columns, slot } from './build.js';
import { type NaiveAttempt, naiveStatistics } from './naive.js';

/** A fixed linear congruential sequence in [0, 1). */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
}

describe('20,000 attempts with continuous marks', () => {
  const next = sequence(2024);
  const classes = [
    { label: 'right', fraction: 1 },
    { label: 'half', fraction: 0.5 },
    { label: 'wrong', fraction: 0 },
  ];
  // Q1 has three marks (so its rest score is continuous); Q2 and Q3 have thousands.
  const slots: StatsSlot[] = [slot(0, 1, { parts: [{ label: '', classes }] }), slot(1, 2), slot(2, 3)];
  const attempts: NaiveAttempt[] = Array.from({ length: 20_000 }, (_, i) => {
    const ability = next();
    const c = next() < ability ? 0 : next() < 0.5 ? 1 : 2;
    const fractions = [classes[c]!.fraction, Math.round(ability * next() * 1e7) / 1e7, Math.round((ability + next()) * 0.5e7) / 1e7];
    const total = fractions.reduce((t, f, j) => t + f * slots[j]!.maxMark, 0);
    return { user: i, attempt: 1, sumGrades: Math.round(total * 1e5) / 1e5, fractions, classes: [[c], [], []] };
  });
  const actual = computeQuizStatistics({ slots, attempts: columns(slots, attempts), which: 'all', quizSumGrades: 6 });
  const expected = naiveStatistics(slots, attempts, 'all', 6);

  const close = (a: number | null, b: number | null) => {
    expect(a).not.toBeNull();
    expect(Math.abs(a! - b!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b!)));
  };

  it('test-level figures', () => {
    for (const key of ['median', 'standardDeviation', 'skewness', 'kurtosis', 'coefficientOfInternalConsistency', 'errorRatio', 'standardError'] as const) {
      close(actual.quiz[key], expected.quiz[key]);
    }
    close(actual.quiz.beyondMoodle.alpha, expected.quiz.beyondMoodle.alpha);
    // Totals may differ in the last bit: marks here are the exact 7-decimal products, there plain products.
    const groups = actual.quiz.beyondMoodle.upperLowerGroups!;
    const naiveGroups = expected.quiz.beyondMoodle.upperLowerGroups!;
    expect([groups.nominalSize, groups.upperCount, groups.lowerCount]).toEqual([5400, 5400, 5400]);
    expect([naiveGroups.nominalSize, naiveGroups.upperCount, naiveGroups.lowerCount]).toEqual([5400, 5400, 5400]);
    close(groups.upperMinTotal, naiveGroups.upperMinTotal);
    close(groups.lowerMaxTotal, naiveGroups.lowerMaxTotal);
  });

  it('question figures, CovMax included', () => {
    actual.questions.forEach((q, j) => {
      const e = expected.questions[j]!;
      for (const key of ['facilityIndex', 'standardDeviation', 'effectiveWeight', 'discriminationIndex', 'discriminativeEfficiency'] as const) {
        close(q[key], e[key]);
      }
      for (const key of ['itemTotalCorrelation', 'upperLowerDiscrimination', 'alphaIfDeleted'] as const) {
        close(q.beyondMoodle[key], e.beyondMoodle[key]);
      }
    });
    expect(actual.questions[0]!.responses.map((r) => r.count)).toEqual(expected.questions[0]!.responses.map((r) => r.count));
    actual.questions[0]!.beyondMoodle.distractors!.forEach((d, c) => {
      close(d.restCorrelation, expected.questions[0]!.beyondMoodle.distractors![c]!.restCorrelation);
      close(d.meanTotal, expected.questions[0]!.beyondMoodle.distractors![c]!.meanTotal);
    });
  });
});
