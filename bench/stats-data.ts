// Data for the statistics benchmark and tests: the RNN quiz 4.1 read from items/rnn-4.1.xml with the Moodle XML
// parser, attempts graded with src/grading exactly as submissions are stored, and a generator of realistic
// response mixes.
import { readFileSync } from 'node:fs';
import { parseMoodleXml } from '../src/formats/moodle-xml/index.js';
import { classifyResponse, gradeResponse } from '../src/grading/index.js';
import { isGradable, type Question, type QuestionState, type Response } from '../src/model/index.js';
import { assignChoiceIds } from '../src/services/choice-ids.js';
import { roundDecimal, type NewAttempt, type NewAttemptQuestion, type QuizQuestion, type Store } from '../src/storage/index.js';

export const RNN_CATEGORY = '$course$/top/Рекуррентные нейросети';
export const RNN_QUIZ_NAME = '4.1 Рекуррентные нейросети';
export const RNN_QUIZ_IDNUMBER = 'rnn-4.1';

const RNN_FILE = new URL('../items/rnn-4.1.xml', import.meta.url);

/** The twelve items of items/rnn-4.1.xml in quiz order: seven questions and five descriptions. */
export function rnnQuestions(): Question[] {
  const parsed = parseMoodleXml(readFileSync(RNN_FILE));
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || parsed.questions.length !== 12) {
    throw new Error(`items/rnn-4.1.xml does not read as the 12 RNN items: ${errors.map((d) => d.message).join('; ')}`);
  }
  return parsed.questions;
}

/**
 * Stores the RNN bank in a category and a quiz of its twelve items (descriptions with max mark 0); returns the
 * quiz id. A second copy needs another category (question idnumbers are unique in a category) and quiz idnumber.
 */
export function createRnnQuiz(
  store: Store,
  options: { idnumber?: string; name?: string; category?: string } = {},
): number {
  const categoryId = store.categories.ensureCategoryPath(options.category ?? RNN_CATEGORY).id;
  const questions = rnnQuestions();
  const created = store.questions.insertQuestions(
    questions.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })),
  );
  // Each slot takes its question's default mark: 1 for a question, 0 for a description.
  const slots = created.map((q, i) => ({ questionId: q.id, maxMark: isGradable(questions[i]!) ? questions[i]!.defaultMark : 0 }));
  return store.quizzes.createQuiz({
    name: options.name ?? RNN_QUIZ_NAME,
    idnumber: options.idnumber ?? RNN_QUIZ_IDNUMBER,
    slots,
  }).id;
}

/** A graded slot of a quiz as the statistics blobs lay it out. */
interface GradedSlot {
  slot: QuizQuestion;
  parts: number;
}

/** The graded slots of a quiz on their current versions, in slot order. */
export function gradedSlots(store: Store, quizId: number): GradedSlot[] {
  return store.quizzes
    .getQuizQuestions(quizId)
    .filter((q) => isGradable(q.question))
    .map((slot) => ({ slot, parts: classifyResponse(slot.question, null).length }));
}

/** A response graded as a submission stores it: the fraction to 7 decimals (null: not graded) and each part's class (-1: none). */
export function gradeForStats(
  question: Question,
  response: Response | null,
  parts: number,
): { state: QuestionState; fraction: number | null; classes: number[] } {
  const grade = gradeResponse(question, response);
  const classified = classifyResponse(question, response);
  return {
    state: grade.state,
    fraction: grade.fraction === null ? null : roundDecimal(grade.fraction, 7),
    classes: Array.from({ length: parts }, (_, k) => classified[k] ?? -1),
  };
}

/**
 * An attempt graded as a submission is stored: fractions to 7 decimals, the total to 5, statistics blobs with
 * one fraction per graded slot and one class index per part. `responses[i]` answers graded slot i (null: left out).
 */
export function gradedAttempt(
  quizId: number,
  slots: readonly GradedSlot[],
  userId: string,
  responses: readonly (Response | null)[],
  submittedAt = '2025-03-01T10:00:00.000Z',
): NewAttempt {
  const fractions = new Float64Array(slots.length);
  const classes: number[] = [];
  const questions: NewAttemptQuestion[] = [];
  let sum = 0;
  let waiting = false;
  slots.forEach(({ slot, parts }, i) => {
    const response = responses[i] ?? null;
    const grade = gradeForStats(slot.question, response, parts);
    const fraction = grade.fraction;
    fractions[i] = fraction ?? Number.NaN;
    if (fraction !== null) sum += fraction * slot.maxMark;
    if (grade.state === 'needsgrading' && slot.maxMark > 0) waiting = true;
    classes.push(...grade.classes);
    questions.push({
      slot: slot.slot,
      questionId: slot.questionId,
      questionVersionId: slot.versionId,
      response,
      fraction,
      mark: fraction === null ? null : fraction * slot.maxMark,
      maxMark: slot.maxMark,
      state: grade.state,
    });
  });
  return {
    quizId,
    userId,
    state: waiting ? 'needsgrading' : 'finished',
    submittedAt,
    sumGrades: waiting ? null : roundDecimal(sum, 5),
    maxGrade: slots.reduce((total, s) => total + s.slot.maxMark, 0),
    keyId: null,
    questions,
    fractions,
    classes: Int16Array.from(classes),
  };
}

const NUMERICAL_ANSWERS = ['12528', '12527.83', '12 528', '12527', '1.2528e4', '12000', '13780', 'не знаю'];

/**
 * A plausible response of a student of `ability` (0..1) to a question: stronger students pick right choices
 * more often; some leave questions out. Several-answer questions get any subset, blank included.
 */
export function plausibleResponse(question: Question, ability: number, next: () => number): Response | null {
  if (next() < 0.04) return null;
  if (question.type === 'numerical') {
    const right = next() < ability;
    return { type: 'numerical', text: right ? NUMERICAL_ANSWERS[Math.floor(next() * 3)]! : NUMERICAL_ANSWERS[3 + Math.floor(next() * 5)]! };
  }
  if (question.type === 'multichoice') {
    const answers = question.answers;
    if (question.single) {
      const right = answers.findIndex((a) => a.fraction > 0.999);
      const pick = next() < ability ? right : Math.floor(next() * answers.length);
      return { type: 'multichoice', selected: [pick] };
    }
    const selected: number[] = [];
    answers.forEach((a, i) => {
      const p = a.fraction > 0 ? 0.35 + 0.6 * ability : 0.45 - 0.4 * ability;
      if (next() < p) selected.push(i);
    });
    return { type: 'multichoice', selected };
  }
  throw new Error(`no response generator for ${question.type}`);
}
