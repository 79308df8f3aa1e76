// Writing GIFT as Moodle's qformat_gift::writequestion() and exportprocess() write it, byte for byte, except
// where Moodle's own output would read back as a different question (each such place is marked "Deviation").
import {
  DEFAULT_PENALTY,
  phpIsNumeric,
  phpTrim,
  type Category,
  type CombinedFeedback,
  type Question,
  type RichText,
  type TextFormat,
} from '../../model/index.js';
import { extractIdnumberAndTags } from './comments.js';
import { escapePre, hasPlaceholderText, repchar } from './escapes.js';
import { printFloat } from './numbers.js';
import { cleanQuestionName } from './php-text.js';
import { WEIGHT, splitFormatTag } from './syntax.js';

export interface GiftWriteResult {
  text: string;
  /** What the file cannot carry, one message per question and field. */
  warnings: string[];
}

export interface GiftWriteOptions {
  /** The id written in each question's header comment (`// question: ID  name: …`), by position; default 0. */
  ids?: readonly number[];
}

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
  const processed = escapePre(escaped).text;
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
function writeText(field: RichText, defaultFormat: TextFormat): string {
  const escaped = repchar(field.text);
  const tagged = field.text !== '' && field.format !== defaultFormat;
  if (tagged || readsAsTagged(escaped)) return `[${FORMAT_NAME[field.format]}]${escaped}`;
  return escaped;
}

/** write_general_feedback(). Deviation: general feedback "0" is written (PHP's truthiness drops it). */
function writeGeneralFeedback(q: Question, indent: string): string {
  const gf = writeText(q.generalFeedback, q.text.format);
  if (gf === '') return '';
  return indent ? `${indent}####${gf}\n` : `####${gf}`;
}

const weight = (fraction: number): string => printFloat(fraction * 100);

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
 * write_idnumber_and_tags(). Deviations: an idnumber or tag Moodle would not read back as itself (line breaks,
 * `<` in a tag, `[tag:` inside an idnumber …) is left out with a warning; and when Moodle's single line would
 * read back wrong (a value ending in a backslash swallows the next one), each value gets a comment line.
 */
function idAndTags(q: Question, losses: Losses): string {
  const bits: string[] = [];
  const seen = new Set<string>();
  let idnumber = '';
  const tags: string[] = [];
  if (q.idnumber !== null && q.idnumber !== '') {
    const read = extractIdnumberAndTags(`// ${idToken(q.idnumber)}\n`);
    if (read.idnumber === q.idnumber && read.tags.length === 0) {
      bits.push(idToken(q.idnumber));
      idnumber = q.idnumber;
    } else losses.add(`the idnumber ${JSON.stringify(q.idnumber)} ${UNREADABLE}`);
  }
  for (const tag of q.tags) {
    const read = extractIdnumberAndTags(`// ${tagToken(tag)}\n`);
    if (tag === '' || read.idnumber !== '' || read.tags.length !== 1 || read.tags[0] !== tag) {
      losses.add(`the tag ${JSON.stringify(tag)} ${UNREADABLE}`);
      continue;
    }
    if (seen.has(tag.toLowerCase())) {
      losses.add(`the tag ${JSON.stringify(tag)} repeats another tag (Moodle ignores case).`);
    }
    seen.add(tag.toLowerCase());
    bits.push(tagToken(tag));
    tags.push(tag);
  }
  if (!bits.length) return '';
  const line = `// ${bits.join(' ')}\n`;
  const read = extractIdnumberAndTags(line);
  const same = read.idnumber === idnumber && read.tags.length === tags.length && read.tags.every((t, i) => t === tags[i]);
  if (same) return line;
  return bits.map((b) => `// ${b}\n`).join('');
}

function fieldChecks(label: string, field: RichText, losses: Losses): void {
  if (field.files.length) losses.add(`${label}: embedded files cannot be written in GIFT.`);
  if (field.format === 'wiki' && field.text !== '') losses.add(`${label}: the wiki format is written as [moodle].`);
  if (field.text !== phpTrim(field.text)) losses.add(`${label}: spaces and line breaks at the start or end are lost.`);
  if (field.text.includes('\r')) losses.add(`${label}: carriage returns are dropped.`);
  if (hasPlaceholderText(field.text)) {
    losses.add(`${label}: text such as "&&058;" is read back by Moodle as the character it stands for.`);
  }
}

