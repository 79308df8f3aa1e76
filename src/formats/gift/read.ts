// One GIFT question block read as Moodle's qformat_gift::readquestion() reads it, with every problem
// placed at a line and column of the file.
import {
  baseQuestion,
  newDescription,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  phpFloat,
  phpIsNumeric,
  phpTrim,
  type Answer,
  type MatchSubquestion,
  type NumericalAnswer,
  type Question,
  type RichText,
  type TextFormat,
} from '../../model/index.js';
import type { Diagnostic, Severity, SourcePosition } from '../diagnostics.js';
import { extractIdnumberAndTags } from './comments.js';
import { escapePost, escapePre, hasPlaceholderText, sourceIndex, type Edit } from './escapes.js';
import { MOODLE, quote } from './messages.js';
import { cleanParamText, cleanQuestionName, createDefaultQuestionName, mbStrlen } from './php-text.js';

/** Site settings Moodle's GIFT import takes new questions' options from. */
export interface GiftSiteSettings {
  /** qtype_multichoice/answernumbering (default 'abc'). */
  answerNumbering: string;
  /** quiz/shuffleanswers (default on). */
  shuffleAnswers: boolean;
}

export const DEFAULT_SITE_SETTINGS: GiftSiteSettings = { answerNumbering: 'abc', shuffleAnswers: true };

/** A line of a block: its text (as Moodle receives it) and where that text starts in the file. */
export interface SourceLine {
  text: string;
  line: number;
  /** 1-based column of text[0]. */
  column: number;
}

/** What one block holds, with the places later import checks point at. */
export interface BlockRead {
  /** The question; null for a category switch or a block Moodle rejects. */
  question: Question | null;
  /** The category path of a `$CATEGORY:` block. */
  category?: string;
  start: SourcePosition;
  /** Where the answer block opens (the block's start for a description). */
  brace: SourcePosition;
  /** Where each answer (or matching pair) starts, parallel to the question's answers or subquestions. */
  spots: SourcePosition[];
}

const TRIM_CHARS = ' \t\n\r\0\x0B';
const leadingTrim = (s: string): number => {
  let i = 0;
  while (i < s.length && TRIM_CHARS.includes(s[i]!)) i++;
  return i;
};

const FORMAT_NAMES: Readonly<Record<string, TextFormat>> = {
  moodle: 'moodle',
  html: 'html',
  plain: 'plain',
  markdown: 'markdown',
};
const formatNamed = (name: string): TextFormat | null =>
  Object.prototype.hasOwnProperty.call(FORMAT_NAMES, name) ? FORMAT_NAMES[name]! : null;

/** qformat_gift::parse_text_with_format() without the final decoding: the format and the text after the tag. */
export function splitFormatTag(text: string, defaultFormat: TextFormat): { format: TextFormat; text: string } {
  if (text.charCodeAt(0) !== 91 /* [ */) return { format: defaultFormat, text };
  const end = text.indexOf(']');
  // Without a ']', PHP computes substr($text, 1, false - 1): the text without its first and last characters.
  const name = end === -1 ? text.slice(1, -1) : text.slice(1, end);
  const format = formatNamed(name);
  if (format === null) return { format: defaultFormat, text };
  return { format, text: end === -1 ? text.slice(1) : text.slice(end + 1) };
}

const WEIGHT = /^%-*([0-9]{1,2})\.?([0-9]*)%/;
const LOOKS_LIKE_WEIGHT = /^%[-+\d.,\s]*\d[-+\d.,\s]*%/;
const ORDERING = /^[\t-\r ]*>[\t-\r ]*\d/;
const TF_WORDS = ['T', 'TRUE', 'F', 'FALSE'];
const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;
const ONLY_SPACE = /^[ \t\n\r\v\f]*$/;

/** A PHP string used in arithmetic: its value, whether PHP treats it as an int, and whether all of it is a number. */
function phpNumber(s: string): { value: number; integer: boolean; whole: boolean } | null {
  const m = NUMERIC_PREFIX.exec(s);
  if (!m) return null;
  const whole = ONLY_SPACE.test(s.slice(m[0].length));
  const value = Number(m[0]) + 0;
  return { value, integer: !m[1]!.includes('.') && m[3] === undefined && Number.isSafeInteger(value), whole };
}

