// Every way a submission or an attempt request is refused, over HTTP: the status, problem+json naming the
// path, and nothing stored.
import { describe, expect, it } from 'vitest';
import { baseQuestion, newTrueFalse } from '../../src/model/index.js';
import { useApi, type Api } from './harness.js';
import { choiceIds } from './rnn-quiz.js';

const api = useApi();

function submit(a: Api, body: unknown, key = a.client) {
  return a.http.post('/api/v1/quizzes/rnn-4.1/attempts').set(a.as(key)).send(body as object);
}

/** A body sent as it is written, under the content type given. */
function submitRaw(a: Api, contentType: string, text: string) {
  return a.http.post('/api/v1/quizzes/rnn-4.1/attempts').set(a.as(a.client)).set('Content-Type', contentType).send(text);
}

function attemptCount(a: Api): number {
  return a.store.attempts.listAttempts(a.rnn.quizId).total;
}

function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: 'about:blank', status });
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

function paths(res: { body: { errors?: { path: string }[] } }): string[] {
  return (res.body.errors ?? []).map((e) => e.path);
}

describe('submitting: refused requests store nothing', () => {
  it('an unknown quiz is a 404', async () => {
    const a = api();
    const res = await a.http.post('/api/v1/quizzes/no-such-quiz/attempts').set(a.as(a.client)).send({ userId: 'u', responses: {} });
    expectProblem(res, 404);
    expect(res.body.detail).toContain('no-such-quiz');
  });

  it.each<[string, unknown, string]>([
    ['no userId', { responses: {} }, 'body.userId'],
    ['an empty userId', { userId: '', responses: {} }, 'body.userId'],
    ['a userId over 200 characters', { userId: 'u'.repeat(201), responses: {} }, 'body.userId'],
    ['responses that are not an object', { userId: 'u', responses: [] }, 'body.responses'],
    ['a value of no response shape', { userId: 'u', responses: { 'rnn-q4': [1, 2] } }, 'body.responses.rnn-q4'],
    ['an unknown field', { userId: 'u', responses: {}, extra: 1 }, 'body'],
  ])('a bad body (%s) is a 422 naming the path', async (_, body, path) => {
    const a = api();
    const res = await submit(a, body);
    expectProblem(res, 422);
    expect(paths(res)).toContain(path);
    expect(attemptCount(a)).toBe(0);
  });

  it('an unknown question, a question of another quiz and a description are 422s, each with its path', async () => {
    const a = api();
    const categoryId = a.store.categories.ensureCategoryPath('$course$/top/Other').id;
    const elsewhere = a.store.questions.createQuestion({
      question: { ...newTrueFalse(baseQuestion('tf', 'True?'), true), idnumber: 'tf-1' },
      categoryId,
      choiceIds: { choices: [], stems: [] },
    });
    const res = await submit(a, {
      userId: 'u',
      responses: { 'rnn-q99': 'x', 'tf-1': true, [String(elsewhere.id)]: true, 'rnn-i1': 'x' },
    });
    expectProblem(res, 422);
    const byPath = Object.fromEntries((res.body.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath['body.responses.rnn-q99']).toMatch(/no question with the id or idnumber rnn-q99/);
    expect(byPath['body.responses.tf-1']).toMatch(/not in this quiz/);
    expect(byPath[`body.responses.${elsewhere.id}`]).toMatch(/not in this quiz/);
    expect(byPath['body.responses.rnn-i1']).toMatch(/description: it takes no response/);
    expect(attemptCount(a)).toBe(0);
  });

  it('a key that is not a question is refused even when it is __proto__', async () => {
    const a = api();
    const res = await submitRaw(a, 'application/json', '{"userId":"u","responses":{"__proto__":"x","constructor":"y"}}');
    expectProblem(res, 422);
    expect(paths(res).sort()).toEqual(['body.responses.__proto__', 'body.responses.constructor']);
    expect(attemptCount(a)).toBe(0);
  });

  it('a choice id of another question, a repeated choice and a key given twice are 422s', async () => {
    const a = api();
    const q1Choice = choiceIds(a.store, a.rnn.ids['rnn-q1']!, 'очередной')[0]!;
    const [x1] = choiceIds(a.store, a.rnn.ids['rnn-q2']!, 'x_1');
    const res = await submit(a, {
      userId: 'u',
      responses: {
        'rnn-q3': q1Choice,
        'rnn-q2': [x1, x1],
        'rnn-q6': choiceIds(a.store, a.rnn.ids['rnn-q6']!, 'Нет')[0],
        [String(a.rnn.ids['rnn-q6'])]: choiceIds(a.store, a.rnn.ids['rnn-q6']!, 'Да')[0],
      },
    });
    expectProblem(res, 422);
    const errors = res.body.errors as { path: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'body.responses.rnn-q3', message: `"${q1Choice}" is not a choice of this question` },
        { path: 'body.responses.rnn-q2.1', message: `choice "${x1}" is repeated` },
      ]),
    );
    // Both keys name Q6: one of them (JSON objects put integer keys first) is the repeat.
    const id = String(a.rnn.ids['rnn-q6']);
    expect(errors).toContainEqual({ path: 'body.responses.rnn-q6', message: `question rnn-q6 is already answered as ${id}` });
    expect(errors).toHaveLength(3);
    expect(attemptCount(a)).toBe(0);
  });

  it.each<[string, string, unknown, RegExp]>([
    ['an array for a one-answer multichoice', 'rnn-q1', ['x'], /one choice id/],
    ['a string for a several-answer multichoice', 'rnn-q2', 'x', /an array of choice ids/],
    ['a boolean for a numerical question', 'rnn-q4', true, /a number, or a string/],
    ['an object for a numerical question', 'rnn-q4', { a: 'b' }, /a number, or a string/],
    ['a number for a one-answer multichoice', 'rnn-q6', 1, /one choice id/],
  ])('the wrong shape (%s) is a 422', async (_, idnumber, value, message) => {
    const a = api();
    const res = await submit(a, { userId: 'u', responses: { [idnumber]: value } });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ path: `body.responses.${idnumber}`, message: expect.stringMatching(message) }]);
    expect(attemptCount(a)).toBe(0);
  });

  it('a body over the JSON limit is a 413', async () => {
    const a = api();
    const res = await submit(a, { userId: 'u', responses: { 'rnn-q4': '1'.repeat(a.services.config.maxJsonBytes) } });
    expectProblem(res, 413);
    expect(attemptCount(a)).toBe(0);
  });

  it('a body that is not JSON is a 415 (wrong content type) or a 400 (malformed)', async () => {
    const a = api();
    expectProblem(await submitRaw(a, 'text/plain', '{"userId":"u","responses":{}}'), 415);
    const broken = await submitRaw(a, 'application/json', '{"userId":');
    expectProblem(broken, 400);
    expect(attemptCount(a)).toBe(0);
  });

  it('no key or an unknown key is a 401', async () => {
    const a = api();
    const none = await a.http.post('/api/v1/quizzes/rnn-4.1/attempts').send({ userId: 'u', responses: {} });
    expectProblem(none, 401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const unknown = await submit(a, { userId: 'u', responses: {} }, 'qbk_not-a-key');
    expectProblem(unknown, 401);
    expect(attemptCount(a)).toBe(0);
  });

  it('an Idempotency-Key that is too long or not printable ASCII is a 422', async () => {
    const a = api();
    for (const key of ['k'.repeat(201), 'ключ']) {
      const res = await submit(a, { userId: 'u', responses: {} })// The UTF-8 bytes of a non-ASCII key arrive as they are sent, one byte per character.
        .set('Idempotency-Key', Buffer.from(key).toString('latin1'));
      expectProblem(res, 422);
      expect(paths(res)).toEqual(['headers.idempotency-key']);
    }
    expect(attemptCount(a)).toBe(0);
  });
});

