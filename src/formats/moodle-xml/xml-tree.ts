// One pass of xml2js over the file, question by question, with the positions Moodle's messages need taken
// from its sax parser.
import xml2js from 'xml2js';

/** The xml2js settings qbank reads Moodle XML with (strict; whitespace and CDATA as Moodle's parser sees them). */
export const XML2JS_OPTIONS: xml2js.ParserOptions = {
  strict: true,
  explicitArray: true,
  explicitCharkey: false,
  explicitRoot: true,
  trim: false,
  normalize: false,
  attrkey: '$',
  charkey: '_',
  emptyTag: '',
  includeWhiteChars: false,
  async: false,
};

/** The part of sax's parser that xml2js exposes as `parser.saxParser` and that is used here. */
interface SaxParser {
  line: number;
  column: number;
  startTagPosition: number;
  entity: string;
  ENTITIES: Record<string, string>;
  tags: unknown[];
  onopentag: (node: { name: string }) => void;
  onerror: (error: Error) => void;
  write(chunk: string): SaxParser;
  close(): SaxParser;
}

/** A `<question>` child of `<quiz>`: its xml2js node, where it starts and where its `<answer>`s start. */
export interface QuestionElement {
  node: unknown;
  start: number;
  answers: number[];
}

/** A reason the file is not well-formed, at a 0-based offset or a sax line/column. */
export interface XmlFailure {
  code: string;
  message: string;
  offset?: number;
  line?: number;
  column?: number;
}

export interface QuizOutline {
  rootName: string;
  /** How many `<question>` children `<quiz>` has. */
  questionCount: number;
}

// Only the five XML entities: Moodle's parser rejects `&nbsp;` and other HTML names outside CDATA.
const XML_ENTITIES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
});

// sax's wording where PHP's XML parser (whose message Moodle shows) says it differently.
const PHP_WORDING: Record<string, string> = {
  'Unexpected close tag': 'Mismatched tag',
  'Text data outside of root node.': 'Junk after document element',
};

class Stop extends Error {}

/** An exception of onQuestion, carried through sax unchanged. */
class QuestionFailure extends Error {}

/** xml2js's own way to add a child node to its parent (explicitArray: always a list). */
interface TreeBuilder {
  assignOrPush(parent: Record<string, unknown>, name: string, node: unknown): void;
}

/**
 * Parses `text` with xml2js and hands each `<question>` child of `<quiz>` to `onQuestion` as soon as it is
 * complete, so that the tree never holds more than one question (the mapping runs while the file is parsed and
 * a large file needs no large tree); or says why the text is not well-formed. Line ends must already be LF
 * (see normaliseLineEnds). Exceptions of `onQuestion` propagate.
 */
