// Moodle's "Quiz information" figures (quiz_statistics\calculator::calculate), from the stored attempt totals.
import { countDistinct, type DistinctCounter, meanOfCounts, type SortedCounts, valueAtRank } from './histogram.js';
import { medianOf } from './order.js';
import { compensatedSum, percentOfTotal } from './sums.js';

export interface TestFigures {
  median: number | null;
  standardDeviation: number | null;
  skewness: number | null;
  kurtosis: number | null;
  coefficientOfInternalConsistency: number | null;
  errorRatio: number | null;
  standardError: number | null;
}

/**
 * The figures for the attempt totals `totals[0, n)` (rearranged), `p` graded slots and the sum of the slots'
 * sample mark variances. Raw marks are turned into percentages of `quizSumGrades` as Moodle shows them.
 */
export function testFigures(
  totals: Float64Array,
  p: number,
  sumOfMarkVariance: number,
  quizSumGrades: number,
  counter: DistinctCounter,
): TestFigures {
  const s = totals.length;
  const figures: TestFigures = {
    median: null,
    standardDeviation: null,
    skewness: null,
    kurtosis: null,
    coefficientOfInternalConsistency: null,
    errorRatio: null,
    standardError: null,
  };
  if (s === 0) return figures;

  // Moodle sums the powers of the differences to the mean (SQL); two passes with an accurate mean here.
  const counts = countDistinct(totals, s, counter);
  const mean = counts ? meanOfCounts(counts) : compensatedSum(totals, s) / s;
  let power2 = 0;
  let power3 = 0;
  let power4 = 0;
  for (let i = 0; i < s; i++) {
    const d = totals[i]! - mean;
    const d2 = d * d;
    power2 += d2;
    power3 += d2 * d;
    power4 += d2 * d2;
  }
  figures.median = percentOfTotal(counts ? medianOfCounts(counts, s) : medianOf(totals, s), quizSumGrades);
  if (s <= 1) return figures;

  const sd = Math.sqrt(power2 / (s - 1));
  figures.standardDeviation = percentOfTotal(sd, quizSumGrades);
  if (s <= 2) return figures;

  // The operations in Moodle's order, so that boundary cases (CIC just above 100) fall the same way.
  const m2 = power2 / s;
  const m3 = power3 / s;
  const m4 = power4 / s;
  const k2 = (s * m2) / (s - 1);
  const k3 = (s * s * m3) / ((s - 1) * (s - 2));
  if (k2 === 0) return figures;
  figures.skewness = k3 / Math.pow(k2, 3 / 2);
  if (s > 3) {
    const k4 = (s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2)) / ((s - 1) * (s - 2) * (s - 3));
    figures.kurtosis = k4 / (k2 * k2);
  }
  if (p > 1) {
    const cic = ((100 * p) / (p - 1)) * (1 - sumOfMarkVariance / k2);
    figures.coefficientOfInternalConsistency = cic;
    // Above 100 the root is NaN, which Moodle stores as null.
    const errorRatio = 100 * Math.sqrt(1 - cic / 100);
    if (!Number.isNaN(errorRatio)) {
      figures.errorRatio = errorRatio;
      figures.standardError = percentOfTotal((errorRatio * sd) / 100, quizSumGrades);
    }
  }
  return figures;
}

/** Moodle's median: the middle total, or the mean of the two middle totals. */
function medianOfCounts(counts: SortedCounts, s: number): number {
  const upper = valueAtRank(counts, s >> 1);
  return s % 2 === 1 ? upper : (valueAtRank(counts, (s >> 1) - 1) + upper) / 2;
}
