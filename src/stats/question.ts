// One row of Moodle's "Quiz structure analysis" (core_question\statistics\questions\calculator and
// statistics_table), with its analysis of responses and the figures beyond Moodle.
import { distractors, type GroupSums } from './beyond.js';
import type { ItemMoments } from './items.js';
import { sevenDecimals } from './marks.js';
import { countClasses, responseRows } from './responses.js';
import { percentOfTotal } from './sums.js';
import type { AttemptColumns, QuestionStatistics, StatsSlot } from './types.js';

/** Moodle flags a question whose discriminative efficiency is below this (percent). */
export const DUBIOUS_EFFICIENCY = 15;

/** What every question's figures draw on. */
export interface SharedFigures {
  rows: Int32Array;
  classes: AttemptColumns['classes'];
  /** Per used attempt: the sum of its marks. */
  totals: Float64Array;
  quizSumGrades: number;
  /** Σ √Cov(x, T) over the slots whose covariance is not negative. */
  sumOfRoots: number;
  sumOfMarkVariance: number;
  /** The sample variance of the totals (beyond Moodle). */
  totalVariance: number | null;
  groups: GroupSums | null;
}

export function questionStatistics(
  slot: StatsSlot,
  j: number,
  m: ItemMoments,
  marks: Float64Array,
  shared: SharedFigures,
): QuestionStatistics {
  const { rows, totals, sumOfRoots, sumOfMarkVariance, totalVariance, groups } = shared;
  const n = rows.length;
  const p = shared.classes.length; // one class column list per slot
  const maxMark = sevenDecimals(slot.maxMark);
  const negativeCovariance = m.covarianceWithTotal !== null && m.covarianceWithTotal < 0;
  // Moodle tests these products and CovMax for truth: 0 (and a null, which multiplies as 0) leave a blank.
  const varianceProduct = (m.markVariance ?? 0) * (m.restVariance ?? 0);
  const restRoot = varianceProduct ? Math.sqrt(varianceProduct) : null;
  const efficiency = m.covarianceMax ? (100 * m.covariance!) / m.covarianceMax : null;
  const totalVarianceProduct = (m.markVariance ?? 0) * (totalVariance ?? 0);

  const counts = slot.parts.map((part) => new Int32Array(part.classes.length));
  const columns = shared.classes[j]!;
  // A one-part question counts its classes in the distractor pass; the others count them here.
  const distractorRows =
    slot.parts.length === 1
      ? distractors(slot, columns[0]!, rows, counts[0]!, totals, marks, m.meanRest, m.restDeviationSum, m.restSquares)
      : null;
  if (distractorRows === null) counts.forEach((c, k) => countClasses(slot, k, columns[k]!, rows, c));

  return {
    slot: slot.slot,
    questionId: slot.questionId,
    idnumber: slot.idnumber,
    name: slot.name,
    type: slot.type,
    maxMark,
    attempts: n,
    // Moodle computes the facility for one attempt too, but hides the column then.
    facilityIndex: n > 1 && maxMark !== 0 ? (m.meanMark / maxMark) * 100 : null,
    standardDeviation: m.markVariance !== null && maxMark !== 0 ? (Math.sqrt(m.markVariance) * 100) / maxMark : null,
    randomGuessScore: slot.randomGuessScore === null ? null : slot.randomGuessScore * 100,
    intendedWeight: percentOfTotal(maxMark, shared.quizSumGrades),
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
          ? (groups.upperSums[j]! / groups.groups.upperCount - groups.lowerSums[j]! / groups.groups.lowerCount) / maxMark
          : null,
      alphaIfDeleted:
        p > 2 && m.restVariance ? ((p - 1) / (p - 2)) * (1 - (sumOfMarkVariance - m.markVariance!) / m.restVariance) : null,
      distractors: distractorRows,
    },
  };
}