/** A number as Moodle stores it in a text column (PHP's string conversion). */
function storedNumber(value: number, integer: boolean): string {
  return integer ? String(value) : phpFloat(value);
}

/** A piece of answer text with where it starts in the block's processed text. */
interface Piece {
  text: string;
  at: number;
}

/** Splits like explode(): pieces between separators; `keep` puts the separator at the start of the next piece. */
function splitPieces(text: string, at: number, isSeparator: (c: string) => 'drop' | 'keep' | null): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const kind = isSeparator(text[i]!);
    if (kind === null) continue;
    pieces.push({ text: text.slice(from, i), at: at + from });
    from = kind === 'drop' ? i + 1 : i;
  }
  pieces.push({ text: text.slice(from), at: at + from });
  return pieces;
}

/** Moodle's handling of the first piece: trimmed, and dropped when empty ('' or '0'). */
function dropEmptyFirst(pieces: Piece[]): Piece[] {
  const first = pieces[0]!;
  const trimmed = phpTrim(first.text);
  if (trimmed === '' || trimmed === '0') return pieces.slice(1);
  return pieces;
}

/** A piece trimmed, with its start moved past the trimmed space. */
const trimPiece = (p: Piece): Piece => ({ text: phpTrim(p.text), at: p.at + leadingTrim(p.text) });

class BlockReader {
  private readonly starts: number[] = [];
  private lead = 0;
  private edits: Edit[] = [];
  private failed = false;
  /** Index of the answer block's '{' in the processed text. */
  private braceAt = 0;

  constructor(
    private readonly lines: readonly SourceLine[],
    private readonly diagnostics: Diagnostic[],
    private readonly settings: GiftSiteSettings,
  ) {}

