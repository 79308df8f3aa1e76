// Writing GIFT as Moodle's qformat_gift::writequestion() and exportprocess() write it, byte for byte, except
// where Moodle's own output would read back as a different question (each such place is marked "Deviation").
import {
  DEFAULT_PENALTY,
  phpFloat,
  phpIsNumeric,
  phpTrim,
  type Answer,
  type Category,
  type CombinedFeedback,
  type EmbeddedFile,
  type EssayQuestion,
  type MatchQuestion,
  type MultichoiceQuestion,
  type NumericalAnswer,
  type NumericalQuestion,
  type Question,
  type RichText,
  type ShortAnswerQuestion,
  type TextFormat,
  type TrueFalseQuestion,
} from '../../model/index.js';
import type { Bank, SerializeOptions, SerializeResult } from '../diagnostics.js';
import { TextSink } from '../text-sink.js';
import { extractIdnumberAndTags } from './comments.js';
import { escapePre, hasPlaceholderText, repchar } from './escapes.js';
import { cleanQuestionName } from '../php-text.js';
import { WEIGHT, splitFormatTag } from './syntax.js';

const FORMAT_NAME: Readonly<Record<TextFormat, string>> = {
  moodle: 'moodle',
  html: 'html',
  plain: 'plain',
  markdown: 'markdown',
  wiki: 'moodle',
};

/** Whether Moodle would read a format tag at the start of this escaped field. */
function readsAsTagged(escaped: string): boolean {
  if (escaped.charCodeAt(0) !== 91 /* [ */) return false;
  const processed = escapePre(escaped);
  return splitFormatTag(processed, 'moodle').text !== processed;
}

/** Collects warnings for one question. */
class Losses {
  constructor(
    private readonly question: Question,
    private readonly warnings: string[],
  ) {}
  add(what: string): void {
    this.warnings.push(`Question '${this.question.name}': ${what}`);
  }
}

/**
 * write_questiontext(): a [format] tag when the text is not empty and its format is not the default, then
 * the escaped text. Deviation: the tag is also written when the text itself starts like a format tag.
 */
function writeText(text: string, format: TextFormat, defaultFormat: TextFormat): string {
  const escaped = repchar(text);
  const tagged = text !== '' && format !== defaultFormat;
  if (tagged || readsAsTagged(escaped)) return `[${FORMAT_NAME[format]}]${escaped}`;
  return escaped;
}

const writeField = (field: RichText, defaultFormat: TextFormat): string =>
  writeText(field.text, field.format, defaultFormat);

/** write_general_feedback(). Deviation: general feedback "0" is written (PHP's truthiness drops it). */
function writeGeneralFeedback(q: Question, indent: string): string {
  const gf = writeField(q.generalFeedback, q.text.format);
  if (gf === '') return '';
  return indent ? `${indent}####${gf}\n` : `####${gf}`;
}

const weight = (fraction: number): string => phpFloat(fraction * 100);

/** Whether a written answer starts like a weight (`%50%`), which Moodle would read as one. */
const startsLikeWeight = (answer: string): boolean => answer.charCodeAt(0) === 37 /* % */ && WEIGHT.test(answer);

/** The header comment. Deviation: no line break, `[id:` or `[tag:` from the name (they would be read back). */
function header(q: Question, id: number): string {
  const name = /[\r\n[]/.test(q.name)
    ? q.name.replace(/\r\n|\r|\n/g, ' ').replaceAll('[id:', '[id :').replaceAll('[tag:', '[tag :')
    : q.name;
  return `// question: ${id}  name: ${name}\n`;
}

const UNREADABLE = 'cannot be written so that Moodle reads it back; it is left out.';
const idToken = (idnumber: string): string => `[id:${idnumber.replaceAll(']', '\\]')}]`;
const tagToken = (tag: string): string => `[tag:${tag.replaceAll(']', '\\]')}]`;

/**
 * Whether `[id:…]` or `[tag:…]` certainly reads back as this value, whatever tokens stand beside it on the line:
 * it holds no backslash or `[` (only they can end a value early or start another token), no control character
 * (Moodle stops there) and no space at either end (Moodle trims); a tag also holds no `<`, `>` or backquote.
 * This is every ordinary value; the others are checked by reading them back.
 */
function plainValue(value: string, isTag: boolean): boolean {
  const n = value.length;
  if (n === 0 || value.charCodeAt(0) === 32 || value.charCodeAt(n - 1) === 32) return false;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 92 /* \ */ || c === 91 /* [ */) return false;
    if (isTag && (c === 60 /* < */ || c === 62 /* > */ || c === 96) /* ` */) return false;
  }
  return true;
}

