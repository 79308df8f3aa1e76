// One GIFT question block read as Moodle's qformat_gift::readquestion() reads it, with every problem
// placed at a line and column of the file.
import {
  baseWithTexts,
  newDescription,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  isPhpTrimChar,
  phpIsNumeric,
  phpNumber,
  phpTrim,
  richText,
  type Answer,
  type MatchSubquestion,
  type NumericalAnswer,
  type Question,
  type QuestionBase,
  type RichText,
  type TextFormat,
} from '../../model/index.js';
import type { Diagnostic, Severity, SourcePosition } from '../diagnostics.js';
import { extractIdnumberAndTags } from './comments.js';
import { storedNumber } from './numbers.js';
import { escapeEdits, escapePost, escapePre, hasPlaceholderText, sourceIndex, type Edit } from './escapes.js';
import { MOODLE, NOTE, quote } from './messages.js';
import { cleanParamText, cleanQuestionName, createDefaultQuestionName, mbStrlen } from '../php-text.js';
import {
  WEIGHT,
  dropEmptyFirst,
  leadingTrim,
  splitChoices,
  splitFormatTag,
  splitOn,
  trimPiece,
  type Piece,
} from './syntax.js';

/** Site settings Moodle's GIFT import takes new questions' options from. */
export interface GiftSiteSettings {
  /** qtype_multichoice/answernumbering (default 'abc'). */
  answerNumbering: string;
  /** quiz/shuffleanswers (default on). */
  shuffleAnswers: boolean;
}

export const DEFAULT_SITE_SETTINGS: GiftSiteSettings = { answerNumbering: 'abc', shuffleAnswers: true };

/**
 * The lines of one block as ranges of the source text (no string per line is made): line k is
 * `text.slice(from[k], to[k])`, on file line `line[k]`, its first character at 1-based column `column[k]`.
 * Only the first `length` entries count (the arrays are reused from block to block).
 */
export interface BlockLines {
  text: string;
  from: number[];
  to: number[];
  line: number[];
  column: number[];
  length: number;
}

/** What one block holds, with the places later import checks point at. */
export interface BlockRead {
  /** The question; null for a category switch or a block Moodle rejects. */
  question: Question | null;
  /** The category path of a `$CATEGORY:` block. */
  category?: string;
  start: SourcePosition;
  /** Where the answer block opens (the block's start for a description), as an index for `position`. */
  brace: number;
  /** Where each answer (or matching pair) starts, parallel to the question's answers or subquestions. */
  spots: number[];
  /** The file position of an index of `brace` or `spots` (computed only when a check needs it). */
  position(at: number): SourcePosition;
}

const LOOKS_LIKE_WEIGHT = /^%[-+\d.,\s]*\d[-+\d.,\s]*%/;
const UNESCAPED_OPEN = /(^|[^\\])\{/;
const UNESCAPED_CLOSE = /(^|[^\\])\}/;
const ORDERING = /^[\t-\r ]*>[\t-\r ]*\d/;
const TF_WORDS = ['T', 'TRUE', 'F', 'FALSE'];
/**
 * Reads blocks one after another; its state belongs to the block being read, so a result's `position`
 * stays valid only until the next block is read.
 */
export class BlockReader {
  private lines: BlockLines = { text: '', from: [], to: [], line: [], column: [], length: 0 };
  private category: string | null = null;
  private readonly starts: number[] = [];
  private readonly isComment: boolean[] = [];
  /** The number of lines of the block being read (the caller may reset `lines` before positions are asked). */
  private count = 0;
  private lead = 0;
  /** The block's text before escapePre, and its edits once a position has needed them. */
  private unescaped = '';
  private edits: Edit[] | null = null;
  private failed = false;
  /** Index of the answer block's '{' in the processed text. */
  private braceAt = 0;
  private readonly position = (p: number): SourcePosition => this.pos(p);

  constructor(
    private readonly diagnostics: Diagnostic[],
    private readonly settings: GiftSiteSettings = DEFAULT_SITE_SETTINGS,
  ) {}

