// Shared by the Moodle XML tests: the fixtures beside the repository, and the mapping between Moodle's own
// field names (as its PHP tests use them) and qbank's model.
import { readFileSync } from 'node:fs';
import type {
  Answer,
  Category,
  EssayQuestion,
  Hint,
  MatchQuestion,
  MultichoiceQuestion,
  NumericalQuestion,
  Question,
  QuestionBase,
  RichText,
  ShortAnswerQuestion,
  TextFormat,
  TrueFalseQuestion,
} from '../../../src/model/index.js';

const FIXTURES = new URL('../../../../shared/fixtures/moodle-xml/', import.meta.url);

export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(new URL(name, FIXTURES));
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export interface Vector {
  test: string;
  case?: string;
  direction: 'import' | 'export';
  call: string;
  xml: string | null;
  input?: unknown;
  fixture?: string;
  expected: Record<string, unknown>;
}

export const vectors: Vector[] = JSON.parse(fixtureText('vectors.json')) as Vector[];

export function vectorName(v: Vector): string {
  return v.case ? `${v.test} [${v.case}]` : v.test;
}

// Moodle's FORMAT_* integers.
const FORMATS: TextFormat[] = ['moodle', 'html', 'plain', 'wiki', 'markdown'];

export function formatCode(format: TextFormat): number {
  return FORMATS.indexOf(format);
}

export function formatOf(code: unknown): TextFormat {
  return FORMATS[Number(code)] ?? 'html';
}

/** PHP's loose ==, as PHPUnit's assertEquals applies it to scalars, arrays and objects. */
export function looseEqual(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined || actual === 0 || actual === '' || actual === false ||
      (Array.isArray(actual) && actual.length === 0);
  }
  if (typeof expected === 'boolean') return expected === phpBool(actual);
  if (typeof expected === 'number') {
    if (typeof actual === 'boolean') return actual === (expected !== 0);
    if (actual === null || actual === undefined) return expected === 0;
    return Number(actual) === expected && String(actual).trim() !== '';
  }
  if (typeof expected === 'string') {
    if (typeof actual === 'number') return expected.trim() !== '' && Number(expected) === actual;
    if (typeof actual === 'boolean') return phpBool(expected) === actual;
    return expected === actual || (isNumeric(expected) && isNumeric(String(actual)) && Number(expected) === Number(actual));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => looseEqual(e, actual[i]));
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(expected).every(([k, e]) => looseEqual(e, (actual as Record<string, unknown>)[k]));
  }
  return false;
}

function phpBool(x: unknown): boolean {
  return !(x === null || x === undefined || x === false || x === 0 || x === '' || x === '0' || (Array.isArray(x) && x.length === 0));
}

function isNumeric(s: string): boolean {
  return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(s);
}

// ---------------------------------------------------------------------------------------------------------
// Model → the fields Moodle's importer produces (for import vectors).

function moodleText(value: RichText): { text: string; format: number } {
  return { text: value.text, format: formatCode(value.format) };
}

const MOODLE_QTYPE: Record<string, string> = { match: 'match', unsupported: 'multianswer' };