/** The exact check, for a value that is not plain. */
function idnumberReadsBack(idnumber: string): boolean {
  const read = extractIdnumberAndTags(`// ${idToken(idnumber)}\n`);
  return read.idnumber === idnumber && read.tags.length === 0;
}

function tagReadsBack(tag: string): boolean {
  const read = extractIdnumberAndTags(`// ${tagToken(tag)}\n`);
  return tag !== '' && read.idnumber === '' && read.tags.length === 1 && read.tags[0] === tag;
}

/**
 * write_idnumber_and_tags(). Deviations: an idnumber or tag Moodle would not read back as itself (line breaks,
 * `<` in a tag, `[tag:` inside an idnumber …) is left out with a warning; and when Moodle's single line would
 * read back wrong (a value ending in a backslash swallows the next one), each value gets a comment line.
 */
function idAndTags(q: Question, losses: Losses): string {
  const bits: string[] = [];
  let idnumber = '';
  const tags: string[] = [];
  // Plain values cannot disturb each other on one line; only lines with another value need reading back.
  let allPlain = true;
  if (q.idnumber !== null && q.idnumber !== '') {
    const plain = plainValue(q.idnumber, false);
    if (plain || idnumberReadsBack(q.idnumber)) {
      bits.push(idToken(q.idnumber));
      idnumber = q.idnumber;
      allPlain &&= plain;
    } else losses.add(`the idnumber ${JSON.stringify(q.idnumber)} ${UNREADABLE}`);
  }
  const seen = q.tags.length > 1 ? new Set<string>() : null;
  for (const tag of q.tags) {
    const plain = plainValue(tag, true);
    if (!plain && !tagReadsBack(tag)) {
      losses.add(`the tag ${JSON.stringify(tag)} ${UNREADABLE}`);
      continue;
    }
    if (seen !== null) {
      const key = tag.toLowerCase();
      if (seen.has(key)) losses.add(`the tag ${JSON.stringify(tag)} repeats another tag (Moodle ignores case).`);
      seen.add(key);
    }
    bits.push(tagToken(tag));
    tags.push(tag);
    allPlain &&= plain;
  }
  if (!bits.length) return '';
  const line = `// ${bits.join(' ')}\n`;
  if (allPlain) return line;
  const read = extractIdnumberAndTags(line);
  const same = read.idnumber === idnumber && read.tags.length === tags.length && read.tags.every((t, i) => t === tags[i]);
  if (same) return line;
  return bits.map((b) => `// ${b}\n`).join('');
}

/** Whether GIFT carries a text field as it is: tested first, so that the common case builds no label. */
function fieldKept(text: string, format: TextFormat, files: readonly EmbeddedFile[]): boolean {
  return (
    files.length === 0 &&
    (format !== 'wiki' || text === '') &&
    text === phpTrim(text) &&
    !text.includes('\r') &&
    !hasPlaceholderText(text)
  );
}

/** The warnings of a text field that fieldKept() refused. */
function fieldLosses(
  label: string,
  text: string,
  format: TextFormat,
  files: readonly EmbeddedFile[],
  losses: Losses,
): void {
  if (files.length) losses.add(`${label}: embedded files cannot be written in GIFT.`);
  if (format === 'wiki' && text !== '') losses.add(`${label}: the wiki format is written as [moodle].`);
  if (text !== phpTrim(text)) losses.add(`${label}: spaces and line breaks at the start or end are lost.`);
  if (text.includes('\r')) losses.add(`${label}: carriage returns are dropped.`);
  if (hasPlaceholderText(text)) {
    losses.add(`${label}: text such as "&&058;" is read back by Moodle as the character it stands for.`);
  }
}

