// Test helpers that translate between the question model and the objects Moodle's GIFT tests use:
// readquestion()'s result (field names as Moodle's importer sets them) and the question data passed to
// writequestion() (as Moodle's database and test helpers hold it).
import { readFileSync } from 'node:fs';
import {
  baseQuestion,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  newDescription,
  type Answer,
  type Question,
  type RichText,
  type TextFormat,
} from '../../../src/model/index.js';

export const FIXTURES = new URL('../../../../shared/fixtures/moodle-gift/', import.meta.url);

export const readFixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

export interface Vector {
  test: string;
  case?: string;
  direction: 'import' | 'export';
  entry: string;
  gift: string;
  lines?: string[];
  config?: Record<string, string>;
  question?: MoodleData;
  expected: Record<string, unknown>;
}

export const loadVectors = (): Vector[] => JSON.parse(readFixture('vectors.json').toString('utf8')) as Vector[];

export const vectorName = (v: Vector): string => (v.case ? `${v.test} (${v.case})` : v.test);

const FORMAT_NUMBER: Record<TextFormat, number> = { moodle: 0, html: 1, plain: 2, wiki: 3, markdown: 4 };
const FORMAT_OF: Record<string, TextFormat> = { 0: 'moodle', 1: 'html', 2: 'plain', 3: 'wiki', 4: 'markdown' };

const text = (t: RichText): Record<string, unknown> => ({ text: t.text, format: FORMAT_NUMBER[t.format], files: t.files });

/** The question as Moodle's readquestion() would have filled its fields. */
export function toMoodleFields(q: Question): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: q.name,
    questiontext: q.text.text,
    questiontextformat: FORMAT_NUMBER[q.text.format],
    generalfeedback: q.generalFeedback.text,
    generalfeedbackformat: FORMAT_NUMBER[q.generalFeedback.format],
    qtype: q.type,
    defaultmark: q.defaultMark,
    penalty: q.penalty,
    length: q.type === 'description' ? 0 : 1,
    idnumber: q.idnumber ?? '',
    tags: q.tags,
  };
  switch (q.type) {
    case 'essay':
      return {
        ...fields,
        responseformat: q.responseFormat,
        responserequired: q.responseRequired,
        responsefieldlines: q.responseFieldLines,
        attachments: q.attachments,
        attachmentsrequired: q.attachmentsRequired,
        graderinfo: text(q.graderInfo),
        responsetemplate: { text: q.responseTemplate.text, format: FORMAT_NUMBER[q.responseTemplate.format] },
      };
    case 'multichoice':
      return {
        ...fields,
        single: q.single,
        shuffleanswers: q.shuffleAnswers,
        answernumbering: q.answerNumbering,
        correctfeedback: text(q.combinedFeedback.correct),
        partiallycorrectfeedback: text(q.combinedFeedback.partiallyCorrect),
        incorrectfeedback: text(q.combinedFeedback.incorrect),
        answer: q.answers.map((a) => ({ text: a.text, format: FORMAT_NUMBER[a.format], files: a.files })),
        fraction: q.answers.map((a) => a.fraction),
        feedback: q.answers.map((a) => text(a.feedback)),
      };
    case 'match':
      return {
        ...fields,
        shuffleanswers: q.shuffleAnswers,
        correctfeedback: text(q.combinedFeedback.correct),
        partiallycorrectfeedback: text(q.combinedFeedback.partiallyCorrect),
        incorrectfeedback: text(q.combinedFeedback.incorrect),
        subquestions: q.subquestions.map((s) => text(s.text)),
        subanswers: q.subquestions.map((s) => s.answer),
      };
    case 'shortanswer':
      return {
        ...fields,
        usecase: q.useCase,
        answer: q.answers.map((a) => a.text),
        fraction: q.answers.map((a) => a.fraction),
        feedback: q.answers.map((a) => text(a.feedback)),
      };
    case 'numerical':
      return {
        ...fields,
        answer: q.answers.map((a) => a.text),
        fraction: q.answers.map((a) => a.fraction),
        feedback: q.answers.map((a) => text(a.feedback)),
        // Moodle keeps '' as the tolerance of the "~" catch-all answer; the model stores 0.
        tolerance: q.answers.map((a) => (a.text === '*' && a.tolerance === 0 ? '' : a.tolerance)),
      };
    case 'truefalse':
      return {
        ...fields,
        correctanswer: q.correctAnswer,
        feedbacktrue: text(q.feedbackTrue),
        feedbackfalse: text(q.feedbackFalse),
      };
    default:
      return fields;
  }
}

const isNumberLike = (v: unknown): boolean =>
  typeof v === 'number' || (typeof v === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v));

/**
 * The differences between what a Moodle test asserts and what we produced, compared as PHPUnit compares
 * them loosely: numbers numerically ('1' == 1, 2 == '2'), booleans as 0/1, only the expected fields.
 */
