// Multiple choice, one answer (qtype_multichoice_single), several answers (qtype_multichoice_multi) and
// all-or-nothing (the qtype_multichoiceset plugin).
import {
  FRACTION_EPSILON,
  stateForFraction,
  type Answer,
  type Grade,
  type MultichoiceQuestion,
  type Response,
} from '../model/index.js';
import { combinedFeedback, gaveUp, generalFeedback, graded } from './feedback.js';
import { responseFor, type ResponseOf, type TypeRules } from './rules.js';
import {
  correctAnswerIs,
  correctAnswersAre,
  NO_RESPONSE,
  SELECTED,
  TOO_MANY_SELECTED,
  youGotNRight,
} from './strings.js';
import { phpTrimTruthy, toPlainText } from './text.js';

/** Moodle's "not incorrect": a fraction at or above 0.000001 (question_state::is_incorrect is false). */
function countsAsRight(answer: Answer): boolean {
  return answer.fraction >= FRACTION_EPSILON;
}

function choiceText(answer: Answer): string {
  return toPlainText(answer.text, answer.format);
}

/**
 * The chosen index of a one-answer question, or null when blank. "Clear my choice" submits -1, which is
 * blank; any other index, even one out of range, is an answer (graded 0, as Moodle does).
 */
function chosenIndex(response: ResponseOf<'multichoice'> | null): number | null {
  const index = response?.selected[0];
  return index === undefined || index === -1 ? null : index;
}

/** The selected indices of a several-answer question that name a choice, in answer order, without repeats. */
function selectedIndices(q: MultichoiceQuestion, response: ResponseOf<'multichoice'> | null): number[] {
  if (response === null) return [];
  const valid = new Set(response.selected.filter((i) => Number.isInteger(i) && i >= 0 && i < q.answers.length));
  return [...valid].sort((a, b) => a - b);
}

function rightAnswer(q: MultichoiceQuestion): string {
  // The single renderer lists the choices that are right on their own; the multi renderer every positive one.
  const right = q.answers
    .filter((a) => (q.single ? stateForFraction(a.fraction) === 'gradedright' : a.fraction > 0))
    .map(choiceText);
  if (right.length === 0) return '';
  return right.length === 1 ? correctAnswerIs(right[0]!) : correctAnswersAre(right.join(', '));
}

function gradeSingle(q: MultichoiceQuestion, response: ResponseOf<'multichoice'> | null): Grade {
  const index = chosenIndex(response);
  const sentence = rightAnswer(q);
  if (index === null) return gaveUp(q, sentence, { combined: combinedFeedback(q.combinedFeedback, 'gaveup') });
  const answer = Number.isInteger(index) ? q.answers[index] : undefined;
  const fraction = answer?.fraction ?? 0; // unclamped: a negative choice lowers the attempt's total
  const specific = answer && phpTrimTruthy(answer.feedback.text) ? [answer.feedback] : [];
  return graded(
    fraction,
    { specific, combined: combinedFeedback(q.combinedFeedback, stateForFraction(fraction)), numCorrect: null },
    q,
    sentence,
  );
}

function gradeSeveral(q: MultichoiceQuestion, response: ResponseOf<'multichoice'> | null): Grade {
  const selected = selectedIndices(q, response);
  const sentence = rightAnswer(q);
  if (selected.length === 0) return gaveUp(q, sentence, { combined: combinedFeedback(q.combinedFeedback, 'gaveup') });

  const numRight = selected.filter((i) => countsAsRight(q.answers[i]!)).length;
  const numCorrectChoices = q.answers.filter(countsAsRight).length;
  let fraction: number;
  if (q.allOrNothing) {
    fraction = numRight === selected.length && numRight === numCorrectChoices ? 1 : 0;
  } else {
    const sum = selected.reduce((total, i) => total + q.answers[i]!.fraction, 0);
    fraction = Math.min(Math.max(0, sum), 1);
  }
  const state = stateForFraction(fraction);
  let numCorrect: string | null = null;
  if (state === 'gradedpartial' && q.combinedFeedback.showNumCorrect) {
    numCorrect = selected.length > numCorrectChoices ? TOO_MANY_SELECTED : youGotNRight(numRight);
  }
  const specific = selected.map((i) => q.answers[i]!.feedback).filter((f) => phpTrimTruthy(f.text));
  return graded(fraction, { specific, combined: combinedFeedback(q.combinedFeedback, state), numCorrect }, q, sentence);
}

export const multichoiceRules: TypeRules<MultichoiceQuestion> = {
  grade(q, response: Response | null) {
    const r = responseFor(q, response, 'multichoice');
    return q.single ? gradeSingle(q, r) : gradeSeveral(q, r);
  },

  rightAnswer,

  minFraction(q) {
    return q.single ? Math.min(0, ...q.answers.map((a) => a.fraction)) : 0;
  },

  manualFeedback(q, state) {
    return {
      specific: [],
      combined: combinedFeedback(q.combinedFeedback, state),
      numCorrect: null,
      general: generalFeedback(q),
    };
  },

  randomGuessScore(q) {
    // Moodle averages every choice of a one-answer question and does not try for several answers.
    if (!q.single || q.answers.length === 0) return null;
    return q.answers.reduce((total, a) => total + a.fraction, 0) / q.answers.length;
  },

  responseParts(q) {
    if (q.single) {
      return [
        {
          label: '',
          classes: [
            ...q.answers.map((a) => ({ label: choiceText(a), fraction: a.fraction })),
            { label: NO_RESPONSE, fraction: null },
          ],
        },
      ];
    }
    return q.answers.map((a) => ({ label: choiceText(a), classes: [{ label: SELECTED, fraction: a.fraction }] }));
  },

  classifyResponse(q, response) {
    const r = responseFor(q, response, 'multichoice');
    if (q.single) {
      const index = chosenIndex(r);
      if (index === null) return [q.answers.length];
      return [Number.isInteger(index) && index >= 0 && index < q.answers.length ? index : -1];
    }
    const selected = new Set(selectedIndices(q, r));
    return q.answers.map((_, i) => (selected.has(i) ? 0 : -1));
  },
};
