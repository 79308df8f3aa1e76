// The moments of one slot that Moodle's question statistics need (core_question\statistics\questions\calculator):
// the mark x, the rest of the test R = total − x and the total T, where the total is the sum of the question
// marks (not the stored attempt total). Accurate means first (from the counts of distinct values, or compensated
// sums), then one pass over the deviations with the corrected two-pass formula Σd·e − (Σd)(Σe)/n.
import {
  countDistinct,
  countDistinctDifferences,
  type DistinctCounter,
  meanOfCounts,
  type SortedCounts,
  sortedPairingSum,
} from './histogram.js';
import { rankRangeSums } from './order.js';
import type { Steps } from './steps.js';
import { compensatedSum } from './sums.js';
import { DOUBLES, type StatisticsWorkspace } from './workspace.js';

/** Second moments, each already divided by n − 1; null for fewer than 2 attempts. */
export interface ItemMoments {
  meanMark: number;
  meanRest: number;
  markVariance: number | null;
  restVariance: number | null;
  /** Cov(x, R). */
  covariance: number | null;
  /** Cov(x, R) with x and R each sorted ascending: the largest covariance these values allow (Moodle's CovMax). */
  covarianceMax: number | null;
  /** Cov(x, T). */
  covarianceWithTotal: number | null;
  /** Σ(R − meanRest) over the attempts, for later corrected sums (distractor analysis). */
  restDeviationSum: number;
  /** Σ(R − meanRest)², corrected, not divided. */
  restSquares: number;
  /** The distinct marks with their counts, or null when there are too many to count. */
  markCounts: SortedCounts | null;
}

/**
 * Moments of the marks x[0, n) against the totals t[0, n) (whose mean is meanTotal). The rest scores t − x are
 * computed where they are needed; only when they take too many values to count are they written out, into the
 * workspace. The counter is reset and reused.
 */
export function* itemMoments(
  x: Float64Array,
  t: Float64Array,
  meanTotal: number,
  counter: DistinctCounter,
  ws: StatisticsWorkspace,
): Steps<ItemMoments> {
  const n = x.length;
  const markCounts = countDistinct(x, n, counter);
  yield;
  const restCounts = countDistinctDifferences(t, x, n, counter);
  const rest = restCounts === null ? restScores(x, t, ws) : null;
  yield;
  const meanMark = n === 0 ? 0 : markCounts ? meanOfCounts(markCounts) : compensatedSum(x, n) / n;
  const meanRest = n === 0 ? 0 : restCounts ? meanOfCounts(restCounts) : compensatedSum(rest!, n) / n;

  let sx = 0;
  let sr = 0;
  let st = 0;
  let sxx = 0;
  let srr = 0;
  let sxr = 0;
  let sxt = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanMark;
    const dr = t[i]! - x[i]! - meanRest;
    const dt = t[i]! - meanTotal;
    sx += dx;
    sr += dr;
    st += dt;
    sxx += dx * dx;
    srr += dr * dr;
    sxr += dx * dr;
    sxt += dx * dt;
  }
  const restSquares = n > 0 ? Math.max(0, srr - (sr * sr) / n) : 0;
  const moments: ItemMoments = {
    meanMark,
    meanRest,
    markVariance: null,
    restVariance: null,
    covariance: null,
    covarianceMax: null,
    covarianceWithTotal: null,
    restDeviationSum: sr,
    restSquares,
    markCounts,
  };
  if (n <= 1) return moments;
  moments.markVariance = Math.max(0, sxx - (sx * sx) / n) / (n - 1);
  moments.restVariance = restSquares / (n - 1);
  moments.covariance = (sxr - (sx * sr) / n) / (n - 1);
  moments.covarianceWithTotal = (sxt - (sx * st) / n) / (n - 1);
  yield;
  const pairing = sortedPairing(x, t, rest, markCounts, restCounts, meanMark, meanRest, ws);
  moments.covarianceMax = (pairing - (sx * sr) / n) / (n - 1);
  return moments;
}

/** The rest scores t − x, written into the workspace. */
function restScores(x: Float64Array, t: Float64Array, ws: StatisticsWorkspace): Float64Array {
  const rest = ws.float64(DOUBLES.rest, x.length);
  for (let i = 0; i < x.length; i++) rest[i] = t[i]! - x[i]!;
  return rest;
}

/** Σ (x₍ₖ₎ − meanMark)(R₍ₖ₎ − meanRest) with x and R = t − x each sorted ascending. */
function sortedPairing(
  x: Float64Array,
  t: Float64Array,
  written: Float64Array | null,
  markCounts: SortedCounts | null,
  restCounts: SortedCounts | null,
  meanMark: number,
  meanRest: number,
  ws: StatisticsWorkspace,
): number {
  if (markCounts && restCounts) return sortedPairingSum(markCounts, restCounts, meanMark, meanRest);
  const n = x.length;
  // The rest scores are rearranged: they are not needed after this.
  const rest = written ?? restScores(x, t, ws);
  if (markCounts) {
    // Few marks, many rest scores: sum the rest scores over each run of equal marks' rank range.
    const ends: number[] = [];
    let end = 0;
    for (const c of markCounts.counts) ends.push((end += c));
    const sums = rankRangeSums(rest, n, ends, meanRest);
    let sum = 0;
    markCounts.values.forEach((v, g) => (sum += (v - meanMark) * sums[g]!));
    return sum;
  }
  const sortedX = ws.float64(DOUBLES.sorted, n);
  sortedX.set(x);
  sortedX.sort();
  rest.sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (sortedX[i]! - meanMark) * (rest[i]! - meanRest);
  return sum;
}
