import { describe, expect, it } from 'vitest';
import { richText } from '../../src/model/index.js';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  openStore,
  type AttemptRecord,
  type Store,
} from '../../src/storage/index.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useStore } from '../helpers/store.js';
import { essay, multichoice, NO_IDS, trueFalse, twoSlotAttempt } from './helpers.js';
import { thrown } from '../helpers/thrown.js';

const { store, path } = useStore();

function quizOf(s: Store) {
  const category = s.categories.ensureCategoryPath('RNN').id;
  const [mc, es] = s.questions.insertQuestions([
    {
      question: { ...multichoice('mc'), idnumber: 'mc-1' },
      categoryId: category,
      choiceIds: { choices: ['a', 'b', 'c'], stems: [] },
    },
    { question: essay('essay'), categoryId: category, choiceIds: { choices: [], stems: [] } },
  ]);
  const quiz = s.quizzes.createQuiz({
    name: 'Quiz',
    slots: [
      { questionId: mc!.id, maxMark: 1 },
      { questionId: es!.id, maxMark: 2 },
    ],
  });
  const versions: [number, number, number, number] = [mc!.id, mc!.versionId, es!.id, es!.versionId];
  return { quiz: quiz.id, versions };
}

function adminKey(s: Store, name = 'k'): number {
  const hex = Buffer.from(name.padEnd(32, '.')).toString('hex').slice(0, 64);
  return s.keys.createKey({ role: 'admin', keyHash: hex, prefix: name }).id;
}

describe('insertAttempt', () => {
  it('stores the attempt and its questions and returns the attempt row as stored', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const input = twoSlotAttempt(quiz, 'student-42', versions);
    const inserted = s.attempts.insertAttempt(input);
    const stored = s.attempts.getAttempt(inserted.id)!;
    // Built from what was inserted, without reading back: the same as the row read later.
    const { questions: _questions, ...row } = stored;
    expect(inserted).toEqual(row);
    expect(stored).toMatchObject({
      quizId: quiz,
      userId: 'student-42',
      attemptNumber: 1,
      state: 'needsgrading',
      submittedAt: input.submittedAt,
      sumGrades: null,
      maxGrade: 3,
      keyId: null,
      idempotencyKey: null,
      requestHash: null,
    });
    expect(stored.questions).toHaveLength(2);
    expect(stored.questions[0]).toEqual({
      ...input.questions[0],
      idnumber: 'mc-1',
      type: 'multichoice',
      name: 'mc',
      comment: null,
      gradedAt: input.submittedAt,
    });
    expect(stored.questions[1]).toMatchObject({ slot: 2, idnumber: null, type: 'essay', gradedAt: null });
  });

  it('returns the stored values of an attempt with an idempotency key', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const key = adminKey(s);
    const extra = { keyId: key, idempotencyKey: 'k-1', requestHash: 'h1', state: 'finished' as const, sumGrades: 2.123456 };
    const input = twoSlotAttempt(quiz, 'u', versions, extra);
    s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions));
    const inserted = s.attempts.insertAttempt(input);
    const { questions: _questions, ...row } = s.attempts.getAttempt(inserted.id)!;
    expect(inserted).toEqual(row);
    expect(inserted).toMatchObject({ attemptNumber: 2, sumGrades: 2.12346, keyId: key, idempotencyKey: 'k-1', requestHash: 'h1' });
  });

  it('stores an attempt of many slots whole and in slot order, whatever the number of rows per statement', () => {
    const s = store();
    const category = s.categories.ensureCategoryPath('Many').id;
    const created = s.questions.insertQuestions(
      Array.from({ length: 123 }, (_, i) => ({ question: trueFalse(`tf${i}`), categoryId: category, choiceIds: NO_IDS })),
    );
    const quiz = s.quizzes.createQuiz({ name: 'Long', slots: created.map((c) => ({ questionId: c.id, maxMark: 1 })) });
    for (const count of [1, 50, 51, 123]) {
      const questions = quiz.slots.slice(0, count).map((slot, i) => ({
        slot: slot.slot,
        questionId: slot.questionId,
        questionVersionId: slot.versionId,
        response: i % 3 === 0 ? null : { type: 'truefalse' as const, value: i % 2 === 0 },
        fraction: i % 3 === 0 ? null : i % 2,
        mark: i % 3 === 0 ? 0 : i % 2,
        maxMark: 1,
        state: i % 3 === 0 ? ('gaveup' as const) : i % 2 === 1 ? ('gradedright' as const) : ('gradedwrong' as const),
      }));
      const inserted = s.attempts.insertAttempt({
        quizId: quiz.id,
        userId: `u${count}`,
        state: 'finished',
        submittedAt: '2025-03-01T10:00:00.000Z',
        sumGrades: 0,
        maxGrade: 123,
        keyId: null,
        questions,
        fractions: new Float64Array(count),
        classes: new Int16Array(count),
      });
      const read = s.attempts.getAttempt(inserted.id)!.questions;
      expect(read).toHaveLength(count);
      read.forEach((q, i) => expect(q).toMatchObject(questions[i]!));
    }
  });

  it('rounds the total to 5 decimals, as Moodle stores it', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const stored = s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { sumGrades: 1.000005, state: 'finished' }));
    expect(stored.sumGrades).toBe(1.00001);
  });

  it('numbers attempts per quiz and user from 1, across connections and many inserts', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const other = s.quizzes.createQuiz({ name: 'Other', slots: [] }).id;
    const second = openStore(path()).store;
    try {
      const seen = new Map<string, number[]>();
      for (let i = 0; i < 120; i++) {
        const writer = i % 2 === 0 ? s : second;
        const user = `u${i % 3}`;
        const quizId = i % 5 === 0 ? other : quiz;
        const stored = writer.attempts.insertAttempt(twoSlotAttempt(quizId, user, versions));
        const key = `${quizId}/${user}`;
        seen.set(key, [...(seen.get(key) ?? []), stored.attemptNumber]);
      }
      for (const numbers of seen.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect([...seen.values()].reduce((n, list) => n + list.length, 0)).toBe(120);
    } finally {
      second.close();
    }
  });

  it('refuses an unknown quiz and stores nothing', () => {
    const s = store();
    const { versions } = quizOf(s);
    expect(() => s.attempts.insertAttempt(twoSlotAttempt(999, 'u', versions))).toThrow(NotFoundError);
  });

  it('stores nothing when a question row fails halfway', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const input = twoSlotAttempt(quiz, 'u', versions);
    input.questions[1] = { ...input.questions[1]!, slot: 1 };
    expect(() => s.attempts.insertAttempt(input)).toThrow(ConflictError);
    expect(s.attempts.listAttempts(quiz).total).toBe(0);
    expect(s.db.prepare('SELECT count(*) AS n FROM attempt_questions').get()).toEqual({ n: 0 });
    expect(s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions)).attemptNumber).toBe(1);
  });
});

