// Moodle XML → qbank's model, as Moodle's qformat_xml imports it (readquestions, then importprocess's checks).
import {
  failedParse,
  hasErrors,
  type Diagnostic,
  type ParseOptions,
  type ParseResult,
  type SourcePosition,
} from '../diagnostics.js';
import { decodeInput } from '../input.js';
import { phpTrim, type Category, type Question, type QuestionBase } from '../../model/index.js';
import { addCategory, readCategory } from './categories.js';
import { QuestionContext } from './context.js';
import { findDeclaration, Locator } from './guard.js';
import { MESSAGES } from './messages.js';
import { attribute } from './nodes.js';
import { readHeaders } from './read-common.js';
import {
  readDescription,
  readEssay,
  readMatch,
  readMultichoice,
  readMultichoiceSet,
  readNumerical,
  readShortAnswer,
  readTrueFalse,
} from './read-types.js';
import { readUnsupported } from './read-unsupported.js';
import { elementEnd, normaliseLineEnds, originalOffset, readQuizXml } from './xml-tree.js';

export interface MoodleXmlParseOptions extends ParseOptions {
  /** Deepest element nesting accepted (default 64; Moodle's own files nest fewer than 10 deep). */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

type Reader = (ctx: QuestionContext, q: unknown, base: QuestionBase) => Question;

const READERS: Record<string, Reader> = {
  multichoice: readMultichoice,
  multichoiceset: readMultichoiceSet,
  truefalse: readTrueFalse,
  shortanswer: readShortAnswer,
  numerical: readNumerical,
  matching: readMatch,
  match: readMatch,
  essay: readEssay,
  description: readDescription,
};

function error(code: string, message: string, at: SourcePosition = { line: 1, column: 1 }): Diagnostic {
  return { severity: 'error', code, message, ...at };
}

/** Reads a Moodle XML file. Never throws: every problem is a diagnostic, and any error means no questions. */
export function parseMoodleXml(input: string | Uint8Array, options: MoodleXmlParseOptions = {}): ParseResult {
  try {
    const result = readMoodleXml(input, options);
    return hasErrors(result.diagnostics) ? failedParse(result.diagnostics, result.categories) : result;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return failedParse([error('internal', `qbank could not read this file (${reason}).`)]);
  }
}

/**
 * What each `<question>` of a file reads as, with every diagnostic, even when some are errors (then the
 * questions are only what Moodle's importer would have built before its checks refuse the file).
 * parseMoodleXml is the public entry; this one lets tests look at the fields Moodle's own tests assert.
 */
export function readMoodleXml(input: string | Uint8Array, options: MoodleXmlParseOptions = {}): ParseResult {
  const decoded = decodeInput(input, 'Moodle XML', options.maxBytes);
  if ('error' in decoded) return failedParse([decoded.error]);
  const { text, removed } = normaliseLineEnds(decoded.text);
  // An unsupported question keeps its element exactly as written, CR LF line ends included.
  const source = (start: number, end: number): string =>
    decoded.text.slice(originalOffset(removed, start), originalOffset(removed, end));
  if (phpTrim(text) === '') return failedParse([error('cannotread', MESSAGES.cannotread)]);
  const locator = new Locator(text);

  const declaration = findDeclaration(text);
  if (declaration >= 0) {
    return failedParse([
      error(
        'doctype',
        'qbank refuses XML files with a document type or entity declaration (<!DOCTYPE …> or <!ENTITY …>), on ' +
          'purpose: they are the way in for entity-expansion and external-entity attacks. Moodle never writes ' +
          'one; remove it and import again.',
        locator.at(declaration),
      ),
    ]);
  }

  const questions: Question[] = [];
  const positions: SourcePosition[] = [];
  const categories: Category[] = [];
  const categoryIndex = new Map<string, Category>();
  const diagnostics: Diagnostic[] = [];
  let category: string | null = null;

  const tree = readQuizXml(text, options.maxDepth ?? DEFAULT_MAX_DEPTH, ({ node, start, answers }) => {
    const ctx = new QuestionContext(start, answers);
    const type = attribute(node, 'type');
    if (type === 'category') {
      const read = readCategory(ctx, node);
      if (read) {
        category = read.path;
        addCategory(categories, categoryIndex, read);
      }
    } else {
      const question = readQuestion(ctx, node, type, () => source(start, elementEnd(text, start)));
      if (question) {
        question.category = category;
        questions.push(question);
        positions.push(locator.at(start));
      }
    }
    for (const issue of ctx.issues) {
      diagnostics.push({ severity: issue.severity, code: issue.code, message: issue.message, ...locator.at(issue.offset) });
    }
  });
  if ('failure' in tree) {
    const f = tree.failure;
    const at = f.offset !== undefined ? locator.at(f.offset) : { line: f.line ?? 1, column: f.column ?? 1 };
    return failedParse([error(f.code, f.message, at)]);
  }
  if (tree.rootName !== 'quiz') {
    return failedParse([
      error('noquestionsinfile', `${MESSAGES.noquestionsinfile} (its root element is <${tree.rootName}>, not <quiz>)`),
    ]);
  }
  if (tree.questionCount === 0) return failedParse([error('noquestionsinfile', MESSAGES.noquestionsinfile)]);

  return { questions, categories, positions, diagnostics };
}

function readQuestion(
  ctx: QuestionContext,
  node: unknown,
  type: string | undefined,
  xml: () => string,
): Question | null {
  if (type === undefined || type === '') {
    ctx.error(
      'xmltypeunsupported',
      `${MESSAGES.xmltypeunsupported('(none)')}: the <question> element has no type attribute.`,
    );
    return null;
  }
  const reader = Object.hasOwn(READERS, type) ? READERS[type] : undefined;
  if (reader) return reader(ctx, node, readHeaders(ctx, node));
  return readUnsupported(ctx, node, type, xml());
}
