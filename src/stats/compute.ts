// The quiz statistics report: Moodle's test-level, question-level and response figures, plus classical test
// theory beyond Moodle, from columnar attempts with no object per attempt.
import { addGroupSums, upperLowerGroups } from './beyond.js';
import { columnLength, unpack } from './columns.js';
import { countDistinct, DistinctCounter, meanOfCounts } from './histogram.js';
import { itemMoments, type ItemMoments } from './items.js';
import { sevenDecimals, slotMarks } from './marks.js';
import { questionStatistics, slotResponses, type SharedFigures, type SlotResponses } from './question.js';
import { checkColumnLengths, selectionSteps } from './select.js';
import { runSteps, type Steps } from './steps.js';
import { compensatedSum, percentOfTotal } from './sums.js';
import { testFigures } from './test-level.js';
import type {
  AttemptColumns,
  QuizLevelStatistics,
  QuizStatistics,
  QuizStatisticsInput,
  StatsSlot,
  WhichAttempts,
} from './types.js';
import { StatisticsWorkspace } from './workspace.js';

/** Past this many distinct values a column's ranks come from selection instead of a table of counts. */
const DISTINCT_LIMIT = 1 << 14;

export function computeQuizStatistics(input: QuizStatisticsInput): QuizStatistics {
  return runSteps(computeQuizStatisticsSteps(input));
}

/**
 * computeQuizStatistics in steps: the generator yields between passes over the attempts (each a few
 * milliseconds for a million), so that a caller may let other work run in between. The attempts must not
 * change until it is done. Per attempt, it only uses the workspace's arrays: the selected rows, the totals and
 * one slot's marks at a time (and, for continuous marks, rest scores and a sorted copy).
 */
export function* computeQuizStatisticsSteps(input: QuizStatisticsInput): Steps<QuizStatistics> {
  const { slots, attempts: cols, which, quizSumGrades } = input;
  const ws = input.workspace ?? new StatisticsWorkspace();
  checkInput(slots, cols, quizSumGrades);
  const p = slots.length;
  const { rows, totals: selectionTotals } = yield* selectionSteps(cols, which, ws);
  const n = rows.length;

  // The sum of each attempt's marks, added in slot order as Moodle adds them.
  const { totals, marks } = ws.totalsAndMarks(n);
  totals.fill(0);
  for (let j = 0; j < p; j++) {
    slotMarks(cols.fractions[j]!, slots[j]!.maxMark, rows, marks, totals);
    yield;
  }
  const counter = new DistinctCounter(DISTINCT_LIMIT);
  const totalCounts = countDistinct(totals, n, counter);
  const meanTotal = n === 0 ? 0 : totalCounts ? meanOfCounts(totalCounts) : compensatedSum(totals, n) / n;
  yield;
  // Beyond Moodle: the upper and lower groups by total.
  const groups = upperLowerGroups(totals, totalCounts, p, ws);
  yield;

  // Slot by slot, its marks made again in the one array: moments, group sums, analysis of responses.
  const moments: ItemMoments[] = [];
  const responses: SlotResponses[] = [];
  for (let j = 0; j < p; j++) {
    slotMarks(cols.fractions[j]!, slots[j]!.maxMark, rows, marks);
    yield;
    const m = yield* itemMoments(marks, totals, meanTotal, counter, ws);
    moments.push(m);
    yield;
    if (groups !== null) {
      addGroupSums(groups, j, totals, marks);
      yield;
    }
    responses.push(yield* slotResponses(slots[j]!, cols.classes[j]!, rows, totals, marks, m));
    yield;
  }

  // Effective weights: roots of the non-negative covariances with the total (a null one adds 0, as in PHP).
  let sumOfRoots = 0;
  let sumOfMarkVariance = 0;
  for (const m of moments) {
    const c = m.covarianceWithTotal ?? 0;
    if (c >= 0) sumOfRoots += Math.sqrt(c);
    sumOfMarkVariance += m.markVariance ?? 0;
  }

  // Moodle's test figures are on the stored totals; their array takes the place of the marks.
  const stored = marks;
  const { codes, values, raw } = unpack(cols.sumGrades);
  for (let r = 0; r < n; r++) stored[r] = codes === null ? raw[rows[r]!]! : values[codes[rows[r]!]!]!;
  yield;
  const figures = testFigures(stored, p, sumOfMarkVariance, quizSumGrades, counter);
  yield;

  // Beyond Moodle, on the question marks: α, SEM.
  const totalVariance = sampleVariance(totals, meanTotal);
  const alpha =
    totalVariance !== null && totalVariance !== 0 && p > 1 ? (p / (p - 1)) * (1 - sumOfMarkVariance / totalVariance) : null;
  const sem = alpha !== null && alpha <= 1 ? Math.sqrt(totalVariance!) * Math.sqrt(1 - alpha) : null;

  const shared: SharedFigures = { n, p, quizSumGrades, sumOfRoots, sumOfMarkVariance, totalVariance, groups };
  const questions = slots.map((slot, j) => questionStatistics(slot, j, moments[j]!, responses[j]!, shared));

  const quiz: QuizLevelStatistics = {
    whichAttempts: which,
    quizSumGrades,
    attemptsUsed: n,
    ...countsAndAverages(selectionTotals, quizSumGrades),
    ...figures,
    beyondMoodle: {
      alpha,
      dichotomous: moments.every((m, j) => isDichotomous(m.markCounts?.values ?? null, sevenDecimals(slots[j]!.maxMark))),
      standardErrorOfMeasurement: sem,
      upperLowerGroups: groups?.groups ?? null,
    },
  };
  return { quiz, questions };
}

