import {
  stateForFraction,
  type CombinedFeedback,
  type Feedback,
  type Grade,
  type QuestionBase,
  type QuestionState,
  type RichText,
} from '../model/index.js';
import { phpTruthy } from './text.js';

/** The general feedback, or null when it is empty (Moodle prints no block for an empty text). */
export function generalFeedback(question: QuestionBase): RichText | null {
  return question.generalFeedback.text === '' ? null : question.generalFeedback;
}

/**
 * The combined feedback for a finished state: Moodle picks the field by the state's feedback class, and a
 * question given up counts as incorrect. Null when that field is empty ('' or '0', PHP's falsy strings).
 */
export function combinedFeedback(feedback: CombinedFeedback, state: QuestionState): RichText | null {
  let text: RichText;
  if (state === 'gradedright') text = feedback.correct;
  else if (state === 'gradedpartial') text = feedback.partiallyCorrect;
  else if (state === 'gradedwrong' || state === 'gaveup') text = feedback.incorrect;
  else return null;
  return phpTruthy(text.text) ? text : null;
}

/** Feedback with nothing but the general feedback. */
export function generalOnly(question: QuestionBase): Feedback {
  return { specific: [], combined: null, numCorrect: null, general: generalFeedback(question) };
}

/** A response graded to `fraction`, its state from Moodle's thresholds. */
export function graded(
  fraction: number,
  feedback: Omit<Feedback, 'general'>,
  question: QuestionBase,
  rightAnswer: string,
): Grade {
  return {
    fraction,
    state: stateForFraction(fraction),
    feedback: { ...feedback, general: generalFeedback(question) },
    rightAnswer,
  };
}

/** A question left out or answered blank: no fraction, state `gaveup`. */
export function gaveUp(question: QuestionBase, rightAnswer: string, feedback: Partial<Feedback> = {}): Grade {
  return {
    fraction: null,
    state: 'gaveup',
    feedback: {
      specific: feedback.specific ?? [],
      combined: feedback.combined ?? null,
      numCorrect: feedback.numCorrect ?? null,
      general: generalFeedback(question),
    },
    rightAnswer,
  };
}