export function readQuizXml(
  text: string,
  maxDepth: number,
  onQuestion: (question: QuestionElement) => void,
): QuizOutline | { failure: XmlFailure } {
  const parser = new xml2js.Parser(XML2JS_OPTIONS);
  const sax = (parser as unknown as { saxParser: SaxParser }).saxParser;
  sax.ENTITIES = XML_ENTITIES;

  let rootName = '';
  let rootClosed = false;
  let failure: XmlFailure | null = null;
  let questionCount = 0;
  let current: QuestionElement | null = null;
  let inQuiz = false;

  const fail = (f: XmlFailure): never => {
    failure ??= f;
    throw new Stop();
  };

  parser.on('end', () => {
    rootClosed = true;
  });
  parser.on('error', () => undefined);

  // xml2js adds every finished node to its parent through this method; a question of <quiz> goes to
  // onQuestion instead (sax has already popped it, so the stack holds only the root).
  (parser as unknown as TreeBuilder).assignOrPush = (parent, name, node) => {
    if (inQuiz && sax.tags.length === 1 && current !== null) {
      current.node = node;
      const done = current;
      current = null;
      questionCount++;
      try {
        onQuestion(done);
      } catch (cause) {
        throw new QuestionFailure('onQuestion failed', { cause });
      }
      return;
    }
    const list = parent[name];
    if (Object.hasOwn(parent, name) && Array.isArray(list)) {
      list.push(node);
    } else if (name === '__proto__') {
      // The one name whose assignment would set the prototype instead of adding a property.
      Object.defineProperty(parent, name, { value: [node], writable: true, enumerable: true, configurable: true });
    } else {
      // An ordinary property, as defineProperty would make it, without defineProperty's slow path.
      parent[name] = [node];
    }
  };

  sax.onerror = (error: Error) => {
    const saxMessage = error.message.split('\n', 1)[0]!;
    const at = { line: sax.line + 1, column: Math.max(1, sax.column) };
    if (saxMessage === 'Unclosed root tag' || saxMessage === 'Unexpected end') {
      fail({
        code: 'unclosedroot',
        message: `The file ends before </${rootName || 'quiz'}>: it is incomplete or cut off, so qbank imports none of it.`,
        ...at,
      });
    }
    let wording = PHP_WORDING[saxMessage] ?? saxMessage;
    if (saxMessage === 'Invalid character entity') {
      wording = sax.entity.startsWith('#') ? 'Invalid character reference' : 'Undeclared entity error';
    }
    fail({ code: 'errorparsingxml', message: `Error parsing XML: ${wording} at line ${at.line}, char ${at.column}`, ...at });
  };

  // The only hook on xml2js's own handlers: sax has already pushed the tag, so its stack length is the depth.
  const open = sax.onopentag;
  sax.onopentag = (node) => {
    const depth = sax.tags.length;
    if (depth <= 3) {
      if (depth === 2) {
        current = inQuiz && node.name === 'question' ? { node: undefined, start: sax.startTagPosition - 1, answers: [] } : null;
      } else if (depth === 3) {
        if (current !== null && node.name === 'answer') current.answers.push(sax.startTagPosition - 1);
      } else {
        if (rootClosed) {
          const at = { line: sax.line + 1, column: Math.max(1, sax.column) };
          fail({
            code: 'errorparsingxml',
            message: `Error parsing XML: Junk after document element at line ${at.line}, char ${at.column}`,
            ...at,
          });
        }
        rootName = node.name;
        inQuiz = rootName === 'quiz';
      }
    } else if (depth > maxDepth) {
      fail({
        code: 'toodeep',
        message: `Elements are nested more than ${maxDepth} deep here; qbank refuses such files (Moodle's own files nest fewer than 10 deep).`,
        offset: sax.startTagPosition - 1,
      });
    }
    open(node);
  };

  try {
    sax.write(text).close();
  } catch (error) {
    if (error instanceof QuestionFailure) throw error.cause;
    if (!(error instanceof Stop)) {
      const message = error instanceof Error ? error.message.split('\n', 1)[0]! : String(error);
      failure ??= {
        code: 'errorparsingxml',
        message: `Error parsing XML: ${message} at line ${sax.line + 1}, char ${Math.max(1, sax.column)}`,
        line: sax.line + 1,
        column: Math.max(1, sax.column),
      };
    }
  }
  if (failure) return { failure };
  return { rootName, questionCount };
}

/**
 * XML's line-end normalisation (CR LF and CR become LF), done once on the whole text; `removed` lists, in the
 * normalised text, the offsets of the LFs that lost their CR, so that `originalOffset` can map back.
 */
export function normaliseLineEnds(text: string): { text: string; removed: number[] } {
  const removed: number[] = [];
  if (!text.includes('\r')) return { text, removed };
  const normalised = text.replace(/\r\n?/g, (match: string, offset: number) => {
    if (match.length === 2) removed.push(offset - removed.length);
    return '\n';
  });
  return { text: normalised, removed };
}

/** The offset in the original text of a character (or end) at `offset` in the normalised one. */
export function originalOffset(removed: readonly number[], offset: number): number {
  let lo = 0;
  let hi = removed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (removed[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return offset + lo;
}

/**
 * Just past the end of the element that starts at `start` (a `<question>` of a well-formed file): its matching
 * close tag, found by counting same-named tags outside CDATA, comments and processing instructions.
 */
export function elementEnd(text: string, start: number): number {
  const name = /^<([^\s/>]+)/.exec(text.slice(start, start + 200))?.[1] ?? 'question';
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<![CDATA[', lt)) {
      i = skipPast(text, ']]>', lt);
    } else if (text.startsWith('<!--', lt)) {
      i = skipPast(text, '-->', lt);
    } else if (text.startsWith('<?', lt)) {
      i = skipPast(text, '?>', lt);
    } else {
      const end = tagEnd(text, lt);
      const closing = text[lt + 1] === '/';
      const tag = /^<\/?([^\s/>]+)/.exec(text.slice(lt, lt + name.length + 3))?.[1];
      if (tag === name) {
        if (closing) depth--;
        else if (text[end - 2] !== '/') depth++;
        if (depth === 0) return end;
      }
      i = end;
    }
  }
  return text.length;
}

function skipPast(text: string, marker: string, from: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + marker.length;
}

/** Just past the `>` of the tag at `lt`, skipping quoted attribute values. */
function tagEnd(text: string, lt: number): number {
  let quote = '';
  for (let j = lt + 1; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return j + 1;
    }
  }
  return text.length;
}