describe('idempotency keys', () => {
  it('find the first attempt and refuse a second one with the same key', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const key = adminKey(s);
    const first = s.attempts.insertAttempt(
      twoSlotAttempt(quiz, 'u', versions, { keyId: key, idempotencyKey: 'abc', requestHash: 'h1' }),
    );
    expect(first).toMatchObject({ keyId: key, idempotencyKey: 'abc', requestHash: 'h1' });
    expect(s.attempts.findAttemptByIdempotencyKey(key, 'abc')).toEqual(s.attempts.getAttempt(first.id));
    expect(s.attempts.findAttemptByIdempotencyKey(key, 'other')).toBeNull();
    const error = thrown(ConflictError, () =>
      s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { keyId: key, idempotencyKey: 'abc', requestHash: 'h2' })),
    );
    expect(error.constraint).toBe('attempt_idempotency_key');
    expect(s.attempts.listAttempts(quiz).total).toBe(1);
  });

  it('belong to the key that sent them', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const one = adminKey(s, 'one');
    const two = adminKey(s, 'two');
    s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { keyId: one, idempotencyKey: 'same' }));
    const other = s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { keyId: two, idempotencyKey: 'same' }));
    expect(other.attemptNumber).toBe(2);
    expect(s.attempts.findAttemptByIdempotencyKey(two, 'same')?.id).toBe(other.id);
    s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { keyId: one }));
    s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { keyId: one }));
    expect(s.attempts.listAttempts(quiz).total).toBe(4);
  });

  it('need the key id', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    expect(() => s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions, { idempotencyKey: 'abc' }))).toThrow(
      InvalidInputError,
    );
  });
});

describe('listAttempts', () => {
  it('pages a quiz in id order, or one user in attempt order, with totals', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const ids = Array.from({ length: 9 }, (_, i) => s.attempts.insertAttempt(twoSlotAttempt(quiz, `u${i % 2}`, versions)).id);
    const page = s.attempts.listAttempts(quiz, { limit: 4, offset: 4 });
    expect(page.total).toBe(9);
    expect(page.items.map((a) => a.id)).toEqual(ids.slice(4, 8));
    expect(page.items[0]).not.toHaveProperty('questions');
    const mine = s.attempts.listAttempts(quiz, { userId: 'u1', limit: 2 });
    expect(mine.total).toBe(4);
    expect(mine.items.map((a) => [a.userId, a.attemptNumber])).toEqual([
      ['u1', 1],
      ['u1', 2],
    ]);
    expect(s.attempts.listAttempts(quiz, { userId: 'nobody' })).toEqual({ items: [], total: 0 });
    expect(s.attempts.getAttempt(999)).toBeNull();
  });
});

