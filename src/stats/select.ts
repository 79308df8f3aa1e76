// Which attempts the report uses, with the semantics of Moodle's SQL (quiz_report_grade_method_sql and
// quiz_statistics_attempts_sql): each user's attempt is chosen among all finished attempts, and only then
// are attempts whose total is null (awaiting manual grading) dropped, so such a user disappears.
import { columnLength, unpack } from './columns.js';
import { BLOCK, runSteps, type Steps } from './steps.js';
import type { AttemptColumns, WhichAttempts } from './types.js';
import { INTS, StatisticsWorkspace } from './workspace.js';

/** Checks that the columns hold `length` entries. */
export function checkColumnLengths(cols: AttemptColumns): void {
  const n = cols.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`attempts.length must be a non-negative integer, got ${n}`);
  if (cols.user.length < n || cols.attemptNumber.length < n || columnLength(cols.sumGrades) < n) {
    throw new RangeError('attempts.user, attemptNumber and sumGrades must each hold attempts.length entries');
  }
}

/** The number of users (user indices must not be negative); checks the totals' codes on the way. */
function* userCount(cols: AttemptColumns): Steps<number> {
  const { user } = cols;
  const { codes, values } = unpack(cols.sumGrades);
  let users = 0;
  for (let lo = 0; lo < cols.length; lo += BLOCK) {
    const hi = Math.min(cols.length, lo + BLOCK);
    for (let i = lo; i < hi; i++) {
      const u = user[i]!;
      if (u < 0) throw new RangeError(`attempts.user[${i}] is negative`);
      if (u >= users) users = u + 1;
      if (codes !== null && codes[i]! >= values.length) throw new RangeError(`attempts.sumGrades: code ${codes[i]} of attempt ${i} has no value`);
    }
    yield;
  }
  return users;
}

/**
 * Each user's best attempt numbers, side by side so that one attempt's update touches one place:
 * bests[3u] first, bests[3u + 1] last, bests[3u + 2] the number of the highest, whose total is bestGrade[u].
 */
interface UserBests {
  bests: Int32Array;
  bestGrade: Float64Array;
}

function* userBests(cols: AttemptColumns, users: number, ws: StatisticsWorkspace): Steps<UserBests> {
  const { bests, bestGrade } = ws.userBests(users, cols.length);
  for (let lo = 0; lo < users; lo += BLOCK) {
    const hi = Math.min(users, lo + BLOCK);
    for (let u = lo; u < hi; u++) {
      bests[3 * u] = 0x7fffffff;
      bests[3 * u + 1] = -0x80000000;
      bests[3 * u + 2] = 0x7fffffff;
    }
    bestGrade.fill(-Infinity, lo, hi);
    yield;
  }
  const { user, attemptNumber } = cols;
  const { codes, values, raw } = unpack(cols.sumGrades);
  for (let lo = 0; lo < cols.length; lo += BLOCK) {
    const hi = Math.min(cols.length, lo + BLOCK);
    for (let i = lo; i < hi; i++) {
      const u = user[i]!;
      const a = attemptNumber[i]!;
      const b = 3 * u;
      if (a < bests[b]!) bests[b] = a;
      if (a > bests[b + 1]!) bests[b + 1] = a;
      // SQL COALESCE(sumgrades, 0); ties go to the lower attempt number.
      const stored = codes === null ? raw[i]! : values[codes[i]!]!;
      const g = Number.isNaN(stored) ? 0 : stored;
      if (g > bestGrade[u]! || (g === bestGrade[u]! && a < bests[b + 2]!)) {
        bestGrade[u] = g;
        bests[b + 2] = a;
      }
    }
    yield;
  }
  return { bests, bestGrade };
}

const WHICH_BIT: Record<WhichAttempts, number> = { first: 0, last: 1, highest: 2, all: 3 };
const OPTIONS = ['first', 'last', 'highest', 'all'] as const;

/** The rows of one selection, and each option's count and compensated sum of totals. */
export interface Selection {
  /** The chosen attempts, ascending (a view of the workspace's rows). */
  rows: Int32Array;
  totals: Record<WhichAttempts, { count: number; sum: number }>;
}

/**
 * Every selection at once: the rows of `which` and each option's count and sum. An attempt belongs to the
 * options whose key equals its user's best (the SQL's NOT EXISTS); to none when its total is null.
 */
export function* selectionSteps(cols: AttemptColumns, which: WhichAttempts, ws: StatisticsWorkspace): Steps<Selection> {
  checkColumnLengths(cols);
  const users = yield* userCount(cols);
  const { bests, bestGrade } = yield* userBests(cols, users, ws);
  const count = new Float64Array(4);
  const sum = new Float64Array(4);
  const comp = new Float64Array(4);
  const mask = 1 << WHICH_BIT[which];
  const rows = ws.int32(INTS.rows, cols.length);
  const { user, attemptNumber } = cols;
  const { codes, values, raw } = unpack(cols.sumGrades);
  let n = 0;
  for (let lo = 0; lo < cols.length; lo += BLOCK) {
    const hi = Math.min(cols.length, lo + BLOCK);
    for (let i = lo; i < hi; i++) {
      const g = codes === null ? raw[i]! : values[codes[i]!]!;
      if (Number.isNaN(g)) continue;
      const u = user[i]!;
      const a = attemptNumber[i]!;
      const b = 3 * u;
      const bits =
        8 | (a === bests[b] ? 1 : 0) | (a === bests[b + 1] ? 2 : 0) | (a === bests[b + 2] && g === bestGrade[u] ? 4 : 0);
      if (bits & mask) rows[n++] = i;
      for (let o = 0; o < 4; o++) {
        if ((bits & (1 << o)) === 0) continue;
        count[o]!++;
        const s = sum[o]!;
        const t = s + g;
        comp[o]! += Math.abs(s) >= Math.abs(g) ? s - t + g : g - t + s;
        sum[o] = t;
      }
    }
    yield;
  }
  const totals = {} as Record<WhichAttempts, { count: number; sum: number }>;
  OPTIONS.forEach((option) => {
    const o = WHICH_BIT[option];
    totals[option] = { count: count[o]!, sum: sum[o]! + comp[o]! };
  });
  return { rows: rows.subarray(0, n), totals };
}

/**
 * The indices (ascending) of the attempts Moodle's report uses for `which`:
 * - first / last: each user's attempt with the smallest / largest attempt number;
 * - highest: each user's attempt with the largest total, a null total counting as 0, ties to the lower number;
 * - all: every attempt.
 * Attempts whose total is null are then left out; a user whose chosen attempt awaits grading is not replaced.
 */
export function selectAttempts(cols: AttemptColumns, which: WhichAttempts): Int32Array {
  return runSteps(selectionSteps(cols, which, new StatisticsWorkspace())).rows.slice();
}
