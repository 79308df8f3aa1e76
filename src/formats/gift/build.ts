// The questions the GIFT reader creates, with the defaults of src/model/defaults.ts (a test checks that each
// equals the factory's result). They are spelled out as object literals because the factories' object spread
// costs tens of microseconds per question on Node 20, which alone would make a large import slow.
import type {
  Answer,
  CombinedFeedback,
  DescriptionQuestion,
  EssayQuestion,
  MatchQuestion,
  MatchSubquestion,
  MultichoiceQuestion,
  NumericalAnswer,
  NumericalQuestion,
  QuestionBase,
  RichText,
  ShortAnswerQuestion,
  TextFormat,
  TrueFalseQuestion,
} from '../../model/index.js';

const empty = (format: TextFormat): RichText => ({ text: '', format, files: [] });

function blankCombined(format: TextFormat): CombinedFeedback {
  return { correct: empty(format), partiallyCorrect: empty(format), incorrect: empty(format), showNumCorrect: false };
}

export function buildMultichoice(
  b: QuestionBase,
  single: boolean,
  shuffleAnswers: boolean,
  answerNumbering: string,
  answers: Answer[],
): MultichoiceQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'multichoice',
    single,
    allOrNothing: false,
    shuffleAnswers,
    answerNumbering,
    // Moodle's GIFT import leaves showstandardinstruction unset, which saves as 0.
    showStandardInstruction: false,
    answers,
    combinedFeedback: blankCombined(b.text.format),
  };
}

export function buildTrueFalse(
  b: QuestionBase,
  correctAnswer: boolean,
  feedbackTrue: RichText,
  feedbackFalse: RichText,
): TrueFalseQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: 1,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'truefalse',
    correctAnswer,
    feedbackTrue,
    feedbackFalse,
    answerFormat: 'moodle',
  };
}

export function buildShortAnswer(b: QuestionBase, answers: Answer[]): ShortAnswerQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'shortanswer',
    useCase: false,
    answers,
  };
}

export function buildNumerical(b: QuestionBase, answers: NumericalAnswer[]): NumericalQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'numerical',
    answers,
    units: [],
    unitOptions: null,
    instructions: null,
  };
}

export function buildMatch(b: QuestionBase, shuffleAnswers: boolean, subquestions: MatchSubquestion[]): MatchQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'match',
    shuffleAnswers,
    subquestions,
    combinedFeedback: blankCombined(b.text.format),
  };
}

export function buildEssay(b: QuestionBase): EssayQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: b.defaultMark,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'essay',
    responseFormat: 'editor',
    responseRequired: true,
    responseFieldLines: 15,
    minWordLimit: null,
    maxWordLimit: null,
    attachments: 0,
    attachmentsRequired: 0,
    maxBytes: null,
    fileTypesList: null,
    graderInfo: empty('html'),
    responseTemplate: empty('html'),
  };
}

export function buildDescription(b: QuestionBase): DescriptionQuestion {
  return {
    name: b.name,
    text: b.text,
    generalFeedback: b.generalFeedback,
    defaultMark: 0,
    penalty: b.penalty,
    idnumber: b.idnumber,
    tags: b.tags,
    hints: b.hints,
    category: b.category,
    type: 'description',
  };
}
