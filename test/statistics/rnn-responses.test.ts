// The analysis of responses of the RNN quiz over 20 attempts whose responses are known, one column per question.
import request from 'supertest';
import { expect, it } from 'vitest';
import { createRnnQuiz, gradedAttempt, gradedSlots } from '../../bench/stats-data.js';
import type { Response } from '../../src/model/index.js';
import { useHarness } from './harness.js';

const h = useHarness();

const mc = (...selected: number[]): Response => ({ type: 'multichoice', selected });
const num = (text: string): Response => ({ type: 'numerical', text });

/** `n` copies of a response; the lists below add up to 20 per question. */
function times(n: number, response: Response | null): (Response | null)[] {
  return Array.from({ length: n }, () => response);
}

// Q1: choice 1 is right.          Q2: choices 1 and 2 earn 50% each, 0 and 3 cost 50%.
// Q3: choice 1 is right.          Q4: 12528 ± 0.5.
// Q5: choices 1 and 2 earn 50%.   Q6: choice 0 ("Нет") is right.   Q7: choice 2 is right, 0 and 1 cost 50%.
const RESPONSES: (Response | null)[][] = [
  [...times(12, mc(1)), ...times(5, mc(0)), ...times(3, null)],
  [...times(8, mc(1, 2)), ...times(4, mc(0, 1)), ...times(3, mc(1, 2, 3)), ...times(2, mc()), ...times(3, null)],
  [...times(10, mc(1)), ...times(4, mc(0)), ...times(3, mc(2)), ...times(1, mc(3)), ...times(2, null)],
  [...times(6, num('12528')), ...times(2, num('12 528')), ...times(3, num('12527.83')), ...times(4, num('12000')), ...times(2, num('не знаю')), ...times(3, null)],
  [...times(9, mc(1, 2)), ...times(4, mc(1)), ...times(2, mc(0, 1, 2)), ...times(2, mc(3, 4)), ...times(3, null)],
  [...times(13, mc(0)), ...times(6, mc(1)), ...times(1, null)],
  [...times(10, mc(2)), ...times(4, mc(0, 2)), ...times(2, mc(0, 1)), ...times(1, mc(1)), ...times(3, null)],
];

/** The count of every class of every part, in the report's order. */
const COUNTS: number[][][] = [
  [[5, 12, 3]], // wrong, right, [No response]
  [[4], [15], [11], [3]], // each choice, counted when selected
  [[4, 10, 3, 1, 2]],
  [[11, 4, 5]], // 12528 (12527.5..12528.5), did not match, [No response] (unreadable or left out)
  [[2], [15], [11], [2], [2]],
  [[13, 6, 1]],
  [[6], [3], [14]],
];

it('counts every response class of the 20 attempts, with frequencies out of 20', async () => {
  const { store, app, adminKey } = h();
  const quizId = createRnnQuiz(store);
  const slots = gradedSlots(store, quizId);
  for (let student = 0; student < 20; student++) {
    store.attempts.insertAttempt(gradedAttempt(quizId, slots, `student-${student}`, RESPONSES.map((column) => column[student]!)));
  }
  const res = await request(app).get('/api/v1/quizzes/rnn-4.1/statistics?attempts=all').set('Authorization', `Bearer ${adminKey}`);
  expect(res.status).toBe(200);
  expect(res.body.quiz.attemptsUsed).toBe(20);

  res.body.questions.forEach((question: { attempts: number; responses: { partIndex: number; classIndex: number; count: number; frequency: number }[] }, j: number) => {
    expect(question.attempts).toBe(20);
    const counts: number[][] = [];
    for (const row of question.responses) {
      (counts[row.partIndex] ??= [])[row.classIndex] = row.count;
      expect(row.frequency).toBeCloseTo((row.count / 20) * 100, 12);
    }
    expect(counts, `question ${j + 1}`).toEqual(COUNTS[j]);
  });

  const [q1, q2, , q4, q5] = res.body.questions;
  expect(q1.responses.map((r: { response: string }) => r.response)).toEqual([
    'Потому что нет хороших программных реализаций',
    expect.stringMatching(/^Потому что очередной элемент/),
    '[No response]',
  ]);
  expect(q1.responses.map((r: { partialCredit: number | null }) => r.partialCredit)).toEqual([0, 100, null]);
  expect(q1.facilityIndex).toBeCloseTo(60, 12);
  // A several-answer question: a part per choice with its own credit, no "[No response]" row.
  expect(q2.responses.map((r: { part: string; response: string; partialCredit: number }) => [r.part, r.response, r.partialCredit])).toEqual([
    ['Вход на шестом шаге \\(x_6\\)', 'selected', -50],
    ['Вход на первом шаге \\(x_1\\)', 'selected', 50],
    ['Скрытое состояние на четвёртом шаге \\(h_4\\)', 'selected', 50],
    ['Скрытое состояние на шестом шаге \\(h_6\\)', 'selected', -50],
  ]);
  expect(q5.responses).toHaveLength(5);
  expect(q4.responses.map((r: { response: string }) => r.response)).toEqual([
    '12528 (12527.5..12528.5)',
    expect.any(String),
    '[No response]',
  ]);
});