export function looseDifferences(expected: unknown, actual: unknown, path = ''): string[] {
  const norm = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
  const e = norm(expected);
  const a = norm(actual);
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return [`${path}: expected an array, got ${JSON.stringify(a)}`];
    if (a.length !== e.length) return [`${path}: expected ${e.length} items, got ${a.length}`];
    return e.flatMap((item, i) => looseDifferences(item, a[i], `${path}[${i}]`));
  }
  if (e !== null && typeof e === 'object') {
    if (a === null || typeof a !== 'object') return [`${path}: expected an object, got ${JSON.stringify(a)}`];
    return Object.entries(e).flatMap(([k, v]) => looseDifferences(v, (a as Record<string, unknown>)[k], `${path}.${k}`));
  }
  if (isNumberLike(e) && isNumberLike(a)) return Number(e) === Number(a) ? [] : [`${path}: ${String(e)} != ${String(a)}`];
  return String(e) === String(a) && typeof a !== 'undefined' ? [] : [`${path}: ${JSON.stringify(e)} != ${JSON.stringify(a)}`];
}

/** Question data as Moodle's writequestion() receives it (the vectors' `question`). */
export interface MoodleData {
  id: number;
  name: string;
  questiontext: string;
  questiontextformat: number | string;
  generalfeedback: string;
  generalfeedbackformat: number | string;
  defaultmark: number;
  penalty: number;
  qtype: string;
  idnumber?: string;
  tags?: string[];
  options: Record<string, unknown>;
}

interface MoodleAnswer {
  answer: string;
  answerformat?: number | string;
  fraction: number | string;
  feedback: string;
  feedbackformat?: number | string;
  tolerance?: number | string;
}

const formatOf = (v: unknown): TextFormat => FORMAT_OF[String(v ?? 0)] ?? 'moodle';
const rich = (t: unknown, format: unknown): RichText => ({ text: String(t ?? ''), format: formatOf(format), files: [] });
/** Moodle keeps answers and subquestions in arrays or in objects keyed by id, in order. */
const listOf = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : Object.values((v ?? {}) as Record<string, T>));
const answerOf = (a: MoodleAnswer): Answer => ({
  text: a.answer,
  format: formatOf(a.answerformat),
  files: [],
  fraction: Number(a.fraction),
  feedback: rich(a.feedback, a.feedbackformat),
});

/** The model question for Moodle's question data. */
export function fromMoodleData(data: MoodleData): Question {
  const base = baseQuestion(data.name, data.questiontext, formatOf(data.questiontextformat));
  base.generalFeedback = rich(data.generalfeedback, data.generalfeedbackformat);
  base.defaultMark = Number(data.defaultmark);
  base.penalty = Number(data.penalty);
  base.idnumber = data.idnumber ?? null;
  base.tags = data.tags ?? [];
  const o = data.options;
  switch (data.qtype) {
    case 'essay': {
      const q = newEssay(base);
      q.responseFormat = String(o.responseformat ?? 'editor');
      q.responseFieldLines = Number(o.responsefieldlines ?? 15);
      q.attachments = Number(o.attachments ?? 0);
      q.graderInfo = rich(o.graderinfo, o.graderinfoformat ?? 1);
      return q;
    }
    case 'match': {
      const q = newMatch(base);
      q.shuffleAnswers = Boolean(Number(o.shuffleanswers ?? 1));
      q.subquestions = listOf<Record<string, unknown>>(o.subquestions).map((s) => ({
        text: rich(s.questiontext, s.questiontextformat),
        answer: String(s.answertext ?? ''),
      }));
      return q;
    }
    case 'multichoice': {
      const q = newMultichoice(base, Boolean(Number(o.single)));
      q.shuffleAnswers = Boolean(Number(o.shuffleanswers ?? 1));
      q.answerNumbering = String(o.answernumbering ?? 'abc');
      q.showStandardInstruction = false;
      q.answers = listOf<MoodleAnswer>(o.answers).map(answerOf);
      return q;
    }
    case 'shortanswer': {
      const q = newShortAnswer(base);
      q.useCase = Boolean(Number(o.usecase ?? 0));
      q.answers = listOf<MoodleAnswer>(o.answers).map(answerOf);
      return q;
    }
    case 'numerical': {
      const q = newNumerical(base);
      q.answers = listOf<MoodleAnswer>(o.answers).map((a) => ({ ...answerOf(a), tolerance: Number(a.tolerance ?? 0) }));
      return q;
    }
    case 'truefalse': {
      const answers = o.answers as Record<string, MoodleAnswer>;
      const onTrue = answers[String(o.trueanswer)]!;
      const onFalse = answers[String(o.falseanswer)]!;
      const q = newTrueFalse(base, Number(onTrue.fraction) === 1);
      q.feedbackTrue = rich(onTrue.feedback, onTrue.feedbackformat);
      q.feedbackFalse = rich(onFalse.feedback, onFalse.feedbackformat);
      return q;
    }
    case 'description':
      return newDescription(base);
    default:
      throw new Error(`no mapping for qtype ${data.qtype}`);
  }
}