function fieldChecks(label: string, field: RichText, losses: Losses): void {
  const { text, format, files } = field;
  if (!fieldKept(text, format, files)) fieldLosses(label, text, format, files, losses);
}

/** The feedback of answer `n` (1-based); the label is built only for a field that loses something. */
function feedbackChecks(a: Answer, n: number, losses: Losses): void {
  const f = a.feedback;
  if (!fieldKept(f.text, f.format, f.files)) fieldLosses(`feedback of answer ${n}`, f.text, f.format, f.files, losses);
}

/** The text of answer `n`, written in `format`, then its feedback. */
function answerChecks(a: Answer, n: number, format: TextFormat, losses: Losses): void {
  if (!fieldKept(a.text, format, a.files)) fieldLosses(`answer ${n}`, a.text, format, a.files, losses);
  feedbackChecks(a, n, losses);
}

function hasFullMark(answers: readonly Answer[]): boolean {
  for (const a of answers) if (a.fraction === 1) return true;
  return false;
}

const blankCombined = (c: CombinedFeedback): boolean =>
  c.correct.text === '' && c.partiallyCorrect.text === '' && c.incorrect.text === '' && !c.showNumCorrect;

function multichoiceLosses(q: MultichoiceQuestion, losses: Losses): void {
  if (q.allOrNothing) losses.add('all-or-nothing grading cannot be written in GIFT.');
  if (!q.shuffleAnswers) losses.add('"shuffle answers: no" cannot be written in GIFT.');
  if (q.answerNumbering !== 'abc') losses.add(`answer numbering '${q.answerNumbering}' cannot be written in GIFT.`);
  if (q.showStandardInstruction) losses.add('"show standard instruction" cannot be written in GIFT.');
  if (!blankCombined(q.combinedFeedback)) losses.add('combined feedback cannot be written in GIFT.');
  if (q.answers.length < 2) losses.add('a multiple-choice question needs at least two answers to be read back.');
  if (q.single && q.answers.length && !hasFullMark(q.answers)) {
    losses.add('a one-answer question without a 100% answer is read back as a several-answer question.');
  }
  for (let i = 0; i < q.answers.length; i++) {
    const a = q.answers[i]!;
    answerChecks(a, i + 1, a.format, losses);
    if (a.text === '') losses.add(`answer ${i + 1} is empty: Moodle leaves it out.`);
  }
}

function shortAnswerLosses(q: ShortAnswerQuestion, losses: Losses): void {
  if (q.useCase) {
    losses.add('case-sensitive matching cannot be written in GIFT (it is read back as case-insensitive).');
  }
  if (q.answers.length === 0) losses.add('a short-answer question without answers cannot be read back.');
  else if (!hasFullMark(q.answers)) losses.add('Moodle refuses a short-answer question without a 100% answer.');
  for (let i = 0; i < q.answers.length; i++) {
    const a = q.answers[i]!;
    if (a.format !== 'moodle') losses.add(`the format of answer ${i + 1} is not kept.`);
    answerChecks(a, i + 1, 'moodle', losses);
    if (a.text.includes('->') || a.feedback.text.includes('->')) {
      losses.add(`answer ${i + 1} holds "->", which makes Moodle read the question as matching.`);
    }
  }
}

const isAnyAnswer = (a: NumericalAnswer): boolean => a.text === '' || a.text === '*';

function numericalLosses(q: NumericalQuestion, losses: Losses): void {
  if (q.units.length || q.unitOptions !== null) losses.add('units cannot be written in GIFT.');
  if (q.instructions !== null && q.instructions.text !== '') losses.add('unit instructions cannot be written in GIFT.');
  if (q.answers.length === 0) losses.add('a numerical question without answers cannot be read back.');
  const anyAt = q.answers.findIndex(isAnyAnswer);
  for (let i = 0; i < q.answers.length; i++) {
    const a = q.answers[i]!;
    const n = i + 1;
    if (a.format !== 'moodle') losses.add(`the format of answer ${n} is not kept.`);
    feedbackChecks(a, n, losses);
    const any = isAnyAnswer(a);
    if (any && a.fraction !== 0) losses.add(`the grade of the "any answer" (*) answer ${n} is read back as 0%.`);
    if (any && i !== anyAt) {
      losses.add(`only one "any answer" (*) answer can be written; answer ${n} is not read back.`);
    }
    if (!any && anyAt !== -1 && i > anyAt) {
      losses.add(`answer ${n} follows the "any answer" (*) answer and is not read back.`);
    }
    if (!any && !phpIsNumeric(a.text)) {
      losses.add(`answer ${n} (${JSON.stringify(a.text)}) is not a number: Moodle reads it as * (any answer).`);
    }
    if (!any && a.text !== phpTrim(a.text)) losses.add(`spaces around answer ${n} are lost.`);
  }
}

