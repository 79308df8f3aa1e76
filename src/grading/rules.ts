import type {
  Feedback,
  Grade,
  Question,
  QuestionState,
  QuestionType,
  Response,
  ResponseClassification,
  ResponsePart,
} from '../model/index.js';
import { GradingError } from './errors.js';

export type QuestionOf<K extends QuestionType> = Extract<Question, { type: K }>;
export type ResponseOf<K extends Response['type']> = Extract<Response, { type: K }>;

/** Everything grading knows about one question type. Each type has its own file. */
export interface TypeRules<Q extends Question> {
  /** Deferred feedback: the submitted response graded once; null when the question was left out. */
  grade(question: Q, response: Response | null): Grade;
  /** Moodle's right-answer sentence as plain text ('' when Moodle shows none). */
  rightAnswer(question: Q): string;
  /** The lowest fraction the type can give (Moodle's get_min_fraction); a manual grade is checked against it. */
  minFraction(question: Q): number;
  /** The feedback shown beside a manual grade in the given state. */
  manualFeedback(question: Q, state: QuestionState): Feedback;
  randomGuessScore(question: Q): number | null;
  responseParts(question: Q): ResponsePart[];
  classifyResponse(question: Q, response: Response | null): ResponseClassification;
}

/** The response narrowed to the question's type; null stays null. A response of another type is a caller's bug. */
export function responseFor<K extends Response['type']>(
  question: { type: QuestionType; name: string },
  response: Response | null,
  type: K,
): ResponseOf<K> | null {
  if (response === null) return null;
  if (response.type !== type) {
    throw new GradingError(
      'response-mismatch',
      `a ${response.type} response cannot answer the ${question.type} question "${question.name}"`,
    );
  }
  return response as ResponseOf<K>;
}
