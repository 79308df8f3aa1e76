// Question versions: an edit never touches stored attempts; a regrade carries responses over to the current
// versions by choice id, reports what changes, and (unless a dry run) stores it in one go.
import { describe, expect, it } from 'vitest';
import { baseQuestion, newEssay, newShortAnswer, richText, type Question } from '../../src/model/index.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useApi, type Api } from './harness.js';
import { choiceIds } from './rnn-quiz.js';

const api = useApi();

/** Saves `change(current)` as a new version of the entry, ids kept for unchanged texts (as the bank does). */
function edit(a: Api, questionId: number, change: (q: Question) => Question): number {
  const current = a.store.questions.getQuestion(questionId)!;
  const question = change(structuredClone(current.question));
  const ids = assignChoiceIds(question, { question: current.question, ids: current.choiceIds });
  return a.store.questions.updateQuestion(questionId, { question, choiceIds: ids }).versionId;
}

async function submit(a: Api, responses: Record<string, unknown>, userId = 'ann', quiz = 'rnn-4.1') {
  const res = await a.http.post(`/api/v1/quizzes/${quiz}/attempts`).set(a.as(a.client)).send({ userId, responses });
  expect(res.status).toBe(201);
  return res.body;
}

async function read(a: Api, id: number) {
  return (await a.http.get(`/api/v1/attempts/${id}`).set(a.as(a.admin))).body;
}

function regrade(a: Api, body: object, quiz = 'rnn-4.1') {
  return a.http.post(`/api/v1/quizzes/${quiz}/regrade`).set(a.as(a.admin)).send(body);
}

const q2 = (a: Api) => a.rnn.ids['rnn-q2']!;

/** Q2 with "x_6" worth 0 instead of -50%. */
function forgiveX6(a: Api): number {
  return edit(a, q2(a), (q) => {
    if (q.type !== 'multichoice') throw new Error('Q2 is a multichoice');
    q.answers = q.answers.map((answer) => (answer.text.includes('x_6') ? { ...answer, fraction: 0 } : answer));
    return q;
  });
}

