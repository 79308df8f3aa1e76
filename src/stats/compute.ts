// The quiz statistics report: Moodle's test-level, question-level and response figures, plus classical test
// theory beyond Moodle, from columnar attempts with no object per attempt.
import { distractors, upperLowerGroups } from './beyond.js';
import { countDistinct, DistinctCounter, meanOfCounts } from './histogram.js';
import { itemMoments, type ItemMoments } from './items.js';
import { sevenDecimals, slotMarks } from './marks.js';
import { countClasses, responseRows } from './responses.js';
import { checkAttemptColumns, selections } from './select.js';
import { compensatedSum, percentOfTotal } from './sums.js';
import { testFigures } from './test-level.js';
import type {
  AttemptColumns,
  QuestionStatistics,
  QuizLevelStatistics,
  QuizStatistics,
  QuizStatisticsInput,
  StatsSlot,
  WhichAttempts,
} from './types.js';

/** Moodle flags a question whose discriminative efficiency is below this (percent). */
export const DUBIOUS_EFFICIENCY = 15;

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
  let totalSquares = 0;
  let totalDeviation = 0;
  for (let r = 0; r < n; r++) {
    const d = totals[r]! - meanTotal;
    totalDeviation += d;
    totalSquares += d * d;
  }
  const totalVariance = n > 1 ? Math.max(0, totalSquares - (totalDeviation * totalDeviation) / n) / (n - 1) : null;
  const alpha =
    totalVariance !== null && totalVariance !== 0 && p > 1 ? (p / (p - 1)) * (1 - sumOfMarkVariance / totalVariance) : null;
  const sem = alpha !== null && alpha <= 1 ? Math.sqrt(totalVariance!) * Math.sqrt(1 - alpha) : null;
  const groups = upperLowerGroups(totals, totalCounts, marks, scratch);

  const questions = slots.map((slot, j): QuestionStatistics => {
    const m = moments[j]!;
    const maxMark = sevenDecimals(slot.maxMark);
    const negativeCovariance = m.covarianceWithTotal !== null && m.covarianceWithTotal < 0;
    const productOfVariances = (m.markVariance ?? 0) * (m.restVariance ?? 0);
    const restRoot = productOfVariances ? Math.sqrt(productOfVariances) : null;
    const efficiency = m.covarianceMax ? (100 * m.covariance!) / m.covarianceMax : null;
    const counts = slot.parts.map((part) => new Int32Array(part.classes.length));
    const columns = cols.classes[j]!;
    // A one-part question counts its classes in the distractor pass; the others count them here.
    const distractorRows =
      slot.parts.length === 1
        ? distractors(slot, columns[0]!, rows, counts[0]!, totals, marks[j]!, m.meanRest, m.restDeviationSum, m.restSquares)
        : null;
    if (distractorRows === null) counts.forEach((c, k) => countClasses(slot, k, columns[k]!, rows, c));
    const totalVarianceProduct = (m.markVariance ?? 0) * (totalVariance ?? 0);
    return {
      slot: slot.slot,
      questionId: slot.questionId,
      idnumber: slot.idnumber,
      name: slot.name,
      type: slot.type,
      maxMark,
      attempts: n,
      facilityIndex: n > 1 && maxMark !== 0 ? (m.meanMark / maxMark) * 100 : null,
      standardDeviation:
        m.markVariance !== null && maxMark !== 0 ? (Math.sqrt(m.markVariance) * 100) / maxMark : null,
      randomGuessScore: slot.randomGuessScore === null ? null : slot.randomGuessScore * 100,
      intendedWeight: percentOfTotal(maxMark, quizSumGrades),
      effectiveWeight:
        sumOfRoots && !negativeCovariance ? (100 * Math.sqrt(m.covarianceWithTotal ?? 0)) / sumOfRoots : null,
      negativeCovariance,
      discriminationIndex: restRoot === null ? null : (100 * m.covariance!) / restRoot,
      discriminativeEfficiency: efficiency,
      dubious: efficiency !== null && efficiency < DUBIOUS_EFFICIENCY,
      responses: responseRows(slot, counts, n),
      beyondMoodle: {
        itemTotalCorrelation: totalVarianceProduct ? m.covarianceWithTotal! / Math.sqrt(totalVarianceProduct) : null,
        itemRestCorrelation: restRoot === null ? null : m.covariance! / restRoot,
        upperLowerDiscrimination:
          groups && maxMark !== 0
            ? (groups.upperSums[j]! / groups.groups.upperCount - groups.lowerSums[j]! / groups.groups.lowerCount) /
              maxMark
            : null,
        alphaIfDeleted:
          p > 2 && m.restVariance ? ((p - 1) / (p - 2)) * (1 - (sumOfMarkVariance - m.markVariance!) / m.restVariance) : null,
        distractors: distractorRows,
      },
    };
  });

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