  /** The file position of index `j` of the joined block text. */
  private joined(j: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= j) lo = mid;
      else hi = mid - 1;
    }
    const line = this.lines[lo]!;
    return { line: line.line, column: line.column + Math.max(0, j - this.starts[lo]!) };
  }

  /** The file position of index `p` of the processed text (trimmed, escapes replaced). */
  pos(p: number): SourcePosition {
    return this.joined(this.lead + sourceIndex(this.edits, p));
  }

  private report(severity: Severity, code: string, message: string, at: SourcePosition): void {
    this.diagnostics.push({ severity, line: at.line, column: at.column, code, message });
    if (severity === 'error') this.failed = true;
  }
  warn(code: string, message: string, p: number): void {
    this.report('warning', code, message, this.pos(p));
  }
  error(code: string, message: string, p: number): null {
    this.report('error', code, message, this.pos(p));
    return null;
  }

  /** parse_text_with_format(): an optional [format] tag, then decoded escapes, trimmed. */
  field(text: string, defaultFormat: TextFormat, at: number): RichText {
    const tagged = splitFormatTag(text, defaultFormat);
    if (tagged.text === text && /^\[(moodle|html|plain|markdown)\]/i.test(text)) {
      this.warn('formattag', `Format tags are lower case: ${quote(text.slice(0, text.indexOf(']') + 1))} stays in the text.`, at);
    }
    return { text: phpTrim(escapePost(tagged.text)), format: tagged.format, files: [] };
  }

  /** Placeholder text typed in the file (not written as an escape) is decoded by Moodle too. */
  private checkPlaceholders(text: string): void {
    const m = /&&0(?:58;|35;|61;|10|92;)|&&12[356];/.exec(text);
    if (!m) return;
    const at = this.joined(this.lead + m.index);
    this.diagnostics.push({
      severity: 'warning',
      ...at,
      code: 'placeholder',
      message: `Moodle reads the text ${quote(m[0])} as the character it stands for (${m[0] === '&&092;' ? '\\' : escapePost(m[0]) === '\n' ? 'a line break' : escapePost(m[0])}).`,
    });
  }

  /** commentparser(): answer and feedback split at the first '#', each a text field. */
  answerAndFeedback(piece: string, defaultFormat: TextFormat, at: number): [RichText, RichText] {
    const hash = piece.indexOf('#');
    if (hash === -1) return [this.field(phpTrim(piece), defaultFormat, at), blank(defaultFormat)];
    const fb = piece.slice(hash + 1);
    return [
      this.field(phpTrim(piece.slice(0, hash)), defaultFormat, at),
      this.field(phpTrim(fb), defaultFormat, at + hash + 1 + leadingTrim(fb)),
    ];
  }

  /** A `%n%` weight at the start of the piece: its fraction and the rest, null without one, 'error' for PHP's crash. */
  weight(piece: Piece): { fraction: number; rest: Piece } | null | 'error' {
    const m = WEIGHT.exec(piece.text);
    if (!m) {
      if (LOOKS_LIKE_WEIGHT.test(piece.text)) {
        const w = /^%[^%]*%/.exec(piece.text)![0];
        this.warn('notaweight', `${quote(w)} is not a weight Moodle reads (%n% takes at most two digits before a point): it stays in the answer text.`, piece.at);
      }
      return null;
    }
    const inner = m[0].slice(1, -1);
    if (inner.startsWith('--')) {
      this.error('weightnotnumber', `The weight ${quote(m[0])} is not a number (Moodle stops the import with a PHP error here).`, piece.at);
      return 'error';
    }
    return {
      fraction: Number(inner) / 100 + 0,
      rest: { text: piece.text.slice(m[0].length), at: piece.at + m[0].length },
    };
  }

  read(): BlockRead | null {
    const lines = this.lines;
    let comments = '';
    const parts: string[] = [];
    const isComment: boolean[] = [];
    let length = 0;
    for (const line of lines) {
      const trimmed = phpTrim(line.text);
      const comment = trimmed.startsWith('//');
      if (comment) comments += `${trimmed}\n`;
      isComment.push(comment);
      const part = comment ? ' ' : line.text;
      this.starts.push(length);
      parts.push(part);
      length += part.length + 1;
    }
    const joined = parts.join('\n');
    const text = phpTrim(joined);
    if (text === '') return null;
    this.lead = leadingTrim(joined);
    const pre = escapePre(text);
    this.edits = pre.edits;
    const P = pre.text;
    const start = this.pos(0);

    this.checkDroppedComments(isComment);
    if (text.includes('&&')) this.checkPlaceholders(text);

    if (P.startsWith('$CATEGORY:')) return this.readCategory(P, text, start);

    // The name.
    let name: string | null = null;
    let body = P;
    let off = 0;
    if (body.startsWith('::')) {
      const end = body.indexOf('::', 2);
      if (end === -1) {
        this.warn('unclosedname', 'The name has no closing "::": Moodle makes a name from the question text.', 0);
        body = body.slice(2);
        off = 2;
      } else {
        const raw = escapePost(body.slice(2, end));
        name = cleanQuestionName(raw);
        if (mbStrlen(phpTrim(cleanParamText(raw))) > 255) {
          this.warn('namelength', 'The name is longer than 255 characters: Moodle shortens it.', 2);
        }
        const rest = body.slice(end + 2);
        off = end + 2 + leadingTrim(rest);
        body = phpTrim(rest);
      }
    }

    // The answer block.
    const open = body.indexOf('{');
    const close = body.indexOf('}');
    const description = open === -1 && close === -1;
    const brace = description ? start : this.pos(off + (open === -1 ? close : open));
    if (!description) {
      if (open === -1 || close === -1) {
        this.error('braceerror', MOODLE.braceerror, off + (open === -1 ? close : open));
        return { question: null, start, brace: start, spots: [] };
      }
      if (close < open) {
        this.error('braceorder', `${MOODLE.braceerror}: a } comes before the first {.`, off + close);
        return { question: null, start, brace: start, spots: [] };
      }
      this.braceAt = off + open;
    }
    let answerText = '';
    let answerAt = 0;
    let questionText = body;
    if (!description) {
      const inner = body.slice(open + 1, close);
      answerText = phpTrim(inner);
      answerAt = off + open + 1 + leadingTrim(inner);
      const after = body.slice(close + 1);
      questionText = body.slice(0, open) + (body.endsWith('}') ? '' : '_____') + after;
      if (after.includes('{') || after.includes('}')) {
        this.warn('secondblock', 'Only the first {...} holds answers: the rest stays in the question text.', off + close + 1);
      }
    }

    // General feedback.
    let gfText = '';
    let gfAt = 0;
    const gfSep = answerText.lastIndexOf('####');
    if (gfSep !== -1) {
      gfText = answerText.slice(gfSep + 4);
      gfAt = answerAt + gfSep + 4;
      answerText = phpTrim(answerText.slice(0, gfSep));
    }

    const qtext = this.field(questionText, 'moodle', off);
    const generalFeedback = this.field(gfText, qtext.format, gfAt);
    if (name === null) name = createDefaultQuestionName(qtext.text);
    const meta = extractIdnumberAndTags(comments);
    this.checkCommentTokens(comments, meta.idnumber, meta.tags.length);

    const base = baseQuestion(name, qtext.text, qtext.format);
    base.generalFeedback = generalFeedback;
    base.idnumber = meta.idnumber === '' ? null : meta.idnumber;
    base.tags = uniqueTags(meta.tags);

    const spots: SourcePosition[] = [];
    let question: Question | null;
    if (description) question = newDescription(base);
    else if (ORDERING.test(answerText)) {
      question = this.error('unsupportedqtype', 'This is an ordering question ({>…}), a type qbank cannot import from GIFT.', answerAt);
    } else if (answerText === '') question = newEssay(base);
    else if (answerText[0] === '#') question = this.numerical(base, answerText, answerAt, spots);
    else if (answerText.includes('~')) question = this.multichoice(base, answerText, answerAt, spots);
    else if (answerText.includes('=') && answerText.includes('->')) question = this.match(base, answerText, answerAt, spots);
    else {
      const hash = answerText.indexOf('#');
      const word = hash > 0 ? phpTrim(answerText.slice(0, hash)) : answerText;
      if (TF_WORDS.includes(word)) question = this.trueFalse(base, answerText, answerAt);
      else {
        if (TF_WORDS.includes(word.toUpperCase())) {
          this.warn('truefalsecase', `{${quote(word)}} is a short-answer question: true/false needs T, TRUE, F or FALSE in capitals.`, answerAt);
        }
        question = this.shortAnswer(base, answerText, answerAt, spots);
      }
    }
    if (this.failed) question = null;
    return { question, start, brace, spots };
  }

  private readCategory(P: string, text: string, start: SourcePosition): BlockRead {
    const path = phpTrim(P.slice(10));
    const newline = P.indexOf('\n');
    if (newline !== -1) {
      this.warn(
        'categoryswallow',
        `$CATEGORY: takes every line up to the next blank line as the category name, so ${quote(phpTrim(P.slice(newline)))} became part of it: leave a blank line after the category line.`,
        newline + 1,
      );
    }
    if (P !== text || hasPlaceholderText(text)) {
      this.warn('categoryescape', 'Moodle does not decode escapes in category names: they stay as placeholder text such as "&&058;".', 0);
    }
    return { question: null, category: path, start, brace: start, spots: [] };
  }

  /** A `//` line inside a question disappears from it (only whole lines are comments). */
  private checkDroppedComments(isComment: readonly boolean[]): void {
    const content = isComment.map((c, k) => !c && phpTrim(this.lines[k]!.text) !== '');
    const first = content.indexOf(true);
    const last = content.lastIndexOf(true);
    for (let k = first + 1; k < last; k++) {
      if (!isComment[k]) continue;
      const line = this.lines[k]!;
      this.diagnostics.push({
        severity: 'warning',
        line: line.line,
        column: line.column + leadingTrim(line.text),
        code: 'commentdropped',
        message: 'This line starts with //, so Moodle reads it as a comment and leaves it out of the question.',
      });
    }
  }

  /** `[id:…]` after the first, and `[tag:…]` Moodle cannot read, are silently ignored. */
  private checkCommentTokens(comments: string, idnumber: string, tagCount: number): void {
    if (!comments.includes('[')) return;
    const ids = comments.split('[id:').length - 1;
    const tags = comments.split('[tag:').length - 1;
    const at = this.lines[0]!;
    const report = (code: string, message: string): void => {
      this.diagnostics.push({ severity: 'warning', line: at.line, column: at.column, code, message });
    };
    if (ids > 1 || (ids === 1 && idnumber === '')) {
      report('idnumberignored', 'Moodle reads only the first well-formed [id:…] of a question; the others are ignored.');
    }
    if (tags > tagCount) {
      report('tagignored', 'A [tag:…] that spans lines or holds <, > or ` is ignored by Moodle.');
    }
  }

  private multichoice(base: ReturnType<typeof baseQuestion>, text: string, at: number, spots: SourcePosition[]): Question | null {
    const single = text.includes('=');
    const q = newMultichoice(base, single);
    q.showStandardInstruction = false;
    q.shuffleAnswers = this.settings.shuffleAnswers;
    q.answerNumbering = this.settings.answerNumbering;
    const all = splitPieces(text, at, (c) => (c === '~' ? 'drop' : c === '=' ? 'keep' : null));
    const pieces = dropEmptyFirst(all);
    if (pieces.length < 2) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    if (pieces === all) {
      this.warn('answerbeforemarker', 'Text before the first ~ or = becomes an extra wrong answer.', pieces[0]!.at);
    }
    for (const raw of pieces) {
      let piece = trimPiece(raw);
      let fraction = 0;
      if (piece.text[0] === '=') {
        fraction = 1;
        piece = { text: piece.text.slice(1), at: piece.at + 1 };
        if (WEIGHT.test(piece.text)) {
          this.warn('weightafterequals', 'A weight after = is not read in multiple choice: the answer gets 100% and keeps the weight as text.', piece.at);
        }
      } else {
        const w = this.weight(piece);
        if (w === 'error') return null;
        if (w) {
          fraction = w.fraction;
          piece = w.rest;
        }
      }
      const [answer, feedback] = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      spots.push(this.pos(raw.at + leadingTrim(raw.text)));
      q.answers.push({ text: answer.text, format: answer.format, files: [], fraction, feedback });
    }
    return q;
  }

  private match(base: ReturnType<typeof baseQuestion>, text: string, at: number, spots: SourcePosition[]): Question | null {
    const q = newMatch(base);
    q.shuffleAnswers = this.settings.shuffleAnswers;
    const pieces = dropEmptyFirst(splitPieces(text, at, (c) => (c === '=' ? 'drop' : null)));
    if (pieces.length < 2) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    const subs: MatchSubquestion[] = [];
    for (const raw of pieces) {
      const piece = trimPiece(raw);
      const arrow = piece.text.indexOf('->');
      if (arrow === -1) {
        return this.error('giftmatchingformat', `${MOODLE.giftmatchingformat}: ${quote(piece.text)} has no ->.`, piece.at);
      }
      const stem = this.field(piece.text.slice(0, arrow), base.text.format, piece.at);
      subs.push({ text: stem, answer: phpTrim(escapePost(piece.text.slice(arrow + 2))) });
      spots.push(this.pos(piece.at));
    }
    q.subquestions = subs;
    return q;
  }

  private trueFalse(base: ReturnType<typeof baseQuestion>, text: string, at: number): Question {
    const first = text.indexOf('#');
    const second = first === -1 ? -1 : text.indexOf('#', first + 1);
    const word = phpTrim(first === -1 ? text : text.slice(0, first));
    const format = base.text.format;
    const part = (from: number, to: number): RichText => {
      const raw = text.slice(from, to === -1 ? undefined : to);
      return this.field(phpTrim(raw), format, at + from + leadingTrim(raw));
    };
    const wrong = first === -1 ? blank(format) : part(first + 1, second);
    const right = second === -1 ? blank(format) : part(second + 1, -1);
    const correct = word === 'T' || word === 'TRUE';
    const q = newTrueFalse(base, correct);
    q.feedbackTrue = correct ? right : wrong;
    q.feedbackFalse = correct ? wrong : right;
    return q;
  }

  private shortAnswer(base: ReturnType<typeof baseQuestion>, text: string, at: number, spots: SourcePosition[]): Question | null {
    const q = newShortAnswer(base);
    const pieces = dropEmptyFirst(splitPieces(text, at, (c) => (c === '=' ? 'drop' : null)));
    if (pieces.length < 1) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    const answers: Answer[] = [];
    for (const raw of pieces) {
      let piece = trimPiece(raw);
      let fraction = 1;
      const w = this.weight(piece);
      if (w === 'error') return null;
      if (w) {
        fraction = w.fraction;
        piece = w.rest;
      }
      const [answer, feedback] = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      spots.push(this.pos(raw.at + leadingTrim(raw.text)));
      answers.push({ text: answer.text, format: 'moodle', files: [], fraction, feedback });
    }
    q.answers = answers;
    return q;
  }

  private numerical(base: ReturnType<typeof baseQuestion>, text: string, at: number, spots: SourcePosition[]): Question | null {
    const q = newNumerical(base);
    let body = text.slice(1);
    const tilde = body.indexOf('~');
    const wrong = tilde === -1 ? '' : body.slice(tilde);
    const wrongAt = at + 1 + tilde;
    if (tilde !== -1) body = body.slice(0, tilde);
    const pieces = dropEmptyFirst(splitPieces(body, at + 1, (c) => (c === '=' ? 'drop' : null)));
    if (pieces.length === 0) return this.error('giftnonumericalanswers', MOODLE.giftnonumericalanswers, this.braceAt);
    const answers: NumericalAnswer[] = [];
    for (const raw of pieces) {
      let piece = trimPiece(raw);
      let fraction = 1;
      const w = this.weight(piece);
      if (w === 'error') return null;
      if (w) {
        fraction = w.fraction;
        piece = w.rest;
      }
      const [value, feedback] = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      const v = value.text;
      let answer: string;
      let tolerance: number;
      const range = v.indexOf('..');
      const colon = v.indexOf(':');
      if (range > 0) {
        const lo = phpNumber(phpTrim(v.slice(0, range)));
        const hi = phpNumber(phpTrim(v.slice(range + 2)));
        if (!lo || !hi) {
          return this.error('rangenotnumber', `The range ${quote(v)} has an end that is not a number (Moodle stops the import with a PHP error here).`, piece.at);
        }
        if (!lo.whole || !hi.whole) {
          this.warn('rangeleadingnumber', `Moodle reads only the number at the start of each end of the range ${quote(v)}.`, piece.at);
        }
        const bothInt = lo.integer && hi.integer;
        const sum = hi.value + lo.value;
        const mid = sum / 2;
        const midInt = bothInt && Number.isSafeInteger(sum) && sum % 2 === 0;
        const tol = hi.value - mid;
        answer = storedNumber(mid, midInt);
        tolerance = Number(storedNumber(tol, midInt && hi.integer));
        if (!Number.isFinite(tolerance)) tolerance = tol;
      } else if (colon > 0) {
        const tol = phpTrim(v.slice(colon + 1));
        const value = phpTrim(v.slice(0, colon));
        if (!phpIsNumeric(tol)) {
          return this.error('errornotnumbers', `${MOODLE.errornotnumbers}: the tolerance ${quote(tol)} is not a number.`, piece.at);
        }
        answer = this.numericOrAny(value, piece.at);
        tolerance = Number(tol) + 0;
      } else {
        answer = this.numericOrAny(v, piece.at);
        tolerance = 0;
      }
      spots.push(this.pos(raw.at + leadingTrim(raw.text)));
      answers.push({ text: answer, format: 'moodle', files: [], fraction, feedback, tolerance });
    }
    if (wrong !== '') {
      const [, feedback] = this.answerAndFeedback(wrong, base.text.format, wrongAt);
      spots.push(this.pos(wrongAt));
      answers.push({ text: '*', format: 'moodle', files: [], fraction: 0, feedback, tolerance: 0 });
    }
    q.answers = answers;
    return q;
  }

  /** Moodle's bug: a numerical answer that is not a number silently becomes '*' (any answer is right). */
  private numericOrAny(value: string, at: number): string {
    if (phpIsNumeric(value)) return value;
    if (/^[-+]?\d+,\d+$/.test(value)) {
      this.warn('commadecimal', `${quote(value)} uses a decimal comma: Moodle reads it as no number and accepts any answer. Write it with a point.`, at);
    } else {
      this.warn('notanumber', `${quote(value)} is not a number: Moodle turns this answer into * and accepts any response.`, at);
    }
    return '*';
  }
}

const blank = (format: TextFormat): RichText => ({ text: '', format, files: [] });

/** Tags as Moodle attaches them: empty ones dropped, duplicates (ignoring case) merged. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** Reads one block of lines as qformat_gift::readquestion() does; null when the block holds nothing. */
export function readBlock(
  lines: readonly SourceLine[],
  diagnostics: Diagnostic[],
  settings: GiftSiteSettings = DEFAULT_SITE_SETTINGS,
): BlockRead | null {
  if (lines.length === 0) return null;
  return new BlockReader(lines, diagnostics, settings).read();
}
