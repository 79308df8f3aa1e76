// The report's expected figures, computed with src/stats straight from the attempts a test stored (not read
// back from storage), and a seeded mix of RNN attempts.
import { randomGuessScore, responseParts } from '../../src/grading/index.js';
import { isGradable } from '../../src/model/index.js';
import { computeQuizStatistics, type AttemptColumns, type QuizStatistics, type StatsSlot, type WhichAttempts } from '../../src/stats/index.js';
import type { NewAttempt, Store } from '../../src/storage/index.js';
import { random } from '../../bench/random.js';
import { gradedAttempt, gradedSlots, plausibleResponse } from '../../bench/stats-data.js';

/** The graded slots of the quiz as the report should describe them. */
export function expectedSlots(store: Store, quizId: number): StatsSlot[] {
  return store.quizzes
    .getQuizQuestions(quizId)
    .filter((q) => isGradable(q.question))
    .map((q) => ({
      slot: q.slot,
      questionId: q.questionId,
      idnumber: q.idnumber,
      name: q.name,
      type: q.type,
      maxMark: q.maxMark,
      randomGuessScore: randomGuessScore(q.question),
      parts: responseParts(q.question),
    }));
}

/** Columns of the attempts in the order they were stored, users numbered by first appearance. */
export function columnsOf(slots: StatsSlot[], attempts: readonly NewAttempt[]): AttemptColumns {
  const users = new Map<string, number>();
  const numbers = new Map<string, number>();
  const n = attempts.length;
  const cols: AttemptColumns & { sumGrades: Float64Array; fractions: Float64Array[]; classes: Int16Array[][] } = {
    length: n,
    user: new Int32Array(n),
    attemptNumber: new Int32Array(n),
    sumGrades: new Float64Array(n),
    fractions: slots.map(() => new Float64Array(n)),
    classes: slots.map((s) => s.parts.map(() => new Int16Array(n))),
  };
  attempts.forEach((a, i) => {
    if (!users.has(a.userId)) users.set(a.userId, users.size);
    const number = (numbers.get(a.userId) ?? 0) + 1;
    numbers.set(a.userId, number);
    cols.user[i] = users.get(a.userId)!;
    cols.attemptNumber[i] = number;
    cols.sumGrades[i] = a.sumGrades ?? Number.NaN;
    let offset = 0;
    slots.forEach((s, j) => {
      cols.fractions[j]![i] = a.fractions[j]!;
      s.parts.forEach((_, k) => (cols.classes[j]![k]![i] = a.classes[offset + k]!));
      offset += s.parts.length;
    });
  });
  return cols;
}

export function expectedStatistics(store: Store, quizId: number, attempts: readonly NewAttempt[], which: WhichAttempts): QuizStatistics {
  const slots = expectedSlots(store, quizId);
  const quiz = store.quizzes.getQuiz(quizId)!;
  return computeQuizStatistics({ slots, attempts: columnsOf(slots, attempts), which, quizSumGrades: quiz.sumGrades });
}

/**
 * Stores `count` plausible attempts of `users` students (some with several attempts), graded with src/grading,
 * and returns them in the order stored.
 */
export function storeMixedAttempts(store: Store, quizId: number, count: number, users: number, seed: number): NewAttempt[] {
  const slots = gradedSlots(store, quizId);
  const next = random(seed);
  const abilities = Array.from({ length: users }, () => next());
  const stored: NewAttempt[] = [];
  store.transaction(() => {
    for (let i = 0; i < count; i++) {
      const u = Math.floor(next() * users);
      const responses = slots.map((s) => plausibleResponse(s.slot.question, abilities[u]!, next));
      const attempt = gradedAttempt(quizId, slots, `student-${u}`, responses);
      store.attempts.insertAttempt(attempt);
      stored.push(attempt);
    }
  });
  return stored;
}