const blankCombined = (c: CombinedFeedback): boolean =>
  c.correct.text === '' && c.partiallyCorrect.text === '' && c.incorrect.text === '' && !c.showNumCorrect;

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
      if (q.allOrNothing) losses.add('all-or-nothing grading cannot be written in GIFT.');
      if (!q.shuffleAnswers) losses.add('"shuffle answers: no" cannot be written in GIFT.');
      if (q.answerNumbering !== 'abc') losses.add(`answer numbering '${q.answerNumbering}' cannot be written in GIFT.`);
      if (q.showStandardInstruction) losses.add('"show standard instruction" cannot be written in GIFT.');
      if (!blankCombined(q.combinedFeedback)) losses.add('combined feedback cannot be written in GIFT.');
      if (q.answers.length < 2) losses.add('a multiple-choice question needs at least two answers to be read back.');
      if (q.single && q.answers.length && !q.answers.some((a) => a.fraction === 1)) {
        losses.add('a one-answer question without a 100% answer is read back as a several-answer question.');
      }
      q.answers.forEach((a, i) => {
        fieldChecks(`answer ${i + 1}`, { text: a.text, format: a.format, files: a.files }, losses);
        fieldChecks(`feedback of answer ${i + 1}`, a.feedback, losses);
        if (a.text === '') losses.add(`answer ${i + 1} is empty: Moodle leaves it out.`);
      });
      break;
    case 'truefalse':
      if (q.answerFormat !== 'moodle') losses.add(`the answers' format '${q.answerFormat}' is not kept.`);
      fieldChecks('feedback for true', q.feedbackTrue, losses);
      fieldChecks('feedback for false', q.feedbackFalse, losses);
      break;
    case 'shortanswer':
      if (q.useCase) {
        losses.add('case-sensitive matching cannot be written in GIFT (it is read back as case-insensitive).');
      }
      if (q.answers.length === 0) losses.add('a short-answer question without answers cannot be read back.');
      else if (!q.answers.some((a) => a.fraction === 1)) {
        losses.add('Moodle refuses a short-answer question without a 100% answer.');
      }
      q.answers.forEach((a, i) => {
        if (a.format !== 'moodle') losses.add(`the format of answer ${i + 1} is not kept.`);
        fieldChecks(`answer ${i + 1}`, { text: a.text, format: 'moodle', files: a.files }, losses);
        fieldChecks(`feedback of answer ${i + 1}`, a.feedback, losses);
        if (a.text.includes('->') || a.feedback.text.includes('->')) {
          losses.add(`answer ${i + 1} holds "->", which makes Moodle read the question as matching.`);
        }
      });
      break;
    case 'numerical': {
      if (q.units.length || q.unitOptions !== null) losses.add('units cannot be written in GIFT.');
      if (q.instructions !== null && q.instructions.text !== '') {
        losses.add('unit instructions cannot be written in GIFT.');
      }
      if (q.answers.length === 0) losses.add('a numerical question without answers cannot be read back.');
      const anyAt = q.answers.findIndex((a) => a.text === '' || a.text === '*');
      q.answers.forEach((a, i) => {
        if (a.format !== 'moodle') losses.add(`the format of answer ${i + 1} is not kept.`);
        fieldChecks(`feedback of answer ${i + 1}`, a.feedback, losses);
        const any = a.text === '' || a.text === '*';
        const n = i + 1;
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
        if (!any && a.text !== phpTrim(a.text)) losses.add(`spaces around answer ${i + 1} are lost.`);
      });
      break;
    }
    case 'match':
      if (!q.shuffleAnswers) losses.add('"shuffle answers: no" cannot be written in GIFT.');
      if (!blankCombined(q.combinedFeedback)) losses.add('combined feedback cannot be written in GIFT.');
      if (q.subquestions.length < 2) losses.add('a matching question needs at least two pairs to be read back.');
      q.subquestions.forEach((s, i) => {
        fieldChecks(`question ${i + 1} of the matching`, s.text, losses);
        if (s.text.text.includes('->')) {
          losses.add(`question ${i + 1} of the matching holds "->", which Moodle reads as the arrow.`);
        }
        if (s.answer !== phpTrim(s.answer)) losses.add(`spaces around matching answer ${i + 1} are lost.`);
        if (s.text.text !== '' && phpTrim(s.answer) === '') {
          losses.add(`question ${i + 1} of the matching has no answer: Moodle stops the import there.`);
        }
      });
      break;
    case 'essay':
      if (q.responseFormat !== 'editor') losses.add(`the response format '${q.responseFormat}' is not kept.`);
      if (!q.responseRequired) losses.add('"response not required" is not kept.');
      if (q.responseFieldLines !== 15) losses.add(`the input box size (${q.responseFieldLines} lines) is not kept.`);
      if (q.minWordLimit || q.maxWordLimit) losses.add('word limits are not kept.');
      if (q.attachments !== 0 || q.attachmentsRequired !== 0) losses.add('attachment settings are not kept.');
      if (q.maxBytes || q.fileTypesList) losses.add('attachment size and type limits are not kept.');
      if (q.graderInfo.text !== '') losses.add('information for graders is not kept.');
      if (q.responseTemplate.text !== '') losses.add('the response template is not kept.');
      break;
    case 'description':
      if (q.generalFeedback.text !== '') losses.add('a description has no place for general feedback in GIFT.');
      break;
    case 'unsupported':
      losses.add(`questions of type '${q.qtype}' cannot be written in GIFT: only a comment with its name is written.`);
      break;
  }
}

