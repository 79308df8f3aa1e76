// The storage side of the report's cache: the change counter kept by triggers, the state a cache compares
// with, ranged reads of the statistics rows, and the attempts graded on earlier versions.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRnnQuiz, gradedAttempt, gradedSlots, RNN_CATEGORY } from '../../bench/stats-data.js';
import type { MultichoiceQuestion } from '../../src/model/index.js';
import { openStore, type AttemptShape, type NewAttempt, type Store } from '../../src/storage/index.js';
import { readRows } from '../helpers/attempt-rows.js';
import { statsOnlyAttempt } from '../storage/helpers.js';
import { useHarness } from './harness.js';

const h = useHarness();

/** An attempt with only statistics blobs (no question rows), for a two-slot layout of 1 and 2 parts. */
function bare(quizId: number, userId: string, fractions: number[], classes: number[], sumGrades: number | null = 1): NewAttempt {
  return statsOnlyAttempt(quizId, userId, 2, sumGrades, fractions, classes);
}

const SHAPE: AttemptShape = { slots: 2, parts: [1, 2] };

function twoQuizzes(store: Store): [number, number] {
  return [
    createRnnQuiz(store),
    createRnnQuiz(store, { idnumber: 'other', name: 'Other', category: `${RNN_CATEGORY}/Other` }),
  ];
}

describe('the per-quiz change counter', () => {
  it('moves on an update or a deletion of a quiz row, never on an insert, and only for that quiz', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    const ids = [0, 1, 2].map((i) => store.attempts.insertAttempt(bare(a, `u${i}`, [1, 0], [0, 1, -1])).id);
    store.attempts.insertAttempt(bare(b, 'u', [1, 1], [0, 0, 0]));
    expect(store.statistics.readState(a).changes).toBe(0);
    expect(store.statistics.readState(b).changes).toBe(0);

    store.attempts.regradeAttempts([
      { attemptId: ids[0]!, questions: [], sumGrades: 2, state: 'finished', fractions: new Float64Array([1, 1]) },
      { attemptId: ids[1]!, questions: [], sumGrades: 2, state: 'finished', fractions: new Float64Array([1, 1]) },
    ]);
    expect(store.statistics.readState(a).changes).toBe(2);
    store.db.prepare('DELETE FROM attempt_stats WHERE attempt_id = ?').run(ids[2]);
    expect(store.statistics.readState(a).changes).toBe(3);
    expect(store.statistics.readState(b).changes).toBe(0);
  });

  it('gives the highest attempt id of each quiz and the highest answer id', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    expect(store.statistics.readState(a)).toEqual({ lastAttemptId: 0, changes: 0, lastAnswerId: 0 });
    const slots = gradedSlots(store, a);
    const first = store.attempts.insertAttempt(gradedAttempt(a, slots, 'u', slots.map(() => null)));
    const second = store.attempts.insertAttempt(bare(b, 'u', [1, 1], [0, 0, 0]));
    const answers = store.db.prepare('SELECT max(id) AS id FROM attempt_questions').get() as { id: number };
    expect(store.statistics.readState(a)).toEqual({ lastAttemptId: first.id, changes: 0, lastAnswerId: answers.id });
    expect(store.statistics.readState(b).lastAttemptId).toBe(second.id);
  });
});

