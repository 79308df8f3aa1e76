// What the GIFT reader says: Moodle's English wording where Moodle has a string for it (qformat_gift,
// core_question, qtype_* language files), and qbank's own notes for what Moodle does silently or by crashing.

export const MOODLE = {
  braceerror: 'Could not find {...} around answers',
  importminerror: 'There is an error in the question. There are not enough answers for this question type',
  giftmatchingformat: 'Matching question answers are improperly formatted',
  giftnonumericalanswers: 'No answers found for numerical question',
  errornotnumbers: 'Error - answers must be numeric',
  fractionsnomax:
    'One of the answers should have a score of 100% so it is possible to get full marks for this question.',
  notenoughanswers: 'This type of question requires at least 2 choices',
  noquestionsinfile: 'There are no questions in the import file',
  invalidgradequestion: (grades: string, name: string): string =>
    `Grades (${grades}) do not match grade options - question '${name}' skipped.`,
  nomatchinganswer: (stem: string): string => `You must specify an answer matching the question '${stem}'.`,
} as const;

const CRASH = '(Moodle stops the import with a PHP error here)';

export const NOTE = {
  braceorder: `${MOODLE.braceerror}: a } comes before the first {.`,
  unsupportedqtype: 'This is an ordering question ({>…}), a type qbank cannot import from GIFT.',
  weightnotnumber: (weight: string): string => `The weight ${weight} is not a number ${CRASH}.`,
  rangenotnumber: (range: string): string => `The range ${range} has an end that is not a number ${CRASH}.`,
  nomatcharrow: (pair: string): string => `${MOODLE.giftmatchingformat}: ${pair} has no ->.`,
  tolerancenotnumber: (tolerance: string): string =>
    `${MOODLE.errornotnumbers}: the tolerance ${tolerance} is not a number.`,

  blanklookalike:
    'This line looks blank but holds a non-breaking or other Unicode space: Moodle does not treat it as a blank ' +
    'line, so the questions around it are read as one.',
  commentdropped: 'This line starts with //, so Moodle reads it as a comment and leaves it out of the question.',
  placeholder: (text: string, meaning: string): string =>
    `Moodle reads the text ${text} as the character it stands for (${meaning}).`,
  categoryswallow: (swallowed: string): string =>
    `$CATEGORY: takes every line up to the next blank line as the category name, so ${swallowed} became part ` +
    'of it: leave a blank line after the category line.',
  categoryescape:
    'Moodle does not decode escapes in category names: they stay as placeholder text such as "&&058;".',
  unclosedname: 'The name has no closing "::": Moodle makes a name from the question text.',
  namelength: 'The name is longer than 255 characters: Moodle shortens it.',
  secondblock: 'Only the first {...} holds answers: the rest stays in the question text.',
  formattag: (tag: string): string => `Format tags are lower case: ${tag} stays in the text.`,
  idnumberignored: 'Moodle reads only the first well-formed [id:…] of a question; the others are ignored.',
  tagignored: 'A [tag:…] that spans lines or holds <, > or ` is ignored by Moodle.',
  truefalsecase: (word: string): string =>
    `{${word}} is a short-answer question: true/false needs T, TRUE, F or FALSE in capitals.`,
  answerbeforemarker: 'Text before the first ~ or = becomes an extra wrong answer.',
  weightafterequals:
    'A weight after = is not read in multiple choice: the answer gets 100% and keeps the weight as text.',
  notaweight: (weight: string): string =>
    `${weight} is not a weight Moodle reads (%n% takes at most two digits before a point): it stays in the answer text.`,
  rangeleadingnumber: (range: string): string =>
    `Moodle reads only the number at the start of each end of the range ${range}.`,
  commadecimal: (value: string): string =>
    `${value} uses a decimal comma: Moodle reads it as no number and accepts any answer. Write it with a point.`,
  notanumber: (value: string): string =>
    `${value} is not a number: Moodle turns this answer into * and accepts any response.`,
  emptyanswer: 'An empty answer is left out when Moodle saves the question.',
  emptypair: 'A pair with neither question nor answer is left out when Moodle saves the question.',
  duplicateidnumber: (idnumber: string, owner: string): string =>
    `The idnumber ${idnumber} is already used by question ${owner} in this category: Moodle imports this question without it.`,
} as const;

/** Shortens a piece of source text for quoting it in a message. */
export function quote(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