describe('versions and regrade', () => {
  it('an edit leaves stored attempts as they were; new attempts use the new version', async () => {
    const a = api();
    const response = choiceIds(a.store, q2(a), 'x_1', 'x_6');
    const before = await submit(a, { 'rnn-q2': response });
    const oldVersion = before.questions[1].versionId;
    expect(before.questions[1]).toMatchObject({ idnumber: 'rnn-q2', fraction: 0, state: 'gradedwrong' });

    const newVersion = forgiveX6(a);
    expect(newVersion).not.toBe(oldVersion);
    expect(await read(a, before.id)).toEqual(before);

    const after = await submit(a, { 'rnn-q2': response }, 'bob');
    expect(after.questions[1]).toMatchObject({ versionId: newVersion, fraction: 0.5, state: 'gradedpartial' });
    expect(after.questions[1].response).toEqual(response);
  });

  it('a dry run lists what would change and stores nothing; the real run stores the same list', async () => {
    const a = api();
    const x1x6 = choiceIds(a.store, q2(a), 'x_1', 'x_6');
    const right = choiceIds(a.store, q2(a), 'x_1', 'h_4');
    const changed = await submit(a, { 'rnn-q2': x1x6, 'rnn-q4': '12528' });
    const unchanged = await submit(a, { 'rnn-q2': right }, 'bob');
    const oldVersion = changed.questions[1].versionId;
    const newVersion = forgiveX6(a);

    const dry = await regrade(a, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      quizId: a.rnn.quizId,
      dryRun: true,
      attempts: 2,
      attemptsUpdated: 2,
      questionsUpdated: 2,
      changes: [
        {
          attemptId: changed.id,
          userId: 'ann',
          attemptNumber: 1,
          slot: 3,
          questionId: q2(a),
          fromVersionId: oldVersion,
          toVersionId: newVersion,
          oldFraction: 0,
          newFraction: 0.5,
          oldState: 'gradedwrong',
          newState: 'gradedpartial',
          oldSumGrades: 1,
          newSumGrades: 1.5,
          responseLost: false,
          manualGradeKept: false,
        },
      ],
    });
    expect(await read(a, changed.id)).toEqual(changed);
    expect(await read(a, unchanged.id)).toEqual(unchanged);

    const real = await regrade(a, {});
    expect(real.status).toBe(200);
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    const stored = await read(a, changed.id);
    expect(stored).toMatchObject({ sumGrades: 1.5, state: 'finished' });
    expect(stored.questions[1]).toMatchObject({
      versionId: newVersion,
      fraction: 0.5,
      mark: 0.5,
      state: 'gradedpartial',
      response: x1x6,
      feedback: { numCorrect: 'You have correctly selected 1.' },
    });
    // The right answer stays right on the new version; it moved without a change of grade.
    expect((await read(a, unchanged.id)).questions[1]).toMatchObject({ versionId: newVersion, fraction: 1 });
    // The statistics row was rewritten.
    const columns = readAllRows(a.store.statistics, a.rnn.quizId, { slots: 7, parts: [1, 4, 1, 1, 5, 1, 3] });
    expect(Array.from(columns.sumGrades)).toEqual([1.5, 1]);
    expect(Array.from(columns.fractions[1]!)).toEqual([0.5, 1]);
    // Nothing is left to regrade.
    const again = await regrade(a, { dryRun: false });
    expect(again.body).toMatchObject({ attempts: 2, attemptsUpdated: 0, questionsUpdated: 0, changes: [] });
  });

  it('a response naming a choice that no longer exists counts as blank and is reported', async () => {
    const a = api();
    const q1 = a.rnn.ids['rnn-q1']!;
    const attempt = await submit(a, { 'rnn-q1': choiceIds(a.store, q1, 'очередной')[0] });
    edit(a, q1, (q) => {
      if (q.type !== 'multichoice') throw new Error('Q1 is a multichoice');
      q.answers[1] = { ...q.answers[1]!, text: 'Потому что каждый шаг ждёт предыдущий' };
      return q;
    });
    const report = await regrade(a, {});
    expect(report.body.changes).toEqual([
      expect.objectContaining({ attemptId: attempt.id, oldFraction: 1, newFraction: null, oldState: 'gradedright', newState: 'gaveup', responseLost: true, oldSumGrades: 1, newSumGrades: 0 }),
    ]);
    expect((await read(a, attempt.id)).questions[0]).toMatchObject({ state: 'gaveup', fraction: null, mark: 0, response: null });
  });

  it('a response is carried over by choice id when the answers move', async () => {
    const a = api();
    const [h4] = choiceIds(a.store, q2(a), 'h_4');
    const attempt = await submit(a, { 'rnn-q2': [h4] });
    // x_6 (the first answer) goes: h_4 moves from index 2 to 1, and keeps its id.
    edit(a, q2(a), (q) => {
      if (q.type !== 'multichoice') throw new Error('Q2 is a multichoice');
      q.answers = q.answers.filter((answer) => !answer.text.includes('x_6'));
      return q;
    });
    const report = await regrade(a, {});
    expect(report.body).toMatchObject({ attemptsUpdated: 1, questionsUpdated: 1, changes: [] });
    const stored = (await read(a, attempt.id)).questions[1];
    expect(stored).toMatchObject({ response: [h4], fraction: 0.5, state: 'gradedpartial' });
    const row = a.store.attempts.getAttempt(attempt.id)!.questions[1]!;
    expect(row.response).toEqual({ type: 'multichoice', selected: [1] });
  });

  it("an essay's manual grade survives a new version, not a change of type", async () => {
    const a = api();
    const categoryId = a.store.categories.ensureCategoryPath('$course$/top/Essays').id;
    const essay = { ...newEssay(baseQuestion('Эссе', 'Почему?')), idnumber: 'essay-1' };
    const created = a.store.questions.createQuestion({ question: essay, categoryId, choiceIds: assignChoiceIds(essay) });
    a.store.quizzes.createQuiz({ name: 'E', idnumber: 'e', slots: [{ questionId: created.id, maxMark: 2 }] });
    const attempt = await submit(a, { 'essay-1': 'Потому что.' }, 'ann', 'e');
    await a.http.post(`/api/v1/attempts/${attempt.id}/grades`).set(a.as(a.admin)).send({ questionId: 'essay-1', fraction: 0.75, comment: 'OK' });

    edit(a, created.id, (q) => ({ ...q, generalFeedback: richText('Образец ответа.') }));
    const kept = await regrade(a, {}, 'e');
    expect(kept.body).toMatchObject({ attemptsUpdated: 1, questionsUpdated: 1, changes: [] });
    expect((await read(a, attempt.id)).questions[0]).toMatchObject({
      state: 'gradedpartial',
      fraction: 0.75,
      mark: 1.5,
      comment: 'OK',
      feedback: { general: { text: 'Образец ответа.' } },
    });

    edit(a, created.id, (q) => {
      const sa = newShortAnswer({ ...q, text: richText('Одно слово?') });
      sa.answers = [{ text: 'потому', format: 'moodle', files: [], fraction: 1, feedback: richText('') }];
      return sa;
    });
    const dropped = await regrade(a, {}, 'e');
    expect(dropped.body.changes).toEqual([
      expect.objectContaining({ oldFraction: 0.75, newFraction: null, newState: 'gaveup', responseLost: true, manualGradeKept: false, newSumGrades: 0 }),
    ]);
  });

  it('an unknown quiz is a 404; a bad body a 422', async () => {
    const a = api();
    expect((await regrade(a, {}, 'nope')).status).toBe(404);
    const bad = await regrade(a, { dryRun: 'yes' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.dryRun']);
  });
});