describe('ranged reads of the rows', () => {
  it('reads the rows of an id range across chunks, with users numbered on from a map', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    const count = 8200; // many chunks
    const ids: number[] = [];
    store.transaction(() => {
      for (let i = 0; i < count; i++) {
        ids.push(store.attempts.insertAttempt(bare(a, `u${i % 97}`, [i / count, Number.NaN], [i % 3, -1, i % 2], i % 50 === 0 ? null : i)).id);
        if (i % 1000 === 0) store.attempts.insertAttempt(bare(b, 'noise', [0, 0], [0, 0, 0]));
      }
    });
    const users = new Map<string, number>([['someone else', 0]]);
    const rows = readRows(store.statistics, a, { shape: SHAPE, afterAttemptId: ids[99]!, throughAttemptId: ids[8149]!, users });
    expect(rows.length).toBe(8050);
    expect(rows.chunks.length).toBeGreaterThan(1);
    expect(rows.shapeMismatches).toBe(0);
    expect(users.size).toBe(98);
    for (let r = 0; r < rows.length; r++) {
      const i = r + 100;
      expect(rows.attemptId[r]).toBe(ids[i]);
      expect(users.get(`u${i % 97}`)).toBe(rows.user[r]);
      expect(rows.attemptNumber[r]).toBe(Math.floor(i / 97) + 1);
      expect(Object.is(rows.sumGrades[r], i % 50 === 0 ? Number.NaN : i)).toBe(true);
      expect(rows.fractions[0]![r]).toBe(i / count);
      expect(Number.isNaN(rows.fractions[1]![r]!)).toBe(true);
      expect([rows.classes[0]![0]![r], rows.classes[1]![0]![r], rows.classes[1]![1]![r]]).toEqual([i % 3, -1, i % 2]);
    }
  });

  it('without a map, numbers the users of the range in user-id order, over several pages of users', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    // 2,100 users (more than a page of 2,048), some with a second or third attempt, stored out of name order.
    const order = Array.from({ length: 3000 }, (_, i) => `user-${String((i * 7919) % 2100).padStart(4, '0')}`);
    const ids: number[] = [];
    store.transaction(() => {
      for (const u of order) ids.push(store.attempts.insertAttempt(bare(a, u, [1, 1], [0, 0, 0])).id);
      store.attempts.insertAttempt(bare(b, 'aaron', [1, 1], [0, 0, 0]));
    });
    const all = readRows(store.statistics, a, { shape: SHAPE, afterAttemptId: 0, throughAttemptId: ids.at(-1)! });
    const sorted = [...new Set(order)].sort();
    expect(all.userCount).toBe(2100);
    expect([...all.user]).toEqual(order.map((u) => sorted.indexOf(u)));

    const range = readRows(store.statistics, a, { shape: SHAPE, afterAttemptId: ids[2099]!, throughAttemptId: ids[2102]! });
    const names = order.slice(2100, 2103);
    const inRange = [...new Set(names)].sort();
    expect(range.userCount).toBe(inRange.length);
    expect([...range.user]).toEqual(names.map((u) => inRange.indexOf(u)));
  });

  it('counts rows that do not fit the shape and hands over the classes of the attempts asked for', () => {
    const { store } = h();
    const [a] = twoQuizzes(store);
    const fits = store.attempts.insertAttempt(bare(a, 'fits', [0.5, 1], [2, 0, -1])).id;
    const longer = store.attempts.insertAttempt(bare(a, 'longer', [0.5, 1], [2, 0, -1, 4])).id;
    const badFractions = store.attempts.insertAttempt(bare(a, 'bad', [0.5], [1, 1, 1])).id;
    const read = (raw: number[]) =>
      readRows(store.statistics, a, { shape: SHAPE, afterAttemptId: 0, throughAttemptId: badFractions, users: new Map(), rawClassesFor: new Set(raw) });

    const plain = read([]);
    expect(plain.shapeMismatches).toBe(2);
    expect([...plain.fractions[0]!]).toEqual([0.5, 0.5, Number.NaN]);
    // Each blob is read when it fits: the third row's classes do, its fractions do not.
    expect([...plain.classes[0]![0]!]).toEqual([2, -1, 1]);
    expect(plain.rawClasses.size).toBe(0);

    const raw = read([fits, longer, badFractions]);
    expect(raw.shapeMismatches).toBe(1);
    expect([...raw.rawClasses.keys()]).toEqual([0, 1]);
    expect([...raw.rawClasses.get(0)!]).toEqual([2, 0, -1]);
    expect([...raw.rawClasses.get(1)!]).toEqual([2, 0, -1, 4]);
    expect([...raw.classes[1]![0]!]).toEqual([-1, -1, -1]);
    expect(raw.fractions[1]![1]).toBe(1);
  });
});