describe('reading, listing, grading and regrading: who may do what', () => {
  it('admin-only routes answer a client key with 403', async () => {
    const a = api();
    const created = await submit(a, { userId: 'u', responses: {} });
    const list = await a.http.get('/api/v1/quizzes/rnn-4.1/attempts').set(a.as(a.client));
    expectProblem(list, 403);
    const grade = await a.http
      .post(`/api/v1/attempts/${created.body.id}/grades`)
      .set(a.as(a.client))
      .send({ questionId: 'rnn-q1', fraction: 1 });
    expectProblem(grade, 403);
    const regrade = await a.http.post('/api/v1/quizzes/rnn-4.1/regrade').set(a.as(a.client)).send({});
    expectProblem(regrade, 403);
  });

  it("another client's attempt is a 404, not a 403; its owner and an admin read it", async () => {
    const a = api();
    const created = await submit(a, { userId: 'u', responses: { 'rnn-q4': '12528' } });
    const path = `/api/v1/attempts/${created.body.id}`;
    const other = await a.http.get(path).set(a.as(a.otherClient));
    expectProblem(other, 404);
    const missing = await a.http.get('/api/v1/attempts/999999').set(a.as(a.otherClient));
    expect(other.body.detail).toBe(missing.body.detail.replace('999999', String(created.body.id)));
    expect((await a.http.get(path).set(a.as(a.client))).status).toBe(200);
    expect((await a.http.get(path).set(a.as(a.admin))).body).toEqual(created.body);
  });

  it('an attempt id that is not a positive integer is a 422; an unknown one a 404', async () => {
    const a = api();
    expectProblem(await a.http.get('/api/v1/attempts/abc').set(a.as(a.admin)), 422);
    expectProblem(await a.http.get('/api/v1/attempts/0').set(a.as(a.admin)), 422);
    expectProblem(await a.http.get('/api/v1/attempts/123').set(a.as(a.admin)), 404);
  });

  it('the list of an unknown quiz is a 404, a bad limit a 422', async () => {
    const a = api();
    expectProblem(await a.http.get('/api/v1/quizzes/nope/attempts').set(a.as(a.admin)), 404);
    const bad = await a.http.get('/api/v1/quizzes/rnn-4.1/attempts?limit=0').set(a.as(a.admin));
    expectProblem(bad, 422);
    expect(paths(bad)).toEqual(['query.limit']);
  });
});