function matchLosses(q: MatchQuestion, losses: Losses): void {
  if (!q.shuffleAnswers) losses.add('"shuffle answers: no" cannot be written in GIFT.');
  if (!blankCombined(q.combinedFeedback)) losses.add('combined feedback cannot be written in GIFT.');
  if (q.subquestions.length < 2) losses.add('a matching question needs at least two pairs to be read back.');
  for (let i = 0; i < q.subquestions.length; i++) {
    const s = q.subquestions[i]!;
    const n = i + 1;
    const stem = s.text;
    if (!fieldKept(stem.text, stem.format, stem.files)) {
      fieldLosses(`question ${n} of the matching`, stem.text, stem.format, stem.files, losses);
    }
    if (stem.text.includes('->')) {
      losses.add(`question ${n} of the matching holds "->", which Moodle reads as the arrow.`);
    }
    const answer = phpTrim(s.answer);
    if (s.answer !== answer) losses.add(`spaces around matching answer ${n} are lost.`);
    if (stem.text !== '' && answer === '') {
      losses.add(`question ${n} of the matching has no answer: Moodle stops the import there.`);
    }
  }
}

function essayLosses(q: EssayQuestion, losses: Losses): void {
  if (q.responseFormat !== 'editor') losses.add(`the response format '${q.responseFormat}' is not kept.`);
  if (!q.responseRequired) losses.add('"response not required" is not kept.');
  if (q.responseFieldLines !== 15) losses.add(`the input box size (${q.responseFieldLines} lines) is not kept.`);
  if (q.minWordLimit || q.maxWordLimit) losses.add('word limits are not kept.');
  if (q.attachments !== 0 || q.attachmentsRequired !== 0) losses.add('attachment settings are not kept.');
  if (q.maxBytes || q.fileTypesList) losses.add('attachment size and type limits are not kept.');
  if (q.graderInfo.text !== '') losses.add('information for graders is not kept.');
  if (q.responseTemplate.text !== '') losses.add('the response template is not kept.');
}

/** Fields of the model that GIFT has no place for, or values Moodle would read back differently. */
function checkLosses(q: Question, losses: Losses): void {
  if (q.name !== cleanQuestionName(q.name)) {
    losses.add('the name is read back cleaned (HTML tags removed, spaces trimmed, at most 255 characters).');
  }
  const expectedMark = q.type === 'description' ? 0 : 1;
  if (q.type !== 'unsupported' && q.defaultMark !== expectedMark) {
    losses.add(`the default mark ${q.defaultMark} is not kept.`);
  }
  const expectedPenalty = q.type === 'truefalse' ? 1 : DEFAULT_PENALTY;
  if (q.type !== 'unsupported' && q.penalty !== expectedPenalty) losses.add(`the penalty ${q.penalty} is not kept.`);
  if (q.hints.length) losses.add('hints cannot be written in GIFT.');
  fieldChecks('question text', q.text, losses);
  fieldChecks('general feedback', q.generalFeedback, losses);
  switch (q.type) {
    case 'multichoice':
      multichoiceLosses(q, losses);
      break;
    case 'truefalse':
      if (q.answerFormat !== 'moodle') losses.add(`the answers' format '${q.answerFormat}' is not kept.`);
      fieldChecks('feedback for true', q.feedbackTrue, losses);
      fieldChecks('feedback for false', q.feedbackFalse, losses);
      break;
    case 'shortanswer':
      shortAnswerLosses(q, losses);
      break;
    case 'numerical':
      numericalLosses(q, losses);
      break;
    case 'match':
      matchLosses(q, losses);
      break;
    case 'essay':
      essayLosses(q, losses);
      break;
    case 'description':
      if (q.generalFeedback.text !== '') losses.add('a description has no place for general feedback in GIFT.');
      break;
    case 'unsupported':
      losses.add(`questions of type '${q.qtype}' cannot be written in GIFT: only a comment with its name is written.`);
      break;
  }
}

