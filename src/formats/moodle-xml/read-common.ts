// The parts every question type shares, read as qformat_xml reads them (import_headers, import_text_with_files,
// import_hint(s), import_question_tags, import_answer).
import {
  DEFAULT_PENALTY,
  phpEmpty,
  phpNumber,
  phpTrim,
  type EmbeddedFile,
  type Hint,
  type QuestionBase,
  type RichText,
  type TextFormat,
} from '../../model/index.js';
import { cleanQuestionName, htmlIsBlank } from '../php-text.js';
import type { QuestionContext } from './context.js';
import { readFormatName } from './formats.js';
import { MESSAGES } from './messages.js';
import { attribute, child, children, hasChild, NOT_TEXT, textContent } from './nodes.js';
import { phpTruthy } from './php-values.js';

/** Text Moodle reads with getpath(…, istext): trimmed; an element where text belongs is `invalidxml`. */
export function readTextValue(ctx: QuestionContext, node: unknown): string {
  const text = textContent(node);
  if (text === NOT_TEXT) {
    ctx.error('invalidxml', MESSAGES.invalidxml);
    return '';
  }
  return phpTrim(text);
}

/** The trimmed `<text>` of an element, '' when it has none. */
export function readText(ctx: QuestionContext, node: unknown): string {
  const text = child(node, 'text');
  return text === undefined ? '' : readTextValue(ctx, text);
}

/** A value Moodle reads raw (not trimmed), or undefined when the element is missing. */
export function readRaw(ctx: QuestionContext, node: unknown, name: string): string | undefined {
  const element = child(node, name);
  if (element === undefined) return undefined;
  const text = textContent(element);
  if (text === NOT_TEXT) {
    ctx.error('invalidxml', MESSAGES.invalidxml);
    return '';
  }
  return text;
}

/**
 * A number as PHP reads the raw value: `fallback` when there is none; a value that only starts with a number
 * is that number (with a warning, as PHP warns); a value that is no number is an error (PHP 8 stops Moodle's
 * import with a TypeError).
 */
export function readNumberValue(
  ctx: QuestionContext,
  raw: string | undefined,
  fallback: number,
  what: string,
  offset = ctx.offset,
): number {
  if (raw === undefined) return fallback;
  const n = phpNumber(raw);
  if (n?.whole) return n.value;
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (n !== null) {
    ctx.warning('invalidnumber', `${what} '${shown}' is read as ${n.value}, the number it starts with, as Moodle does.`, offset);
    return n.value;
  }
  ctx.error('invalidnumber', `${what} '${shown}' is not a number (question '${ctx.name}').`, offset);
  return fallback;
}

export function readNumber(ctx: QuestionContext, node: unknown, name: string, fallback: number): number {
  return readNumberValue(ctx, readRaw(ctx, node, name), fallback, `<${name}>`);
}

/** A number that may also be left empty (`<maxbytes></maxbytes>`): null when missing or empty. */
export function readOptionalNumber(ctx: QuestionContext, node: unknown, name: string): number | null {
  const raw = readRaw(ctx, node, name);
  if (raw === undefined || raw === '') return null;
  return readNumberValue(ctx, raw, 0, `<${name}>`);
}

/** A format attribute (Moodle's trans_format), `fallback` when there is none. */
export function readFormat(ctx: QuestionContext, node: unknown, fallback: TextFormat): TextFormat {
  const name = attribute(node, 'format');
  if (name === undefined) return fallback;
  const format = readFormatName(name);
  if (format !== null) return format;
  ctx.warning('unrecognisedformat', MESSAGES.unrecognisedformat(phpTrim(name)));
  return 'html';
}

/** The `<file>`s of a field; a second file with the same path and name is dropped, as Moodle does. */
export function readFiles(node: unknown): EmbeddedFile[] {
  const list = children(node, 'file');
  if (list === undefined) return [];
  const files: EmbeddedFile[] = [];
  const seen = new Set<string>();
  for (const file of list) {
    const name = phpTrim(attribute(file, 'name') ?? '');
    const path = phpTrim(attribute(file, 'path') ?? '/');
    if (seen.has(path + name)) continue;
    seen.add(path + name);
    const content = textContent(file);
    files.push({ name, path, content: content === NOT_TEXT ? '' : content.replace(/\s+/g, '') });
  }
  return files;
}

/** A rich-text field (import_text_with_files); a missing element gives '' in `fallback` format. */
export function readRichText(ctx: QuestionContext, node: unknown, fallback: TextFormat): RichText {
  if (node === undefined) return { text: '', format: fallback, files: [] };
  return { text: readText(ctx, node), format: readFormat(ctx, node, fallback), files: readFiles(node) };
}

/** PARAM_FILE: the characters a file name may not hold are removed. */
function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f&<>"`|':\\/]/g, '');
  return cleaned === '.' || cleaned === '..' ? '' : cleaned;
}

/** The fields of import_headers: name, texts, mark, penalty, idnumber, tags (hints are read per type). */
export function readHeaders(ctx: QuestionContext, q: unknown): QuestionBase {
  const nameText = child(child(q, 'name'), 'text');
  if (nameText === undefined) ctx.error('xmlimportnoname', MESSAGES.xmlimportnoname);
  ctx.name = nameText === undefined ? '' : cleanQuestionName(readTextValue(ctx, nameText));

  const text = readRichText(ctx, child(q, 'questiontext'), 'html');
  addLegacyImage(ctx, q, text);
  const generalFeedback = readRichText(ctx, child(q, 'generalfeedback'), text.format);
  return {
    name: ctx.name,
    text,
    generalFeedback,
    defaultMark: readNumber(ctx, q, 'defaultgrade', 1),
    penalty: readPenalty(ctx, q),
    idnumber: readIdnumber(ctx, q),
    tags: readTags(ctx, q),
    hints: [],
    category: null,
  };
}