/** The question as the object Moodle's import_<type> returns, under Moodle's field names. */
export function moodleFields(q: Question): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    qtype: MOODLE_QTYPE[q.type] ?? q.type,
    name: q.name,
    questiontext: q.text.text,
    questiontextformat: formatCode(q.text.format),
    generalfeedback: q.generalFeedback.text,
    generalfeedbackformat: formatCode(q.generalFeedback.format),
    defaultmark: q.defaultMark,
    length: q.type === 'description' ? 0 : 1,
    penalty: q.penalty,
    idnumber: q.idnumber,
    tags: q.tags,
    hint: q.hints.map((h) => moodleText(h.text)),
    hintshownumcorrect: q.hints.map((h) => h.showNumCorrect),
    hintclearwrong: q.hints.map((h) => h.clearWrong),
  };
  const combined = (c: MultichoiceQuestion['combinedFeedback']) => ({
    correctfeedback: moodleText(c.correct),
    partiallycorrectfeedback: moodleText(c.partiallyCorrect),
    incorrectfeedback: moodleText(c.incorrect),
    shownumcorrect: c.showNumCorrect,
  });
  switch (q.type) {
    case 'multichoice':
      return {
        ...fields,
        ...combined(q.combinedFeedback),
        single: q.single,
        shuffleanswers: q.shuffleAnswers,
        answernumbering: q.answerNumbering,
        answer: q.answers.map((a) => ({ text: a.text, format: formatCode(a.format) })),
        fraction: q.answers.map((a) => a.fraction),
        feedback: q.answers.map((a) => moodleText(a.feedback)),
      };
    case 'truefalse':
      return {
        ...fields,
        correctanswer: q.correctAnswer,
        feedbacktrue: moodleText(q.feedbackTrue),
        feedbackfalse: moodleText(q.feedbackFalse),
      };
    case 'shortanswer':
    case 'numerical':
      return {
        ...fields,
        usecase: q.type === 'shortanswer' ? q.useCase : undefined,
        answer: q.answers.map((a) => a.text),
        fraction: q.answers.map((a) => a.fraction),
        feedback: q.answers.map((a) => moodleText(a.feedback)),
        tolerance: q.type === 'numerical' ? q.answers.map((a) => a.tolerance) : undefined,
      };
    case 'match':
      return {
        ...fields,
        ...combined(q.combinedFeedback),
        shuffleanswers: q.shuffleAnswers,
        subquestions: q.subquestions.map((s) => moodleText(s.text)),
        subanswers: q.subquestions.map((s) => s.answer),
      };
    case 'essay':
      return {
        ...fields,
        responseformat: q.responseFormat,
        responserequired: q.responseRequired,
        responsefieldlines: q.responseFieldLines,
        minwordlimit: q.minWordLimit,
        minwordenabled: !!q.minWordLimit,
        maxwordlimit: q.maxWordLimit,
        maxwordenabled: !!q.maxWordLimit,
        attachments: q.attachments,
        attachmentsrequired: q.attachmentsRequired,
        maxbytes: q.maxBytes,
        filetypeslist: q.fileTypesList,
        graderinfo: moodleText(q.graderInfo),
        responsetemplate: moodleText(q.responseTemplate),
      };
    default:
      return fields;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Moodle's question data (the `input` of export vectors) → the model.

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function rich(text: unknown, format: unknown): RichText {
  return { text: String(text ?? ''), format: formatOf(format), files: [] };
}

/** PHP arrays keyed by id, in ascending key order. */
function ordered(list: unknown): Data[] {
  if (Array.isArray(list)) return list as Data[];
  const record = (list ?? {}) as Record<string, Data>;
  return Object.keys(record)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => record[k]!);
}

function answerOf(a: Data): Answer {
  return {
    text: String(a.answer),
    format: formatOf(a.answerformat),
    files: [],
    fraction: Number(a.fraction),
    feedback: rich(a.feedback, a.feedbackformat),
  };
}

function hintOf(h: Data): Hint {
  return {
    text: rich(h.hint, h.hintformat),
    showNumCorrect: !!h.shownumcorrect,
    clearWrong: !!h.clearwrong,
    options: h.options ? String(h.options) : '',
  };
}

/** The model question standing for Moodle's question data as writequestion receives it. */
export function modelFromMoodle(d: Data): Question {
  const o: Data = d.options ?? {};
  const base: QuestionBase = {
    name: String(d.name),
    text: rich(d.questiontext, d.questiontextformat),
    generalFeedback: rich(d.generalfeedback, d.generalfeedbackformat),
    defaultMark: Number(d.defaultmark),
    penalty: Number(d.penalty),
    idnumber: d.idnumber ?? null,
    tags: [],
    hints: ordered(d.hints).map(hintOf),
    category: null,
  };
  const combined = {
    correct: rich(o.correctfeedback, o.correctfeedbackformat),
    partiallyCorrect: rich(o.partiallycorrectfeedback, o.partiallycorrectfeedbackformat),
    incorrect: rich(o.incorrectfeedback, o.incorrectfeedbackformat),
    showNumCorrect: !!o.shownumcorrect,
  };
  switch (d.qtype) {
    case 'truefalse': {
      const answers = o.answers as Record<string, Data>;
      const t = answers[o.trueanswer]!;
      const f = answers[o.falseanswer]!;
      const q: TrueFalseQuestion = {
        ...base,
        type: 'truefalse',
        correctAnswer: Number(t.fraction) === 1,
        feedbackTrue: rich(t.feedback, t.feedbackformat),
        feedbackFalse: rich(f.feedback, f.feedbackformat),
        answerFormat: formatOf(t.answerformat),
      };
      return q;
    }
    case 'multichoice': {
      const q: MultichoiceQuestion = {
        ...base,
        type: 'multichoice',
        single: !!o.single,
        allOrNothing: false,
        shuffleAnswers: !!o.shuffleanswers,
        answerNumbering: String(o.answernumbering),
        showStandardInstruction: !!o.showstandardinstruction,
        answers: ordered(o.answers).map(answerOf),
        combinedFeedback: combined,
      };
      return q;
    }
    case 'shortanswer': {
      const q: ShortAnswerQuestion = {
        ...base,
        type: 'shortanswer',
        useCase: !!o.usecase,
        answers: ordered(o.answers).map(answerOf),
      };
      return q;
    }
    case 'numerical': {
      const q: NumericalQuestion = {
        ...base,
        type: 'numerical',
        answers: ordered(o.answers).map((a) => ({ ...answerOf(a), tolerance: Number(a.tolerance) })),
        units: ordered(o.units).map((u) => ({ name: String(u.unit), multiplier: Number(u.multiplier) })),
        unitOptions:
          o.unitgradingtype === undefined
            ? null
            : {
                unitGradingType: Number(o.unitgradingtype),
                unitPenalty: Number(o.unitpenalty),
                showUnits: Number(o.showunits),
                unitsLeft: !!o.unitsleft,
              },
        instructions: o.instructionsformat ? rich(o.instructions, o.instructionsformat) : null,
      };
      return q;
    }
    case 'match': {
      const q: MatchQuestion = {
        ...base,
        type: 'match',
        shuffleAnswers: !!o.shuffleanswers,
        subquestions: ordered(o.subquestions).map((s) => ({
          text: rich(s.questiontext, s.questiontextformat),
          answer: String(s.answertext),
        })),
        combinedFeedback: combined,
      };
      return q;
    }
    case 'essay': {
      const q: EssayQuestion = {
        ...base,
        type: 'essay',
        responseFormat: String(o.responseformat),
        responseRequired: !!o.responserequired,
        responseFieldLines: Number(o.responsefieldlines),
        minWordLimit: o.minwordlimit ?? null,
        maxWordLimit: o.maxwordlimit ?? null,
        attachments: Number(o.attachments),
        attachmentsRequired: Number(o.attachmentsrequired),
        maxBytes: o.maxbytes ?? null,
        fileTypesList: o.filetypeslist || null,
        graderInfo: rich(o.graderinfo, o.graderinfoformat),
        responseTemplate: rich(o.responsetemplate, o.responsetemplateformat),
      };
      return q;
    }
    case 'description':
      return { ...base, type: 'description' };
    default:
      throw new Error(`no model mapping for Moodle qtype ${d.qtype}`);
  }
}

