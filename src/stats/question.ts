// One row of Moodle's "Quiz structure analysis" (core_question\statistics\questions\calculator and
// statistics_table), with its analysis of responses and the figures beyond Moodle.
import { distractors, type GroupSums } from './beyond.js';
import type { ItemMoments } from './items.js';
import { sevenDecimals } from './marks.js';
import { countClasses, responseRows } from './responses.js';
import type { Steps } from './steps.js';
import { percentOfTotal } from './sums.js';
import type { ClassColumn, DistractorStatistics, QuestionStatistics, StatsSlot } from './types.js';

/** Moodle flags a question whose discriminative efficiency is below this (percent). */
export const DUBIOUS_EFFICIENCY = 15;

/** What every question's figures draw on. */
export interface SharedFigures {
  /** The number of attempts used. */
  n: number;
  /** The number of graded slots. */
  p: number;
  quizSumGrades: number;
  /** Σ √Cov(x, T) over the slots whose covariance is not negative. */
  sumOfRoots: number;
  sumOfMarkVariance: number;
  /** The sample variance of the totals (beyond Moodle). */
  totalVariance: number | null;
  groups: GroupSums | null;
}

/** One slot's analysis of responses: the count of each class of each part, and the distractors of a one-part question. */
export interface SlotResponses {
  counts: Int32Array[];
  distractors: DistractorStatistics[] | null;
}

/** Counts the slot's response classes at `rows`; `marks` and `totals` are the used attempts' (for the distractors). */
export function* slotResponses(
  slot: StatsSlot,
  columns: readonly ClassColumn[],
  rows: Int32Array,
  totals: Float64Array,
  marks: Float64Array,
  m: ItemMoments,
): Steps<SlotResponses> {
  const counts = slot.parts.map((part) => new Int32Array(part.classes.length));
  // A one-part question counts its classes in the distractor pass; the others count them here, a part a step.
  if (slot.parts.length === 1) {
    const rowsOfDistractors = distractors(slot, columns[0]!, rows, counts[0]!, totals, marks, m.meanRest, m.restDeviationSum, m.restSquares);
    return { counts, distractors: rowsOfDistractors };
  }
  for (let k = 0; k < counts.length; k++) {
    countClasses(slot, k, columns[k]!, rows, counts[k]!);
    yield;
  }
  return { counts, distractors: null };
}

export function questionStatistics(
  slot: StatsSlot,
  j: number,
  m: ItemMoments,
  responses: SlotResponses,
  shared: SharedFigures,
): QuestionStatistics {
  const { n, p, sumOfRoots, sumOfMarkVariance, totalVariance, groups } = shared;
  const maxMark = sevenDecimals(slot.maxMark);
  const negativeCovariance = m.covarianceWithTotal !== null && m.covarianceWithTotal < 0;
  // Moodle tests these products and CovMax for truth: 0 (and a null, which multiplies as 0) leave a blank.
  const varianceProduct = (m.markVariance ?? 0) * (m.restVariance ?? 0);
  const restRoot = varianceProduct ? Math.sqrt(varianceProduct) : null;
  const efficiency = m.covarianceMax ? (100 * m.covariance!) / m.covarianceMax : null;
  const totalVarianceProduct = (m.markVariance ?? 0) * (totalVariance ?? 0);

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
    responses: responseRows(slot, responses.counts, n),
    beyondMoodle: {
      itemTotalCorrelation: totalVarianceProduct ? m.covarianceWithTotal! / Math.sqrt(totalVarianceProduct) : null,
      itemRestCorrelation: restRoot === null ? null : m.covariance! / restRoot,
      upperLowerDiscrimination:
        groups && maxMark !== 0
          ? (groups.upperSums[j]! / groups.groups.upperCount - groups.lowerSums[j]! / groups.groups.lowerCount) / maxMark
          : null,
      alphaIfDeleted:
        p > 2 && m.restVariance ? ((p - 1) / (p - 2)) * (1 - (sumOfMarkVariance - m.markVariance!) / m.restVariance) : null,
      distractors: responses.distractors,
    },
  };
}