/** The sample variance of a[0, n) around an accurate mean (corrected two-pass); null for fewer than 2 values. */
function sampleVariance(a: Float64Array, mean: number): number | null {
  const n = a.length;
  if (n < 2) return null;
  let squares = 0;
  let deviation = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - mean;
    deviation += d;
    squares += d * d;
  }
  return Math.max(0, squares - (deviation * deviation) / n) / (n - 1);
}

function isDichotomous(distinct: Float64Array | null, maxMark: number): boolean {
  return distinct !== null && distinct.every((v) => v === 0 || v === maxMark);
}

type CountsAndAverages = Pick<
  QuizLevelStatistics,
  | 'firstAttemptsCount'
  | 'allAttemptsCount'
  | 'lastAttemptsCount'
  | 'highestAttemptsCount'
  | 'firstAttemptsAverage'
  | 'allAttemptsAverage'
  | 'lastAttemptsAverage'
  | 'highestAttemptsAverage'
>;

/** Moodle shows the count and average of every selection, whichever one the report uses. */
function countsAndAverages(
  totals: Record<WhichAttempts, { count: number; sum: number }>,
  quizSumGrades: number,
): CountsAndAverages {
  const average = (which: WhichAttempts) => {
    const { count, sum } = totals[which];
    return count === 0 ? null : percentOfTotal(sum / count, quizSumGrades);
  };
  return {
    firstAttemptsCount: totals.first.count,
    allAttemptsCount: totals.all.count,
    lastAttemptsCount: totals.last.count,
    highestAttemptsCount: totals.highest.count,
    firstAttemptsAverage: average('first'),
    allAttemptsAverage: average('all'),
    lastAttemptsAverage: average('last'),
    highestAttemptsAverage: average('highest'),
  };
}

function checkInput(slots: StatsSlot[], cols: AttemptColumns, quizSumGrades: number): void {
  checkColumnLengths(cols);
  if (!Number.isFinite(quizSumGrades)) throw new RangeError('quizSumGrades must be a finite number');
  if (cols.fractions.length !== slots.length || cols.classes.length !== slots.length) {
    throw new RangeError(`attempts.fractions and attempts.classes need one column per slot (${slots.length})`);
  }
  slots.forEach((slot, j) => {
    if (!Number.isFinite(slot.maxMark)) throw new RangeError(`slot ${slot.slot}: maxMark must be finite`);
    if (columnLength(cols.fractions[j]!) < cols.length) throw new RangeError(`slot ${slot.slot}: fractions column is too short`);
    const parts = cols.classes[j]!;
    if (parts.length !== slot.parts.length) {
      throw new RangeError(`slot ${slot.slot}: ${slot.parts.length} parts but ${parts.length} class columns`);
    }
    for (const column of parts) {
      if (column.length < cols.length) throw new RangeError(`slot ${slot.slot}: classes column is too short`);
    }
  });
}
