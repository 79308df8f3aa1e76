// Which attempts the report uses, with the semantics of Moodle's SQL (quiz_report_grade_method_sql and
// quiz_statistics_attempts_sql): each user's attempt is chosen among all finished attempts, and only then
// are attempts whose total is null (awaiting manual grading) dropped, so such a user disappears.
import type { AttemptColumns, WhichAttempts } from './types.js';

/** Checks that the columns hold `length` entries and user indices are not negative; returns the user count. */
export function checkAttemptColumns(cols: AttemptColumns): number {
  const n = cols.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`attempts.length must be a non-negative integer, got ${n}`);
  if (cols.user.length < n || cols.attemptNumber.length < n || cols.sumGrades.length < n) {
    throw new RangeError('attempts.user, attemptNumber and sumGrades must each hold attempts.length entries');
  }
  let users = 0;
  for (let i = 0; i < n; i++) {
    const u = cols.user[i]!;
    if (u < 0) throw new RangeError(`attempts.user[${i}] is negative`);
    if (u >= users) users = u + 1;
  }
  return users;
}

/** Each user's best attempt number for first and last, and best total (null as 0) and its number for highest. */
interface UserBests {
  first: Int32Array;
  last: Int32Array;
  highestGrade: Float64Array;
  highestNumber: Int32Array;
}

function userBests(cols: AttemptColumns, users: number): UserBests {
  const first = new Int32Array(users).fill(0x7fffffff);
  const last = new Int32Array(users).fill(-0x80000000);
  const highestGrade = new Float64Array(users).fill(-Infinity);
  const highestNumber = new Int32Array(users).fill(0x7fffffff);
  const { user, attemptNumber, sumGrades } = cols;
  for (let i = 0; i < cols.length; i++) {
    const u = user[i]!;
    const a = attemptNumber[i]!;
    if (a < first[u]!) first[u] = a;
    if (a > last[u]!) last[u] = a;
    // SQL COALESCE(sumgrades, 0); ties go to the lower attempt number.
    const g = Number.isNaN(sumGrades[i]!) ? 0 : sumGrades[i]!;
    if (g > highestGrade[u]! || (g === highestGrade[u]! && a < highestNumber[u]!)) {
      highestGrade[u] = g;
      highestNumber[u] = a;
    }
  }
  return { first, last, highestGrade, highestNumber };
}

/**
 * The indices (ascending) of the attempts Moodle's report uses for `which`:
 * - first / last: each user's attempt with the smallest / largest attempt number;
 * - highest: each user's attempt with the largest total, a null total counting as 0, ties to the lower number;
 * - all: every attempt.
 * Attempts whose total is null are then left out; a user whose chosen attempt awaits grading is not replaced.
 */
export function selectAttempts(cols: AttemptColumns, which: WhichAttempts): Int32Array {
  const users = checkAttemptColumns(cols);
  return selectedRows(cols, which === 'all' ? null : userBests(cols, users), which);
}

/** The attempts chosen for `which`, given each user's bests (null for 'all'). */
function selectedRows(cols: AttemptColumns, bests: UserBests | null, which: WhichAttempts): Int32Array {
  const mask = 1 << WHICH_BIT[which];
  const out = new Int32Array(cols.length);
  let count = 0;
  for (let i = 0; i < cols.length; i++) {
    const chosen = bests === null ? !Number.isNaN(cols.sumGrades[i]!) : (choices(cols, bests, i) & mask) !== 0;
    if (chosen) out[count++] = i;
  }
  return out.slice(0, count);
}

const WHICH_BIT: Record<WhichAttempts, number> = { first: 0, last: 1, highest: 2, all: 3 };
const OPTIONS = ['first', 'last', 'highest', 'all'] as const;

/**
 * The selections attempt i belongs to, one bit per option (WHICH_BIT): an attempt is chosen when no attempt
 * of its user beats it (the SQL's NOT EXISTS), i.e. when its key equals its user's best; none for a null total.
 */
function choices(cols: AttemptColumns, bests: UserBests, i: number): number {
  const g = cols.sumGrades[i]!;
  if (Number.isNaN(g)) return 0;
  const u = cols.user[i]!;
  const a = cols.attemptNumber[i]!;
  return (
    8 |
    (a === bests.first[u] ? 1 : 0) |
    (a === bests.last[u] ? 2 : 0) |
    (a === bests.highestNumber[u] && g === bests.highestGrade[u] ? 4 : 0)
  );
}

/** Every selection at once: the rows of `which`, and each option's count and compensated sum of totals. */
export function selections(
  cols: AttemptColumns,
  which: WhichAttempts,
): { rows: Int32Array; totals: Record<WhichAttempts, { count: number; sum: number }> } {
  const bests = userBests(cols, checkAttemptColumns(cols));
  const count = new Float64Array(4);
  const sum = new Float64Array(4);
  const comp = new Float64Array(4);
  const mask = 1 << WHICH_BIT[which];
  const rows = new Int32Array(cols.length);
  let n = 0;
  for (let i = 0; i < cols.length; i++) {
    const bits = choices(cols, bests, i);
    if (bits === 0) continue;
    if (bits & mask) rows[n++] = i;
    const g = cols.sumGrades[i]!;
    for (let o = 0; o < 4; o++) {
      if ((bits & (1 << o)) === 0) continue;
      count[o]!++;
      const s = sum[o]!;
      const t = s + g;
      comp[o]! += Math.abs(s) >= Math.abs(g) ? s - t + g : g - t + s;
      sum[o] = t;
    }
  }
  const totals = {} as Record<WhichAttempts, { count: number; sum: number }>;
  OPTIONS.forEach((option) => {
    const o = WHICH_BIT[option];
    totals[option] = { count: count[o]!, sum: sum[o]! + comp[o]! };
  });
  return { rows: rows.slice(0, n), totals };
}
