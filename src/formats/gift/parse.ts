// A whole GIFT file imported as Moodle imports it with its default settings (category and context from the
// file, grades must be listed, stop on error): lines, blocks, questions, then the import's grade check and
// the checks Moodle's question types make when saving.
import {
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
import { MOODLE, quote } from './messages.js';
import { DEFAULT_SITE_SETTINGS, readBlock, type BlockRead, type GiftSiteSettings, type SourceLine } from './read.js';

/** Parse options, with the site settings Moodle takes new questions' options from. */
export interface GiftParseOptions extends ParseOptions, Partial<GiftSiteSettings> {}

const TRIM_CHARS = ' \t\n\r\0\x0B';

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

/** Moodle's readdata(): an old Mac file (CR only, no LF) is split on CR, anything else on LF. */
function physicalLines(text: string): string[] {
  if (!text.includes('\n') && text.includes('\r')) return text.split('\r');
  return text.split('\n');
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
  const importer = new Importer(diagnostics);
  let current: string | null = null;
  let block: SourceLine[] = [];
  let sawAnything = false;

  const flush = (): void => {
    if (block.length === 0) return;
    const read = readBlock(block, diagnostics, settings);
    block = [];
    if (!read) return;
    sawAnything = true;
    if (read.category !== undefined) {
      current = read.category;
      if (!categories.some((c) => c.path === current)) {
        categories.push({ path: current, info: richText('', 'moodle'), idnumber: null });
      }
      return;
    }
    const question = importer.finish(read, current);
    if (question) {
      questions.push(question);
      positions.push(read.start);
    }
  };

  const lines = physicalLines(decoded.text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    let start = 0;
    let end = raw.length;
    while (start < end && TRIM_CHARS.includes(raw[start]!)) start++;
    while (end > start && TRIM_CHARS.includes(raw[end - 1]!)) end--;
    const text = start === 0 && end === raw.length ? raw : raw.slice(start, end);
    // PHP's empty(): a line holding only "0" separates questions too.
    if (text === '' || text === '0') {
      flush();
      continue;
    }
    if (text.length < 64 && text.trim() === '') {
      diagnostics.push({
        severity: 'warning',
        line: i + 1,
        column: start + 1,
        code: 'blanklookalike',
        message: 'This line looks blank but holds a non-breaking or other Unicode space: Moodle does not treat it as a blank line, so the questions around it are read as one.',
      });
    }
    block.push({ text, line: i + 1, column: start + 1 });
  }
  flush();

  if (!sawAnything && !hasErrors(diagnostics)) {
    diagnostics.push({ severity: 'error', line: 1, column: 1, code: 'noquestionsinfile', message: MOODLE.noquestionsinfile });
  }
  if (hasErrors(diagnostics)) return failedParse(diagnostics, categories);
  return { questions, categories, positions, diagnostics };
}

/** The checks of qformat_default::importprocess() and of the question types' save_question_options(). */
class Importer {
  /** idnumbers already used, by category: Moodle drops a repeated one on import. */
  private readonly idnumbers = new Map<string, string>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  private report(severity: 'error' | 'warning', code: string, message: string, at: SourcePosition): void {
    this.diagnostics.push({ severity, line: at.line, column: at.column, code, message });
  }

  finish(read: BlockRead, category: string | null): Question | null {
    const q = read.question;
    if (!q) return null;
    q.category = category;
    if (!this.checkGrades(q, read) || !this.checkSave(q, read)) return null;
    if (q.idnumber !== null) {
      const key = `${category ?? ''}\u0000${q.idnumber}`;
      const owner = this.idnumbers.get(key);
      if (owner !== undefined) {
        this.report(
          'warning',
          'duplicateidnumber',
          `The idnumber ${quote(q.idnumber)} is already used by question ${quote(owner)} in this category: Moodle imports this question without it.`,
          read.start,
        );
        q.idnumber = null;
      } else this.idnumbers.set(key, q.name);
    }
    return q;
  }

  /** Every answer grade must be one of Moodle's listed fractions; matched values are stored as listed. */
  private checkGrades(q: Question, read: BlockRead): boolean {
    if (q.type !== 'multichoice' && q.type !== 'shortanswer' && q.type !== 'numerical') return true;
    const invalid: number[] = [];
    let first = -1;
    q.answers.forEach((answer, i) => {
      const listed = matchGradeOption(answer.fraction);
      if (listed === null) {
        invalid.push(answer.fraction);
        if (first === -1) first = i;
      } else answer.fraction = listed;
    });
    if (invalid.length === 0) return true;
    this.report(
      'error',
      'invalidgradequestion',
      MOODLE.invalidgradequestion(invalid.map(phpFloat).join(', '), q.name),
      read.spots[first] ?? read.brace,
    );
    return false;
  }

  private checkSave(q: Question, read: BlockRead): boolean {
    switch (q.type) {
      case 'shortanswer': {
        const max = q.answers.reduce((m, a) => Math.max(m, a.fraction), -1);
        if (max !== 1) {
          this.report('error', 'fractionsnomax', MOODLE.fractionsnomax, read.brace);
          return false;
        }
        q.answers = this.withoutEmpty(q.answers, read);
        return true;
      }
      case 'multichoice': {
        q.answers = this.withoutEmpty(q.answers, read);
        if (q.answers.length < 2) {
          this.report('error', 'notenoughanswers', MOODLE.notenoughanswers, read.brace);
          return false;
        }
        return true;
      }
      case 'match': {
        const kept = [];
        for (let i = 0; i < q.subquestions.length; i++) {
          const sub = q.subquestions[i]!;
          const at = read.spots[i] ?? read.brace;
          const answer = phpTrim(sub.answer);
          if (sub.text.text === '' && answer === '') {
            this.report('warning', 'emptyanswer', 'A pair with neither question nor answer is left out when Moodle saves the question.', at);
            continue;
          }
          if (sub.text.text !== '' && answer === '') {
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
    return answers.filter((a, i) => {
      if (phpTrim(a.text) !== '') return true;
      this.report('warning', 'emptyanswer', 'An empty answer is left out when Moodle saves the question.', read.spots[i] ?? read.brace);
      return false;
    });
  }
}
