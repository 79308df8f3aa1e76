// The columnar implementation against the plain one of naive.ts, on random small quizzes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics, type StatsSlot, type WhichAttempts } from '../../src/stats/index.js';
import { columns, slot } from './build.js';
import { type NaiveAttempt, naiveStatistics } from './naive.js';

// Fractions and marks with short binary expansions keep both implementations' sums exact, so that the
// "no variance" guards fall the same way in both.
const FRACTIONS = [0, 0.25, 0.5, 0.75, 1, -0.5, null] as const;
const CLASSES = [
  { label: 'right', fraction: 1 },
  { label: 'half', fraction: 0.5 },
  { label: '[No response]', fraction: null },
];

const quizArb = fc
  .record({
    slots: fc.array(
      fc.record({
        maxMark: fc.constantFrom(1, 2, 0.5, 4),
        guess: fc.constantFrom(null, 0, 0.25, 0.5),
        parts: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    attempts: fc.array(
      fc.record({
        user: fc.integer({ min: 0, max: 5 }),
        awaiting: fc.integer({ min: 0, max: 9 }).map((v) => v === 0),
        fractions: fc.array(fc.constantFrom(...FRACTIONS), { minLength: 4, maxLength: 4 }),
        classes: fc.array(fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 2, maxLength: 2 }), {
          minLength: 4,
          maxLength: 4,
        }),
      }),
      { maxLength: 14 },
    ),
    which: fc.constantFrom<WhichAttempts>('first', 'last', 'highest', 'all'),
    zeroQuiz: fc.integer({ min: 0, max: 9 }).map((v) => v === 0),
  })
  .map(({ slots: raw, attempts: rawAttempts, which, zeroQuiz }) => {
    const slots: StatsSlot[] = raw.map((s, j) =>
      slot(j, s.maxMark, {
        randomGuessScore: s.guess,
        parts: Array.from({ length: s.parts }, (_, k) => ({ label: s.parts > 1 ? `part ${k}` : '', classes: CLASSES })),
      }),
    );
    const numbers = new Map<number, number>();
    const attempts: NaiveAttempt[] = rawAttempts.map((a) => {
      const attempt = (numbers.get(a.user) ?? 0) + 1;
      numbers.set(a.user, attempt);
      const fractions = slots.map((_, j) => a.fractions[j]!);
      const total = fractions.reduce<number>((t, f, j) => t + (f ?? 0) * slots[j]!.maxMark, 0);
      return {
        user: a.user,
        attempt,
        sumGrades: a.awaiting ? null : total,
        fractions,
        classes: slots.map((s, j) => a.classes[j]!.slice(0, s.parts.length)),
      };
    });
    const quizSum = zeroQuiz ? 0 : slots.reduce((t, s) => t + s.maxMark, 0);
    return { slots, attempts, which, quizSum };
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every figure of `expected` found in `actual`: nulls alike, numbers within 1e-9 (relative above 1). */
function compare(actual: Json, expected: Json, path: string, skip: (path: string) => boolean, looseWeights: boolean): void {
  if (skip(path)) return;
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = (looseWeights && path.endsWith('effectiveWeight') ? 1e-6 : 1e-9) * Math.max(1, Math.abs(expected));
    if (!(Math.abs(actual - expected) <= tolerance)) expect.fail(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') expect.fail(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
    for (const [key, value] of Object.entries(expected)) {
      compare((actual as Record<string, Json>)[key] ?? null, value, `${path}.${key}`, skip, looseWeights);
    }
    return;
  }
  if (actual !== expected) expect.fail(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

describe('the columnar implementation agrees with the textbook one', () => {
  it('on random quizzes, every figure to 1e-9', () => {
    fc.assert(
      fc.property(quizArb, ({ slots, attempts, which, quizSum }) => {
        const rows = attempts.map((a) => ({ ...a, sumGrades: a.sumGrades }));
        const actual = computeQuizStatistics({ slots, attempts: columns(slots, rows), which, quizSumGrades: quizSum });
        const expected = naiveStatistics(slots, attempts, which, quizSum);
        // Where a figure sits on a boundary (CIC = 100, DE = 15, a covariance of 0), rounding may put the two
        // implementations on different sides: those comparisons are skipped, or loosened for the weights.
        const cic = expected.quiz.coefficientOfInternalConsistency;
        const cicAt100 = cic !== null && Math.abs(cic - 100) < 1e-9;
        const deAt15 = (j: number) => {
          const de = expected.questions[j]!.discriminativeEfficiency;
          return de !== null && Math.abs(de - 15) < 1e-9;
        };
        const zeroCovariance = expected.questions.map((q) => q.covarianceWithTotal !== null && Math.abs(q.covarianceWithTotal) < 1e-12);
        const skip = (path: string) => {
          if (cicAt100 && /quiz\.(errorRatio|standardError)$/.test(path)) return true;
          const m = /^\.questions\.(\d+)\.(\w+)$/.exec(path);
          if (!m) return path.endsWith('covarianceWithTotal');
          const j = Number(m[1]);
          if (m[2] === 'covarianceWithTotal') return true;
          if (m[2] === 'dubious' && deAt15(j)) return true;
          return zeroCovariance[j]! && (m[2] === 'effectiveWeight' || m[2] === 'negativeCovariance');
        };
        compare(actual as unknown as Json, expected as unknown as Json, '', skip, zeroCovariance.some(Boolean));
      }),
      { numRuns: 300 },
    );
  });
});
