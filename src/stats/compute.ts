// The quiz statistics report: Moodle's test-level, question-level and response figures, plus classical test
// theory beyond Moodle, from columnar attempts with no object per attempt.
import { upperLowerGroups } from './beyond.js';
import { countDistinct, DistinctCounter, meanOfCounts } from './histogram.js';
import { itemMoments, type ItemMoments } from './items.js';
import { sevenDecimals, slotMarks } from './marks.js';
import { questionStatistics, type SharedFigures } from './question.js';
import { checkAttemptColumns, selections } from './select.js';
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

/** Past this many distinct values a column's ranks come from selection instead of a table of counts. */
const DISTINCT_LIMIT = 1 << 14;

export function computeQuizStatistics(input: QuizStatisticsInput): QuizStatistics {
  const { slots, attempts: cols, which, quizSumGrades } = input;
  checkInput(slots, cols, quizSumGrades);
  const p = slots.length;
  const { rows, totals: selectionTotals } = selections(cols, which);
  const n = rows.length;

  // Marks per slot and their sum per attempt, added in slot order as Moodle adds them.
  const totals = new Float64Array(n);
  const marks = slots.map((slot, j) => {
    const out = new Float64Array(n);
    slotMarks(cols.fractions[j]!, slot.maxMark, rows, out, totals);
    return out;
  });
  const counter = new DistinctCounter(DISTINCT_LIMIT);
  const totalCounts = countDistinct(totals, n, counter);
  const meanTotal = n === 0 ? 0 : totalCounts ? meanOfCounts(totalCounts) : compensatedSum(totals, n) / n;

  const scratch = new Float64Array(n);
  const moments: ItemMoments[] = marks.map((x) => itemMoments(x, totals, meanTotal, counter, scratch));

  // Effective weights: roots of the non-negative covariances with the total (a null one adds 0, as in PHP).
  let sumOfRoots = 0;
  let sumOfMarkVariance = 0;
  for (const m of moments) {
    const c = m.covarianceWithTotal ?? 0;
    if (c >= 0) sumOfRoots += Math.sqrt(c);
    sumOfMarkVariance += m.markVariance ?? 0;
  }

  const stored = new Float64Array(n);
  for (let r = 0; r < n; r++) stored[r] = cols.sumGrades[rows[r]!]!;
  const figures = testFigures(stored, p, sumOfMarkVariance, quizSumGrades, counter);

  // Beyond Moodle, on the question marks: α, SEM, upper–lower groups.
  const totalVariance = sampleVariance(totals, meanTotal);
  const alpha =
    totalVariance !== null && totalVariance !== 0 && p > 1 ? (p / (p - 1)) * (1 - sumOfMarkVariance / totalVariance) : null;
  const sem = alpha !== null && alpha <= 1 ? Math.sqrt(totalVariance!) * Math.sqrt(1 - alpha) : null;
  const groups = upperLowerGroups(totals, totalCounts, marks, scratch);

  const shared: SharedFigures = {
    rows,
    classes: cols.classes,
    totals,
    quizSumGrades,
    sumOfRoots,
    sumOfMarkVariance,
    totalVariance,
    groups,
  };
  const questions = slots.map((slot, j) => questionStatistics(slot, j, moments[j]!, marks[j]!, shared));

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
  checkAttemptColumns(cols);
  if (!Number.isFinite(quizSumGrades)) throw new RangeError('quizSumGrades must be a finite number');
  if (cols.fractions.length !== slots.length || cols.classes.length !== slots.length) {
    throw new RangeError(`attempts.fractions and attempts.classes need one column per slot (${slots.length})`);
  }
  slots.forEach((slot, j) => {
    if (!Number.isFinite(slot.maxMark)) throw new RangeError(`slot ${slot.slot}: maxMark must be finite`);
    if (cols.fractions[j]!.length < cols.length) throw new RangeError(`slot ${slot.slot}: fractions column is too short`);
    const parts = cols.classes[j]!;
    if (parts.length !== slot.parts.length) {
      throw new RangeError(`slot ${slot.slot}: ${slot.parts.length} parts but ${parts.length} class columns`);
    }
    for (const column of parts) {
      if (column.length < cols.length) throw new RangeError(`slot ${slot.slot}: classes column is too short`);
    }
  });
}
