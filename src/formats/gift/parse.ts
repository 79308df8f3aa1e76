// A whole GIFT file imported as Moodle imports it with its default settings (category and context from the
// file, grades must be listed, stop on error): lines, blocks, questions, then the import's grade check and
// the checks Moodle's question types make when saving.
import {
  isPhpTrimChar,
  matchGradeOption,
  phpFloat,
  phpTrim,
  richText,
  type Category,
  type Question,
} from '../../model/index.js';
import {
  failedParse,
  hasErrors,
  type Diagnostic,
  type ParseOptions,
  type ParseResult,
  type SourcePosition,
} from '../diagnostics.js';
import { decodeInput } from '../input.js';
import { MOODLE, NOTE, quote } from './messages.js';
import { BlockReader, DEFAULT_SITE_SETTINGS, type BlockLines, type BlockRead, type GiftSiteSettings } from './read.js';

/** Parse options, with the site settings Moodle takes new questions' options from. */
export interface GiftParseOptions extends ParseOptions, Partial<GiftSiteSettings> {}

/** Reads a GIFT file. Never throws: every problem is a diagnostic, and any error leaves `questions` empty. */
export function parseGift(input: string | Uint8Array, options: GiftParseOptions = {}): ParseResult {
  try {
    return parse(input, options);
  } catch (e) {
    return failedParse([
      {
        severity: 'error',
        line: 1,
        column: 1,
        code: 'internal',
        message: `The file could not be read: ${e instanceof Error ? e.message : String(e)}`,
      },
    ]);
  }
}

function parse(input: string | Uint8Array, options: GiftParseOptions): ParseResult {
  const decoded = decodeInput(input, 'GIFT', options.maxBytes);
  if ('error' in decoded) return failedParse([decoded.error]);
  const settings: GiftSiteSettings = {
    answerNumbering: options.answerNumbering ?? DEFAULT_SITE_SETTINGS.answerNumbering,
    shuffleAnswers: options.shuffleAnswers ?? DEFAULT_SITE_SETTINGS.shuffleAnswers,
  };
  const diagnostics: Diagnostic[] = [];
  const questions: Question[] = [];
  const positions: SourcePosition[] = [];
  const categories: Category[] = [];
  const categoryPaths = new Set<string>();
  const importer = new Importer(diagnostics);
  const reader = new BlockReader(diagnostics, settings);
  let current: string | null = null;
  const text = decoded.text;
  const block: BlockLines = { text, from: [], to: [], line: [], column: [], length: 0 };
  let sawAnything = false;

  const flush = (): void => {
    if (block.length === 0) return;
    const read = reader.read(block, current);
    block.length = 0;
    if (!read) return;
    sawAnything = true;
    if (read.category !== undefined) {
      current = read.category;
      if (!categoryPaths.has(current)) {
        categoryPaths.add(current);
        categories.push({ path: current, info: richText('', 'moodle'), idnumber: null });
      }
      return;
    }
    const question = importer.finish(read);
    if (question) {
      questions.push(question);
      positions.push(read.start);
    }
  };

  // Moodle's readdata(): a file with CR but no LF (old Mac) is split on CR, anything else on LF.
  const separator = !text.includes('\n') && text.includes('\r') ? '\r' : '\n';
  let lineStart = 0;
  for (let lineNo = 1; lineStart <= text.length; lineNo++) {
    let lineEnd = text.indexOf(separator, lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isPhpTrimChar(text.charCodeAt(start))) start++;
    while (end > start && isPhpTrimChar(text.charCodeAt(end - 1))) end--;
    const nextStart = lineEnd + 1;
    // PHP's empty(): a line holding only "0" separates questions too.
    if (start === end || (end - start === 1 && text.charCodeAt(start) === 48)) {
      flush();
      lineStart = nextStart;
      continue;
    }
    const c = text.charCodeAt(start);
    if ((c === 12 || c >= 0x80) && end - start < 64 && text.slice(start, end).trim() === '') {
      diagnostics.push({
        severity: 'warning',
        line: lineNo,
        column: start - lineStart + 1,
        code: 'blanklookalike',
        message: NOTE.blanklookalike,
      });
    }
    const k = block.length++;
    block.from[k] = start;
    block.to[k] = end;
    block.line[k] = lineNo;
    block.column[k] = start - lineStart + 1;
    lineStart = nextStart;
  }
  flush();

  if (!sawAnything && !hasErrors(diagnostics)) {
    const message = MOODLE.noquestionsinfile;
    diagnostics.push({ severity: 'error', line: 1, column: 1, code: 'noquestionsinfile', message });
  }
  if (hasErrors(diagnostics)) return failedParse(diagnostics, categories);
  return { questions, categories, positions, diagnostics };
}