function trueFalseAnswers(q: TrueFalseQuestion): string {
  const fmt = q.text.format;
  const onTrue = writeField(q.feedbackTrue, fmt);
  const onFalse = writeField(q.feedbackFalse, fmt);
  const right = q.correctAnswer ? onTrue : onFalse;
  const wrong = q.correctAnswer ? onFalse : onTrue;
  let out = q.correctAnswer ? '{TRUE' : '{FALSE';
  // Deviation: feedback "0" is written (PHP's truthiness drops it).
  if (wrong !== '') out += `#${wrong}`;
  else if (right !== '') out += '#';
  if (right !== '') out += `#${right}`;
  return `${out + writeGeneralFeedback(q, '')}}\n`;
}

function allFullMarks(answers: readonly Answer[]): boolean {
  for (const a of answers) if (a.fraction !== 1) return false;
  return true;
}

function multichoiceAnswers(q: MultichoiceQuestion): string {
  const fmt = q.text.format;
  let out = '{\n';
  // Deviation: a one-answer question whose answers are all 100% would have no ~ and read back as short answer.
  const needsTilde = q.single && q.answers.length > 1 && allFullMarks(q.answers);
  for (let i = 0; i < q.answers.length; i++) {
    const a = q.answers[i]!;
    const answer = writeText(a.text, a.format, fmt);
    let prefix: string;
    if (a.fraction === 1 && q.single && !(needsTilde && i > 0)) prefix = '=';
    // Deviation: a 0% answer whose text starts like %n% gets an explicit %0%, or it would read as a weight.
    else if (a.fraction === 0) prefix = startsLikeWeight(answer) ? '~%0%' : '~';
    else prefix = `~%${weight(a.fraction)}%`;
    out += `\t${prefix}${answer}`;
    if (a.feedback.text !== '') out += `#${writeField(a.feedback, fmt)}`;
    out += '\n';
  }
  return `${out + writeGeneralFeedback(q, '\t')}}\n`;
}

function shortAnswerAnswers(q: ShortAnswerQuestion): string {
  const fmt = q.text.format;
  let out = '{\n';
  for (const a of q.answers) {
    let answer = repchar(a.text);
    // Deviation: Moodle reads and discards a format tag at the start of an answer.
    if (readsAsTagged(answer)) answer = `[moodle]${answer}`;
    out += `\t=%${weight(a.fraction)}%${answer}#${writeField(a.feedback, fmt)}\n`;
  }
  return `${out + writeGeneralFeedback(q, '\t')}}\n`;
}

function numericalAnswers(q: NumericalQuestion): string {
  const fmt = q.text.format;
  let out = '{#\n';
  for (const a of q.answers) {
    if (!isAnyAnswer(a)) {
      // Deviation: a value that is not a number is escaped, so that it cannot break the file.
      const value = phpIsNumeric(a.text) ? a.text : repchar(a.text);
      out += `\t=%${weight(a.fraction)}%${value}:${phpFloat(a.tolerance)}#${writeField(a.feedback, fmt)}\n`;
    } else out += `\t~#${writeField(a.feedback, fmt)}\n`;
  }
  return `${out + writeGeneralFeedback(q, '\t')}}\n`;
}

function matchAnswers(q: MatchQuestion): string {
  const fmt = q.text.format;
  let out = '{\n';
  for (const s of q.subquestions) out += `\t=${writeField(s.text, fmt)} -> ${repchar(s.answer)}\n`;
  return `${out + writeGeneralFeedback(q, '\t')}}\n`;
}

