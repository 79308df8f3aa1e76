// A deliberately plain implementation of the report, straight from the textbook formulas, over arrays of
// attempt objects: the property test compares the columnar implementation with it.
import type { ResponsePart } from '../../src/model/index.js';
import type { WhichAttempts } from '../../src/stats/index.js';

export interface NaiveAttempt {
  user: number;
  attempt: number;
  sumGrades: number | null;
  fractions: (number | null)[];
  classes: number[][];
}

export interface NaiveSlot {
  maxMark: number;
  randomGuessScore: number | null;
  parts: ResponsePart[];
}

const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
const variance = (a: number[]) => covariance(a, a);
function covariance(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  return a.reduce((s, v, i) => s + (v - ma) * (b[i]! - mb), 0) / (a.length - 1);
}
const ascending = (a: number[]) => [...a].sort((x, y) => x - y);

export function naiveSelect(attempts: NaiveAttempt[], which: WhichAttempts): NaiveAttempt[] {
  if (which === 'all') return attempts.filter((a) => a.sumGrades !== null);
  const byUser = new Map<number, NaiveAttempt[]>();
  for (const a of attempts) byUser.set(a.user, [...(byUser.get(a.user) ?? []), a]);
  const chosen = new Set<NaiveAttempt>();
  for (const mine of byUser.values()) {
    const score = (a: NaiveAttempt) => a.sumGrades ?? 0;
    const best = mine.reduce((b, a) => {
      if (which === 'first') return a.attempt < b.attempt ? a : b;
      if (which === 'last') return a.attempt > b.attempt ? a : b;
      return score(a) > score(b) || (score(a) === score(b) && a.attempt < b.attempt) ? a : b;
    });
    chosen.add(best);
  }
  return attempts.filter((a) => chosen.has(a) && a.sumGrades !== null);
}

