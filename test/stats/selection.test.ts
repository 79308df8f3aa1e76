// Which attempts the report uses (research/grading-stats.md B.1, Moodle's quiz_report_grade_method_sql).
import { describe, expect, it } from 'vitest';
import { computeQuizStatistics, selectAttempts, type WhichAttempts } from '../../src/stats/index.js';
import { type AttemptRow, columns, slot } from './build.js';

const SLOTS = [slot(0, 5)];
const row = (user: number, attempt: number, sumGrades: number | null): AttemptRow => ({
  user,
  attempt,
  sumGrades,
  fractions: [sumGrades === null ? null : sumGrades / 5],
});
const ROWS: AttemptRow[] = [
  row(0, 1, 3), // 0
  row(0, 2, 5), // 1: highest, tied with attempt 3 and earlier
  row(0, 3, 5), // 2
  row(1, 1, null), // 3: first attempt awaits grading: user 1 has no first attempt
  row(1, 2, 4), // 4
  row(2, 1, 2), // 5
  row(2, 2, null), // 6: last attempt awaits grading: user 2 has no last attempt
  row(3, 1, -1), // 7: negative total, below the awaiting attempt's 0
  row(3, 2, null), // 8: so the highest is this one, and user 3 has no highest attempt
  row(4, 2, 1), // 9: stored before attempt 1
  row(4, 1, 1), // 10: tie on the total goes to the lower attempt number
];
const COLS = columns(SLOTS, ROWS);

describe('selectAttempts', () => {
  it.each([
    ['first', [0, 5, 7, 10]],
    ['last', [2, 4, 9]],
    ['highest', [1, 4, 5, 10]],
    ['all', [0, 1, 2, 4, 5, 7, 9, 10]],
  ] as const)('%s', (which, expected) => {
    expect(Array.from(selectAttempts(COLS, which))).toEqual(expected);
  });

  it('chooses before dropping attempts awaiting grading: no fallback to another attempt', () => {
    const first = Array.from(selectAttempts(COLS, 'first'));
    expect(first.some((i) => ROWS[i]!.user === 1)).toBe(false);
    const last = Array.from(selectAttempts(COLS, 'last'));
    expect(last.some((i) => ROWS[i]!.user === 2)).toBe(false);
  });

  it('rejects a negative user index and short columns', () => {
    const bad = columns(SLOTS, [row(-1, 1, 1)]);
    expect(() => selectAttempts(bad, 'all')).toThrow(RangeError);
    expect(() => selectAttempts({ ...COLS, length: COLS.length + 1 }, 'all')).toThrow(RangeError);
  });
});

describe('the report counts and averages every selection, whichever it uses', () => {
  it.each(['first', 'last', 'highest', 'all'] as WhichAttempts[])('using %s', (which) => {
    const s = computeQuizStatistics({ slots: SLOTS, attempts: COLS, which, quizSumGrades: 5 });
    const q = s.quiz;
    expect(q.whichAttempts).toBe(which);
    expect([q.firstAttemptsCount, q.lastAttemptsCount, q.highestAttemptsCount, q.allAttemptsCount]).toEqual([4, 3, 4, 8]);
    // Averages in percent of 5 marks: (3 + 2 - 1 + 1) / 4, (5 + 4 + 1) / 3, (5 + 4 + 2 + 1) / 4, 20 / 8.
    expect(q.firstAttemptsAverage).toBeCloseTo(25, 10);
    expect(q.lastAttemptsAverage).toBeCloseTo((10 / 3) * 20, 10);
    expect(q.highestAttemptsAverage).toBeCloseTo(60, 10);
    expect(q.allAttemptsAverage).toBeCloseTo(50, 10);
    expect(q.attemptsUsed).toBe({ first: 4, last: 3, highest: 4, all: 8 }[which]);
    expect(s.questions[0]!.attempts).toBe(q.attemptsUsed);
  });

  it('the figures use the chosen attempts only', () => {
    const last = computeQuizStatistics({ slots: SLOTS, attempts: COLS, which: 'last', quizSumGrades: 5 });
    expect(last.quiz.median).toBeCloseTo(80, 10); // totals 5, 4, 1
    const first = computeQuizStatistics({ slots: SLOTS, attempts: COLS, which: 'first', quizSumGrades: 5 });
    expect(first.quiz.median).toBeCloseTo(30, 10); // totals -1, 1, 2, 3: (1 + 2) / 2
  });
});

describe('input checks', () => {
  it('a response class outside the part is an error', () => {
    const slots = [slot(0, 1, { parts: [{ label: '', classes: [{ label: 'A', fraction: 1 }] }] })];
    const cols = columns(slots, [{ user: 0, attempt: 1, fractions: [1], classes: [[1]] }]);
    expect(() => computeQuizStatistics({ slots, attempts: cols, which: 'all', quizSumGrades: 1 })).toThrow(/out of range/);
    cols.classes[0]![0]![0] = -1; // adds nothing: allowed
    const s = computeQuizStatistics({ slots, attempts: cols, which: 'all', quizSumGrades: 1 });
    expect(s.questions[0]!.responses[0]!.count).toBe(0);
  });

  it('one fractions column and one class column per part are required', () => {
    const slots = [slot(0, 1, { parts: [{ label: '', classes: [] }] })];
    const cols = columns(slots, [{ user: 0, attempt: 1, fractions: [1] }]);
    expect(() => computeQuizStatistics({ slots, attempts: { ...cols, classes: [[]] }, which: 'all', quizSumGrades: 1 })).toThrow(RangeError);
    expect(() => computeQuizStatistics({ slots, attempts: { ...cols, fractions: [] }, which: 'all', quizSumGrades: 1 })).toThrow(RangeError);
  });
});