describe('setManualGrade', () => {
  it('stores the grade and the recomputed totals together', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const attempt = s.attempts.getAttempt(s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions)).id)!;
    let seen: AttemptRecord | undefined;
    const graded = s.attempts.setManualGrade(
      attempt.id,
      2,
      { fraction: 0.75, mark: 1.5, state: 'gradedpartial', comment: 'Good, but short.', gradedAt: '2025-03-02T00:00:00.000Z' },
      (current) => {
        seen = current;
        return { sumGrades: 2.5, state: 'finished', fractions: new Float64Array([1, 0.75]), classes: new Int16Array([0, 3]) };
      },
    );
    expect(seen!.questions[1]).toMatchObject({ fraction: 0.75, mark: 1.5, state: 'gradedpartial' });
    expect(graded).toMatchObject({ state: 'finished', sumGrades: 2.5 });
    expect(graded.questions[1]).toMatchObject({
      fraction: 0.75,
      mark: 1.5,
      state: 'gradedpartial',
      comment: 'Good, but short.',
      gradedAt: '2025-03-02T00:00:00.000Z',
    });
    expect(graded.questions[0]).toEqual(attempt.questions[0]);
    const columns = readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 1] });
    expect([...columns.fractions[1]!]).toEqual([0.75]);
    expect([...columns.classes[1]![0]!]).toEqual([3]);
    expect([...columns.sumGrades]).toEqual([2.5]);

    const again = s.attempts.setManualGrade(attempt.id, 2, { fraction: 1, mark: 2, state: 'gradedright' }, () => ({
      sumGrades: 3,
      state: 'finished',
      fractions: new Float64Array([1, 1]),
    }));
    expect(again.questions[1]).toMatchObject({ fraction: 1, comment: 'Good, but short.' });
    expect([...readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 1] }).classes[1]![0]!]).toEqual([3]);
  });

  it('changes nothing when the recomputation throws', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const attempt = s.attempts.getAttempt(s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions)).id)!;
    expect(() =>
      s.attempts.setManualGrade(attempt.id, 2, { fraction: 1, mark: 2, state: 'gradedright' }, () => {
        throw new Error('cannot total');
      }),
    ).toThrow('cannot total');
    expect(s.attempts.getAttempt(attempt.id)).toEqual(attempt);
    const columns = readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 1] });
    expect(Number.isNaN(columns.fractions[1]![0]!)).toBe(true);
  });

  it('refuses an unknown attempt or slot', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const attempt = s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u', versions));
    const totals = () => ({ sumGrades: 0, state: 'finished' as const, fractions: new Float64Array(2) });
    const grade = { fraction: 0, mark: 0, state: 'gradedwrong' as const };
    expect(() => s.attempts.setManualGrade(999, 1, grade, totals)).toThrow(/attempt 999 not found/);
    expect(() => s.attempts.setManualGrade(attempt.id, 7, grade, totals)).toThrow(/slot 7 not found/);
  });
});

describe('regradeAttempts', () => {
  it('updates many attempts in one transaction', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const a = s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u1', versions));
    const b = s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u2', versions));
    const v2 = s.questions.updateQuestion(versions[0], {
      question: multichoice('mc', [0.5, 1, 0]),
      choiceIds: { choices: ['a', 'b', 'c'], stems: [] },
    });
    const regraded = {
      slot: 1,
      fraction: 0.5,
      mark: 0.5,
      state: 'gradedpartial' as const,
      questionVersionId: v2.versionId,
    };
    s.attempts.regradeAttempts(
      [a, b].map((attempt) => ({
        attemptId: attempt.id,
        questions: [regraded],
        sumGrades: null,
        state: 'needsgrading' as const,
        fractions: new Float64Array([0.5, Number.NaN]),
        classes: new Int16Array([0, -1]),
      })),
    );
    for (const id of [a.id, b.id]) {
      expect(s.attempts.getAttempt(id)!.questions[0]).toMatchObject(regraded);
    }
    const columns = readAllRows(s.statistics, quiz, { slots: 2, parts: [1, 1] });
    expect([...columns.fractions[0]!]).toEqual([0.5, 0.5]);
  });

  it('changes nothing when one of them fails', () => {
    const s = store();
    const { quiz, versions } = quizOf(s);
    const a = s.attempts.getAttempt(s.attempts.insertAttempt(twoSlotAttempt(quiz, 'u1', versions)).id)!;
    const update = (attemptId: number, slot: number) => ({
      attemptId,
      questions: [{ slot, fraction: 0, mark: 0, state: 'gradedwrong' as const }],
      sumGrades: 0,
      state: 'finished' as const,
      fractions: new Float64Array([0, 0]),
    });
    expect(() => s.attempts.regradeAttempts([update(a.id, 1), update(999, 1)])).toThrow(NotFoundError);
    expect(() => s.attempts.regradeAttempts([update(a.id, 1), update(a.id, 5)])).toThrow(NotFoundError);
    expect(s.attempts.getAttempt(a.id)).toEqual(a);
  });
});
