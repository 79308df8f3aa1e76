// True/false (qtype_truefalse).
import type { TrueFalseQuestion } from '../model/index.js';
import { gaveUp, generalOnly, graded } from './feedback.js';
import { responseFor, type TypeRules } from './rules.js';
import { FALSE_LABEL, NO_RESPONSE, TRUE_LABEL, trueFalseRightAnswer } from './strings.js';

export const trueFalseRules: TypeRules<TrueFalseQuestion> = {
  grade(q, response) {
    const r = responseFor(q, response, 'truefalse');
    const sentence = trueFalseRightAnswer(q.correctAnswer);
    if (r === null) return gaveUp(q, sentence);
    const chosenFeedback = r.value ? q.feedbackTrue : q.feedbackFalse;
    return graded(
      r.value === q.correctAnswer ? 1 : 0,
      // The renderer prints the chosen value's feedback whenever its text is not empty.
      { specific: chosenFeedback.text === '' ? [] : [chosenFeedback], combined: null, numCorrect: null },
      q,
      sentence,
    );
  },

  rightAnswer(q) {
    return trueFalseRightAnswer(q.correctAnswer);
  },

  minFraction() {
    return 0;
  },

  manualFeedback(q) {
    return generalOnly(q);
  },

  randomGuessScore() {
    return 0.5;
  },

  responseParts(q) {
    return [
      {
        label: '',
        classes: [
          { label: TRUE_LABEL, fraction: q.correctAnswer ? 1 : 0 },
          { label: FALSE_LABEL, fraction: q.correctAnswer ? 0 : 1 },
          { label: NO_RESPONSE, fraction: null },
        ],
      },
    ];
  },

  classifyResponse(q, response) {
    const r = responseFor(q, response, 'truefalse');
    if (r === null) return [2];
    return [r.value ? 0 : 1];
  },
};
