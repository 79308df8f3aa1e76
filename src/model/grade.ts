import { FRACTION_EPSILON } from './fractions.js';
import type { RichText } from './text.js';

/** Moodle's states of a finished question attempt. */
export type QuestionState = 'gradedright' | 'gradedpartial' | 'gradedwrong' | 'gaveup' | 'needsgrading';

/** Moodle's graded state for a fraction: right above 0.999999, wrong below 0.000001, else partial. */
export function stateForFraction(fraction: number): 'gradedright' | 'gradedpartial' | 'gradedwrong' {
  if (fraction < FRACTION_EPSILON) return 'gradedwrong';
  if (fraction > 1 - FRACTION_EPSILON) return 'gradedright';
  return 'gradedpartial';
}

/** What Moodle shows a student after the attempt, part by part. */
export interface Feedback {
  /** Feedback of each selected choice (multichoice), of the chosen value (true/false) or of the matched answer. */
  specific: RichText[];
  /** The combined feedback for the outcome (multichoice, match), or null when the type has none or it is empty. */
  combined: RichText | null;
  /** "You have correctly selected 2." and the like, on a partially correct answer when the question asks for it. */
  numCorrect: string | null;
  /** The question's general feedback (null when empty). */
  general: RichText | null;
}

/** The result of grading one response. */
export interface Grade {
  /** null when the question was not answered (gave up) or waits for a manual grade. */
  fraction: number | null;
  state: QuestionState;
  feedback: Feedback;
  /** Moodle's "The correct answer is: …" sentence, as plain text. */
  rightAnswer: string;
}