describe('attemptRowChunks and attemptUserPages', () => {
  it('give chunk by chunk the rows of a range, and page by page its user numbers', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    const stored: { id: number; user: string; number: number; sum: number | null; fractions: number[]; classes: number[] }[] = [];
    const attemptsOf = new Map<string, number>();
    store.transaction(() => {
      for (let i = 0; i < 2500; i++) {
        const user = `u${(i * 31) % 2300}`;
        const fractions = [i / 2500, i % 11 === 0 ? 0.5 : Number.NaN];
        const classes = i % 7 === 0 ? [i % 3, -1, i % 2, 1] : [i % 3, -1, i % 2];
        const sum = i % 50 === 0 ? null : i;
        const { id } = store.attempts.insertAttempt(bare(a, user, fractions, classes, sum));
        attemptsOf.set(user, (attemptsOf.get(user) ?? 0) + 1);
        stored.push({ id, user, number: attemptsOf.get(user)!, sum, fractions, classes });
        if (i % 500 === 0) store.attempts.insertAttempt(bare(b, 'noise', [0, 0], [0, 0, 0]));
      }
    });
    const raw = new Set([stored[14]!.id, stored[700]!.id]);
    const range = { shape: SHAPE, afterAttemptId: stored[9]!.id, throughAttemptId: stored[2409]!.id, rawClassesFor: raw };
    // What the range should read, from the attempts as stored: a classes blob of 4 fits no row of the shape.
    const expected = stored.slice(10, 2410);
    const fitting = (classes: number[]) => (classes.length === 3 ? classes : [-1, -1, -1]);
    const rawRows = new Map(expected.flatMap((e, row) => (raw.has(e.id) ? [[row, e.classes] as const] : [])));
    const mismatches = expected.filter((e) => e.classes.length !== 3 && !raw.has(e.id)).length;
    const userNames = [...new Set(expected.map((e) => e.user))].sort();

    const rows = readRows(store.statistics, a, range);
    expect(rows.chunks.length).toBeGreaterThan(3);
    expect(store.statistics.countAttemptRows(a, range.afterAttemptId, range.throughAttemptId)).toBe(2400);
    expect(rows.length).toBe(2400);
    expect([...rows.attemptId]).toEqual(expected.map((e) => e.id));
    expect([...rows.attemptNumber]).toEqual(expected.map((e) => e.number));
    expect(expected.some((e) => e.number > 1)).toBe(true);
    expect([...rows.sumGrades]).toEqual(expected.map((e) => e.sum ?? Number.NaN));
    expect(rows.fractions.map((column) => [...column])).toEqual([0, 1].map((s) => expected.map((e) => e.fractions[s])));
    expect([...rows.classes[0]![0]!]).toEqual(expected.map((e) => (raw.has(e.id) ? -1 : fitting(e.classes)[0])));
    expect(rows.classes[1]!.map((column) => [...column])).toEqual(
      [1, 2].map((k) => expected.map((e) => (raw.has(e.id) ? -1 : fitting(e.classes)[k]))),
    );
    expect(new Map([...rows.rawClasses].map(([row, whole]) => [row, [...whole]]))).toEqual(rawRows);
    expect(rawRows.size).toBe(2);
    expect(rows.shapeMismatches).toBe(mismatches);
    expect(mismatches).toBeGreaterThan(0);
    // Without a map the chunks leave users to the pages, which number them in user-id order.
    for (const chunk of store.statistics.attemptRowChunks(a, range)) {
      expect(chunk.user.subarray(0, chunk.length).every((u) => u === 0)).toBe(true);
    }
    expect(rows.userCount).toBe(userNames.length);
    expect([...rows.user]).toEqual(expected.map((e) => userNames.indexOf(e.user)));

    // With a map, users are numbered on in the order they come, chunk after chunk.
    const byMap = readRows(store.statistics, a, { ...range, users: new Map() });
    const firstSeen = [...new Set(expected.map((e) => e.user))];
    expect(byMap.userIds).toEqual(firstSeen);
    expect([...byMap.user]).toEqual(expected.map((e) => firstSeen.indexOf(e.user)));
  });
});

describe('the read-only connection', () => {
  it("reads one committed state across awaits while the store's own connection writes", async () => {
    const { store } = h();
    const [a] = twoQuizzes(store);
    store.attempts.insertAttempt(bare(a, 'u', [1, 1], [0, 0, 0]));
    const reader = store.reader()!;
    expect(store.reader()).toBe(reader);
    const seen = await reader.readSnapshot(async () => {
      const before = reader.statistics.readState(a);
      await nextTurn();
      store.attempts.insertAttempt(bare(a, 'v', [1, 0], [0, 0, 0]));
      await nextTurn();
      return [before, reader.statistics.readState(a), store.statistics.readState(a)];
    });
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]!.lastAttemptId).toBeGreaterThan(seen[0]!.lastAttemptId);
    expect(reader.statistics.readState(a)).toEqual(seen[2]);
    // One snapshot at a time, and no writes.
    await expect(reader.readSnapshot(() => reader.readSnapshot(async () => 1))).rejects.toThrow(/already open/);
    expect(() => reader.quizzes.createQuiz({ name: 'x', slots: [] })).toThrow();
  });

  it('is none for an in-memory database, and closes with the store', async () => {
    const memory = openStore(':memory:').store;
    expect(memory.reader()).toBeNull();
    memory.close();
    const { store } = h();
    const reader = store.reader()!;
    store.close();
    await expect(reader.readSnapshot(async () => reader.statistics.readState(1))).rejects.toThrow();
  });
});

describe('answers on earlier versions', () => {
  it('finds the attempts of a quiz graded on a version, and answers stored on it after a point', () => {
    const { store } = h();
    const [a, b] = twoQuizzes(store);
    const slotsA = gradedSlots(store, a);
    const q1 = slotsA[0]!.slot;
    const first = store.attempts.insertAttempt(gradedAttempt(a, slotsA, 'u', [null])).id;
    store.attempts.insertAttempt(gradedAttempt(b, gradedSlots(store, b), 'u', [null]));
    const edited = structuredClone(q1.question) as MultichoiceQuestion;
    edited.answers.reverse();
    store.questions.updateQuestion(q1.questionId, { question: edited, choiceIds: q1.choiceIds });
    const { lastAnswerId } = store.statistics.readState(a);
    expect(store.statistics.answeredOnVersionsSince([q1.versionId], lastAnswerId)).toBe(false);

    const late = store.attempts.insertAttempt(gradedAttempt(a, slotsA, 'v', [null])).id;
    expect(store.statistics.answeredOnVersionsSince([q1.versionId], lastAnswerId)).toBe(true);
    expect(store.statistics.attemptsOnVersion(a, q1.slot, q1.versionId, late)).toEqual([first, late]);
    expect(store.statistics.attemptsOnVersion(a, q1.slot, q1.versionId, first)).toEqual([first]);
    expect(store.statistics.attemptsOnVersion(a, q1.slot + 1, q1.versionId, late)).toEqual([]);
  });
});
