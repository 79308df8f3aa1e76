import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, type Store } from '../../src/storage/index.js';
import { useStore } from '../helpers/store.js';
import { essay, multichoice, NO_IDS, trueFalse } from './helpers.js';
import { thrown } from '../helpers/thrown.js';

const { store } = useStore();

function threeQuestions(s: Store) {
  const category = s.categories.ensureCategoryPath('RNN').id;
  return s.questions.insertQuestions([
    {
      question: { ...multichoice('mc'), idnumber: 'mc-1' },
      categoryId: category,
      choiceIds: { choices: ['a', 'b', 'c'], stems: [] },
    },
    { question: trueFalse('tf'), categoryId: category, choiceIds: NO_IDS },
    { question: essay('essay'), categoryId: category, choiceIds: NO_IDS },
  ]);
}

describe('createQuiz and getQuiz', () => {
  it('numbers the slots from 1 in the given order', () => {
    const s = store();
    const [mc, tf, es] = threeQuestions(s);
    const quiz = s.quizzes.createQuiz({
      name: '4.1 Рекуррентные нейросети',
      idnumber: 'rnn-4.1',
      slots: [
        { questionId: es!.id, maxMark: 2 },
        { questionId: mc!.id, maxMark: 1 },
        { questionId: tf!.id, maxMark: 1 / 3 },
      ],
    });
    expect(quiz).toMatchObject({ name: '4.1 Рекуррентные нейросети', idnumber: 'rnn-4.1', grade: 10 });
    expect(quiz.slots.map((slot) => [slot.slot, slot.questionId, slot.maxMark])).toEqual([
      [1, es!.id, 2],
      [2, mc!.id, 1],
      [3, tf!.id, 0.3333333],
    ]);
    expect(quiz.slots[1]).toMatchObject({
      versionId: mc!.versionId,
      version: 1,
      idnumber: 'mc-1',
      type: 'multichoice',
      name: 'mc',
      retired: false,
    });
    expect(quiz.sumGrades).toBe(3.33333);
  });

  it('finds a quiz by id, by id as text and by idnumber', () => {
    const s = store();
    const [mc] = threeQuestions(s);
    const a = s.quizzes.createQuiz({ name: 'A', idnumber: 'rnn-4.1', slots: [{ questionId: mc!.id, maxMark: 1 }] });
    const b = s.quizzes.createQuiz({ name: 'B', idnumber: '77', grade: 20, slots: [] });
    expect(s.quizzes.getQuiz(a.id)?.name).toBe('A');
    expect(s.quizzes.getQuiz(String(a.id))?.name).toBe('A');
    expect(s.quizzes.getQuiz('rnn-4.1')?.id).toBe(a.id);
    expect(s.quizzes.getQuiz('77')).toMatchObject({ id: b.id, grade: 20, slots: [], sumGrades: 0 });
    expect(s.quizzes.getQuiz('nope')).toBeNull();
    expect(s.quizzes.getQuiz(999)).toBeNull();
  });

  it('shows the current version of each slot question', () => {
    const s = store();
    const [mc] = threeQuestions(s);
    const quiz = s.quizzes.createQuiz({ name: 'A', slots: [{ questionId: mc!.id, maxMark: 1 }] });
    const v2 = s.questions.updateQuestion(mc!.id, { question: multichoice('mc v2'), choiceIds: { choices: ['x'], stems: [] } });
    s.questions.retireQuestion(mc!.id);
    expect(s.quizzes.getQuiz(quiz.id)!.slots[0]).toMatchObject({
      versionId: v2.versionId,
      version: 2,
      name: 'mc v2',
      retired: true,
    });
    const [slot] = s.quizzes.getQuizQuestions(quiz.id);
    expect(slot!.question).toEqual(multichoice('mc v2'));
    expect(slot!.choiceIds).toEqual({ choices: ['x'], stems: [] });
    expect(s.quizzes.getQuizQuestions(999)).toEqual([]);
  });

  it('reads one slot with its current version, or null for a slot the quiz does not have', () => {
    const s = store();
    const [mc, tf] = threeQuestions(s);
    const quiz = s.quizzes.createQuiz({ name: 'A', slots: [{ questionId: mc!.id, maxMark: 1 }, { questionId: tf!.id, maxMark: 2 }] });
    expect(s.quizzes.getQuizQuestion(quiz.id, 2)).toEqual(s.quizzes.getQuizQuestions(quiz.id)[1]);
    expect(s.quizzes.getQuizQuestion(quiz.id, 2)!.question).toEqual(trueFalse('tf'));
    expect(s.quizzes.getQuizQuestion(quiz.id, 3)).toBeNull();
    expect(s.quizzes.getQuizQuestion(999, 1)).toBeNull();
  });

  it('stores nothing when a slot names an unknown question', () => {
    const s = store();
    const [mc] = threeQuestions(s);
    expect(() =>
      s.quizzes.createQuiz({ name: 'A', slots: [{ questionId: mc!.id, maxMark: 1 }, { questionId: 999, maxMark: 1 }] }),
    ).toThrow(NotFoundError);
    expect(s.quizzes.listQuizzes().total).toBe(0);
  });

  it('refuses a taken idnumber and a question twice in one quiz', () => {
    const s = store();
    const [mc] = threeQuestions(s);
    s.quizzes.createQuiz({ name: 'A', idnumber: 'q', slots: [] });
    const error = thrown(ConflictError, () => s.quizzes.createQuiz({ name: 'B', idnumber: 'q', slots: [] }));
    expect(error.constraint).toBe('quiz_idnumber');
    const twice = thrown(ConflictError, () =>
      s.quizzes.createQuiz({ name: 'C', slots: [{ questionId: mc!.id, maxMark: 1 }, { questionId: mc!.id, maxMark: 2 }] }),
    );
    expect(twice.constraint).toBe('quiz_question');
    expect(s.quizzes.listQuizzes().items.map((q) => q.name)).toEqual(['A']);
  });

  it('allows any number of quizzes without idnumber', () => {
    const s = store();
    s.quizzes.createQuiz({ name: 'A', slots: [] });
    s.quizzes.createQuiz({ name: 'B', idnumber: null, slots: [] });
    s.quizzes.createQuiz({ name: 'C', idnumber: '', slots: [] });
    expect(s.quizzes.listQuizzes().items.map((q) => q.idnumber)).toEqual([null, null, null]);
  });
});

describe('listQuizzes', () => {
  it('pages in id order with the total', () => {
    const s = store();
    for (let i = 0; i < 7; i++) s.quizzes.createQuiz({ name: `Q${i}`, slots: [] });
    const first = s.quizzes.listQuizzes({ limit: 3 });
    const last = s.quizzes.listQuizzes({ limit: 3, offset: 6 });
    expect(first.total).toBe(7);
    expect(first.items.map((q) => q.name)).toEqual(['Q0', 'Q1', 'Q2']);
    expect(last).toMatchObject({ total: 7, items: [{ name: 'Q6' }] });
  });
});