function body(q: Question): string {
  const name = `::${repchar(q.name)}::`;
  const text = writeText(q.text, 'moodle');
  const fmt = q.text.format;
  switch (q.type) {
    case 'description':
      return name + text;
    case 'essay':
      return `${name + text}{${writeGeneralFeedback(q, '')}}\n`;
    case 'truefalse': {
      const onTrue = writeText(q.feedbackTrue, fmt);
      const onFalse = writeText(q.feedbackFalse, fmt);
      const right = q.correctAnswer ? onTrue : onFalse;
      const wrong = q.correctAnswer ? onFalse : onTrue;
      let out = `${name + text}{${q.correctAnswer ? 'TRUE' : 'FALSE'}`;
      // Deviation: feedback "0" is written (PHP's truthiness drops it).
      if (wrong !== '') out += `#${wrong}`;
      else if (right !== '') out += '#';
      if (right !== '') out += `#${right}`;
      return `${out + writeGeneralFeedback(q, '')}}\n`;
    }
    case 'multichoice': {
      let out = `${name + text}{\n`;
      // Deviation: a one-answer question whose answers are all 100% would have no ~ and read back as short answer.
      const needsTilde = q.single && q.answers.length > 1 && q.answers.every((a) => a.fraction === 1);
      q.answers.forEach((a, i) => {
        const answer = writeText({ text: a.text, format: a.format, files: a.files }, fmt);
        let prefix: string;
        if (a.fraction === 1 && q.single && !(needsTilde && i > 0)) prefix = '=';
        // Deviation: a 0% answer whose text starts like %n% gets an explicit %0%, or it would read as a weight.
        else if (a.fraction === 0) prefix = WEIGHT.test(answer) ? '~%0%' : '~';
        else prefix = `~%${weight(a.fraction)}%`;
        out += `\t${prefix}${answer}`;
        if (a.feedback.text !== '') out += `#${writeText(a.feedback, fmt)}`;
        out += '\n';
      });
      return `${out + writeGeneralFeedback(q, '\t')}}\n`;
    }
    case 'shortanswer': {
      let out = `${name + text}{\n`;
      for (const a of q.answers) {
        let answer = repchar(a.text);
        // Deviation: Moodle reads and discards a format tag at the start of an answer.
        if (readsAsTagged(answer)) answer = `[moodle]${answer}`;
        out += `\t=%${weight(a.fraction)}%${answer}#${writeText(a.feedback, fmt)}\n`;
      }
      return `${out + writeGeneralFeedback(q, '\t')}}\n`;
    }
    case 'numerical': {
      let out = `${name + text}{#\n`;
      for (const a of q.answers) {
        if (a.text !== '' && a.text !== '*') {
          // Deviation: a value that is not a number is escaped, so that it cannot break the file.
          const value = phpIsNumeric(a.text) ? a.text : repchar(a.text);
          out += `\t=%${weight(a.fraction)}%${value}:${printFloat(a.tolerance)}#${writeText(a.feedback, fmt)}\n`;
        } else out += `\t~#${writeText(a.feedback, fmt)}\n`;
      }
      return `${out + writeGeneralFeedback(q, '\t')}}\n`;
    }
    case 'match': {
      let out = `${name + text}{\n`;
      for (const s of q.subquestions) out += `\t=${writeText(s.text, fmt)} -> ${repchar(s.answer)}\n`;
      return `${out + writeGeneralFeedback(q, '\t')}}\n`;
    }
    case 'unsupported':
      return '';
  }
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
  if (escapePre(path).text !== path || hasPlaceholderText(path)) {
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
export function serializeGift(
  bank: { questions: readonly Question[]; categories?: readonly Category[] },
  options: GiftWriteOptions = {},
): GiftWriteResult {
  const warnings: string[] = [];
  const categories = bank.categories ?? [];
  const used = new Set(bank.questions.map((q) => q.category).filter((c): c is string => c !== null));
  const pending = categories.filter((c) => !used.has(c.path));
  const known = new Map(categories.map((c) => [c.path, c]));
  let text = '';
  let current: string | null = null;
  const switchTo = (path: string): void => {
    checkCategory(known.get(path), path, warnings);
    text += `${categoryBlock(path)}\n`;
    current = path;
  };
  bank.questions.forEach((q, i) => {
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
    text += `${writeWithWarnings(q, options.ids?.[i] ?? 0, warnings)}\n`;
  });
  for (const c of pending) switchTo(c.path);
  return { text, warnings };
}