/** The answer block, from `{` to the end of the question. */
function answers(q: Question): string {
  switch (q.type) {
    case 'description':
      return '';
    case 'essay':
      return `{${writeGeneralFeedback(q, '')}}\n`;
    case 'truefalse':
      return trueFalseAnswers(q);
    case 'multichoice':
      return multichoiceAnswers(q);
    case 'shortanswer':
      return shortAnswerAnswers(q);
    case 'numerical':
      return numericalAnswers(q);
    case 'match':
      return matchAnswers(q);
    case 'unsupported':
      return '';
  }
}

/** The question itself: name, text and answers (nothing for a type GIFT cannot write). */
function body(q: Question): string {
  if (q.type === 'unsupported') return '';
  return `::${repchar(q.name)}::${writeField(q.text, 'moodle')}${answers(q)}`;
}

function writeWithWarnings(q: Question, id: number, warnings: string[]): string {
  const losses = new Losses(q, warnings);
  checkLosses(q, losses);
  return `${header(q, id)}${idAndTags(q, losses)}${body(q)}\n`;
}

/** One question exactly as Moodle's writequestion() returns it (a block ending in a blank line). */
export function writeGiftQuestion(question: Question, id = 0): string {
  return writeWithWarnings(question, id, []);
}

/** The category switch Moodle writes before the first question of each category. */
function categoryBlock(path: string): string {
  return `// question: 0  name: Switch category to ${path}\n$CATEGORY: ${path}\n\n`;
}

function checkCategory(category: Category | undefined, path: string, warnings: string[]): void {
  const label = `Category '${path}'`;
  if (/[\r\n]/.test(path)) warnings.push(`${label}: a line break in the path breaks the file.`);
  if (path !== phpTrim(path)) warnings.push(`${label}: spaces at the start or end of the path are lost.`);
  if (escapePre(path) !== path || hasPlaceholderText(path)) {
    warnings.push(`${label}: backslash escapes and "&&…;" text in the path are not read back as written.`);
  }
  if (category && category.info.text !== '') {
    warnings.push(`${label}: the category description cannot be written in GIFT.`);
  }
  if (category && category.idnumber !== null && category.idnumber !== '') {
    warnings.push(`${label}: the category idnumber cannot be written in GIFT.`);
  }
}

/**
 * A GIFT file as Moodle's export writes it (category switches on, each block followed by a blank line),
 * with a warning for everything the file cannot carry.
 */
export function serializeGift(bank: Bank, options: SerializeOptions = {}): SerializeResult {
  const warnings: string[] = [];
  const categories = bank.categories ?? [];
  const used = new Set<string>();
  for (const q of bank.questions) if (q.category !== null) used.add(q.category);
  const pending = categories.filter((c) => !used.has(c.path));
  const known = new Map(categories.map((c) => [c.path, c]));
  // A path's block and warnings are the same at each switch to it: made once per path.
  const switches = new Map<string, { block: string; warnings: string[] }>();
  const out = new TextSink();
  let current: string | null = null;
  const switchTo = (path: string): void => {
    let made = switches.get(path);
    if (made === undefined) {
      made = { block: `${categoryBlock(path)}\n`, warnings: [] };
      checkCategory(known.get(path), path, made.warnings);
      switches.set(path, made);
    }
    for (const w of made.warnings) warnings.push(w);
    out.add(made.block);
    current = path;
  };
  for (let i = 0; i < bank.questions.length; i++) {
    const q = bank.questions[i]!;
    if (q.category !== null && q.category !== current) {
      // Empty parent categories go just before their first child, as Moodle writes them.
      for (let k = 0; k < pending.length; k++) {
        if (q.category.startsWith(`${pending[k]!.path}/`)) {
          switchTo(pending[k]!.path);
          pending.splice(k--, 1);
        }
      }
      switchTo(q.category);
    } else if (q.category === null && current !== null) {
      warnings.push(
        `Question '${q.name}': it has no category but follows category '${current}', so it is read back into that category.`,
      );
    }
    out.add(`${writeWithWarnings(q, options.ids?.[i] ?? 0, warnings)}\n`);
  }
  for (const c of pending) switchTo(c.path);
  return { text: out.text(), warnings };
}
