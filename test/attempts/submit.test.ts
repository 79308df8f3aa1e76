// The RNN quiz end to end over HTTP with a client key: Moodle's grades, totals, feedback and storage.
import { describe, expect, it } from 'vitest';
import { roundDecimal } from '../../src/storage/index.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useApi, type Api } from './harness.js';
import { choiceIds, CORRECT, INCORRECT, PARTIAL, rightResponses } from './rnn-quiz.js';

const api = useApi();

const GRADED = ['rnn-q1', 'rnn-q2', 'rnn-q3', 'rnn-q4', 'rnn-q5', 'rnn-q6', 'rnn-q7'];

/** Choice ids of an RNN question by fragments of their texts. */
function ids(a: Api, idnumber: string, ...fragments: string[]): string[] {
  return choiceIds(a.store, a.rnn.ids[idnumber]!, ...fragments);
}

function allRight(a: Api): Record<string, unknown> {
  return rightResponses((idnumber, ...fragments) => ids(a, idnumber, ...fragments));
}

function allWrong(a: Api): Record<string, unknown> {
  return {
    'rnn-q1': ids(a, 'rnn-q1', 'нет хороших')[0],
    'rnn-q2': ids(a, 'rnn-q2', 'x_6', 'h_6'),
    'rnn-q3': ids(a, 'rnn-q3', '}+\\frac')[0],
    'rnn-q4': '12527',
    'rnn-q5': ids(a, 'rnn-q5', '> 1', 'Усталость', 'Большое'),
    'rnn-q6': ids(a, 'rnn-q6', 'Да')[0],
    'rnn-q7': ids(a, 'rnn-q7', '[2]', '[4]'),
  };
}

async function submit(a: Api, responses: Record<string, unknown>, userId = 'student-42') {
  return a.http.post('/api/v1/quizzes/rnn-4.1/attempts').set(a.as(a.client)).send({ userId, responses });
}

interface WireQuestion {
  idnumber: string;
  fraction: number | null;
  state: string;
  response: unknown;
  rightAnswer: string;
  feedback: { specific: unknown[]; combined: { text: string } | null; numCorrect: string | null; general: { text: string } | null };
}

function question(body: { questions: WireQuestion[] }, idnumber: string): WireQuestion {
  const found = body.questions.find((q) => q.idnumber === idnumber);
  if (!found) throw new Error(`no ${idnumber} in the attempt`);
  return found;
}

