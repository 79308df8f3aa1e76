// Moodle's English strings shown with a graded question, each under its component and string id.

/** qtype_multichoice/qtype_match/qtype_shortanswer `correctansweris`: "The correct answer is: {$a}". */
export function correctAnswerIs(answer: string): string {
  return `The correct answer is: ${answer}`;
}

/** qtype_multichoice `correctanswersare`: "The correct answers are: {$a}". */
export function correctAnswersAre(answers: string): string {
  return `The correct answers are: ${answers}`;
}

/** qtype_truefalse `correctanswertrue` and `correctanswerfalse`. */
export function trueFalseRightAnswer(value: boolean): string {
  return value ? "The correct answer is 'True'." : "The correct answer is 'False'.";
}

/** core_question `yougotnright`: "You have correctly selected {$a->num}." (multichoice and match alike). */
export function youGotNRight(num: number): string {
  return `You have correctly selected ${num}.`;
}

/** qtype_multichoice `toomanyselected`. */
export const TOO_MANY_SELECTED = 'You have selected too many options.';

/** qtype_numerical `unitincorrect`, added to the specific feedback when the unit is graded and wrong. */
export const UNIT_INCORRECT = 'You did not give the correct unit.';

/** qtype_truefalse `true` and `false`. */
export const TRUE_LABEL = 'True';
export const FALSE_LABEL = 'False';

/** core_question `noresponse`: the response class of an unanswered question or part. */
export const NO_RESPONSE = '[No response]';

/** core_question `didnotmatchanyanswer`: the response class of an answer that matched none. */
export const DID_NOT_MATCH = '[Did not match any answer]';

/** The single response class of a choice of a several-answer multichoice: it was selected. */
export const SELECTED = 'selected';
