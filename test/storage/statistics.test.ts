import { describe, expect, it } from 'vitest';
import { random } from '../../bench/random.js';
import { InvalidInputError, type NewAttempt, type Store } from '../../src/storage/index.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useStore } from '../helpers/store.js';
import { NO_IDS, statsOnlyAttempt, trueFalse } from './helpers.js';

const { store } = useStore();

const PARTS = [1, 4, 2, 3];
const TOTAL_PARTS = PARTS.reduce((a, b) => a + b, 0);
let quizCount = 0;

function quizWith(s: Store, slots: number): number {
  const category = s.categories.ensureCategoryPath('Stats').id;
  const questions = s.questions.insertQuestions(
    Array.from({ length: slots }, (_, i) => ({ question: trueFalse(`q${i}`), categoryId: category, choiceIds: NO_IDS })),
  );
  const quizSlots = questions.map((q) => ({ questionId: q.id, maxMark: 1 }));
  return s.quizzes.createQuiz({ name: `quiz ${++quizCount}`, slots: quizSlots }).id;
}

function attempt(quizId: number, userId: string, sumGrades: number | null, fractions: number[], classes: number[]): NewAttempt {
  return statsOnlyAttempt(quizId, userId, PARTS.length, sumGrades, fractions, classes);
}

describe('the statistics rows read back', () => {
  it('gives back every fraction, class and total exactly, NaN and -1 included, for a few thousand attempts', () => {
    const s = store();
    const quiz = quizWith(s, PARTS.length);
    const noise = quizWith(s, PARTS.length);
    const next = random(20250301);
    const count = 3000; // several chunks
    const expected: { user: string; sum: number | null; fractions: number[]; classes: number[] }[] = [];
    s.transaction(() => {
      for (let i = 0; i < count; i++) {
        const user = `student-${Math.floor(next() * 400)}`;
        const fractions = PARTS.map(() => {
          const r = next();
          return r < 0.1 ? Number.NaN : r < 0.15 ? -0 : Math.round(r * 1e7) / 1e7;
        });
        const classes = Array.from({ length: TOTAL_PARTS }, () => Math.floor(next() * 7) - 1);
        const sum = next() < 0.05 ? null : Math.round(next() * 4e5) / 1e5;
        s.attempts.insertAttempt(attempt(quiz, user, sum, fractions, classes));
        expected.push({ user, sum, fractions, classes });
        if (i % 10 === 0) s.attempts.insertAttempt(attempt(noise, user, 1, [1, 1, 1, 1], new Array(TOTAL_PARTS).fill(0)));
      }
    });

    const columns = readAllRows(s.statistics, quiz, { slots: PARTS.length, parts: PARTS });
    expect(columns.length).toBe(count);
    expect(columns.shapeMismatches).toBe(0);
    expect(new Set(columns.userIds).size).toBe(columns.userIds.length);
    const attemptsSoFar = new Map<string, number>();
    expected.forEach((row, i) => {
      expect(columns.userIds[columns.user[i]!]).toBe(row.user);
      const n = (attemptsSoFar.get(row.user) ?? 0) + 1;
      attemptsSoFar.set(row.user, n);
      expect(columns.attemptNumber[i]).toBe(n);
      expect(Object.is(columns.sumGrades[i], row.sum ?? Number.NaN)).toBe(true);
      row.fractions.forEach((f, slot) => expect(Object.is(columns.fractions[slot]![i], f)).toBe(true));
      let k = 0;
      PARTS.forEach((parts, slot) => {
        for (let p = 0; p < parts; p++) expect(columns.classes[slot]![p]![i]).toBe(row.classes[k++]);
      });
    });
    // dense user indices: first seen, first numbered
    const firstSeen = [...new Set(expected.map((row) => row.user))];
    expect(columns.userIds).toEqual(firstSeen);
    expect(columns.fractions.map((column) => column.length)).toEqual(PARTS.map(() => count));
    expect(columns.classes.map((slot) => slot.length)).toEqual(PARTS);
  });

  it('answers empty columns for a quiz without attempts', () => {
    const s = store();
    const quiz = quizWith(s, 2);
    const columns = readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 2] });
    expect(columns).toMatchObject({ length: 0, userIds: [], shapeMismatches: 0 });
    expect(columns.user).toBeInstanceOf(Int32Array);
    expect(columns.fractions.map((c) => c.length)).toEqual([0, 0]);
    expect(columns.classes.map((slot) => slot.map((c) => c.length))).toEqual([[0], [0, 0]]);
  });

  it('reads attempts stored with another shape as empty and counts them', () => {
    const s = store();
    const quiz = quizWith(s, 2);
    s.attempts.insertAttempt(attempt(quiz, 'a', 2, [1, 1], [0, 1, 2]));
    s.attempts.insertAttempt(attempt(quiz, 'b', 1, [1, 0], [0, 1])); // its second question had one part then
    s.attempts.insertAttempt(attempt(quiz, 'c', 1, [1], [0, 1, 2]));
    const columns = readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 2] });
    expect(columns.shapeMismatches).toBe(2);
    expect([...columns.fractions[0]!]).toEqual([1, 1, Number.NaN]);
    expect([...columns.fractions[1]!]).toEqual([1, 0, Number.NaN]);
    expect([...columns.classes[1]![1]!]).toEqual([2, -1, 2]);
  });

  it('refuses a shape whose part counts do not match its slots', () => {
    const s = store();
    expect(() => readAllRows(s.statistics, 1, { slots: 2, parts: [1] })).toThrow(InvalidInputError);
    expect(() => readAllRows(s.statistics, 1, { slots: 1, parts: [-1] })).toThrow(InvalidInputError);
    expect(() => readAllRows(s.statistics, 1, { slots: 1, parts: [1.5] })).toThrow(InvalidInputError);
  });

  it('sees totals changed by a manual grade', () => {
    const s = store();
    const quiz = quizWith(s, 1);
    const version = s.quizzes.getQuiz(quiz)!.slots[0]!;
    const stored = s.attempts.insertAttempt({
      ...attempt(quiz, 'a', null, [Number.NaN], [-1]),
      questions: [
        {
          slot: 1,
          questionId: version.questionId,
          questionVersionId: version.versionId,
          response: { type: 'truefalse', value: true },
          fraction: null,
          mark: null,
          maxMark: 1,
          state: 'needsgrading',
        },
      ],
    });
    s.attempts.setManualGrade(stored.id, 1, { fraction: 1, mark: 1, state: 'gradedright' }, () => ({
      sumGrades: 1,
      state: 'finished',
      fractions: new Float64Array([1]),
      classes: new Int16Array([0]),
    }));
    const columns = readAllRows(s.statistics, quiz, { slots: 1, parts: [1] });
    expect([...columns.sumGrades, ...columns.fractions[0]!, ...columns.classes[0]![0]!]).toEqual([1, 1, 0]);
  });
});
