// Attempt numbering, listing, and idempotent retries with the Idempotency-Key header.
import { describe, expect, it } from 'vitest';
import { useApi, type Api } from './harness.js';
import { choiceIds } from './rnn-quiz.js';

const api = useApi();

function post(a: Api, body: object, key = a.client, quiz = 'rnn-4.1') {
  return a.http.post(`/api/v1/quizzes/${quiz}/attempts`).set(a.as(key)).send(body);
}

function count(a: Api): number {
  return a.store.attempts.listAttempts(a.rnn.quizId).total;
}

describe('numbering and listing', () => {
  it('numbers attempts per user and quiz from 1', async () => {
    const a = api();
    const second = a.store.quizzes.createQuiz({
      name: 'Another quiz',
      idnumber: 'other',
      slots: [{ questionId: a.rnn.ids['rnn-q4']!, maxMark: 2 }],
    });
    const numbers = [];
    for (const [user, quiz] of [
      ['ann', 'rnn-4.1'],
      ['ann', 'rnn-4.1'],
      ['bob', 'rnn-4.1'],
      ['ann', 'other'],
      ['ann', 'rnn-4.1'],
      ['bob', 'other'],
    ] as const) {
      const res = await post(a, { userId: user, responses: { 'rnn-q4': '12528' } }, a.client, quiz);
      expect(res.status).toBe(201);
      numbers.push(res.body.attemptNumber);
    }
    expect(numbers).toEqual([1, 2, 1, 1, 3, 1]);
    const other = await post(a, { userId: 'cat', responses: { 'rnn-q4': '12528' } }, a.client, 'other');
    // The other quiz gives Q4 a max mark of 2: mark and total follow it.
    expect(other.body).toMatchObject({ quizId: second.id, sumGrades: 2, maxGrade: 2 });
    expect(other.body.questions).toMatchObject([{ idnumber: 'rnn-q4', fraction: 1, mark: 2, maxMark: 2 }]);
  });

  it('lists a quiz’s attempts with a total, filtered by user and paginated', async () => {
    const a = api();
    for (const user of ['ann', 'bob', 'ann', 'cat', 'ann']) {
      expect((await post(a, { userId: user, responses: {} })).status).toBe(201);
    }
    const all = await a.http.get('/api/v1/quizzes/rnn-4.1/attempts?limit=2&offset=1').set(a.as(a.admin));
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 5, limit: 2, offset: 1 });
    expect(all.body.items.map((i: { userId: string }) => i.userId)).toEqual(['bob', 'ann']);
    const ann = await a.http.get(`/api/v1/quizzes/${a.rnn.quizId}/attempts?userId=ann`).set(a.as(a.admin));
    expect(ann.body.total).toBe(3);
    expect(ann.body.items.map((i: { attemptNumber: number }) => i.attemptNumber)).toEqual([1, 2, 3]);
    expect(Object.keys(ann.body.items[0]).sort()).toEqual(
      ['attemptNumber', 'id', 'maxGrade', 'quizId', 'state', 'submittedAt', 'sumGrades', 'userId'].sort(),
    );
    // Every left-out question is gave up: the total is 0, not null.
    expect(ann.body.items[0]).toMatchObject({ state: 'finished', sumGrades: 0, maxGrade: 7 });
  });
});

describe('Idempotency-Key', () => {
  it('a repeat returns the stored attempt, says it is a replay and stores nothing', async () => {
    const a = api();
    const body = { userId: 'ann', responses: { 'rnn-q4': '12528', 'rnn-q6': choiceIds(a.store, a.rnn.ids['rnn-q6']!, 'Нет')[0] } };
    const first = await post(a, body).set('Idempotency-Key', 'retry-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBe('false');
    // The same body with its keys in another order is the same request.
    const reordered = { responses: { 'rnn-q6': body.responses['rnn-q6'], 'rnn-q4': '12528' }, userId: 'ann' };
    const again = await post(a, reordered).set('Idempotency-Key', 'retry-1');
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.body).toEqual(first.body);
    expect(count(a)).toBe(1);
  });

  it('the same key with another body, or for another quiz, is a 409 and stores nothing', async () => {
    const a = api();
    const other = a.store.quizzes.createQuiz({
      name: 'Other',
      idnumber: 'other',
      slots: [{ questionId: a.rnn.ids['rnn-q4']!, maxMark: 1 }],
    }).id;
    const body = { userId: 'ann', responses: { 'rnn-q4': '12528' } };
    expect((await post(a, body).set('Idempotency-Key', 'k')).status).toBe(201);
    const changed = await post(a, { ...body, responses: { 'rnn-q4': '12527' } }).set('Idempotency-Key', 'k');
    expect(changed.status).toBe(409);
    expect(changed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(changed.body.detail).toMatch(/already used with a different request/);
    const otherQuiz = await post(a, body, a.client, 'other').set('Idempotency-Key', 'k');
    expect(otherQuiz.status).toBe(409);
    expect(count(a) + a.store.attempts.listAttempts(other).total).toBe(1);
  });

  it('keys are scoped to the API key that sent them', async () => {
    const a = api();
    const body = { userId: 'ann', responses: {} };
    const mine = await post(a, body, a.client).set('Idempotency-Key', 'shared');
    const theirs = await post(a, body, a.otherClient).set('Idempotency-Key', 'shared');
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBe('false');
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.attemptNumber).toBe(2);
  });

  it('without a key, every request is a new attempt', async () => {
    const a = api();
    const body = { userId: 'ann', responses: {} };
    const first = await post(a, body);
    const second = await post(a, body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.attemptNumber).toBe(2);
    expect(count(a)).toBe(2);
  });

  it('20 identical requests at once store exactly one attempt and all answer with it', async () => {
    const a = api();
    const body = { userId: 'ann', responses: { 'rnn-q4': '12 528' } };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => post(a, body).set('Idempotency-Key', 'burst')),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'false')).toHaveLength(1);
    expect(count(a)).toBe(1);
  });
});
