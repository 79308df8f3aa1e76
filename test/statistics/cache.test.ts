// The report's cache reflects every committed change: new attempts (read on their own), manual grades and
// regrades (updates), deletions, edited questions, and it keeps quizzes apart.
import { describe, expect, it, vi } from 'vitest';
import { random } from '../../bench/random.js';
import { createRnnQuiz, gradedAttempt, gradedSlots, RNN_CATEGORY } from '../../bench/stats-data.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import { StatisticsService, type QuizStatisticsReport } from '../../src/services/statistics.js';
import {
  baseQuestion,
  newEssay,
  newTrueFalse,
  type MultichoiceQuestion,
  type Question,
  type Response,
} from '../../src/model/index.js';
import { WHICH_ATTEMPTS, type QuizStatistics } from '../../src/stats/index.js';
import { roundDecimal, type NewAttempt, type Store } from '../../src/storage/index.js';
import { expectedStatistics, storeMixedAttempts } from './expected.js';
import { useHarness } from './harness.js';

const h = useHarness();

function figures(report: QuizStatisticsReport): QuizStatistics {
  const { id: _id, idnumber: _idnumber, name: _name, ...quiz } = report.quiz;
  return { quiz, questions: report.questions };
}

/** Spies on the storage reads (through the store's read-only connection), to tell a full read (from attempt 0) from an appended one. */
function watchReads(store: Store): number[] {
  const reads: number[] = [];
  const statistics = store.reader()!.statistics;
  const original = statistics.attemptRowChunks.bind(statistics);
  vi.spyOn(statistics, 'attemptRowChunks').mockImplementation((quizId, request) => {
    reads.push(request.afterAttemptId);
    return original(quizId, request);
  });
  return reads;
}

/** A quiz of a true/false question and an essay that waits for a manual grade. */
function essayQuiz(store: Store): number {
  const categoryId = store.categories.ensureCategoryPath('$course$/top/Essays').id;
  const questions: Question[] = [newTrueFalse(baseQuestion('tf', 'Is it?'), true), newEssay(baseQuestion('essay', 'Why?'))];
  const created = store.questions.insertQuestions(questions.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })));
  return store.quizzes.createQuiz({ name: 'Essays', idnumber: 'essays', slots: created.map((q, i) => ({ questionId: q.id, maxMark: i + 1 })) }).id;
}

