// One reader per question type, each doing what qformat_xml's import_<type> and the type's save step do.
import {
  matchGradeOption,
  newDescription,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  phpEmpty,
  phpFloat,
  phpNumber,
  phpTrim,
  richText,
  type CombinedFeedback,
  type DescriptionQuestion,
  type EssayQuestion,
  type MatchQuestion,
  type MatchSubquestion,
  type MultichoiceQuestion,
  type NumericalAnswer,
  type NumericalQuestion,
  type NumericalUnit,
  type NumericalUnitOptions,
  type QuestionBase,
  type ShortAnswerQuestion,
  type TextFormat,
  type TrueFalseQuestion,
} from '../../model/index.js';
import { htmlIsBlank } from '../php-text.js';
import type { QuestionContext } from './context.js';
import { MESSAGES } from './messages.js';
import { attribute, child, children, hasChild } from './nodes.js';
import { phpTruthy, transSingle } from './php-values.js';
import { readFormatName } from './formats.js';
import {
  readAnswer,
  readFormat,
  readHints,
  readNumber,
  readNumberValue,
  readOptionalNumber,
  readRaw,
  readRichText,
  readText,
  readTextValue,
  type ReadAnswer,
} from './read-common.js';

/**
 * Moodle's grade check (importprocess): every fraction must be one of the listed grades, within 0.00001.
 * Fractions are replaced by the listed value; an unlisted one makes the question an error.
 */
function checkGrades(ctx: QuestionContext, answers: { fraction: number }[]): boolean {
  // Moodle stops at errors found while reading, before it checks grades: no second error from the first.
  if (ctx.hasErrors()) return false;
  const invalid: string[] = [];
  let first = -1;
  answers.forEach((answer, i) => {
    const listed = matchGradeOption(answer.fraction);
    if (listed === null) {
      invalid.push(phpFloat(answer.fraction));
      if (first < 0) first = i;
    } else {
      answer.fraction = listed;
    }
  });
  if (invalid.length === 0) return true;
  ctx.error('invalidgradequestion', MESSAGES.invalidgradequestion(invalid.join(', '), ctx.name), ctx.answerOffset(first));
  return false;
}

function readAnswers(ctx: QuestionContext, q: unknown, format: TextFormat, html: boolean): ReadAnswer[] {
  return (children(q, 'answer') ?? []).map((answer, i) => readAnswer(ctx, answer, i, format, html));
}

/** An answer row Moodle's save step skips: no text, no grade, no feedback. */
function isBlankAnswer(a: ReadAnswer): boolean {
  return a.text === '' && a.fraction === 0 && htmlIsBlank(a.feedback.text);
}

function readCombinedFeedback(ctx: QuestionContext, q: unknown, format: TextFormat): CombinedFeedback {
  let showNumCorrect = hasChild(q, 'shownumcorrect');
  if (hasChild(q, 'correctresponsesfeedback')) {
    showNumCorrect = transSingle(readRaw(ctx, q, 'correctresponsesfeedback') ?? '1');
  }
  return {
    correct: readRichText(ctx, child(q, 'correctfeedback'), format),
    partiallyCorrect: readRichText(ctx, child(q, 'partiallycorrectfeedback'), format),
    incorrect: readRichText(ctx, child(q, 'incorrectfeedback'), format),
    showNumCorrect,
  };
}

export function readMultichoice(ctx: QuestionContext, q: unknown, base: QuestionBase): MultichoiceQuestion {
  const format = base.text.format;
  const single = transSingle(readRaw(ctx, q, 'single') ?? 'true');
  const numbering = readRaw(ctx, q, 'answernumbering') ?? 'abc';
  const read = readAnswers(ctx, q, format, true);
  const kept = read.filter((a) => a.text !== '');
  const question = newMultichoice(base, single);
  question.shuffleAnswers = transSingle(readRaw(ctx, q, 'shuffleanswers') ?? 'false');
  question.answerNumbering = phpEmpty(numbering) ? 'abc' : numbering;
  question.showStandardInstruction = !phpEmpty(readRaw(ctx, q, 'showstandardinstruction') ?? '1');
  question.answers = kept;
  question.combinedFeedback = readCombinedFeedback(ctx, q, format);
  question.hints = readHints(ctx, q, format, true);
  const gradesValid = checkGrades(ctx, read);
  if (gradesValid && kept.length < 2) ctx.error('notenoughanswers', MESSAGES.notenoughanswersMultichoice(2));
  if (gradesValid && kept.length > 0) {
    // Moodle 5 checks the grades the way its editing form does.
    if (single) {
      if (kept.every((a) => a.fraction !== 1)) ctx.error('errfractionsnomax', MESSAGES.errfractionsnomax);
    } else {
      const total = Math.round(kept.reduce((sum, a) => (a.fraction > 0 ? sum + a.fraction : sum), 0) * 100) / 100;
      if (total !== 1) ctx.error('errfractionsaddwrong', MESSAGES.errfractionsaddwrong(phpFloat(total * 100)));
    }
  }
  return question;
}