/** `<penalty>`, 0.3333333 when missing; anything within 0.005 of it is that (Moodle's fix for old files). */
export function readPenalty(ctx: QuestionContext, q: unknown): number {
  const penalty = readNumber(ctx, q, 'penalty', DEFAULT_PENALTY);
  return Math.abs(penalty - DEFAULT_PENALTY) < 0.005 ? DEFAULT_PENALTY : penalty;
}

/** `<idnumber>` as written (not trimmed); an empty one is no idnumber. */
export function readIdnumber(ctx: QuestionContext, node: unknown): string | null {
  const raw = readRaw(ctx, node, 'idnumber');
  return raw === undefined || raw === '' ? null : raw;
}

/** Moodle 1.9's `<image>` + `<image_base64>`: a file in the question text and an `<img>` after it. */
function addLegacyImage(ctx: QuestionContext, q: unknown, text: RichText): void {
  const data = readRaw(ctx, q, 'image_base64');
  const name = readRaw(ctx, q, 'image');
  if (phpEmpty(data) || phpEmpty(name)) return;
  const fileName = cleanFileName(name!.replaceAll('/', '_'));
  if (!text.files.some((f) => f.path === '/' && f.name === fileName)) {
    text.files.push({ name: fileName, path: '/', content: data!.replace(/\s+/g, '') });
  }
  text.text += ` <img src="@@PLUGINFILE@@/${fileName}" />`;
}

/** Course tags, then tags (Moodle 5 merges course tags into the question's tags); empty ones are dropped. */
export function readTags(ctx: QuestionContext, q: unknown): string[] {
  const tags: string[] = [];
  for (const block of ['coursetags', 'tags']) {
    for (const tag of children(child(q, block), 'tag') ?? []) {
      const text = readText(ctx, tag);
      if (text !== '') tags.push(text);
    }
  }
  return tags;
}

/**
 * The hints of a question (import_hints, then save_hints): `withParts` keeps the show-number-correct and
 * clear-wrong flags, `withOptions` the options flag; a hint with no text and no flag is not kept.
 */
export function readHints(
  ctx: QuestionContext,
  q: unknown,
  defaultFormat: TextFormat,
  withParts: boolean,
  withOptions = false,
): Hint[] {
  const hints: Hint[] = [];
  const elements = children(q, 'hint');
  if (elements === undefined) return hints;
  for (const hint of elements) {
    let text: RichText;
    let showNumCorrect: boolean;
    let clearWrong: boolean;
    let options: string;
    if (hasChild(hint, 'hintcontent')) {
      // The Moodle 2.0 form.
      text = readRichText(ctx, child(hint, 'hintcontent'), defaultFormat);
      showNumCorrect = phpTruthy(readRaw(ctx, hint, 'statenumberofcorrectresponses') ?? '0');
      clearWrong = phpTruthy(readRaw(ctx, hint, 'clearincorrectresponses') ?? '0');
      options = readRaw(ctx, hint, 'showfeedbacktoresponses') ?? '0';
    } else {
      text = readRichText(ctx, hint, defaultFormat);
      showNumCorrect = hasChild(hint, 'shownumcorrect');
      clearWrong = hasChild(hint, 'clearwrong');
      const element = child(hint, 'options');
      options = element === undefined ? '' : readTextValue(ctx, element);
    }
    if (htmlIsBlank(text.text)) text.text = '';
    const kept: Hint = {
      text,
      showNumCorrect: withParts && showNumCorrect,
      clearWrong: withParts && clearWrong,
      options: withOptions && !phpEmpty(options) ? '1' : '',
    };
    if (kept.text.text === '' && !kept.showNumCorrect && !kept.clearWrong && kept.options === '') continue;
    hints.push(kept);
  }
  return hints;
}

/** One `<answer>` (import_answer): HTML answers keep their files; `fraction` is the attribute ÷ 100. */
export interface ReadAnswer {
  text: string;
  format: TextFormat;
  files: EmbeddedFile[];
  fraction: number;
  feedback: RichText;
}

export function readAnswer(
  ctx: QuestionContext,
  answer: unknown,
  index: number,
  defaultFormat: TextFormat,
  html: boolean,
): ReadAnswer {
  const offset = ctx.answerOffset(index);
  let text: string;
  let format: TextFormat;
  let files: EmbeddedFile[] = [];
  if (html) {
    text = readText(ctx, answer);
    format = readFormat(ctx, answer, defaultFormat);
    files = readFiles(answer);
  } else {
    // Moodle ignores the format of plain answers; qbank keeps it so that a round trip writes it back.
    text = readText(ctx, answer);
    format = readFormatName(attribute(answer, 'format') ?? '') ?? 'moodle';
  }
  const percent = attribute(answer, 'fraction');
  const fraction = readNumberValue(ctx, percent, 0, 'The answer fraction', offset) / 100;
  return { text, format, files, fraction, feedback: readRichText(ctx, child(answer, 'feedback'), defaultFormat) };
}
