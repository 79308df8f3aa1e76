/** Why grading refused a call: always a caller's mistake, never a property of a student's answer. */
export type GradingErrorCode =
  /** A description or an unsupported question: Moodle never grades these (they have no mark). */
  | 'not-gradable'
  /** The response is of another question type than the question. */
  | 'response-mismatch'
  /** A manual grade outside the question's range of fractions. */
  | 'grade-out-of-range';

export class GradingError extends Error {
  readonly code: GradingErrorCode;

  constructor(code: GradingErrorCode, message: string) {
    super(message);
    this.name = 'GradingError';
    this.code = code;
  }
}
