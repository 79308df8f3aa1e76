// The report reads and computes in slices with the event loop free in between: submissions go on meanwhile,
// each request still reflects every attempt committed before it, and requests are answered one at a time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createRnnQuiz } from '../../bench/stats-data.js';
import { pace } from '../../src/services/pace.js';
import { StatisticsService, type QuizStatisticsReport } from '../../src/services/statistics.js';
import { type QuizStatistics, type Steps } from '../../src/stats/index.js';
import { openStore } from '../../src/storage/index.js';
import { expectedStatistics, storeMixedAttempts } from './expected.js';
import { useHarness } from './harness.js';

const h = useHarness();

function figures(report: QuizStatisticsReport): QuizStatistics {
  const { id: _id, idnumber: _idnumber, name: _name, ...quiz } = report.quiz;
  return { quiz, questions: report.questions };
}

/** Counts the turns of the event loop until `promise` settles. */
async function turnsUntil<T>(promise: Promise<T>): Promise<{ value: T; turns: number }> {
  let settled = false;
  let turns = 0;
  const value = promise.finally(() => (settled = true));
  while (!settled) {
    await nextTurn();
    turns++;
  }
  return { value: await value, turns };
}

function* countTo(n: number, seen: number[]): Steps<number> {
  for (let i = 0; i < n; i++) {
    seen.push(i);
    yield;
  }
  return n;
}

describe('pace', () => {
  it('runs every step, and gives the event loop a turn between slices', async () => {
    const seen: number[] = [];
    const every = await turnsUntil(pace(countTo(20, seen), 0));
    expect(every.value).toBe(20);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // A slice of 0 ms ends after each step; a long slice holds all of them.
    expect(every.turns).toBeGreaterThanOrEqual(20);
    const once = await turnsUntil(pace(countTo(20, []), 60_000));
    expect(once.turns).toBeLessThanOrEqual(1);
  });
});

describe('the report in slices', () => {
  it('lets submissions commit while it runs, and reflects those committed before each request', async () => {
    const { store } = h();
    const quizId = createRnnQuiz(store);
    const attempts = storeMixedAttempts(store, quizId, 30, 12, 5);
    const service = new StatisticsService(store, { sliceMs: 0 });

    const first = service.report('rnn-4.1', 'all');
    let firstDone = false;
    void first.then(() => (firstDone = true));
    // The first request has begun reading: attempts submitted now commit while it runs, and it does not see them.
    await nextTurn();
    const later = storeMixedAttempts(store, quizId, 4, 12, 6);
    expect(firstDone).toBe(false);
    const second = service.report('rnn-4.1', 'all');

    const { turns } = await turnsUntil(first);
    expect(turns).toBeGreaterThan(10);
    expect(figures(await first)).toEqual(expectedStatistics(store, quizId, attempts, 'all'));
    expect(figures(await second)).toEqual(expectedStatistics(store, quizId, [...attempts, ...later], 'all'));
  });

  it('answers requests one after the other, each on a cache brought up to date', async () => {
    const { store } = h();
    const quizId = createRnnQuiz(store);
    const attempts = storeMixedAttempts(store, quizId, 25, 10, 8);
    const service = new StatisticsService(store, { sliceMs: 0 });
    const order: string[] = [];
    const reports = (['highest', 'first', 'last', 'all', 'highest'] as const).map((which, i) =>
      service.report('rnn-4.1', which).then((report) => {
        order.push(`${i}:${which}`);
        return report;
      }),
    );
    const done = await Promise.all(reports);
    expect(order).toEqual(['0:highest', '1:first', '2:last', '3:all', '4:highest']);
    expect(done[4]).toBe(done[0]);
    for (const report of done) {
      expect(figures(report)).toEqual(expectedStatistics(store, quizId, attempts, report.quiz.whichAttempts));
    }
  });

  it('drops a quiz whose read failed, and reads it in full for the next request', async () => {
    const { store } = h();
    const quizId = createRnnQuiz(store);
    const attempts = storeMixedAttempts(store, quizId, 20, 8, 9);
    const service = new StatisticsService(store, { sliceMs: 0 });
    await service.report('rnn-4.1', 'all');
    attempts.push(...storeMixedAttempts(store, quizId, 3, 8, 10));

    const statistics = store.reader()!.statistics;
    const spy = vi.spyOn(statistics, 'attemptRowChunks').mockImplementationOnce(() => {
      throw new Error('disk on fire');
    });
    await expect(service.report('rnn-4.1', 'all')).rejects.toThrow('disk on fire');
    spy.mockRestore();
    const reads = vi.spyOn(statistics, 'attemptRowChunks');
    const report = await service.report('rnn-4.1', 'all');
    expect(reads.mock.calls.map(([, request]) => request.afterAttemptId)).toEqual([0]);
    expect(figures(report)).toEqual(expectedStatistics(store, quizId, attempts, 'all'));
  });

  it('reads an in-memory database at once, with the same figures', async () => {
    const { store } = openStore(':memory:');
    try {
      const quizId = createRnnQuiz(store);
      const attempts = storeMixedAttempts(store, quizId, 30, 12, 11);
      const service = new StatisticsService(store, { sliceMs: 0 });
      const { value, turns } = await turnsUntil(service.report('rnn-4.1', 'highest'));
      expect(turns).toBeLessThanOrEqual(1);
      expect(figures(value)).toEqual(expectedStatistics(store, quizId, attempts, 'highest'));
    } finally {
      store.close();
    }
  });
});
