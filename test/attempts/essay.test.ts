// Essays wait for a teacher: the attempt has no total until POST /attempts/{id}/grades gives one.
import { describe, expect, it } from 'vitest';
import { baseQuestion, newDescription, newEssay, richText } from '../../src/model/index.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useApi, type Api } from './harness.js';
import { choiceIds } from './rnn-quiz.js';

const api = useApi();

/** A quiz of RNN Q1 (1 mark), a description and an essay worth 2 marks. */
function essayQuiz(a: Api) {
  const categoryId = a.store.categories.ensureCategoryPath('$course$/top/Essays').id;
  const essay = { ...newEssay(baseQuestion('Эссе', 'Объясните, почему градиент затухает.')), idnumber: 'essay-1' };
  essay.generalFeedback = richText('Градиент — произведение множителей меньше единицы.');
  const intro = { ...newDescription(baseQuestion('Intro', 'Read this first.')), idnumber: 'intro' };
  const [e, d] = a.store.questions.insertQuestions(
    [essay, intro].map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })),
  );
  a.store.quizzes.createQuiz({
    name: 'Essay quiz',
    idnumber: 'essays',
    slots: [
      { questionId: a.rnn.ids['rnn-q1']!, maxMark: 1 },
      { questionId: d!.id, maxMark: 0 },
      { questionId: e!.id, maxMark: 2 },
    ],
  });
  return { essayId: e!.id, quizId: a.store.quizzes.getQuiz('essays')!.id };
}

async function submitEssay(a: Api, text: string | undefined) {
  const responses: Record<string, unknown> = { 'rnn-q1': choiceIds(a.store, a.rnn.ids['rnn-q1']!, 'очередной')[0] };
  if (text !== undefined) responses['essay-1'] = text;
  const res = await a.http.post('/api/v1/quizzes/essays/attempts').set(a.as(a.client)).send({ userId: 'ann', responses });
  expect(res.status).toBe(201);
  return res.body;
}

function grade(a: Api, attemptId: number, body: object) {
  return a.http.post(`/api/v1/attempts/${attemptId}/grades`).set(a.as(a.admin)).send(body);
}

