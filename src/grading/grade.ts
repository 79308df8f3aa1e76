import { isGradable, stateForFraction, type Grade, type Question, type Response } from '../model/index.js';
import { rulesFor } from './dispatch.js';
import { GradingError } from './errors.js';

/**
 * Grades a submitted response as Moodle's deferred feedback does: once, negatives kept. `null` (or a blank
 * response) means the question was left out: state `gaveup`, fraction null. An essay waits in `needsgrading`.
 * Throws GradingError `not-gradable` for descriptions and unsupported types (they carry no mark), and
 * `response-mismatch` for a response of another type than the question.
 */
export function gradeResponse(question: Question, response: Response | null): Grade {
  return rulesFor(question).grade(question, response);
}

/**
 * A teacher's grade (an essay's, or an override of an automatic grade): `fraction` must lie between the type's
 * lowest fraction (0, or a one-answer multichoice's most negative choice) and 1, else GradingError
 * `grade-out-of-range`. The state follows Moodle's thresholds; the feedback is the one that does not depend on a
 * response (general, and the combined feedback of the state for multichoice and matching).
 */
export function gradeManually(question: Question, fraction: number): Grade {
  if (!isGradable(question)) {
    const what = `"${question.name}" is a ${question.type} question`;
    throw new GradingError('not-gradable', `${what}: Moodle gives it no mark`);
  }
  const rules = rulesFor(question);
  const min = rules.minFraction(question);
  if (!Number.isFinite(fraction) || fraction < min || fraction > 1) {
    throw new GradingError(
      'grade-out-of-range',
      `the grade ${fraction} of "${question.name}" is not between ${min} and 1`,
    );
  }
  const state = stateForFraction(fraction);
  return {
    fraction,
    state,
    feedback: rules.manualFeedback(question, state),
    rightAnswer: rules.rightAnswer(question),
  };
}
