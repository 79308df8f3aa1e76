// Moodle's English strings for the problems an import can meet (qformat_xml, question and qtype components).

export const MESSAGES = {
  cannotread: 'Cannot read import file (or file is empty)',
  noquestionsinfile: 'There are no questions in the import file',
  invalidxml: 'Invalid XML file - string expected (use CDATA?)',
  xmlimportnoname: 'Missing question name in XML file',
  xmltypeunsupported: (type: string) => `Question type ${type} is not supported by XML import`,
  invalidgradequestion: (grades: string, question: string) =>
    `Grades (${grades}) do not match grade options - question '${question}' skipped.`,
  errfractionsnomax:
    'One of the choices should be 100%, so that it is<br />possible to get a full grade for this question.',
  errfractionsaddwrong: (sum: string) =>
    `The positive grades you have chosen do not add up to 100%<br />Instead, they add up to ${sum}%`,
  fractionsnomax:
    'One of the answers should have a score of 100% so it is possible to get full marks for this question.',
  notenoughanswersMultichoice: (n: number) => `This type of question requires at least ${n} choices`,
  notenoughanswers: (n: number) => `This type of question requires at least ${n} answers`,
  nomatchinganswer: (stem: string) => `You must specify an answer matching the question '${stem}'.`,
  invalidnumericanswer: 'One of the answers you entered was not a valid number.',
  answermustbenumberorstar: "The answer must be a number, for example -1.234 or 3e8, or '*'.",
  questionsmissing: 'The question text must include at least one embedded answer.',
  invalidmultianswerquestion: (errors: string) => `Invalid embedded answers (Cloze) question (${errors}).`,
  truefalseimporterror: (questionText: string, answer: string) =>
    `Warning: The true/false question '${questionText}' could not be imported properly. It was not clear ` +
    `whether the correct answer is true or false. The question has been imported assuming that the answer ` +
    `is '${answer}'. If this is not correct, you will need to edit the question.`,
  unrecognisedformat: (name: string) => `Unrecognised text format '${name}' in the import file. Assuming 'html'.`,
} as const;
