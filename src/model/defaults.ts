// Moodle's defaults for a new question of each type (qformat_default::defaultquestion and the type importers).
import type {
  CombinedFeedback,
  DescriptionQuestion,
  EssayQuestion,
  MatchQuestion,
  MultichoiceQuestion,
  NumericalQuestion,
  QuestionBase,
  ShortAnswerQuestion,
  TrueFalseQuestion,
} from './question.js';
import { richText, type RichText, type TextFormat } from './text.js';

export const DEFAULT_PENALTY = 0.3333333;

/** The common fields of a new question, with its text in `format`. */
export function baseQuestion(name: string, text: string, format: TextFormat = 'html'): QuestionBase {
  return baseWithTexts(name, richText(text, format), richText('', format));
}

/** The common fields of a new question with these texts (a reader has them already made). */
export function baseWithTexts(name: string, text: RichText, generalFeedback: RichText): QuestionBase {
  return {
    name,
    text,
    generalFeedback,
    defaultMark: 1,
    penalty: DEFAULT_PENALTY,
    idnumber: null,
    tags: [],
    hints: [],
    category: null,
  };
}

// The factories below list every field instead of spreading `base`: on Node 20 a spread builds the object
// field by field, at least twice as slowly, and keeps the later fields out of the object. The format readers
// build their questions with these factories too, so that all questions of a type have one shape.

/** Blank combined feedback in the given format. */
export function blankCombinedFeedback(format: TextFormat): CombinedFeedback {
  return {
    correct: richText('', format),
    partiallyCorrect: richText('', format),
    incorrect: richText('', format),
    showNumCorrect: false,
  };
}

export function newMultichoice(base: QuestionBase, single = true): MultichoiceQuestion {
  return {
    type: 'multichoice',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    single,
    allOrNothing: false,
    shuffleAnswers: true,
    answerNumbering: 'abc',
    showStandardInstruction: true,
    answers: [],
    combinedFeedback: blankCombinedFeedback(base.text.format),
  };
}

export function newTrueFalse(base: QuestionBase, correctAnswer: boolean): TrueFalseQuestion {
  const format = base.text.format;
  return {
    type: 'truefalse',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: 1,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    correctAnswer,
    feedbackTrue: richText('', format),
    feedbackFalse: richText('', format),
    answerFormat: 'moodle',
  };
}

export function newShortAnswer(base: QuestionBase): ShortAnswerQuestion {
  return {
    type: 'shortanswer',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    useCase: false,
    answers: [],
  };
}

export function newNumerical(base: QuestionBase): NumericalQuestion {
  return {
    type: 'numerical',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    answers: [],
    units: [],
    unitOptions: null,
    instructions: null,
  };
}

export function newMatch(base: QuestionBase): MatchQuestion {
  return {
    type: 'match',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    shuffleAnswers: true,
    subquestions: [],
    combinedFeedback: blankCombinedFeedback(base.text.format),
  };
}

export function newEssay(base: QuestionBase): EssayQuestion {
  return {
    type: 'essay',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: base.defaultMark,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
    responseFormat: 'editor',
    responseRequired: true,
    responseFieldLines: 15,
    minWordLimit: null,
    maxWordLimit: null,
    attachments: 0,
    attachmentsRequired: 0,
    maxBytes: null,
    fileTypesList: null,
    graderInfo: richText('', 'html'),
    responseTemplate: richText('', 'html'),
  };
}

export function newDescription(base: QuestionBase): DescriptionQuestion {
  return {
    type: 'description',
    name: base.name,
    text: base.text,
    generalFeedback: base.generalFeedback,
    defaultMark: 0,
    penalty: base.penalty,
    idnumber: base.idnumber,
    tags: base.tags,
    hints: base.hints,
    category: base.category,
  };
}