export function naiveStatistics(slots: NaiveSlot[], attempts: NaiveAttempt[], which: WhichAttempts, quizSum: number) {
  const pct = (v: number | null) => (v === null || quizSum === 0 ? null : (v / quizSum) * 100);
  const sel = naiveSelect(attempts, which);
  const n = sel.length;
  const p = slots.length;
  const x = slots.map((s, j) => sel.map((a) => (a.fractions[j] ?? 0) * s.maxMark));
  const T = sel.map((_, i) => x.reduce((t, col) => t + col[i]!, 0));
  const S = sel.map((a) => a.sumGrades!);

  // Test level.
  const sorted = ascending(S);
  const median = n === 0 ? null : n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const sd = n >= 2 ? Math.sqrt(variance(S)) : null;
  const meanS = mean(S);
  const z = sd ? S.map((v) => (v - meanS) / sd) : [];
  const skew = n >= 3 && sd ? (n / ((n - 1) * (n - 2))) * z.reduce((s, v) => s + v ** 3, 0) : null;
  const kurt =
    n >= 4 && sd
      ? ((n * (n + 1)) / ((n - 1) * (n - 2) * (n - 3))) * z.reduce((s, v) => s + v ** 4, 0) -
        (3 * (n - 1) ** 2) / ((n - 2) * (n - 3))
      : null;
  const itemVar = x.map((col) => (n >= 2 ? variance(col) : 0));
  const sumVar = itemVar.reduce((s, v) => s + v, 0);
  const alphaS = n >= 3 && sd && p > 1 ? (p / (p - 1)) * (1 - sumVar / sd ** 2) : null;
  const er = alphaS !== null && alphaS <= 1 ? 100 * Math.sqrt(1 - alphaS) : null;
  const averageOf = (w: WhichAttempts) => {
    const s = naiveSelect(attempts, w).map((a) => a.sumGrades!);
    return { count: s.length, average: s.length ? pct(mean(s)) : null };
  };

  // Beyond Moodle, on the marks' total.
  const varT = n >= 2 ? variance(T) : null;
  const alphaT = varT && p > 1 ? (p / (p - 1)) * (1 - sumVar / varT) : null;
  const k = Math.max(1, Math.round(0.27 * n));
  const sortedT = ascending(T);
  const lowerCut = sortedT[k - 1]!;
  const upperCut = sortedT[n - k]!;
  const groups = n >= 2 && upperCut > lowerCut;
  const upper = T.map((t) => t >= upperCut);
  const lower = T.map((t) => t <= lowerCut);

  const covT = x.map((col) => (n >= 2 ? covariance(col, T) : null));
  const sumRoots = covT.reduce<number>((s, c) => (c !== null && c >= 0 ? s + Math.sqrt(c) : s), 0);

  const questions = slots.map((s, j) => {
    const xs = x[j]!;
    const M = s.maxMark;
    const R = T.map((t, i) => t - xs[i]!);
    const vx = n >= 2 ? variance(xs) : 0;
    const vR = n >= 2 ? variance(R) : 0;
    const cov = n >= 2 ? covariance(xs, R) : 0;
    const sx = ascending(xs);
    const sR = ascending(R);
    const [mx, mR] = [mean(xs), mean(R)];
    const covMax = n >= 2 ? sx.reduce((acc, v, i) => acc + (v - mx) * (sR[i]! - mR), 0) / (n - 1) : 0;
    const de = covMax ? (100 * cov) / covMax : null;
    const counts = s.parts.map((part, k2) => part.classes.map((_, c) => sel.filter((a) => a.classes[j]![k2] === c).length));
    const c = covT[j]!;
    const inUpper = xs.filter((_, i) => upper[i]);
    const inLower = xs.filter((_, i) => lower[i]);
    return {
      attempts: n,
      facilityIndex: n > 1 && M !== 0 ? (mean(xs) / M) * 100 : null,
      standardDeviation: n > 1 && M !== 0 ? (Math.sqrt(vx) / M) * 100 : null,
      randomGuessScore: s.randomGuessScore === null ? null : s.randomGuessScore * 100,
      intendedWeight: pct(M),
      effectiveWeight: c === null || c < 0 || sumRoots === 0 ? null : (100 * Math.sqrt(c)) / sumRoots,
      negativeCovariance: c !== null && c < 0,
      covarianceWithTotal: c,
      discriminationIndex: vx * vR ? (100 * cov) / Math.sqrt(vx * vR) : null,
      discriminativeEfficiency: de,
      dubious: de !== null && de < 15,
      responses: s.parts.flatMap((part, k2) =>
        part.classes.map((cls, ci) => ({
          partIndex: k2,
          part: part.label,
          classIndex: ci,
          response: cls.label,
          partialCredit: cls.fraction === null ? null : cls.fraction * 100,
          count: counts[k2]![ci]!,
          frequency: n === 0 ? null : (counts[k2]![ci]! / n) * 100,
        })),
      ),
      beyondMoodle: {
        itemTotalCorrelation: varT && vx ? c! / Math.sqrt(vx * varT) : null,
        itemRestCorrelation: vx * vR ? cov / Math.sqrt(vx * vR) : null,
        upperLowerDiscrimination: groups && M !== 0 ? (mean(inUpper) - mean(inLower)) / M : null,
        alphaIfDeleted: p > 2 && vR ? ((p - 1) / (p - 2)) * (1 - (sumVar - vx) / vR) : null,
        distractors:
          s.parts.length === 1
            ? s.parts[0]!.classes.map((cls, ci) => {
                const chose = sel.map((a) => (a.classes[j]![0] === ci ? 1 : 0));
                const count = chose.reduce<number>((a, b) => a + b, 0);
                return {
                  classIndex: ci,
                  response: cls.label,
                  count,
                  meanTotal: count ? mean(T.filter((_, i) => chose[i])) : null,
                  restCorrelation: count > 0 && count < n && vR ? covariance(chose, R) / Math.sqrt(variance(chose) * vR) : null,
                };
              })
            : null,
      },
    };
  });

  const counts = { first: averageOf('first'), last: averageOf('last'), highest: averageOf('highest'), all: averageOf('all') };
  return {
    quiz: {
      attemptsUsed: n,
      firstAttemptsCount: counts.first.count,
      allAttemptsCount: counts.all.count,
      lastAttemptsCount: counts.last.count,
      highestAttemptsCount: counts.highest.count,
      firstAttemptsAverage: counts.first.average,
      allAttemptsAverage: counts.all.average,
      lastAttemptsAverage: counts.last.average,
      highestAttemptsAverage: counts.highest.average,
      median: pct(median),
      standardDeviation: pct(sd),
      skewness: skew,
      kurtosis: kurt,
      coefficientOfInternalConsistency: alphaS === null ? null : alphaS * 100,
      errorRatio: er,
      standardError: er === null ? null : pct((er / 100) * sd!),
      beyondMoodle: {
        alpha: alphaT,
        standardErrorOfMeasurement: alphaT !== null && alphaT <= 1 ? Math.sqrt(varT!) * Math.sqrt(1 - alphaT) : null,
        upperLowerGroups: groups
          ? {
              nominalSize: k,
              upperCount: upper.filter(Boolean).length,
              lowerCount: lower.filter(Boolean).length,
              upperMinTotal: upperCut,
              lowerMaxTotal: lowerCut,
            }
          : null,
      },
    },
    questions,
  };
}