describe('the statistics cache', () => {
  it('reads only the attempts stored since the last report, and answers a repeat from memory', async () => {
    const { store, services } = h();
    const quizId = createRnnQuiz(store);
    const attempts = storeMixedAttempts(store, quizId, 40, 15, 7);
    const reads = watchReads(store);

    const first = await services.statistics.report('rnn-4.1', 'all');
    expect(figures(first)).toEqual(expectedStatistics(store, quizId, attempts, 'all'));
    expect(await services.statistics.report('rnn-4.1', 'all')).toBe(first);
    expect(reads).toEqual([0]);

    const lastId = store.attempts.listAttempts(quizId).items.at(-1)!.id;
    attempts.push(...storeMixedAttempts(store, quizId, 5, 20, 8));
    const second = await services.statistics.report('rnn-4.1', 'all');
    expect(reads).toEqual([0, lastId]);
    expect(second.quiz.allAttemptsCount).toBe(45);
    for (const which of WHICH_ATTEMPTS) {
      expect(figures(await services.statistics.report('rnn-4.1', which))).toEqual(expectedStatistics(store, quizId, attempts, which));
    }
  });

  it('reflects a manual grade: the attempt joins the report once its essay is graded', async () => {
    const { store, services } = h();
    const quizId = essayQuiz(store);
    const slots = gradedSlots(store, quizId);
    const tf = (value: boolean): Response => ({ type: 'truefalse', value });
    const essay: Response = { type: 'essay', text: 'Because.' };
    const attempts = [
      gradedAttempt(quizId, slots, 'a', [tf(true), null]),
      gradedAttempt(quizId, slots, 'b', [tf(false), essay]),
      gradedAttempt(quizId, slots, 'c', [tf(true), essay]),
    ];
    const ids = attempts.map((a) => store.attempts.insertAttempt(a).id);
    const before = await services.statistics.report('essays', 'all');
    expect(before.quiz.allAttemptsCount).toBe(1);
    const reads = watchReads(store);

    store.attempts.setManualGrade(ids[2]!, 2, { fraction: 0.5, mark: 1, state: 'gradedpartial' }, () => ({
      sumGrades: 2,
      state: 'finished',
      fractions: new Float64Array([1, 0.5]),
    }));
    attempts[2] = { ...attempts[2]!, sumGrades: 2, fractions: new Float64Array([1, 0.5]) };
    const after = await services.statistics.report('essays', 'all');
    expect(reads).toEqual([0]);
    expect(after.quiz.allAttemptsCount).toBe(2);
    expect(figures(after)).toEqual(expectedStatistics(store, quizId, attempts.filter((_, i) => i !== 1), 'all'));
  });

  it('reflects a regrade and a deleted attempt', async () => {
    const { store, services } = h();
    const quizId = createRnnQuiz(store);
    const attempts = storeMixedAttempts(store, quizId, 30, 30, 9);
    const ids = store.attempts.listAttempts(quizId).items.map((a) => a.id);
    await services.statistics.report('rnn-4.1', 'all');

    // A regrade that gives full marks on the first question of the first five attempts.
    const updates = attempts.slice(0, 5).map((a, i) => {
      const fractions = a.fractions.slice();
      fractions[0] = 1;
      const sumGrades = roundDecimal(fractions.reduce((t, f) => t + (Number.isNaN(f) ? 0 : f), 0), 5);
      attempts[i] = { ...a, fractions, sumGrades };
      return { attemptId: ids[i]!, questions: [], sumGrades, state: 'finished' as const, fractions };
    });
    store.attempts.regradeAttempts(updates);
    expect(figures(await services.statistics.report('rnn-4.1', 'all'))).toEqual(expectedStatistics(store, quizId, attempts, 'all'));

    // Storage has no deletion yet: an administrator's SQL, which the change counter sees all the same.
    store.transaction(() => {
      for (const table of ['attempt_stats', 'attempt_questions']) store.db.prepare(`DELETE FROM ${table} WHERE attempt_id = ?`).run(ids[3]);
      store.db.prepare('DELETE FROM attempts WHERE id = ?').run(ids[3]);
    });
    attempts.splice(3, 1);
    expect(figures(await services.statistics.report('rnn-4.1', 'all'))).toEqual(expectedStatistics(store, quizId, attempts, 'all'));
  });

  it('keeps two quizzes apart, also when its budget holds only one of them', async () => {
    const { store, services } = h();
    const a = createRnnQuiz(store);
    const b = createRnnQuiz(store, { idnumber: 'rnn-copy', name: 'Copy', category: `${RNN_CATEGORY}/Copy` });
    const small = new StatisticsService(store, { maxCachedBytes: 1 });
    const stored = { [a]: [] as NewAttempt[], [b]: [] as NewAttempt[] };
    for (let round = 0; round < 3; round++) {
      stored[a]!.push(...storeMixedAttempts(store, a, 10, 8, 100 + round));
      stored[b]!.push(...storeMixedAttempts(store, b, 7, 8, 200 + round));
      for (const service of [services.statistics, small]) {
        for (const [quizId, ref] of [[a, 'rnn-4.1'], [b, 'rnn-copy']] as const) {
          const report = await service.report(ref, 'all');
          expect(report.quiz.id).toBe(quizId);
          expect(figures(report)).toEqual(expectedStatistics(store, quizId, stored[quizId]!, 'all'));
        }
      }
    }
  });

  it('carries attempts on an earlier version over to the current classes by their text, late ones included', async () => {
    const { store, services } = h();
    const quizId = createRnnQuiz(store);
    const oldSlots = gradedSlots(store, quizId);
    const pick = (i: number): Response => ({ type: 'multichoice', selected: [i] });
    // On version 1 of Q1: two chose choice 0, three the right choice 1, one left it out.
    const old = [pick(0), pick(0), pick(1), pick(1), pick(1), null].map((r, i) => gradedAttempt(quizId, oldSlots, `old-${i}`, [r]));
    for (const attempt of old) store.attempts.insertAttempt(attempt);
    await services.statistics.report('rnn-4.1');

    // Version 2 rewords choice 0 and adds a third choice: choice 1 keeps its text.
    const q1 = oldSlots[0]!.slot;
    const edited = structuredClone(q1.question) as MultichoiceQuestion;
    edited.answers[0]!.text = 'Потому что нет хороших реализаций на GPU';
    edited.answers.push({ ...edited.answers[0]!, text: 'Потому что так принято', fraction: 0 });
    store.questions.updateQuestion(q1.questionId, {
      question: edited,
      choiceIds: assignChoiceIds(edited, { question: q1.question, ids: q1.choiceIds }),
    });
    const newSlots = gradedSlots(store, quizId);
    const fresh = [pick(1), pick(2), pick(0)].map((r, i) => gradedAttempt(quizId, newSlots, `new-${i}`, [r]));
    for (const attempt of fresh) store.attempts.insertAttempt(attempt);
    await services.statistics.report('rnn-4.1', 'all');
    // An attempt graded on version 1 that is stored only now (it was submitted before the edit).
    const late = gradedAttempt(quizId, oldSlots, 'late', [pick(0)]);
    store.attempts.insertAttempt(late);

    const report = await services.statistics.report('rnn-4.1', 'all');
    const versions = store.questions.getQuestion(q1.questionId)!.versions;
    expect(report.olderVersions).toEqual([
      { slot: 1, questionId: q1.questionId, versionId: versions[0]!.versionId, version: 1, attempts: 7, sameClasses: false, unmatchedResponses: 3 },
    ]);
    expect(report.shapeMismatches).toBe(0);
    const counts = report.questions[0]!.responses.map((r) => [r.response, r.count]);
    expect(counts).toEqual([
      ['Потому что нет хороших реализаций на GPU', 1],
      [expect.stringMatching(/^Потому что очередной элемент/), 4],
      ['Потому что так принято', 1],
      ['[No response]', 1],
    ]);
    // Marks count as graded: the old right answers are right, whatever the version.
    expect(report.questions[0]!.facilityIndex).toBeCloseTo((4 / 10) * 100, 12);
    // The same as a service with nothing cached.
    expect(await new StatisticsService(store).report('rnn-4.1', 'all')).toEqual(report);
  });

  it('gives what a fresh service gives after any interleaving of submissions, grades and reports', async () => {
    const { store, services } = h();
    const quizId = createRnnQuiz(store);
    const next = random(2025);
    const attempts: NewAttempt[] = [];
    for (let step = 0; step < 40; step++) {
      const roll = next();
      if (roll < 0.5) attempts.push(...storeMixedAttempts(store, quizId, 1 + Math.floor(next() * 4), 12, step));
      else if (roll < 0.65 && attempts.length > 0) {
        const ids = store.attempts.listAttempts(quizId).items.map((a) => a.id);
        const i = Math.floor(next() * ids.length);
        const fractions = attempts[i]!.fractions.map(() => Math.round(next() * 2) / 2);
        const sumGrades = roundDecimal(fractions.reduce((t, f) => t + f, 0), 5);
        attempts[i] = { ...attempts[i]!, fractions, sumGrades };
        store.attempts.regradeAttempts([{ attemptId: ids[i]!, questions: [], sumGrades, state: 'finished', fractions }]);
      }
      const which = WHICH_ATTEMPTS[Math.floor(next() * WHICH_ATTEMPTS.length)]!;
      const cached = await services.statistics.report('rnn-4.1', which);
      expect(cached).toEqual(await new StatisticsService(store).report('rnn-4.1', which));
      expect(figures(cached)).toEqual(expectedStatistics(store, quizId, attempts, which));
    }
  });
});
