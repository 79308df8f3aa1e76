// The input and output of the quiz statistics report. Field comments become the OpenAPI descriptions.
import type { ResponsePart } from '../model/index.js';
import type { StatisticsWorkspace } from './workspace.js';

/** Which attempts of each user the report uses (Moodle's "Calculate statistics from"). */
export type WhichAttempts = 'first' | 'last' | 'highest' | 'all';

export const WHICH_ATTEMPTS: readonly WhichAttempts[] = ['first', 'last', 'highest', 'all'];

/** A graded slot of the quiz (descriptions are left out), in quiz order. */
export interface StatsSlot {
  slot: number;
  questionId: number;
  idnumber: string | null;
  name: string;
  type: string;
  /** The slot's maximum mark; stored by Moodle to 7 decimals. */
  maxMark: number;
  /** The question type's random guess score as a fraction (0.25 for one right choice of four), or null. */
  randomGuessScore: number | null;
  /** The parts and response classes grading sorts responses into; [] for a type without response analysis. */
  parts: ResponsePart[];
}

/**
 * A column of doubles stored as a code per attempt into the table of its distinct values: exact, and a byte
 * or two per attempt where the column takes few values (a question's fractions, the attempts' totals).
 */
export interface CodedColumn {
  /** Per attempt: the index in `values` of its value. */
  codes: Uint8Array | Uint16Array;
  /** The distinct values (NaN among them when it occurs); may hold more entries than codes use. */
  values: Float64Array;
}

/** A column of doubles, as they are or coded. */
export type NumberColumn = Float64Array | CodedColumn;

/** A column of response class indices; -1 for none. */
export type ClassColumn = Int8Array | Int16Array;

/**
 * Every stored attempt of the quiz (finished, or finished and awaiting manual grading), column by column,
 * so that a million attempts need no object per attempt. Columns may be longer than `length`.
 */
export interface AttemptColumns {
  length: number;
  /** A dense user index, ≥ 0 (the caller maps user ids to indices). */
  user: Int32Array;
  /** 1, 2, … per user. */
  attemptNumber: Int32Array;
  /** The attempt's total as stored (5 decimals); NaN when null (a question awaits manual grading). */
  sumGrades: NumberColumn;
  /** Per graded slot (in `slots` order), per attempt: the question's fraction; NaN when null (gave up, not graded). */
  fractions: NumberColumn[];
  /** Per graded slot, per part of that slot: the response class index of each attempt, -1 when it adds nothing. */
  classes: ClassColumn[][];
}

export interface QuizStatisticsInput {
  slots: StatsSlot[];
  attempts: AttemptColumns;
  which: WhichAttempts;
  /** The quiz's total of maximum marks (Moodle's quiz.sumgrades, 5 decimals). */
  quizSumGrades: number;
  /** Scratch arrays to reuse from an earlier computation (one is made when left out); see StatisticsWorkspace. */
  workspace?: StatisticsWorkspace;
}

/**
 * The test-level figures of Moodle's "Quiz information" table. Percentages are of the quiz's maximum total
 * unless said otherwise; every figure is unrounded and null where Moodle leaves the cell blank.
 */
export interface QuizLevelStatistics {
  /** The attempts the report uses. */
  whichAttempts: WhichAttempts;
  /** The quiz's total of maximum marks the percentages refer to. */
  quizSumGrades: number;
  /** Number of attempts used for the figures below (Moodle's s). */
  attemptsUsed: number;
  /** Number of complete graded first attempts. */
  firstAttemptsCount: number;
  /** Total number of complete graded attempts. */
  allAttemptsCount: number;
  /** Number of complete graded last attempts (Moodle computes it but does not show it). */
  lastAttemptsCount: number;
  /** Number of complete graded highest attempts (Moodle computes it but does not show it). */
  highestAttemptsCount: number;
  /** Average grade of first attempts, percent; null when there is none or the quiz's total is 0. */
  firstAttemptsAverage: number | null;
  /** Average grade of all attempts, percent. */
  allAttemptsAverage: number | null;
  /** Average grade of last attempts, percent. */
  lastAttemptsAverage: number | null;
  /** Average grade of highest graded attempts, percent. */
  highestAttemptsAverage: number | null;
  /** Median grade of the attempts used, percent. */
  median: number | null;
  /** Sample standard deviation of the attempt totals, percent; null for fewer than 2 attempts. */
  standardDeviation: number | null;
  /** Score distribution skewness (adjusted Fisher–Pearson G1), a plain number; needs 3 attempts and varying totals. */
  skewness: number | null;
  /** Score distribution excess kurtosis (G2), a plain number; needs 4 attempts and varying totals. */
  kurtosis: number | null;
  /** Coefficient of internal consistency: Cronbach's α × 100 (not a share of the total); needs 3 attempts, varying totals, 2 questions. */
  coefficientOfInternalConsistency: number | null;
  /** Error ratio: 100·√(1 − CIC/100) (not a share of the total); null where CIC is null or above 100. */
  errorRatio: number | null;
  /** Standard error (of measurement), error ratio × SD, percent of the quiz's total. */
  standardError: number | null;
  /** Classical test theory figures Moodle does not report. */
  beyondMoodle: QuizBeyondMoodle;
}

