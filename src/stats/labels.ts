// The names of the report's figures, shared by the CSV and text renderings (Moodle's own headings where it
// has them).
import type { QuestionStatistics, QuizLevelStatistics, WhichAttempts } from './types.js';

/** How Moodle names each selection inside its headings ("Median grade (for all attempts)"). */
export const WHICH_LABEL: Record<WhichAttempts, string> = {
  first: 'first attempts',
  last: 'last attempt',
  highest: 'highest graded attempt',
  all: 'all attempts',
};

/** How a figure is shown: an integer, a percentage, a plain number, or a ratio (beyond Moodle). */
export type FigureKind = 'count' | 'percent' | 'plain' | 'ratio' | 'marks';

export interface QuizFigure {
  label: string;
  value: number | null;
  kind: FigureKind;
}

/** The rows of Moodle's "Quiz information" table, in its order. */
export function quizFigures(quiz: QuizLevelStatistics): QuizFigure[] {
  const of = WHICH_LABEL[quiz.whichAttempts];
  return [
    { label: 'Number of complete graded first attempts', value: quiz.firstAttemptsCount, kind: 'count' },
    { label: 'Total number of complete graded attempts', value: quiz.allAttemptsCount, kind: 'count' },
    { label: 'Average grade of first attempts', value: quiz.firstAttemptsAverage, kind: 'percent' },
    { label: 'Average grade of all attempts', value: quiz.allAttemptsAverage, kind: 'percent' },
    { label: 'Average grade of last attempts', value: quiz.lastAttemptsAverage, kind: 'percent' },
    { label: 'Average grade of highest graded attempts', value: quiz.highestAttemptsAverage, kind: 'percent' },
    { label: `Median grade (for ${of})`, value: quiz.median, kind: 'percent' },
    { label: `Standard deviation (for ${of})`, value: quiz.standardDeviation, kind: 'percent' },
    { label: `Score distribution skewness (for ${of})`, value: quiz.skewness, kind: 'plain' },
    { label: `Score distribution kurtosis (for ${of})`, value: quiz.kurtosis, kind: 'plain' },
    { label: `Coefficient of internal consistency (for ${of})`, value: quiz.coefficientOfInternalConsistency, kind: 'percent' },
    { label: `Error ratio (for ${of})`, value: quiz.errorRatio, kind: 'percent' },
    { label: `Standard error (for ${of})`, value: quiz.standardError, kind: 'percent' },
  ];
}

/** The test-level figures beyond Moodle. */
export function quizBeyondFigures(quiz: QuizLevelStatistics): QuizFigure[] {
  const b = quiz.beyondMoodle;
  const groups = b.upperLowerGroups;
  return [
    { label: `Cronbach's alpha${b.dichotomous ? ' (KR-20)' : ''}`, value: b.alpha, kind: 'ratio' },
    { label: 'Standard error of measurement (marks)', value: b.standardErrorOfMeasurement, kind: 'marks' },
    { label: 'Upper-lower groups: nominal size (27%)', value: groups?.nominalSize ?? null, kind: 'count' },
    { label: 'Upper group: attempts', value: groups?.upperCount ?? null, kind: 'count' },
    { label: 'Upper group: lowest total (marks)', value: groups?.upperMinTotal ?? null, kind: 'marks' },
    { label: 'Lower group: attempts', value: groups?.lowerCount ?? null, kind: 'count' },
    { label: 'Lower group: highest total (marks)', value: groups?.lowerMaxTotal ?? null, kind: 'marks' },
  ];
}

export interface QuestionColumn {
  header: string;
  value: (q: QuestionStatistics) => number | null;
  kind: FigureKind;
}

/** The columns of Moodle's "Quiz structure analysis" after the question's identity. */
export const QUESTION_COLUMNS: readonly QuestionColumn[] = [
  { header: 'Attempts', value: (q) => q.attempts, kind: 'count' },
  { header: 'Facility index', value: (q) => q.facilityIndex, kind: 'percent' },
  { header: 'Standard deviation', value: (q) => q.standardDeviation, kind: 'percent' },
  { header: 'Random guess score', value: (q) => q.randomGuessScore, kind: 'percent' },
  { header: 'Intended weight', value: (q) => q.intendedWeight, kind: 'percent' },
  { header: 'Effective weight', value: (q) => q.effectiveWeight, kind: 'percent' },
  { header: 'Discrimination index', value: (q) => q.discriminationIndex, kind: 'percent' },
  { header: 'Discriminative efficiency', value: (q) => q.discriminativeEfficiency, kind: 'percent' },
];

/** The question-level columns beyond Moodle. */
export const QUESTION_BEYOND_COLUMNS: readonly QuestionColumn[] = [
  { header: 'Item-total r', value: (q) => q.beyondMoodle.itemTotalCorrelation, kind: 'ratio' },
  { header: 'Item-rest r', value: (q) => q.beyondMoodle.itemRestCorrelation, kind: 'ratio' },
  { header: 'Upper-lower D', value: (q) => q.beyondMoodle.upperLowerDiscrimination, kind: 'ratio' },
  { header: 'Alpha if deleted', value: (q) => q.beyondMoodle.alphaIfDeleted, kind: 'ratio' },
];