/**
 * The bank Moodle's data generator builds in the export process tests (categories under the qbank module
 * context, questions with the generator's defaults, which the fixtures show), as the model holds it.
 */
export function bankFromGenerator(input: Data): { questions: Question[]; categories: Category[] } {
  const byName = new Map<string, Data>(ordered(input.categories).map((c) => [String(c.name), c]));
  const pathOf = (name: string): string => {
    const names: string[] = [];
    for (let c = byName.get(name); c; c = c.parent === '0' ? undefined : byName.get(String(c.parent))) {
      names.unshift(String(c.name));
    }
    return `$module$/${names.join('/')}`;
  };
  const categories: Category[] = ordered(input.categories).map((c) => ({
    path: pathOf(String(c.name)),
    info: rich(c.info, c.infoformat),
    idnumber: c.idnumber ?? null,
  }));
  const questions = ordered(input.questions).map((d): Question => {
    const text = d.questiontext as Data;
    const feedback = typeof d.generalfeedback === 'object' ? (d.generalfeedback as Data) : { text: '', format: text.format };
    const base: QuestionBase = {
      name: String(d.name),
      text: rich(text.text, text.format),
      generalFeedback: rich(feedback.text, feedback.format),
      defaultMark: 1,
      penalty: Number(d.penalty ?? 0),
      idnumber: d.idnumber ? String(d.idnumber) : null,
      tags: [],
      hints: [],
      category: pathOf(String(d.category)),
    };
    if (d.qtype === 'truefalse') {
      return {
        ...base,
        type: 'truefalse',
        correctAnswer: d.correctanswer === '1',
        feedbackTrue: rich(d.feedbacktrue.text, d.feedbacktrue.format),
        feedbackFalse: rich(d.feedbackfalse.text, d.feedbackfalse.format),
        // The answers' format column keeps its database default.
        answerFormat: 'moodle',
      };
    }
    return {
      ...base,
      type: 'essay',
      responseFormat: String(d.responseformat),
      responseRequired: !!d.responserequired,
      responseFieldLines: Number(d.responsefieldlines),
      minWordLimit: null,
      maxWordLimit: null,
      attachments: Number(d.attachments),
      attachmentsRequired: Number(d.attachmentsrequired),
      maxBytes: 0,
      fileTypesList: null,
      graderInfo: rich(d.graderinfo.text, d.graderinfo.format),
      responseTemplate: rich(d.responsetemplate.text, d.responsetemplate.format),
    };
  });
  return { questions, categories };
}

/** Applies the PCRE replacements a vector's `normalise` lists (the first entry is CRLF → LF). */
export function normalise(text: string, rules: [string, string][]): string {
  let out = text;
  for (const [pattern, replacement] of rules) {
    if (pattern === 'line endings') {
      out = out.replace(/\r\n/g, '\n');
      continue;
    }
    const body = pattern.slice(1, pattern.lastIndexOf('~'));
    out = out.replace(new RegExp(body, 'g'), replacement);
  }
  return out;
}

/** A `<question>` element inside a file, as parseMoodleXml needs it. */
export function inQuiz(questionXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${questionXml}\n</quiz>`;
}