/** Test-level figures beyond Moodle, computed on the question marks (the total is their sum). */
export interface QuizBeyondMoodle {
  /** Cronbach's α as a ratio (KR-20 when every question scores 0 or full marks); null as CIC. */
  alpha: number | null;
  /** True when every mark is 0 or the slot's maximum, so that α is KR-20. */
  dichotomous: boolean;
  /** Standard error of measurement in marks: sample SD of the totals × √(1 − α); null when α is null or above 1. */
  standardErrorOfMeasurement: number | null;
  /**
   * The upper and lower groups of the upper–lower discrimination index: k = round(27% of the attempts used),
   * the upper group is every attempt whose total is at least the k-th highest total, the lower group every
   * attempt whose total is at most the k-th lowest (ties at a cut-off join the group, so groups may be larger
   * than k); null when there are fewer than 2 attempts or the two groups would share an attempt.
   */
  upperLowerGroups: UpperLowerGroups | null;
}

export interface UpperLowerGroups {
  /** The nominal group size k. */
  nominalSize: number;
  /** Number of attempts in the upper group. */
  upperCount: number;
  /** Number of attempts in the lower group. */
  lowerCount: number;
  /** The lowest total (marks) in the upper group. */
  upperMinTotal: number;
  /** The highest total (marks) in the lower group. */
  lowerMaxTotal: number;
}

/** One row of Moodle's "Quiz structure analysis", with the question's analysis of responses. */
export interface QuestionStatistics {
  slot: number;
  questionId: number;
  idnumber: string | null;
  name: string;
  type: string;
  /** The slot's maximum mark. */
  maxMark: number;
  /** Attempts at the question (Moodle's s). */
  attempts: number;
  /** Facility index: mean mark / maximum mark, percent; null when the maximum is 0 or at most one attempt is used. */
  facilityIndex: number | null;
  /** Sample standard deviation of the marks, percent of the maximum mark; null for fewer than 2 attempts. */
  standardDeviation: number | null;
  /** Random guess score, percent; null when the type has none. */
  randomGuessScore: number | null;
  /** Intended weight: maximum mark / quiz total, percent; null when the quiz total is 0. */
  intendedWeight: number | null;
  /**
   * Effective weight, percent: √Cov(mark, total) over the sum of these roots for every question whose
   * covariance is not negative; null when this covariance is negative, the sum is 0 or fewer than 2 attempts.
   */
  effectiveWeight: number | null;
  /** True when the covariance of the mark with the total is negative (Moodle's "negcovar"). */
  negativeCovariance: boolean;
  /** Discrimination index: 100 × the correlation of the mark with the rest of the test; null when either has no variance. */
  discriminationIndex: number | null;
  /** Discriminative efficiency: 100 × Cov(mark, rest) / its maximum for these values; null when the maximum is 0. */
  discriminativeEfficiency: number | null;
  /** Moodle's warning: the discriminative efficiency is below 15%. */
  dubious: boolean;
  /** Moodle's "Analysis of responses": every class of every part, zero counts included, in part and class order. */
  responses: ResponseStatistics[];
  /** Classical test theory figures Moodle does not report. */
  beyondMoodle: QuestionBeyondMoodle;
}

/** One row of the analysis of responses. */
export interface ResponseStatistics {
  /** Index of the part in the question's parts. */
  partIndex: number;
  /** The part's label ('' for a question with a single part). */
  part: string;
  /** Index of the class in the part's classes. */
  classIndex: number;
  /** The response class ("[No response]" included), as grading labels it. */
  response: string;
  /** The credit a response of this class earns, percent; null when the class has none. */
  partialCredit: number | null;
  /** Number of attempts whose response falls in this class. */
  count: number;
  /** count / attempts at the question, percent; null when there is no attempt. */
  frequency: number | null;
}

/** Question-level figures beyond Moodle. Correlations are plain ratios in [-1, 1]. */
export interface QuestionBeyondMoodle {
  /** Item–total r: Pearson r of the mark with the total that includes it (the point-biserial for 0/1 items). */
  itemTotalCorrelation: number | null;
  /** Item–rest r: the correlation of the mark with the rest of the test (Moodle's discrimination index / 100). */
  itemRestCorrelation: number | null;
  /**
   * Upper–lower discrimination D: mean mark / maximum mark in the upper group minus the same in the lower
   * group (see the quiz's upperLowerGroups); null when there are no groups or the maximum mark is 0.
   */
  upperLowerDiscrimination: number | null;
  /** Cronbach's α of the test without this question; null for fewer than 3 questions or a constant rest score. */
  alphaIfDeleted: number | null;
  /** Distractor analysis, one row per response class, for a question with a single part; null otherwise. */
  distractors: DistractorStatistics[] | null;
}

export interface DistractorStatistics {
  /** Index of the class in the question's only part. */
  classIndex: number;
  /** The response class. */
  response: string;
  /** Number of attempts in this class. */
  count: number;
  /** Mean total (marks) of the attempts in this class; null when none. */
  meanTotal: number | null;
  /**
   * Option point-biserial: Pearson r between "chose this class" and the rest score (total minus this mark);
   * null when nobody or everybody chose it, or the rest score does not vary.
   */
  restCorrelation: number | null;
}

/** The statistics report: `{quiz, questions}`. */
export interface QuizStatistics {
  quiz: QuizLevelStatistics;
  questions: QuestionStatistics[];
}
