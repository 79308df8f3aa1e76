// Questions for the grading tests, built with the model's own factories.
import {
  baseQuestion,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  richText,
  type Answer,
  type EssayQuestion,
  type MatchQuestion,
  type MultichoiceQuestion,
  type NumericalAnswer,
  type NumericalQuestion,
  type ShortAnswerQuestion,
  type TextFormat,
  type TrueFalseQuestion,
} from '../../src/model/index.js';

export function answer(text: string, fraction: number, feedback = '', format: TextFormat = 'html'): Answer {
  return { text, format, files: [], fraction, feedback: richText(feedback, 'html') };
}

export function numAnswer(text: string, fraction: number, tolerance: number, feedback = ''): NumericalAnswer {
  return { ...answer(text, fraction, feedback, 'moodle'), tolerance };
}

export interface CombinedTexts {
  correct?: string;
  partiallyCorrect?: string;
  incorrect?: string;
  showNumCorrect?: boolean;
}

export const COMBINED: Required<CombinedTexts> = {
  correct: 'Your answer is correct.',
  partiallyCorrect: 'Your answer is partially correct.',
  incorrect: 'Your answer is incorrect.',
  showNumCorrect: true,
};

export function multichoice(
  answers: Answer[],
  options: { single?: boolean; allOrNothing?: boolean; combined?: CombinedTexts; general?: string } = {},
): MultichoiceQuestion {
  const q = newMultichoice(baseQuestion('mc', 'Choose.'), options.single ?? true);
  q.answers = answers;
  q.allOrNothing = options.allOrNothing ?? false;
  const c = { ...COMBINED, ...options.combined };
  q.combinedFeedback = {
    correct: richText(c.correct),
    partiallyCorrect: richText(c.partiallyCorrect),
    incorrect: richText(c.incorrect),
    showNumCorrect: c.showNumCorrect,
  };
  q.generalFeedback = richText(options.general ?? '');
  return q;
}

export function trueFalse(correct: boolean, feedbackTrue = '', feedbackFalse = ''): TrueFalseQuestion {
  const q = newTrueFalse(baseQuestion('tf', 'True or false?'), correct);
  q.feedbackTrue = richText(feedbackTrue);
  q.feedbackFalse = richText(feedbackFalse);
  return q;
}

export function shortAnswer(answers: Answer[], useCase = false): ShortAnswerQuestion {
  const q = newShortAnswer(baseQuestion('sa', 'Capital of France?'));
  q.answers = answers.map((a) => ({ ...a, format: 'moodle' }));
  q.useCase = useCase;
  return q;
}

export function numerical(answers: NumericalAnswer[]): NumericalQuestion {
  const q = newNumerical(baseQuestion('num', 'How much?'));
  q.answers = answers;
  return q;
}

export function match(pairs: [string, string][], combined: CombinedTexts = {}): MatchQuestion {
  const q = newMatch(baseQuestion('match', 'Match them.'));
  q.subquestions = pairs.map(([stem, ans]) => ({ text: richText(stem), answer: ans }));
  const c = { ...COMBINED, ...combined };
  q.combinedFeedback = {
    correct: richText(c.correct),
    partiallyCorrect: richText(c.partiallyCorrect),
    incorrect: richText(c.incorrect),
    showNumCorrect: c.showNumCorrect,
  };
  return q;
}

export function essay(): EssayQuestion {
  return newEssay(baseQuestion('essay', 'Discuss.'));
}

/** The plain text of each rich text, for comparing feedback. */
export function texts(list: { text: string }[]): string[] {
  return list.map((t) => t.text);
}
