// Builds the columnar input of the statistics from readable rows, for tests.
import type { AttemptColumns, QuizStatisticsInput, StatsSlot, WhichAttempts } from '../../src/stats/index.js';

export interface AttemptRow {
  user: number;
  attempt: number;
  /** null: gave up / not graded. */
  fractions: (number | null)[];
  /** Per slot, per part: the class index, -1 when the response adds nothing. Defaults to none. */
  classes?: number[][];
  /** The stored total; defaults to Σ fraction × maxMark rounded to 5 decimals; null: awaiting grading. */
  sumGrades?: number | null;
}

export function slot(j: number, maxMark: number, extra: Partial<StatsSlot> = {}): StatsSlot {
  return {
    slot: j + 1,
    questionId: 100 + j,
    idnumber: null,
    name: `Q${j + 1}`,
    type: 'multichoice',
    maxMark,
    randomGuessScore: null,
    parts: [],
    ...extra,
  };
}

/** Columns as plain typed arrays (no coded column). */
export interface PlainColumns extends AttemptColumns {
  sumGrades: Float64Array;
  fractions: Float64Array[];
  classes: Int16Array[][];
}

export function columns(slots: StatsSlot[], rows: AttemptRow[]): PlainColumns {
  const n = rows.length;
  return {
    length: n,
    user: Int32Array.from(rows, (r) => r.user),
    attemptNumber: Int32Array.from(rows, (r) => r.attempt),
    sumGrades: Float64Array.from(rows, (r) => {
      if (r.sumGrades === null) return NaN;
      if (r.sumGrades !== undefined) return r.sumGrades;
      const total = r.fractions.reduce<number>((t, f, j) => t + (f ?? 0) * slots[j]!.maxMark, 0);
      return Math.round(total * 1e5) / 1e5;
    }),
    fractions: slots.map((_, j) => Float64Array.from(rows, (r) => r.fractions[j] ?? NaN)),
    classes: slots.map((s, j) => s.parts.map((_, k) => Int16Array.from(rows, (r) => r.classes?.[j]?.[k] ?? -1))),
  };
}

/** The marks of the 5 × 3 worked example of research/grading-stats.md B.6: five users, one attempt each. */
export const B6_MAX_MARKS = [1, 1, 2];
export const B6_MARKS = [
  [1, 1, 2],
  [1, 0, 1.5],
  [0, 1, 1],
  [1, 1, 0.5],
  [0, 0, 0],
];

/** One attempt per user (users 0, 1, …) from a matrix of marks (not fractions). */
export function fromMarks(
  maxMarks: number[],
  marks: (number | null)[][],
  which: WhichAttempts = 'all',
  extra: (j: number) => Partial<StatsSlot> = () => ({}),
  classes?: number[][][],
): QuizStatisticsInput & { attempts: PlainColumns } {
  const slots = maxMarks.map((m, j) => slot(j, m, extra(j)));
  const rows = marks.map((row, i) => ({
    user: i,
    attempt: 1,
    fractions: row.map((x, j) => (x === null ? null : x / maxMarks[j]!)),
    ...(classes ? { classes: classes[i]! } : {}),
  }));
  return { slots, attempts: columns(slots, rows), which, quizSumGrades: maxMarks.reduce((a, b) => a + b, 0) };
}
