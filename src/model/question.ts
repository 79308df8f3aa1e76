// The one question model behind every format, the bank, grading and statistics.
// Field names follow Moodle's own (camelCase), so each format maps to it one to one.
import type { RichText } from './text.js';

/** Fields every question carries. */
export interface QuestionBase {
  name: string;
  /** The question text. */
  text: RichText;
  generalFeedback: RichText;
  /** Moodle's default mark (`defaultgrade` in XML); 0 for descriptions. */
  defaultMark: number;
  /** Penalty for each incorrect try (interactive behaviours), 0..1; Moodle's default is 0.3333333. */
  penalty: number;
  /** Moodle's idnumber, or null when there is none. */
  idnumber: string | null;
  tags: string[];
  hints: Hint[];
  /** The category path the file put the question in (see Category), or null when the file names none. */
  category: string | null;
}

/** A hint shown between tries in interactive mode. */
export interface Hint {
  text: RichText;
  /** Only meaningful for types with parts (multichoice, match). */
  showNumCorrect: boolean;
  clearWrong: boolean;
  /** Free-text options some question types keep with a hint; '' when none. */
  options: string;
}

/** An answer of a multichoice, short-answer or numerical question. */
export interface Answer {
  text: string;
  /** The answer text's format: HTML answers of multichoice; kept for the other types as Moodle stores it. */
  format: RichText['format'];
  files: RichText['files'];
  /** Moodle's 7-decimal fraction in [-1, 1]: 1, 0.5, 0.3333333, -0.5 … */
  fraction: number;
  feedback: RichText;
}

/** Feedback by outcome, shown after a multichoice or matching question. */
export interface CombinedFeedback {
  correct: RichText;
  partiallyCorrect: RichText;
  incorrect: RichText;
  /** Show "You have correctly selected N" on a partially correct response. */
  showNumCorrect: boolean;
}

export interface MultichoiceQuestion extends QuestionBase {
  type: 'multichoice';
  /** One answer (radio buttons, the chosen fraction unclamped) or several (checkboxes, the sum clamped to [0, 1]). */
  single: boolean;
  /**
   * All-or-nothing grading of a several-answer question (Moodle's multichoiceset type): full marks only for
   * exactly the set of answers with a positive fraction, else 0. Always false when `single`.
   */
  allOrNothing: boolean;
  shuffleAnswers: boolean;
  /** 'abc' | 'ABCD' | '123' | 'iii' | 'IIII' | 'none'; Moodle keeps any other value as it is. */
  answerNumbering: string;
  showStandardInstruction: boolean;
  answers: Answer[];
  combinedFeedback: CombinedFeedback;
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'truefalse';
  correctAnswer: boolean;
  /** Shown when the student answers "true" (whether or not that is right). */
  feedbackTrue: RichText;
  feedbackFalse: RichText;
  /** The format Moodle stores with the two answers (usually 'moodle'). */
  answerFormat: RichText['format'];
}

export interface ShortAnswerQuestion extends QuestionBase {
  type: 'shortanswer';
  /** Case-sensitive matching (Moodle's usecase). */
  useCase: boolean;
  /** Tried in order, the first match wins; `*` is a wildcard, `\*` a literal asterisk. */
  answers: Answer[];
}

export interface NumericalAnswer extends Answer {
  /** The number as written, or '*' for "any other number". */
  text: string;
  /** Absolute (nominal) tolerance, ≥ 0. */
  tolerance: number;
}

export interface NumericalUnit {
  name: string;
  /** How many of this unit make one base unit; the base unit has multiplier 1. */
  multiplier: number;
}

/** Unit handling of a numerical question, as Moodle's XML writes it; null when the file has none. */
export interface NumericalUnitOptions {
  /** 0 units optional, 1 penalty is a fraction of the response grade, 2 a fraction of the question grade. */
  unitGradingType: number;
  unitPenalty: number;
  /** 0 text input, 1 radio buttons, 2 drop-down, 3 no units. */
  showUnits: number;
  unitsLeft: boolean;
}

export interface NumericalQuestion extends QuestionBase {
  type: 'numerical';
  answers: NumericalAnswer[];
  units: NumericalUnit[];
  unitOptions: NumericalUnitOptions | null;
  /** Instructions shown with the units; null when the file has none. */
  instructions: RichText | null;
}

export interface MatchSubquestion {
  /** The stem; an empty stem makes `answer` an extra wrong choice (a distractor). */
  text: RichText;
  /** Plain text. */
  answer: string;
}

export interface MatchQuestion extends QuestionBase {
  type: 'match';
  shuffleAnswers: boolean;
  subquestions: MatchSubquestion[];
  combinedFeedback: CombinedFeedback;
}

export interface EssayQuestion extends QuestionBase {
  type: 'essay';
  /** 'editor' | 'editorfilepicker' | 'plain' | 'monospaced' | 'noinline'. */
  responseFormat: string;
  responseRequired: boolean;
  responseFieldLines: number;
  minWordLimit: number | null;
  maxWordLimit: number | null;
  /** Number of attachments allowed; -1 unlimited. */
  attachments: number;
  attachmentsRequired: number;
  maxBytes: number | null;
  fileTypesList: string | null;
  graderInfo: RichText;
  responseTemplate: RichText;
}

/** Text only: no answer, no mark. */
export interface DescriptionQuestion extends QuestionBase {
  type: 'description';
}

/**
 * A question of a type qbank cannot grade (cloze, calculated, ddwtos, gapselect, …), kept whole so that it is
 * never silently lost: Moodle XML re-exports `xml` as it was read; it cannot be put in a quiz.
 */
export interface UnsupportedQuestion extends QuestionBase {
  type: 'unsupported';
  /** Moodle's qtype name, as in `<question type="…">`. */
  qtype: string;
  /** The `<question>` element exactly as it appeared in the file. */
  xml: string;
}

export type Question =
  | MultichoiceQuestion
  | TrueFalseQuestion
  | ShortAnswerQuestion
  | NumericalQuestion
  | MatchQuestion
  | EssayQuestion
  | DescriptionQuestion
  | UnsupportedQuestion;

export type QuestionType = Question['type'];

export const QUESTION_TYPES: readonly QuestionType[] = [
  'multichoice',
  'truefalse',
  'shortanswer',
  'numerical',
  'match',
  'essay',
  'description',
  'unsupported',
];

/** Questions that carry a mark (Moodle's length > 0); descriptions and unsupported types do not. */
export function isGradable(q: Question): boolean {
  return q.type !== 'description' && q.type !== 'unsupported';
}