  /** The file position of index `j` of the joined block text. */
  private joined(j: number): SourcePosition {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= j) lo = mid;
      else hi = mid - 1;
    }
    return { line: this.lines.line[lo]!, column: this.lines.column[lo]! + Math.max(0, j - this.starts[lo]!) };
  }

  /** The file position of index `p` of the processed text (trimmed, escapes replaced). */
  pos(p: number): SourcePosition {
    this.edits ??= escapeEdits(this.unescaped);
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

  /** The text and format of the last field read by `parse` (kept here to spare an object per answer). */
  private fieldText = '';
  private fieldFormat: TextFormat = 'moodle';

  /** parse_text_with_format(): an optional [format] tag, then decoded escapes, trimmed. */
  private parse(text: string, defaultFormat: TextFormat, at: number): void {
    if (text.charCodeAt(0) !== 91 /* [ */) {
      this.fieldText = phpTrim(escapePost(text));
      this.fieldFormat = defaultFormat;
      return;
    }
    const tagged = splitFormatTag(text, defaultFormat);
    if (tagged.text === text && /^\[(moodle|html|plain|markdown)\]/i.test(text)) {
      this.warn('formattag', NOTE.formattag(quote(text.slice(0, text.indexOf(']') + 1))), at);
    }
    this.fieldText = phpTrim(escapePost(tagged.text));
    this.fieldFormat = tagged.format;
  }

  field(text: string, defaultFormat: TextFormat, at: number): RichText {
    this.parse(text, defaultFormat, at);
    return { text: this.fieldText, format: this.fieldFormat, files: [] };
  }

  /** Placeholder text typed in the file (not written as an escape) is decoded by Moodle too. */
  private checkPlaceholders(text: string): void {
    const m = /&&0(?:58;|35;|61;|10|92;)|&&12[356];/.exec(text);
    if (!m) return;
    const at = this.joined(this.lead + m.index);
    const meaning = m[0] === '&&092;' ? '\\' : escapePost(m[0]);
    this.diagnostics.push({
      severity: 'warning',
      ...at,
      code: 'placeholder',
      message: NOTE.placeholder(m[0], meaning === '\n' ? 'a line break' : meaning),
    });
  }

  /** commentparser(): split at the first '#'; returns the feedback and leaves the answer in fieldText/fieldFormat. */
  answerAndFeedback(piece: string, defaultFormat: TextFormat, at: number): RichText {
    const hash = piece.indexOf('#');
    if (hash === -1) {
      this.parse(phpTrim(piece), defaultFormat, at);
      return richText('', defaultFormat);
    }
    const fb = piece.slice(hash + 1);
    const feedback = this.field(phpTrim(fb), defaultFormat, at + hash + 1 + leadingTrim(fb));
    this.parse(phpTrim(piece.slice(0, hash)), defaultFormat, at);
    return feedback;
  }

  /** The fraction of the answer `weight` read last (kept here, like fieldText, to spare an object per answer). */
  private fraction = 0;

  /**
   * A `%n%` weight at the start of the piece: the rest of the piece, with the weight's fraction in `fraction`;
   * without a weight the piece itself, with `fallback`; null for PHP's crash.
   */
  private weight(piece: Piece, fallback: number): Piece | null {
    this.fraction = fallback;
    if (piece.text.charCodeAt(0) !== 37 /* % */) return piece;
    const m = WEIGHT.exec(piece.text);
    if (!m) {
      if (LOOKS_LIKE_WEIGHT.test(piece.text)) {
        const w = /^%[^%]*%/.exec(piece.text)![0];
        this.warn('notaweight', NOTE.notaweight(quote(w)), piece.at);
      }
      return piece;
    }
    const inner = m[0].slice(1, -1);
    if (inner.startsWith('--')) return this.error('weightnotnumber', NOTE.weightnotnumber(quote(m[0])), piece.at);
    this.fraction = Number(inner) / 100 + 0;
    return { text: piece.text.slice(m[0].length), at: piece.at + m[0].length };
  }

  /** Reads one block as qformat_gift::readquestion() does; null when the block holds nothing. */
  read(lines: BlockLines, category: string | null = null): BlockRead | null {
    if (lines.length === 0) return null;
    this.lines = lines;
    this.category = category;
    const { text: src, from, to, length: n } = this.lines;
    this.count = n;
    let comments = '';
    const isComment = this.isComment;
    // Only the first n entries of isComment and starts belong to this block.
    let innerComment = false;
    let seenContent = false;
    let commentAfterContent = false;
    this.lead = 0;
    this.unescaped = '';
    this.edits = null;
    this.failed = false;
    this.braceAt = 0;
    // Comment lines become a space in the joined text. Usually they all come first (Moodle's export writes them
    // so) and the other lines follow each other in the source: then the text is one slice of the source.
    let leadingComments = 0;
    let contiguous = true;
    let length = 0;
    for (let k = 0; k < n; k++) {
      let first = from[k]!;
      while (first < to[k]! && isPhpTrimChar(src.charCodeAt(first))) first++;
      const comment = src.charCodeAt(first) === 47 && src.charCodeAt(first + 1) === 47 && first + 1 < to[k]!;
      if (comment) comments += `${phpTrim(src.slice(first, to[k]))}\n`;
      isComment[k] = comment;
      this.starts[k] = length;
      if (comment) commentAfterContent ||= seenContent;
      else if (first < to[k]!) {
        innerComment ||= commentAfterContent;
        seenContent = true;
      }
      length += (comment ? 1 : to[k]! - from[k]!) + 1;
      if (comment && k === leadingComments) leadingComments++;
      else if (comment || (k + 1 < n && (to[k]! + 1 !== from[k + 1]! || src.charCodeAt(to[k]!) !== 10))) contiguous = false;
    }
    let text: string;
    if (contiguous) {
      // The joined text would be " \n" for each leading comment line, then this slice.
      const rest = leadingComments < n ? src.slice(from[leadingComments], to[n - 1]) : '';
      text = phpTrim(rest);
      this.lead = 2 * leadingComments + leadingTrim(rest);
    } else {
      let joined = '';
      for (let k = 0; k < n; k++) joined += (k ? '\n' : '') + (isComment[k] ? ' ' : src.slice(from[k], to[k]));
      text = phpTrim(joined);
      this.lead = leadingTrim(joined);
    }
    if (text === '') return null;
    this.unescaped = text;
    const P = escapePre(text);
    if (innerComment) this.checkDroppedComments(isComment.slice(0, n));
    if (text.includes('&&')) this.checkPlaceholders(text);

    if (P.startsWith('$CATEGORY:')) return this.readCategory(P, text);

    // The name.
    let name: string | null = null;
    let body = P;
    let off = 0;
    if (body.startsWith('::')) {
      const end = body.indexOf('::', 2);
      if (end === -1) {
        this.warn('unclosedname', NOTE.unclosedname, 0);
        body = body.slice(2);
        off = 2;
      } else {
        const raw = escapePost(body.slice(2, end));
        name = cleanQuestionName(raw);
        if (raw.length > 255 && mbStrlen(phpTrim(cleanParamText(raw))) > 255) {
          this.warn('namelength', NOTE.namelength, 2);
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
    if (!description) {
      if (open === -1 || close === -1) {
        this.error('braceerror', MOODLE.braceerror, off + (open === -1 ? close : open));
        return this.result(null, 0, []);
      }
      if (close < open) {
        this.error('braceorder', NOTE.braceorder, off + close);
        return this.result(null, 0, []);
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
        this.warn('secondblock', NOTE.secondblock, off + close + 1);
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

    const base = baseWithTexts(name, qtext, generalFeedback);
    base.idnumber = meta.idnumber === '' ? null : meta.idnumber;
    base.tags = uniqueTags(meta.tags);
    base.category = this.category;

    const spots: number[] = [];
    let question: Question | null;
    if (description) question = newDescription(base);
    else if (answerText.includes('>') && ORDERING.test(answerText)) {
      question = this.error('unsupportedqtype', NOTE.unsupportedqtype, answerAt);
    } else if (answerText === '') question = newEssay(base);
    else if (answerText[0] === '#') question = this.numerical(base, answerText, answerAt, spots);
    else if (answerText.includes('~')) question = this.multichoice(base, answerText, answerAt, spots);
    else if (answerText.includes('=') && answerText.includes('->')) {
      question = this.match(base, answerText, answerAt, spots);
    }
    else {
      const hash = answerText.indexOf('#');
      const word = hash > 0 ? phpTrim(answerText.slice(0, hash)) : answerText;
      if (TF_WORDS.includes(word)) question = this.trueFalse(base, answerText, answerAt);
      else {
        if (TF_WORDS.includes(word.toUpperCase())) {
          this.warn('truefalsecase', NOTE.truefalsecase(quote(word)), answerAt);
        }
        question = this.shortAnswer(base, answerText, answerAt, spots);
      }
    }
    if (this.failed) question = null;
    return this.result(question, description ? 0 : this.braceAt, spots);
  }

  /** Where the block starts: its first line that is not blank, comments included. */
  private blockStart(): SourcePosition {
    const { text: src, from, to, length: n } = this.lines;
    for (let k = 0; k < n; k++) {
      let first = from[k]!;
      while (first < to[k]! && isPhpTrimChar(src.charCodeAt(first))) first++;
      if (first < to[k]!) return { line: this.lines.line[k]!, column: this.lines.column[k]! + first - from[k]! };
    }
    return this.pos(0);
  }

  private result(question: Question | null, brace: number, spots: number[], category?: string): BlockRead {
    const start = this.blockStart();
    const read: BlockRead = { question, start, brace, spots, position: this.position };
    if (category !== undefined) read.category = category;
    return read;
  }

  private readCategory(P: string, text: string): BlockRead {
    const path = phpTrim(P.slice(10));
    const newline = P.indexOf('\n');
    if (newline !== -1) {
      this.warn(
        'categoryswallow',
        NOTE.categoryswallow(quote(phpTrim(P.slice(newline)))),
        newline + 1,
      );
    }
    if (P !== text || hasPlaceholderText(text)) {
      this.warn('categoryescape', NOTE.categoryescape, 0);
    }
    return this.result(null, 0, [], path);
  }

  /**
   * A `//` line inside the question text disappears from it (only whole lines are comments); comment lines
   * between the answers lose nothing and are not reported.
   */
  private checkDroppedComments(isComment: readonly boolean[]): void {
    const { text: src, from, to } = this.lines;
    const lineText = (k: number): string => src.slice(from[k], to[k]);
    const content = isComment.map((c, k) => !c && phpTrim(lineText(k)) !== '');
    const first = content.indexOf(true);
    const last = content.lastIndexOf(true);
    // The answer block runs from the first line with an unescaped '{' to the first line with an unescaped '}'.
    const opens = (k: number, brace: RegExp): boolean => !isComment[k] && brace.test(lineText(k));
    let open = -1;
    let close = -1;
    for (let k = 0; k < isComment.length && close === -1; k++) {
      if (open === -1 && opens(k, UNESCAPED_OPEN)) open = k;
      if (open !== -1 && opens(k, UNESCAPED_CLOSE)) close = k;
    }
    for (let k = first + 1; k < last; k++) {
      if (!isComment[k] || (open !== -1 && k > open && (close === -1 || k < close))) continue;
      this.diagnostics.push({
        severity: 'warning',
        line: this.lines.line[k]!,
        column: this.lines.column[k]! + leadingTrim(lineText(k)),
        code: 'commentdropped',
        message: NOTE.commentdropped,
      });
    }
  }

  /** `[id:…]` after the first, and `[tag:…]` Moodle cannot read, are silently ignored. */
  private checkCommentTokens(comments: string, idnumber: string, tagCount: number): void {
    if (!comments.includes('[')) return;
    const ids = occurrences(comments, '[id:');
    const tags = occurrences(comments, '[tag:');
    if (ids > 1 || (ids === 1 && idnumber === '')) {
      this.blockWarning('idnumberignored', NOTE.idnumberignored);
    }
    if (tags > tagCount) {
      this.blockWarning('tagignored', NOTE.tagignored);
    }
  }

  /** A warning about the block as a whole, placed at its first line. */
  private blockWarning(code: string, message: string): void {
    const at = this.joined(0);
    this.diagnostics.push({ severity: 'warning', line: at.line, column: at.column, code, message });
  }

  private multichoice(base: QuestionBase, text: string, at: number, spots: number[]): Question | null {
    const single = text.includes('=');
    const answers: Answer[] = [];
    const pieces = splitChoices(text, at);
    const count = pieces.length;
    dropEmptyFirst(pieces);
    if (pieces.length < 2) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    if (pieces.length === count) {
      this.warn('answerbeforemarker', NOTE.answerbeforemarker, pieces[0]!.at);
    }
    for (const raw of pieces) {
      let piece: Piece | null = trimPiece(raw);
      let fraction = 1;
      if (piece.text.charCodeAt(0) === 61 /* = */) {
        piece = { text: piece.text.slice(1), at: piece.at + 1 };
        if (piece.text.charCodeAt(0) === 37 && WEIGHT.test(piece.text)) {
          this.warn('weightafterequals', NOTE.weightafterequals, piece.at);
        }
      } else {
        piece = this.weight(piece, 0);
        if (piece === null) return null;
        fraction = this.fraction;
      }
      const feedback = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      spots.push(raw.at + leadingTrim(raw.text));
      answers.push({ text: this.fieldText, format: this.fieldFormat, files: [], fraction, feedback });
    }
    const question = newMultichoice(base, single);
    question.shuffleAnswers = this.settings.shuffleAnswers;
    question.answerNumbering = this.settings.answerNumbering;
    // Moodle's GIFT import leaves showstandardinstruction unset, which saves as 0.
    question.showStandardInstruction = false;
    question.answers = answers;
    return question;
  }

  private match(base: QuestionBase, text: string, at: number, spots: number[]): Question | null {
    const pieces = dropEmptyFirst(splitOn(text, at, '='));
    if (pieces.length < 2) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    const subs: MatchSubquestion[] = [];
    for (const raw of pieces) {
      const piece = trimPiece(raw);
      const arrow = piece.text.indexOf('->');
      if (arrow === -1) {
        return this.error('giftmatchingformat', NOTE.nomatcharrow(quote(piece.text)), piece.at);
      }
      const stem = this.field(piece.text.slice(0, arrow), base.text.format, piece.at);
      subs.push({ text: stem, answer: phpTrim(escapePost(piece.text.slice(arrow + 2))) });
      spots.push(piece.at);
    }
    const question = newMatch(base);
    question.shuffleAnswers = this.settings.shuffleAnswers;
    question.subquestions = subs;
    return question;
  }

  private trueFalse(base: QuestionBase, text: string, at: number): Question {
    const first = text.indexOf('#');
    const second = first === -1 ? -1 : text.indexOf('#', first + 1);
    const word = phpTrim(first === -1 ? text : text.slice(0, first));
    const format = base.text.format;
    const wrong = first === -1 ? richText('', format) : this.feedbackPart(text, first + 1, second, format, at);
    const right = second === -1 ? richText('', format) : this.feedbackPart(text, second + 1, -1, format, at);
    const correct = word === 'T' || word === 'TRUE';
    const question = newTrueFalse(base, correct);
    question.feedbackTrue = correct ? right : wrong;
    question.feedbackFalse = correct ? wrong : right;
    return question;
  }

  /** The trimmed field between `from` and `to` (-1: the end) of text found at `at`. */
  private feedbackPart(text: string, from: number, to: number, format: TextFormat, at: number): RichText {
    const raw = text.slice(from, to === -1 ? undefined : to);
    return this.field(phpTrim(raw), format, at + from + leadingTrim(raw));
  }

  private shortAnswer(base: QuestionBase, text: string, at: number, spots: number[]): Question | null {
    const pieces = dropEmptyFirst(splitOn(text, at, '='));
    if (pieces.length < 1) return this.error('importminerror', MOODLE.importminerror, this.braceAt);
    const answers: Answer[] = [];
    for (const raw of pieces) {
      const piece = this.weight(trimPiece(raw), 1);
      if (piece === null) return null;
      const fraction = this.fraction;
      const feedback = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      spots.push(raw.at + leadingTrim(raw.text));
      answers.push({ text: this.fieldText, format: 'moodle', files: [], fraction, feedback });
    }
    const question = newShortAnswer(base);
    question.answers = answers;
    return question;
  }

  private numerical(base: QuestionBase, text: string, at: number, spots: number[]): Question | null {
    let body = text.slice(1);
    const tilde = body.indexOf('~');
    const wrong = tilde === -1 ? '' : body.slice(tilde);
    const wrongAt = at + 1 + tilde;
    if (tilde !== -1) body = body.slice(0, tilde);
    const pieces = dropEmptyFirst(splitOn(body, at + 1, '='));
    if (pieces.length === 0) return this.error('giftnonumericalanswers', MOODLE.giftnonumericalanswers, this.braceAt);
    const answers: NumericalAnswer[] = [];
    for (const raw of pieces) {
      const piece = this.weight(trimPiece(raw), 1);
      if (piece === null) return null;
      const fraction = this.fraction;
      const feedback = this.answerAndFeedback(piece.text, base.text.format, piece.at);
      const v = this.fieldText;
      let answer: string;
      let tolerance: number;
      const range = v.indexOf('..');
      const colon = v.indexOf(':');
      if (range > 0) {
        const lo = phpNumber(phpTrim(v.slice(0, range)));
        const hi = phpNumber(phpTrim(v.slice(range + 2)));
        if (!lo || !hi) {
          return this.error('rangenotnumber', NOTE.rangenotnumber(quote(v)), piece.at);
        }
        if (!lo.whole || !hi.whole) {
          this.warn('rangeleadingnumber', NOTE.rangeleadingnumber(quote(v)), piece.at);
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
          return this.error('errornotnumbers', NOTE.tolerancenotnumber(quote(tol)), piece.at);
        }
        answer = this.numericOrAny(value, piece.at);
        tolerance = Number(tol) + 0;
      } else {
        answer = this.numericOrAny(v, piece.at);
        tolerance = 0;
      }
      spots.push(raw.at + leadingTrim(raw.text));
      answers.push({ text: answer, format: 'moodle', files: [], fraction, feedback, tolerance });
    }
    if (wrong !== '') {
      const feedback = this.answerAndFeedback(wrong, base.text.format, wrongAt);
      spots.push(wrongAt);
      answers.push({ text: '*', format: 'moodle', files: [], fraction: 0, feedback, tolerance: 0 });
    }
    const question = newNumerical(base);
    question.answers = answers;
    return question;
  }

  /** Moodle's bug: a numerical answer that is not a number silently becomes '*' (any answer is right). */
  private numericOrAny(value: string, at: number): string {
    if (phpIsNumeric(value)) return value;
    if (/^[-+]?\d+,\d+$/.test(value)) {
      this.warn('commadecimal', NOTE.commadecimal(quote(value)), at);
    } else {
      this.warn('notanumber', NOTE.notanumber(quote(value)), at);
    }
    return '*';
  }
}

/** How many times `part` occurs in `s`, without overlaps. */
function occurrences(s: string, part: string): number {
  let count = 0;
  for (let at = s.indexOf(part); at !== -1; at = s.indexOf(part, at + part.length)) count++;
  return count;
}

/** Tags as Moodle attaches them: empty ones dropped, duplicates (ignoring case) merged. */
function uniqueTags(tags: string[]): string[] {
  if (tags.length === 0) return tags;
  if (tags.length === 1) return tags[0] === '' ? [] : tags;
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

/** Block lines for a list of strings taken as they are (line k + 1, column 1). */
export function linesOf(lines: readonly string[]): BlockLines {
  const text = lines.join('\n');
  const block: BlockLines = { text, from: [], to: [], line: [], column: [], length: lines.length };
  let at = 0;
  lines.forEach((l, k) => {
    block.from.push(at);
    block.to.push(at + l.length);
    block.line.push(k + 1);
    block.column.push(1);
    at += l.length + 1;
  });
  return block;
}
