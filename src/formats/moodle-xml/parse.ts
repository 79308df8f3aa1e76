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
import {
  parseCategoryPath,
  phpTrim,
  type Category,
  type Question,
  type QuestionBase,
  type UnsupportedQuestion,
} from '../../model/index.js';
import { checkCloze } from './cloze.js';
import { QuestionContext } from './context.js';
import { findDeclaration, Locator } from './guard.js';
import { MESSAGES } from './messages.js';
import { attribute, child, children, hasChild } from './nodes.js';
import { cleanQuestionName, stripTags } from './php-values.js';
import {
  readFormat,
  readHeaders,
  readHints,
  readIdnumber,
  readNumber,
  readRichText,
  readTags,
  readText,
} from './read-common.js';
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
import { elementEnd, normaliseLineEnds, readXmlTree } from './xml-tree.js';

export interface MoodleXmlParseOptions extends ParseOptions {
  /** Deepest element nesting accepted (default 64; Moodle's own files nest at most 8 deep). */
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

/** Types Moodle itself (or one of its standard plugins) imports and qbank keeps without grading them. */
const MOODLE_TYPES_KEPT = new Set([
  'calculated',
  'calculatedsimple',
  'calculatedmulti',
  'ddwtos',
  'gapselect',
  'ddimageortext',
  'ddmarker',
  'ordering',
  'randomsamatch',
]);

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
  const text = normaliseLineEnds(decoded.text);
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

  const tree = readXmlTree(text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
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
  const nodes = children((tree.root as Record<string, unknown>).quiz, 'question') ?? [];
  if (nodes.length === 0) return failedParse([error('noquestionsinfile', MESSAGES.noquestionsinfile)]);

  const questions: Question[] = [];
  const positions: SourcePosition[] = [];
  const categories: Category[] = [];
  const diagnostics: Diagnostic[] = [];
  let category: string | null = null;

  nodes.forEach((node, i) => {
    const span = tree.questions[i]!;
    const ctx = new QuestionContext(span.start, span.answers);
    const type = attribute(node, 'type');
    if (type === 'category') {
      const read = readCategory(ctx, node);
      if (read) {
        category = read.path;
        addCategory(categories, read);
      }
    } else {
      const question = readQuestion(ctx, node, type, text, span.start);
      if (question) {
        question.category = category;
        questions.push(question);
        positions.push(locator.at(span.start));
      }
    }
    for (const issue of ctx.issues) {
      diagnostics.push({ severity: issue.severity, code: issue.code, message: issue.message, ...locator.at(issue.offset) });
    }
  });

  return { questions, categories, positions, diagnostics };
}

function readQuestion(
  ctx: QuestionContext,
  node: unknown,
  type: string | undefined,
  text: string,
  start: number,
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
  return readUnsupported(ctx, node, type, text.slice(start, elementEnd(text, start)));
}

/**
 * A question of a type qbank does not grade, kept whole: its header fields are read for listing and search,
 * and `xml` is written back unchanged on export. Cloze questions Moodle would refuse are errors.
 */
function readUnsupported(ctx: QuestionContext, q: unknown, qtype: string, xml: string): UnsupportedQuestion {
  const cloze = qtype === 'cloze' || qtype === 'multianswer';
  const known = cloze || MOODLE_TYPES_KEPT.has(qtype);
  // Nothing is required of a type nobody here knows: its header is read for information only.
  const reading = known ? ctx : new QuestionContext(ctx.offset, []);
  const base = cloze ? readClozeHeaders(reading, q) : readHeaders(reading, q);
  base.hints = readHints(reading, q, base.text.format, true);
  if (!ctx.hasErrors()) {
    const which = base.name === '' ? 'A question' : `Question '${base.name}'`;
    ctx.warning(
      'unsupportedtype',
      `${which} is of ${known ? 'type' : 'unknown type'} ${qtype}, which qbank cannot grade: ` +
        'it is kept as it is and exported unchanged.',
    );
  }
  return { ...base, type: 'unsupported', qtype, xml };
}

/** import_multianswer: the Cloze text is checked, the mark is the sum of the parts' weights. */
function readClozeHeaders(ctx: QuestionContext, q: unknown): QuestionBase {
  const text = readRichText(ctx, child(q, 'questiontext'), 'html');
  const cloze = checkCloze(text.text);
  let name: string;
  if (hasChild(q, 'name')) {
    name = cleanQuestionName(readText(ctx, child(q, 'name')));
  } else {
    const plain = phpTrim(stripTags(text.text).replace(/\s+/g, ' '));
    const short = Array.from(plain);
    name = cleanQuestionName(short.length > 80 ? `${short.slice(0, 77).join('')}...` : plain) || 'Question name';
  }
  ctx.name = name;
  if (cloze.error) ctx.error('invalidmultianswerquestion', cloze.error);
  let penalty = readNumber(ctx, q, 'penalty', 0.3333333);
  if (Math.abs(penalty - 0.3333333) < 0.005) penalty = 0.3333333;
  return {
    name,
    text,
    generalFeedback: readRichText(ctx, child(q, 'generalfeedback'), text.format),
    defaultMark: cloze.defaultMark,
    penalty,
    idnumber: readIdnumber(ctx, q),
    tags: readTags(ctx, q),
    hints: [],
    category: null,
  };
}

/** A category pseudo-question (import_category), or null when it names no category. */
function readCategory(ctx: QuestionContext, q: unknown): Category | null {
  const path = readText(ctx, child(q, 'category'));
  if (path === '') {
    ctx.warning('emptycategory', 'A category pseudo-question without a category path is ignored.');
    return null;
  }
  let info: Category['info'] = { text: '', format: 'moodle', files: [] };
  const infoNode = child(q, 'info');
  if (infoNode !== undefined) {
    // Moodle reads an <info> without a format attribute as HTML.
    info = { text: readText(ctx, infoNode), format: readFormat(ctx, infoNode, 'html'), files: [] };
  }
  return { path, info, idnumber: readIdnumber(ctx, q) };
}

/**
 * Adds a category to the file's list; a second description of the same category only fills in what the first
 * left empty, as Moodle does when a child category came first.
 */
function addCategory(categories: Category[], read: Category): void {
  const key = categoryKey(read.path);
  const known = categories.find((c) => categoryKey(c.path) === key);
  if (!known) {
    categories.push(read);
    return;
  }
  if (known.info.text === '' && read.info.text !== '') known.info = read.info;
  if (known.idnumber === null && read.idnumber !== null) known.idnumber = read.idnumber;
}

function categoryKey(path: string): string {
  const { context, names } = parseCategoryPath(path);
  return `${context ?? ''}/${names.join('\u0000')}`;
}
