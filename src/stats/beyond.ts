// Classical test theory figures Moodle does not report: upper–lower groups and D, distractor analysis.
import { type SortedCounts, valueAtRank } from './histogram.js';
import { selectNth } from './order.js';
import { classOutOfRange } from './responses.js';
import type { ClassColumn, DistractorStatistics, StatsSlot, UpperLowerGroups } from './types.js';
import { DOUBLES, type StatisticsWorkspace } from './workspace.js';

/** Kelley's share of attempts in each of the upper and lower groups. */
export const UPPER_LOWER_SHARE_PERCENT = 27;

export interface GroupSums {
  groups: UpperLowerGroups;
  /** Per slot: the sum of marks in the upper group and in the lower group. */
  upperSums: Float64Array;
  lowerSums: Float64Array;
}

/**
 * The upper and lower groups by total (see QuizBeyondMoodle.upperLowerGroups for the tie policy), with room for
 * each of `slots` slots' mark sums in them (see addGroupSums); null when there are fewer than 2 attempts or the
 * groups would overlap.
 */
export function upperLowerGroups(
  totals: Float64Array,
  totalCounts: SortedCounts | null,
  slots: number,
  ws: StatisticsWorkspace,
): GroupSums | null {
  const n = totals.length;
  if (n < 2) return null;
  // round(27% of n), half up, in integers so that 0.27 × n's binary error cannot move a half.
  const k = Math.max(1, Math.floor((UPPER_LOWER_SHARE_PERCENT * n + 50) / 100));
  const [lowerMaxTotal, upperMinTotal] = valuesAtRanks(totals, totalCounts, k - 1, n - k, ws);
  if (upperMinTotal <= lowerMaxTotal) return null;
  let upperCount = 0;
  let lowerCount = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (t >= upperMinTotal) upperCount++;
    else if (t <= lowerMaxTotal) lowerCount++;
  }
  return {
    groups: { nominalSize: k, upperCount, lowerCount, upperMinTotal, lowerMaxTotal },
    upperSums: new Float64Array(slots),
    lowerSums: new Float64Array(slots),
  };
}

/** Adds up slot j's marks in the upper and in the lower group. */
export function addGroupSums(sums: GroupSums, j: number, totals: Float64Array, marks: Float64Array): void {
  const { upperMinTotal, lowerMaxTotal } = sums.groups;
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i]!;
    if (t >= upperMinTotal) upper += marks[i]!;
    else if (t <= lowerMaxTotal) lower += marks[i]!;
  }
  sums.upperSums[j] = upper;
  sums.lowerSums[j] = lower;
}

/** The values of two ranks (lower < upper) of a column, from its distinct values or by selection. */
function valuesAtRanks(
  a: Float64Array,
  counts: SortedCounts | null,
  lower: number,
  upper: number,
  ws: StatisticsWorkspace,
): [number, number] {
  if (counts) return [valueAtRank(counts, lower), valueAtRank(counts, upper)];
  const sorted = ws.float64(DOUBLES.rest, a.length);
  sorted.set(a);
  selectNth(sorted, upper);
  selectNth(sorted, lower, 0, upper);
  return [sorted[lower]!, sorted[upper]!];
}

/**
 * Distractor analysis of a one-part question: for each class, the mean total of the attempts in it and the
 * Pearson r between membership and the rest score R = total − mark (corrected sums around meanRest).
 * Counts the classes too (into `counts`), in the same pass.
 */
export function distractors(
  slot: StatsSlot,
  column: ClassColumn,
  rows: Int32Array,
  counts: Int32Array,
  totals: Float64Array,
  marks: Float64Array,
  meanRest: number,
  restDeviationSum: number,
  restSquares: number,
): DistractorStatistics[] {
  const classes = slot.parts[0]!.classes;
  const size = classes.length;
  const totalSums = new Float64Array(size);
  const restSums = new Float64Array(size);
  const n = rows.length;
  for (let r = 0; r < n; r++) {
    const c = column[rows[r]!]!;
    if (c < 0 || c >= size) {
      if (c !== -1) throw classOutOfRange(slot, 0, c, rows[r]!);
      continue;
    }
    counts[c]!++;
    const t = totals[r]!;
    totalSums[c]! += t;
    restSums[c]! += t - marks[r]! - meanRest;
  }
  const restMeanOffset = n === 0 ? 0 : restDeviationSum / n;
  return classes.map((cls, c) => {
    const count = counts[c]!;
    let restCorrelation: number | null = null;
    if (count > 0 && count < n && restSquares > 0) {
      const covariance = restSums[c]! - count * restMeanOffset;
      restCorrelation = covariance / Math.sqrt(((count * (n - count)) / n) * restSquares);
    }
    return {
      classIndex: c,
      response: cls.label,
      count,
      meanTotal: count === 0 ? null : totalSums[c]! / count,
      restCorrelation,
    };
  });
}