describe('essay grading', () => {
  it('needs grading, then a manual grade finishes the attempt with the right total', async () => {
    const a = api();
    const { quizId } = essayQuiz(a);
    const submitted = await submitEssay(a, 'Потому что производная меньше единицы.');
    expect(submitted).toMatchObject({ state: 'needsgrading', sumGrades: null, maxGrade: 3 });
    expect(submitted.questions[1]).toMatchObject({
      idnumber: 'essay-1',
      slot: 3,
      type: 'essay',
      state: 'needsgrading',
      fraction: null,
      mark: null,
      response: 'Потому что производная меньше единицы.',
      rightAnswer: '',
      comment: null,
    });
    const shape = { slots: 2, parts: [1, 0] };
    expect(Array.from(readAllRows(a.store.statistics, quizId, shape).sumGrades)).toEqual([Number.NaN]);

    const graded = await grade(a, submitted.id, { questionId: 'essay-1', fraction: 0.75, comment: 'Хорошо, но кратко.' });
    expect(graded.status).toBe(200);
    expect(graded.body).toMatchObject({ id: submitted.id, state: 'finished', sumGrades: 2.5 });
    expect(graded.body.questions[1]).toMatchObject({
      state: 'gradedpartial',
      fraction: 0.75,
      mark: 1.5,
      comment: 'Хорошо, но кратко.',
      feedback: { specific: [], combined: null, numCorrect: null, general: { text: 'Градиент — произведение множителей меньше единицы.' } },
    });
    // The right-answered Q1 is untouched.
    expect(graded.body.questions[0]).toEqual(submitted.questions[0]);
    // The statistics row follows.
    const columns = readAllRows(a.store.statistics, quizId, shape);
    expect(Array.from(columns.sumGrades)).toEqual([2.5]);
    expect(columns.fractions.map((f) => f[0])).toEqual([1, 0.75]);
    // The stored attempt reads back as graded.
    expect((await a.http.get(`/api/v1/attempts/${submitted.id}`).set(a.as(a.client))).body).toEqual(graded.body);
  });

  it('a second grade replaces the first; the comment stays unless given; fractions keep 7 decimals', async () => {
    const a = api();
    essayQuiz(a);
    const submitted = await submitEssay(a, 'Текст.');
    await grade(a, submitted.id, { questionId: 'essay-1', fraction: 0, comment: 'Нет.' });
    const regraded = await grade(a, submitted.id, { questionId: String(a.store.quizzes.getQuiz('essays')!.slots[2]!.questionId), fraction: 1 / 3 });
    expect(regraded.status).toBe(200);
    expect(regraded.body.questions[1]).toMatchObject({ state: 'gradedpartial', fraction: 0.3333333, comment: 'Нет.' });
    expect(regraded.body.sumGrades).toBe(1.66667);
    const full = await grade(a, submitted.id, { questionId: 'essay-1', fraction: 1, comment: null });
    expect(full.body.questions[1]).toMatchObject({ state: 'gradedright', fraction: 1, mark: 2, comment: null });
    expect(full.body).toMatchObject({ state: 'finished', sumGrades: 3 });
  });

  it('a blank essay is gave up: the attempt is finished at once, and a teacher may still grade it', async () => {
    const a = api();
    essayQuiz(a);
    const submitted = await submitEssay(a, undefined);
    expect(submitted).toMatchObject({ state: 'finished', sumGrades: 1 });
    expect(submitted.questions[1]).toMatchObject({ state: 'gaveup', fraction: null, mark: 0 });
    const graded = await grade(a, submitted.id, { questionId: 'essay-1', fraction: 0.5 });
    expect(graded.body).toMatchObject({ state: 'finished', sumGrades: 2 });
  });

  it.each<[string, object, string]>([
    ['above 1', { questionId: 'essay-1', fraction: 1.5 }, 'body.fraction'],
    ['below 0', { questionId: 'essay-1', fraction: -0.1 }, 'body.fraction'],
    ['missing', { questionId: 'essay-1' }, 'body.fraction'],
    ['a string', { questionId: 'essay-1', fraction: '0.5' }, 'body.fraction'],
    ['without a question', { fraction: 0.5 }, 'body.questionId'],
  ])('a fraction %s is a 422 and changes nothing', async (_, body, path) => {
    const a = api();
    essayQuiz(a);
    const submitted = await submitEssay(a, 'Текст.');
    const res = await grade(a, submitted.id, body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([path]);
    const stored = await a.http.get(`/api/v1/attempts/${submitted.id}`).set(a.as(a.admin));
    expect(stored.body).toEqual(submitted);
  });

  it('an unknown attempt or question is a 404; an automatically graded question or a description a 409', async () => {
    const a = api();
    essayQuiz(a);
    const submitted = await submitEssay(a, 'Текст.');
    expect((await grade(a, 999, { questionId: 'essay-1', fraction: 1 })).status).toBe(404);
    const unknown = await grade(a, submitted.id, { questionId: 'rnn-q4', fraction: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatch(/has no question "rnn-q4"/);
    const automatic = await grade(a, submitted.id, { questionId: 'rnn-q1', fraction: 0.5 });
    expect(automatic.status).toBe(409);
    expect(automatic.body.detail).toMatch(/graded automatically; only essays take a manual grade/);
    const description = await grade(a, submitted.id, { questionId: 'intro', fraction: 1 });
    expect(description.status).toBe(409);
    expect(description.body.detail).toMatch(/description/);
    expect((await a.http.get(`/api/v1/attempts/${submitted.id}`).set(a.as(a.admin))).body).toEqual(submitted);
  });
});