describe('the RNN quiz over HTTP', () => {
  it('all right: 7 of 7, every question right, descriptions left out, stored as answered', async () => {
    const a = api();
    const res = await submit(a, allRight(a));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/attempts/${res.body.id}`);
    // The answer to a POST is written as it is: JSON with its length, no ETag to compute.
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toMatchObject({
      quizId: a.rnn.quizId,
      userId: 'student-42',
      attemptNumber: 1,
      state: 'finished',
      sumGrades: 7,
      maxGrade: 7,
    });
    expect(res.body.questions.map((q: { idnumber: string }) => q.idnumber)).toEqual(GRADED);
    expect(res.body.questions.map((q: { slot: number }) => q.slot)).toEqual([1, 3, 5, 7, 9, 10, 12]);
    for (const q of res.body.questions) {
      expect(q).toMatchObject({ state: 'gradedright', maxMark: 1 });
      expect(q.fraction).toBeCloseTo(1, 7);
      expect(q.mark).toBeCloseTo(1, 7);
    }
    // The stored attempt reads back the same, responses in their wire form.
    const read = await a.http.get(res.headers.location!).set(a.as(a.client));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect(question(read.body, 'rnn-q2').response).toEqual(allRight(a)['rnn-q2']);
    expect(question(read.body, 'rnn-q4').response).toBe('12528');
  });

  it('all wrong: 0 of 7, every question wrong with the Russian incorrect feedback', async () => {
    const a = api();
    const res = await submit(a, allWrong(a));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'finished', sumGrades: 0, maxGrade: 7 });
    for (const q of res.body.questions) expect(q).toMatchObject({ state: 'gradedwrong', fraction: 0, mark: 0 });
    for (const id of GRADED.filter((id) => id !== 'rnn-q4')) {
      expect(question(res.body, id).feedback.combined?.text).toBe(INCORRECT);
    }
  });

  it.each<[string, string, string[], number, string, string | null]>([
    ['Q5 three wrong', 'rnn-q5', ['> 1', 'Усталость', 'Большое'], 0, 'gradedwrong', null],
    ['Q5 two right and one wrong', 'rnn-q5', ['Малое', '< 1', 'Усталость'], 0.6666667, 'gradedpartial', 'You have selected too many options.'],
    ['Q5 one right', 'rnn-q5', ['Малое'], 0.5, 'gradedpartial', 'You have correctly selected 1.'],
    ['Q5 one right and one wrong', 'rnn-q5', ['Малое', 'Большое'], 0.1666667, 'gradedpartial', 'You have correctly selected 1.'],
    ['Q2 one right and one wrong', 'rnn-q2', ['x_1', 'x_6'], 0, 'gradedwrong', null],
    ['Q2 one right', 'rnn-q2', ['h_4'], 0.5, 'gradedpartial', 'You have correctly selected 1.'],
    ['Q7 right and wrong', 'rnn-q7', ['[3]', '[2]'], 0.5, 'gradedpartial', 'You have selected too many options.'],
    ['Q7 all three', 'rnn-q7', ['[2]', '[3]', '[4]'], 0, 'gradedwrong', null],
  ])('%s → %f', async (_, idnumber, fragments, fraction, state, numCorrect) => {
    const a = api();
    const responses = { ...allRight(a), [idnumber]: ids(a, idnumber, ...fragments) };
    const res = await submit(a, responses);
    expect(res.status).toBe(201);
    const q = question(res.body, idnumber);
    expect(q.fraction).toBe(fraction);
    expect(q.state).toBe(state);
    expect(q.feedback.numCorrect).toBe(numCorrect);
    expect(q.feedback.combined?.text).toBe(state === 'gradedpartial' ? PARTIAL : INCORRECT);
    expect(res.body.sumGrades).toBe(roundDecimal(6 + fraction, 5));
  });

  it.each<[string, unknown, string]>([
    ['"12528"', '12528', 'gradedright'],
    ['"12 528" (spaces removed)', '12 528', 'gradedright'],
    ['"12527,83" (a lone comma is the decimal point)', '12527,83', 'gradedright'],
    ['12528 as a JSON number', 12528, 'gradedright'],
    ['"12528.4" (inside the tolerance)', '12528.4', 'gradedright'],
    ['"12527" (outside 12528 ± 0.5)', '12527', 'gradedwrong'],
    ['"abc" (no number: graded wrong, not given up)', 'abc', 'gradedwrong'],
  ])('Q4 %s', async (_, value, state) => {
    const a = api();
    const res = await submit(a, { ...allRight(a), 'rnn-q4': value });
    expect(res.status).toBe(201);
    const q4 = question(res.body, 'rnn-q4');
    expect(q4.state).toBe(state);
    expect(q4.rightAnswer).toBe('The correct answer is: 12528');
    expect(q4.feedback.general?.text).toBe('<p>\\(1.1^{99} \\approx 12527.8\\), после округления — 12528.</p>');
  });

  it('a question left out (or null, or an empty selection) is gave up: no fraction, mark 0', async () => {
    const a = api();
    const { 'rnn-q3': _left, ...rest } = allRight(a);
    const res = await submit(a, { ...rest, 'rnn-q6': null, 'rnn-q7': [] });
    expect(res.status).toBe(201);
    for (const id of ['rnn-q3', 'rnn-q6', 'rnn-q7']) {
      const q = question(res.body, id);
      expect(q).toMatchObject({ state: 'gaveup', fraction: null, mark: 0, response: null });
      // A blank multichoice shows the incorrect feedback (Moodle's feedback class of "gave up").
      expect(q.feedback.combined?.text).toBe(INCORRECT);
    }
    expect(res.body).toMatchObject({ state: 'finished', sumGrades: 4 });
  });

  it('feedback and the right answer are shown after submitting, as Moodle shows them', async () => {
    const a = api();
    const res = await submit(a, { ...allRight(a), 'rnn-q2': ids(a, 'rnn-q2', 'x_1') });
    const q1 = question(res.body, 'rnn-q1');
    expect(q1.feedback).toEqual({ specific: [], combined: { text: CORRECT, format: 'html', files: [] }, numCorrect: null, general: null });
    expect(q1.rightAnswer).toBe(
      'The correct answer is: Потому что очередной элемент может быть обработан только после завершения обработки ' +
        'предыдущего элемента, так как зависит от значения скрытого состояния',
    );
    const q2 = question(res.body, 'rnn-q2');
    expect(q2.feedback.combined?.text).toBe(PARTIAL);
    expect(q2.feedback.numCorrect).toBe('You have correctly selected 1.');
    expect(q2.rightAnswer).toBe(
      'The correct answers are: Вход на первом шаге \\(x_1\\), Скрытое состояние на четвёртом шаге \\(h_4\\)',
    );
    expect(res.body.sumGrades).toBe(6.5);
  });

  it('a client answers with the ids its view of the quiz shows, and reads its attempt back', async () => {
    const a = api();
    const view = await a.http.get('/api/v1/quizzes/rnn-4.1').set(a.as(a.client));
    expect(view.status).toBe(200);
    const items = view.body.items as { idnumber: string; choices?: { id: string; text: string }[] }[];
    const pick = (idnumber: string, ...fragments: string[]) =>
      fragments.map((f) => items.find((i) => i.idnumber === idnumber)!.choices!.find((c) => c.text.includes(f))!.id);
    const res = await submit(a, { ...rightResponses(pick), 'rnn-q4': 12528 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'finished', sumGrades: 7, maxGrade: 7 });
    expect((await a.http.get(`/api/v1/attempts/${res.body.id}`).set(a.as(a.client))).body).toEqual(res.body);
  });

  it('accepts question ids as keys as well as idnumbers', async () => {
    const a = api();
    const byId = Object.fromEntries(Object.entries(allRight(a)).map(([k, v]) => [String(a.rnn.ids[k]), v]));
    const res = await submit(a, byId);
    expect(res.status).toBe(201);
    expect(res.body.sumGrades).toBe(7);
  });

  it('the quiz may be named by its id', async () => {
    const a = api();
    const res = await a.http
      .post(`/api/v1/quizzes/${a.rnn.quizId}/attempts`)
      .set(a.as(a.admin))
      .send({ userId: 'teacher', responses: allRight(a) });
    expect(res.status).toBe(201);
    expect(res.body.quizId).toBe(a.rnn.quizId);
  });

  it('the OpenAPI document describes the attempt routes and shapes', async () => {
    const a = api();
    const doc = (await a.http.get('/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/quizzes/{id}/attempts',
        '/api/v1/attempts/{id}',
        '/api/v1/attempts/{id}/files/{slot}/{area}/{file}',
        '/api/v1/attempts/{id}/grades',
        '/api/v1/quizzes/{id}/regrade',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/quizzes/{id}/attempts'])).toEqual(['post', 'get']);
    expect(doc.components.schemas.Attempt.required).toEqual(
      expect.arrayContaining(['id', 'quizId', 'userId', 'attemptNumber', 'state', 'submittedAt', 'sumGrades', 'maxGrade', 'questions']),
    );
    expect(doc.paths['/api/v1/quizzes/{id}/attempts'].post.parameters.map((p: { name: string }) => p.name)).toContain('idempotency-key');
  });

  it('stores the statistics row: a fraction per graded slot and a class per part', async () => {
    const a = api();
    const res = await submit(a, { ...allWrong(a), 'rnn-q6': null });
    const columns = readAllRows(a.store.statistics, a.rnn.quizId, { slots: 7, parts: [1, 4, 1, 1, 5, 1, 3] });
    expect(columns.length).toBe(1);
    expect(columns.shapeMismatches).toBe(0);
    expect(Array.from(columns.sumGrades)).toEqual([res.body.sumGrades]);
    expect(columns.fractions.map((f) => f[0])).toEqual([0, 0, 0, 0, 0, Number.NaN, 0]);
    // Q1 single: the chosen answer's index; Q6 left out: "[No response]" (after its two answers).
    const q1Wrong = a.store.questions.getQuestion(a.rnn.ids['rnn-q1']!)!.choiceIds.choices.indexOf(ids(a, 'rnn-q1', 'нет хороших')[0]!);
    expect(columns.classes[0]![0]![0]).toBe(q1Wrong);
    expect(columns.classes[5]![0]![0]).toBe(2);
    // Q2 several answers: class 0 ("selected") on the chosen choices, -1 elsewhere.
    expect(columns.classes[1]!.map((part) => part[0])).toEqual([0, -1, -1, 0]);
    // Q4 "12527" matched no answer: class 1 ("[Did not match any answer]").
    expect(columns.classes[3]![0]![0]).toBe(1);
  });
});