/** The all-or-nothing multiple choice plugin (qtype_multichoiceset): a choice is right or wrong, nothing between. */
export function readMultichoiceSet(ctx: QuestionContext, q: unknown, base: QuestionBase): MultichoiceQuestion {
  const format = base.text.format;
  const read = readAnswers(ctx, q, format, true);
  (children(q, 'answer') ?? []).forEach((answer, i) => {
    let correct = read[i]!.fraction !== 0;
    if (hasChild(answer, 'correctanswer')) correct = phpTruthy(readRaw(ctx, answer, 'correctanswer') ?? '0');
    read[i]!.fraction = correct ? 1 : 0;
  });
  const kept = read.filter((a) => a.text !== '');
  const question = newMultichoice(base, false);
  question.allOrNothing = true;
  question.shuffleAnswers = transSingle(readRaw(ctx, q, 'shuffleanswers') ?? '1');
  question.answerNumbering = readRaw(ctx, q, 'answernumbering') ?? 'abc';
  question.answers = kept;
  // The plugin has no feedback for a partially correct response: it stays blank.
  const feedback = question.combinedFeedback;
  feedback.correct = readRichText(ctx, child(q, 'correctfeedback'), format);
  feedback.incorrect = readRichText(ctx, child(q, 'incorrectfeedback'), format);
  feedback.showNumCorrect = hasChild(q, 'shownumcorrect');
  question.hints = readHints(ctx, q, format, true, true);
  if (!ctx.hasErrors() && kept.length < 2) ctx.error('notenoughanswers', MESSAGES.notenoughanswersMultichoice(2));
  return question;
}

export function readTrueFalse(ctx: QuestionContext, q: unknown, base: QuestionBase): TrueFalseQuestion {
  const format = base.text.format;
  const question = newTrueFalse(base, false);
  // The file's penalty stands (a new true/false question's is 1).
  question.penalty = base.penalty;
  let first = true;
  let guessed = false;
  for (const answer of children(q, 'answer') ?? []) {
    let text = readText(ctx, answer);
    const feedback = readRichText(ctx, child(answer, 'feedback'), format);
    if (first) question.answerFormat = readFormatName(attribute(answer, 'format') ?? '') ?? 'moodle';
    if (text !== 'true' && text !== 'false') {
      // Old files name the answers in the teacher's language: Moodle assumes true first, then false.
      guessed = true;
      text = first ? 'true' : 'false';
    }
    // PHP's `== 100`: true only for a numeric string worth 100.
    const fraction = phpNumber(attribute(answer, 'fraction') ?? '');
    const is100 = fraction !== null && fraction.whole && fraction.value === 100;
    if (text === 'true') {
      question.correctAnswer = is100;
      question.feedbackTrue = feedback;
    } else {
      question.correctAnswer = !is100;
      question.feedbackFalse = feedback;
    }
    first = false;
  }
  if (guessed) {
    ctx.warning(
      'truefalseimporterror',
      MESSAGES.truefalseimporterror(base.text.text, question.correctAnswer ? 'True' : 'False'),
    );
  }
  question.hints = readHints(ctx, q, format, false);
  return question;
}

export function readShortAnswer(ctx: QuestionContext, q: unknown, base: QuestionBase): ShortAnswerQuestion {
  const format = base.text.format;
  const read = readAnswers(ctx, q, format, false);
  const kept = read.filter((a) => !isBlankAnswer(a));
  const question = newShortAnswer(base);
  question.useCase = phpTruthy(readRaw(ctx, q, 'usecase') ?? '0');
  question.answers = kept;
  question.hints = readHints(ctx, q, format, false);
  const gradesValid = checkGrades(ctx, read);
  if (gradesValid && !kept.some((a) => a.fraction === 1)) ctx.error('fractionsnomax', MESSAGES.fractionsnomax);
  return question;
}

const NUMBER_WITH_UNIT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[ \t\n\r]*(.*)$/s;

