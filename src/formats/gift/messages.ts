// What the GIFT reader says, in Moodle's English wording where Moodle has a string for it
// (qformat_gift, core_question, qtype_* language files).

export const MOODLE = {
  braceerror: 'Could not find {...} around answers',
  importminerror: 'There is an error in the question. There are not enough answers for this question type',
  giftmatchingformat: 'Matching question answers are improperly formatted',
  giftnonumericalanswers: 'No answers found for numerical question',
  errornotnumbers: 'Error - answers must be numeric',
  fractionsnomax: 'One of the answers should have a score of 100% so it is possible to get full marks for this question.',
  notenoughanswers: 'This type of question requires at least 2 choices',
  noquestionsinfile: 'There are no questions in the import file',
  invalidgradequestion: (grades: string, name: string): string =>
    `Grades (${grades}) do not match grade options - question '${name}' skipped.`,
  nomatchinganswer: (stem: string): string => `You must specify an answer matching the question '${stem}'.`,
} as const;

/** Shortens a piece of source text for quoting it in a message. */
export function quote(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
