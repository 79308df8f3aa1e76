// Matching (qtype_match): right stems / stems; a blank stem counts wrong.
import {
  matchChoices,
  matchRightChoice,
  matchStems,
  stateForFraction,
  type MatchQuestion,
  type Response,
} from '../model/index.js';
import { combinedFeedback, gaveUp, generalFeedback, graded } from './feedback.js';
import { responseFor, type ResponseOf, type TypeRules } from './rules.js';
import { correctAnswerIs, NO_RESPONSE, youGotNRight } from './strings.js';
import { richToPlain } from './text.js';

interface Layout {
  /** Indices into `subquestions` of the stems, in order. */
  stems: number[];
  choices: string[];
  /** For each stem, the index of its right choice (-1 if its answer is not a choice). */
  right: number[];
}

function layout(q: MatchQuestion): Layout {
  const stems = matchStems(q);
  const choices = matchChoices(q);
  return { stems, choices, right: stems.map((s) => matchRightChoice(choices, q.subquestions[s]!.answer)) };
}

/** The choice given for each stem: null when blank (missing entries are blank). */
function givenChoices(l: Layout, response: ResponseOf<'match'> | null): (number | null)[] {
  return l.stems.map((_, k) => response?.selected[k] ?? null);
}

function rightAnswer(q: MatchQuestion): string {
  const l = layout(q);
  const pairs = l.stems.flatMap((s, k) => {
    const right = l.right[k]!;
    return right === -1 ? [] : [`${richToPlain(q.subquestions[s]!.text)} \u2192 ${l.choices[right]!}`];
  });
  return pairs.length === 0 ? '' : correctAnswerIs(pairs.join(', '));
}

export const matchRules: TypeRules<MatchQuestion> = {
  grade(q, response: Response | null) {
    const r = responseFor(q, response, 'match');
    const l = layout(q);
    const sentence = rightAnswer(q);
    const given = givenChoices(l, r);
    // Gradable once at least one stem is answered; deferred feedback then grades the blanks as wrong.
    if (given.every((choice) => choice === null)) {
      return gaveUp(q, sentence, { combined: combinedFeedback(q.combinedFeedback, 'gaveup') });
    }
    const numRight = given.filter((choice, k) => choice !== null && choice === l.right[k] && choice !== -1).length;
    const fraction = numRight / l.stems.length;
    const state = stateForFraction(fraction);
    const numCorrect =
      state === 'gradedpartial' && q.combinedFeedback.showNumCorrect ? youGotNRight(numRight) : null;
    const combined = combinedFeedback(q.combinedFeedback, state);
    return graded(fraction, { specific: [], combined, numCorrect }, q, sentence);
  },

  rightAnswer,

  minFraction() {
    return 0;
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
    const choices = matchChoices(q).length;
    return choices === 0 ? null : 1 / choices;
  },

  responseParts(q) {
    const l = layout(q);
    return l.stems.map((s, k) => ({
      label: richToPlain(q.subquestions[s]!.text),
      classes: [
        // Moodle credits each stem's right choice with its share of the question, 1/#stems.
        ...l.choices.map((choice, c) => ({ label: choice, fraction: c === l.right[k] ? 1 / l.stems.length : 0 })),
        { label: NO_RESPONSE, fraction: null },
      ],
    }));
  },

  classifyResponse(q, response) {
    const r = responseFor(q, response, 'match');
    const l = layout(q);
    return givenChoices(l, r).map((choice) => {
      if (choice === null) return l.choices.length;
      return Number.isInteger(choice) && choice >= 0 && choice < l.choices.length ? choice : -1;
    });
  },
};
