// The response shapes of the types the RNN quiz lacks, over HTTP: true/false, short answer, matching and
// all-or-nothing multichoice, with their wire forms read back and their statistics classes.
import { describe, expect, it } from 'vitest';
import {
  baseQuestion,
  newMatch,
  newMultichoice,
  newShortAnswer,
  newTrueFalse,
  richText,
  type Question,
} from '../../src/model/index.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import type { ChoiceIds } from '../../src/storage/index.js';
import { readAllRows } from '../helpers/attempt-rows.js';
import { useApi, type Api } from './harness.js';

const api = useApi();

function questions(): Question[] {
  const tf = { ...newTrueFalse(baseQuestion('TF', 'Рекуррентная сеть — это сеть с памятью?'), true), idnumber: 'tf' };
  tf.feedbackTrue = richText('Да, скрытое состояние — память.');
  const sa = { ...newShortAnswer(baseQuestion('SA', 'Столица Франции?')), idnumber: 'sa' };
  sa.answers = [
    { text: 'Париж', format: 'moodle', files: [], fraction: 1, feedback: richText('Верно.') },
    { text: '*', format: 'moodle', files: [], fraction: 0, feedback: richText('Нет.') },
  ];
  const match = { ...newMatch(baseQuestion('Match', 'Сопоставьте.')), idnumber: 'match' };
  match.subquestions = [
    { text: richText('LSTM'), answer: 'gates' },
    { text: richText('GRU'), answer: 'fewer gates' },
    { text: richText('SRU'), answer: 'parallel' },
    { text: richText(''), answer: 'convolution' },
  ];
  match.combinedFeedback = {
    correct: richText('Всё верно.'),
    partiallyCorrect: richText('Частично.'),
    incorrect: richText('Неверно.'),
    showNumCorrect: true,
  };
  const set = { ...newMultichoice(baseQuestion('Set', 'Отметьте рекуррентные.'), false), idnumber: 'set', allOrNothing: true };
  set.answers = ['LSTM', 'GRU', 'CNN'].map((text, i) => ({ text, format: 'html', files: [], fraction: i < 2 ? 1 : 0, feedback: richText('') }));
  return [tf, sa, match, set];
}

function setUp(a: Api): Record<string, ChoiceIds> {
  const categoryId = a.store.categories.ensureCategoryPath('$course$/top/Types').id;
  const list = questions();
  const created = a.store.questions.insertQuestions(list.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })));
  a.store.quizzes.createQuiz({ name: 'Types', idnumber: 'types', slots: created.map((c) => ({ questionId: c.id, maxMark: 1 })) });
  return Object.fromEntries(list.map((q, i) => [q.idnumber!, a.store.questions.getQuestion(created[i]!.id)!.choiceIds]));
}

function submit(a: Api, responses: Record<string, unknown>) {
  return a.http.post('/api/v1/quizzes/types/attempts').set(a.as(a.client)).send({ userId: 'ann', responses });
}

describe('response shapes by type', () => {
  it('true/false, short answer, matching and all-or-nothing are graded and read back in their wire form', async () => {
    const a = api();
    const ids = setUp(a);
    const [gates, , parallel, convolution] = ids.match!.choices;
    const [lstm, gru, sru] = ids.match!.stems;
    const matchResponse = { [lstm!]: gates, [gru!]: convolution, [sru!]: parallel };
    const res = await submit(a, {
      tf: true,
      sa: '  париж ',
      match: matchResponse,
      set: [ids.set!.choices[0], ids.set!.choices[1]],
    });
    expect(res.status).toBe(201);
    const [tf, sa, match, set] = res.body.questions;
    expect(tf).toMatchObject({ state: 'gradedright', fraction: 1, response: true, rightAnswer: "The correct answer is 'True'." });
    expect(tf.feedback.specific).toEqual([{ text: 'Да, скрытое состояние — память.', format: 'html', files: [] }]);
    expect(sa).toMatchObject({ state: 'gradedright', response: '  париж ', rightAnswer: 'The correct answer is: Париж' });
    expect(sa.feedback.specific.map((f: { text: string }) => f.text)).toEqual(['Верно.']);
    expect(match).toMatchObject({ state: 'gradedpartial', fraction: 0.6666667, response: matchResponse });
    expect(match.feedback).toMatchObject({ combined: { text: 'Частично.' }, numCorrect: 'You have correctly selected 2.' });
    expect(match.rightAnswer).toBe('The correct answer is: LSTM → gates, GRU → fewer gates, SRU → parallel');
    expect(set).toMatchObject({ state: 'gradedright', fraction: 1 });
    expect(res.body.sumGrades).toBe(3.66667);

    // Statistics classes: TF "True" (0); SA first answer (0); each stem's chosen choice; the chosen set choices.
    const columns = readAllRows(a.store.statistics, res.body.quizId, { slots: 4, parts: [1, 1, 3, 3] });
    expect(columns.classes.map((slot) => slot.map((part) => part[0]))).toEqual([[0], [0], [0, 3, 2], [0, 0, -1]]);
  });

  it('a match response may leave stems blank (null or left out); all blank is gave up', async () => {
    const a = api();
    const ids = setUp(a);
    const [lstm, gru] = ids.match!.stems;
    const half = await submit(a, { match: { [lstm!]: ids.match!.choices[0], [gru!]: null } });
    expect(half.body.questions[2]).toMatchObject({ state: 'gradedpartial', fraction: 0.3333333 });
    expect(half.body.questions[2].response).toEqual({ [lstm!]: ids.match!.choices[0], [gru!]: null, [ids.match!.stems[2]!]: null });
    const blank = await submit(a, { match: {}, sa: '' });
    expect(blank.body.questions[2]).toMatchObject({ state: 'gaveup', fraction: null, response: null });
    expect(blank.body.questions[1]).toMatchObject({ state: 'gaveup', fraction: null });
  });

  it('all-or-nothing gives 0 for anything but the exact set', async () => {
    const a = api();
    const ids = setUp(a);
    const res = await submit(a, { set: [ids.set!.choices[0]] });
    expect(res.body.questions[3]).toMatchObject({ state: 'gradedwrong', fraction: 0 });
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a string for true/false', { tf: 'true' }, 'body.responses.tf', /true or false/],
    ['a number for a short answer', { sa: 42 }, 'body.responses.sa', /a string/],
    ['an array for a match', { match: ['x'] }, 'body.responses.match', /an object that maps stem ids/],
  ])('the wrong shape (%s) is a 422', async (_, responses, path, message) => {
    const a = api();
    setUp(a);
    const res = await submit(a, responses as Record<string, unknown>);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('a match names unknown stems and choices by their path', async () => {
    const a = api();
    const ids = setUp(a);
    const [lstm] = ids.match!.stems;
    const res = await submit(a, { match: { nostem: ids.match!.choices[0], [lstm!]: ids.set!.choices[0] } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.responses.match.nostem', message: '"nostem" is not a stem of this question' },
        { path: `body.responses.match.${lstm}`, message: `"${ids.set!.choices[0]}" is not a choice of this question` },
      ]),
    );
  });
});