export function readNumerical(ctx: QuestionContext, q: unknown, base: QuestionBase): NumericalQuestion {
  const format = base.text.format;
  const answerNodes = children(q, 'answer') ?? [];
  const read = answerNodes.map((node, i) => {
    const answer = readAnswer(ctx, node, i, format, false);
    const offset = ctx.answerOffset(i);
    const toleranceRaw = readRaw(ctx, node, 'tolerance');
    const tolerance = toleranceRaw === '' ? 0 : readNumberValue(ctx, toleranceRaw, 0, '<tolerance>', offset);
    // The deprecated <fraction> element holds a fraction (0–1), not a percentage.
    answer.fraction = readNumberValue(ctx, readRaw(ctx, node, 'fraction'), answer.fraction, '<fraction>', offset);
    const numerical: NumericalAnswer = {
      text: answer.text,
      format: answer.format,
      files: answer.files,
      fraction: answer.fraction,
      feedback: answer.feedback,
      tolerance,
    };
    return numerical;
  });

  const units: NumericalUnit[] = [];
  for (const unit of children(child(q, 'units'), 'unit') ?? []) {
    const name = child(unit, 'unit_name') === undefined ? '' : readTextValue(ctx, child(unit, 'unit_name'));
    const multiplier = readNumber(ctx, unit, 'multiplier', 1);
    if (name !== '') units.push({ name, multiplier });
  }
  let unitOptions: NumericalUnitOptions | null = null;
  if (hasChild(q, 'unitgradingtype') || hasChild(q, 'unitpenalty') || hasChild(q, 'showunits') || hasChild(q, 'unitsleft')) {
    unitOptions = {
      unitGradingType: readNumber(ctx, q, 'unitgradingtype', 0),
      unitPenalty: readNumber(ctx, q, 'unitpenalty', 0.1),
      showUnits: readNumber(ctx, q, 'showunits', units.length ? 0 : 3),
      unitsLeft: phpTruthy(readRaw(ctx, q, 'unitsleft') ?? '0'),
    };
  }
  const instructions = child(q, 'instructions');
  const kept = read.filter((a) => !isBlankAnswer(a));
  const question = newNumerical(base);
  question.answers = kept;
  question.units = units;
  question.unitOptions = unitOptions;
  if (instructions !== undefined) question.instructions = readRichText(ctx, instructions, format);
  question.hints = readHints(ctx, q, format, false);
  if (checkGrades(ctx, read)) {
    const bad = kept.findIndex((a) => !isNumericalAnswer(a.text, units));
    if (bad >= 0) ctx.error('invalidnumericanswer', MESSAGES.invalidnumericanswer, ctx.answerOffset(read.indexOf(kept[bad]!)));
  }
  return question;
}

/** `*`, or a number optionally followed by one of the question's units. */
function isNumericalAnswer(text: string, units: readonly NumericalUnit[]): boolean {
  const trimmed = phpTrim(text);
  if (trimmed === '*') return true;
  const m = NUMBER_WITH_UNIT.exec(trimmed);
  return m !== null && (m[2] === '' || units.some((u) => u.name === m[2]));
}

export function readMatch(ctx: QuestionContext, q: unknown, base: QuestionBase): MatchQuestion {
  const format = base.text.format;
  const subquestions: MatchSubquestion[] = [];
  let missing: string | undefined;
  for (const sub of children(q, 'subquestion') ?? []) {
    const text = readRichText(ctx, sub, format);
    const answer = readText(ctx, child(sub, 'answer'));
    if (text.text === '' && answer === '') continue;
    if (text.text !== '' && answer === '') missing = text.text;
    subquestions.push({ text, answer });
  }
  if (missing !== undefined && !ctx.hasErrors()) ctx.error('nomatchinganswer', MESSAGES.nomatchinganswer(missing));
  const question = newMatch(base);
  question.shuffleAnswers = transSingle(readRaw(ctx, q, 'shuffleanswers') ?? '1');
  question.subquestions = subquestions;
  question.combinedFeedback = readCombinedFeedback(ctx, q, format);
  question.hints = readHints(ctx, q, format, true);
  return question;
}

export function readEssay(ctx: QuestionContext, q: unknown, base: QuestionBase): EssayQuestion {
  const format = base.text.format;
  const types = readRaw(ctx, q, 'filetypeslist');
  const template = child(q, 'responsetemplate');
  const question = newEssay(base);
  question.responseFormat = readRaw(ctx, q, 'responseformat') ?? 'editor';
  question.responseRequired = phpTruthy(readRaw(ctx, q, 'responserequired') ?? '1');
  question.responseFieldLines = readNumber(ctx, q, 'responsefieldlines', 15);
  question.minWordLimit = readOptionalNumber(ctx, q, 'minwordlimit');
  question.maxWordLimit = readOptionalNumber(ctx, q, 'maxwordlimit');
  question.attachments = readNumber(ctx, q, 'attachments', 0);
  question.attachmentsRequired = readNumber(ctx, q, 'attachmentsrequired', 0);
  question.maxBytes = readOptionalNumber(ctx, q, 'maxbytes');
  if (types !== undefined && types !== '') question.fileTypesList = types;
  question.graderInfo = readRichText(ctx, child(q, 'graderinfo'), format);
  // Moodle reads no files for the response template.
  question.responseTemplate = richText(readText(ctx, template), readFormat(ctx, template, format));
  return question;
}

export function readDescription(_ctx: QuestionContext, _q: unknown, base: QuestionBase): DescriptionQuestion {
  return newDescription(base);
}