/** The checks of qformat_default::importprocess() and of the question types' save_question_options(). */
class Importer {
  /** The question names that idnumbers belong to, by category and idnumber: Moodle drops a repeated one. */
  private readonly idnumbers = new Map<string | null, Map<string, string>>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  private report(severity: 'error' | 'warning', code: string, message: string, at: SourcePosition): void {
    this.diagnostics.push({ severity, line: at.line, column: at.column, code, message });
  }

  finish(read: BlockRead): Question | null {
    const q = read.question;
    if (!q) return null;
    const category = q.category;
    if (!this.checkGrades(q, read) || !this.checkSave(q, read)) return null;
    if (q.idnumber !== null) {
      // No category and the category '' are one for Moodle.
      const key = category === '' ? null : category;
      let owners = this.idnumbers.get(key);
      if (owners === undefined) this.idnumbers.set(key, (owners = new Map()));
      const owner = owners.get(q.idnumber);
      if (owner !== undefined) {
        this.report(
          'warning',
          'duplicateidnumber',
          NOTE.duplicateidnumber(quote(q.idnumber), quote(owner)),
          read.start,
        );
        q.idnumber = null;
      } else owners.set(q.idnumber, q.name);
    }
    return q;
  }

  /** Every answer grade must be one of Moodle's listed fractions; matched values are stored as listed. */
  private checkGrades(q: Question, read: BlockRead): boolean {
    if (q.type !== 'multichoice' && q.type !== 'shortanswer' && q.type !== 'numerical') return true;
    const invalid: number[] = [];
    let first = -1;
    const answers = q.answers;
    for (let i = 0; i < answers.length; i++) {
      const answer = answers[i]!;
      const listed = matchGradeOption(answer.fraction);
      if (listed === null) {
        invalid.push(answer.fraction);
        if (first === -1) first = i;
      } else answer.fraction = listed;
    }
    if (invalid.length === 0) return true;
    this.report(
      'error',
      'invalidgradequestion',
      MOODLE.invalidgradequestion(invalid.map(phpFloat).join(', '), q.name),
      read.position(read.spots[first] ?? read.brace),
    );
    return false;
  }

  private checkSave(q: Question, read: BlockRead): boolean {
    switch (q.type) {
      case 'shortanswer': {
        if (maxFraction(q.answers) !== 1) {
          this.report('error', 'fractionsnomax', MOODLE.fractionsnomax, read.position(read.brace));
          return false;
        }
        q.answers = this.withoutEmpty(q.answers, read);
        return true;
      }
      case 'multichoice': {
        q.answers = this.withoutEmpty(q.answers, read);
        if (q.answers.length < 2) {
          this.report('error', 'notenoughanswers', MOODLE.notenoughanswers, read.position(read.brace));
          return false;
        }
        return true;
      }
      case 'match': {
        const kept = [];
        for (let i = 0; i < q.subquestions.length; i++) {
          const sub = q.subquestions[i]!;
          const answer = phpTrim(sub.answer);
          if (sub.text.text === '' && answer === '') {
            this.report('warning', 'emptyanswer', NOTE.emptypair, read.position(read.spots[i] ?? read.brace));
            continue;
          }
          if (sub.text.text !== '' && answer === '') {
            const at = read.position(read.spots[i] ?? read.brace);
            this.report('error', 'nomatchinganswer', MOODLE.nomatchinganswer(sub.text.text), at);
            return false;
          }
          kept.push(sub);
        }
        q.subquestions = kept;
        return true;
      }
      default:
        return true;
    }
  }

  /** Moodle's save skips answers whose text is empty. */
  private withoutEmpty<T extends { text: string }>(answers: T[], read: BlockRead): T[] {
    if (!answers.some(hasEmptyText)) return answers;
    return answers.filter((a, i) => {
      if (phpTrim(a.text) !== '') return true;
      this.report('warning', 'emptyanswer', NOTE.emptyanswer, read.position(read.spots[i] ?? read.brace));
      return false;
    });
  }
}

const hasEmptyText = (a: { text: string }): boolean => a.text === '';

/** The largest fraction of the answers, -1 when there are none. */
function maxFraction(answers: readonly { fraction: number }[]): number {
  let max = -1;
  for (const a of answers) max = Math.max(max, a.fraction);
  return max;
}
