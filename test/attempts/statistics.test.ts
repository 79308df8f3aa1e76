// Attempts submitted over HTTP feed the statistics report: the rows they store are the ones it reads.
import { describe, expect, it } from 'vitest';
import { useApi, type Api } from './harness.js';
import { choiceIds, rightResponses } from './rnn-quiz.js';

const api = useApi();

function ids(a: Api, idnumber: string, ...fragments: string[]): string[] {
  return choiceIds(a.store, a.rnn.ids[idnumber]!, ...fragments);
}

async function submit(a: Api, userId: string, responses: Record<string, unknown>): Promise<{ id: number; sumGrades: number }> {
  const res = await a.http.post('/api/v1/quizzes/rnn-4.1/attempts').set(a.as(a.client)).send({ userId, responses });
  expect(res.status).toBe(201);
  return res.body;
}

interface ResponseRow {
  response: string;
  count: number;
  part: string;
}

describe('statistics of submitted attempts', () => {
  it('counts every attempt, its marks and its responses', async () => {
    const a = api();
    const right = rightResponses((idnumber, ...fragments) => ids(a, idnumber, ...fragments));
    const wrong = {
      'rnn-q1': ids(a, 'rnn-q1', 'нет хороших')[0],
      'rnn-q2': ids(a, 'rnn-q2', 'x_6'),
      'rnn-q3': ids(a, 'rnn-q3', '}+\\frac')[0],
      'rnn-q4': '12527',
      'rnn-q5': ids(a, 'rnn-q5', 'Усталость'),
      'rnn-q6': ids(a, 'rnn-q6', 'Да')[0],
      'rnn-q7': ids(a, 'rnn-q7', '[2]'),
    };
    const { 'rnn-q4': _left, ...mixedBase } = wrong;
    const totals = [
      (await submit(a, 'ann', right)).sumGrades,
      (await submit(a, 'bob', wrong)).sumGrades,
      (await submit(a, 'cat', { ...mixedBase, 'rnn-q1': right['rnn-q1'], 'rnn-q2': ids(a, 'rnn-q2', 'x_1') })).sumGrades,
    ];
    expect(totals).toEqual([7, 0, 1.5]);

    const res = await a.http.get('/api/v1/quizzes/rnn-4.1/statistics?attempts=all').set(a.as(a.admin));
    expect(res.status).toBe(200);
    const { quiz, questions } = res.body;
    expect(quiz).toMatchObject({ attemptsUsed: 3, allAttemptsCount: 3, quizSumGrades: 7 });
    const mean = totals.reduce((s, t) => s + t, 0) / totals.length;
    expect(quiz.allAttemptsAverage).toBeCloseTo((100 * mean) / 7, 10);
    expect(questions.map((q: { idnumber: string }) => q.idnumber)).toEqual([
      'rnn-q1', 'rnn-q2', 'rnn-q3', 'rnn-q4', 'rnn-q5', 'rnn-q6', 'rnn-q7',
    ]);
    const [q1, q2, , q4] = questions as { facilityIndex: number; responses: ResponseRow[] }[];
    // Q1: right for ann and cat; Q2: 1, 0 and 0.5.
    expect(q1!.facilityIndex).toBeCloseTo((100 * 2) / 3, 10);
    expect(q2!.facilityIndex).toBeCloseTo((100 * 1.5) / 3, 10);
    const count = (rows: ResponseRow[], match: (row: ResponseRow) => boolean) => rows.filter(match).reduce((n, r) => n + r.count, 0);
    expect(count(q1!.responses, (r) => r.response.includes('очередной элемент'))).toBe(2);
    expect(count(q1!.responses, (r) => r.response.includes('нет хороших'))).toBe(1);
    // Q2 several answers: each choice counted when selected (x_1 by ann and cat).
    expect(count(q2!.responses, (r) => r.part.includes('x_1'))).toBe(2);
    expect(count(q2!.responses, (r) => r.part.includes('x_6'))).toBe(1);
    // Q4: 12528 once, no match once, cat left it out.
    expect(q4!.responses.map((r) => r.count)).toEqual([1, 1, 1]);
  });
});
