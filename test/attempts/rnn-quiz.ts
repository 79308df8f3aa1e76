// The RNN quiz 4.1 in a store: the twelve items of ../shared/rnn-bank.md in their order, and helpers that find
// the opaque choice ids a client would send.
import {
  baseQuestion,
  newDescription,
  newMultichoice,
  newNumerical,
  richText,
  type MultichoiceQuestion,
  type Question,
} from '../../src/model/index.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import type { Store } from '../../src/storage/index.js';

export const CORRECT = 'Ваш ответ верный.';
export const PARTIAL = 'Ваш ответ частично правильный.';
export const INCORRECT = 'Ваш ответ неправильный.';
export const CATEGORY = '$course$/top/Рекуррентные нейросети';

function base(idnumber: string, name: string, text: string, tags: string[]) {
  return { ...baseQuestion(name, `<p>${text}</p>`, 'html'), idnumber, tags: ['rnn', ...tags] };
}

function multichoice(idnumber: string, tags: string[], text: string, single: boolean, answers: [number, string][]) {
  const q: MultichoiceQuestion = newMultichoice(base(idnumber, idnumber, text, tags), single);
  q.answers = answers.map(([fraction, choice]) => ({
    text: choice,
    format: 'html',
    files: [],
    fraction,
    feedback: richText(''),
  }));
  q.combinedFeedback = {
    correct: richText(CORRECT),
    partiallyCorrect: richText(PARTIAL),
    incorrect: richText(INCORRECT),
    showNumCorrect: true,
  };
  return q;
}

function description(idnumber: string, text: string): Question {
  return newDescription(base(idnumber, idnumber, text, []));
}

/** The bank as rnn-bank.md describes it, built with the model's factories (descriptions abridged). */
export function rnnQuestions(): Question[] {
  const q4 = newNumerical(
    base(
      'rnn-q4',
      'rnn-q4',
      'Допустим, \\(w=1.1\\), тогда за 100 шагов в последней формуле на предыдущем видео накопится множитель ' +
        '\\(w^{99}\\). Найдите его значение. Ответ округлите до целого значения.',
      ['exploding-gradient'],
    ),
  );
  q4.answers = [
    { text: '12528', format: 'moodle', files: [], fraction: 1, feedback: richText(''), tolerance: 0.5 },
  ];
  q4.generalFeedback = richText('\\(1.1^{99} \\approx 12527.8\\), после округления — 12528.');
  return [
    multichoice('rnn-q1', ['speed'], 'Почему рекуррентные нейросети часто медленнее свёрточных?', true, [
      [0, 'Потому что нет хороших программных реализаций'],
      [
        1,
        'Потому что очередной элемент может быть обработан только после завершения обработки предыдущего ' +
          'элемента, так как зависит от значения скрытого состояния',
      ],
    ]),
    description('rnn-i1', 'И, самое главное, рекуррентки обучаются не так легко. … Таким образом мы получим глубокую композицию функций.'),
    multichoice(
      'rnn-q2',
      ['dependencies'],
      'Отметьте переменные, от которых зависит значение скрытого состояния \\(h_5\\) на шаге 5 в классической ' +
        'однонаправленной рекуррентной сети.',
      false,
      [
        [-0.5, 'Вход на шестом шаге \\(x_6\\)'],
        [0.5, 'Вход на первом шаге \\(x_1\\)'],
        [0.5, 'Скрытое состояние на четвёртом шаге \\(h_4\\)'],
        [-0.5, 'Скрытое состояние на шестом шаге \\(h_6\\)'],
      ],
    ),
    description('rnn-i2', 'Итак, прямой проход по сети сделали. … поэтому применяем правило цепочки.'),
    multichoice(
      'rnn-q3',
      ['backprop'],
      'Значение ошибки для некоторых данных вычисляется по формуле \\(Loss(g(f(x;w)))\\). Выберите правильное ' +
        'применение правила цепочки.',
      true,
      [
        [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}+\\frac{\\partial g}{\\partial f}+\\frac{\\partial f}{\\partial w}\\)'],
        [1, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}\\cdot\\frac{\\partial f}{\\partial w}\\)'],
        [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}\\)'],
        [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial f}{\\partial w}\\)'],
      ],
    ),
    description('rnn-i3', 'Мы дошли до производной последнего рекуррентного состояния по весам. … вот тут-то собака и зарыта.'),
    q4,
    description('rnn-i4', 'Часто в качестве функции активации используется гиперболический тангенс. … Давайте рассмотрим парочку.'),
    multichoice(
      'rnn-q5',
      ['vanishing-gradient'],
      'Отметьте условия, которые могут привести к затуханию градиента весов рекуррентного блока с ростом ' +
        'количества элементов в последовательности.',
      false,
      [
        [-0.3333333, 'Использование функции активации с производной \\(\\max\\left|\\frac{\\partial f(x)}{\\partial x}\\right| > 1\\)'],
        [0.5, 'Малое по модулю значение \\(w\\)'],
        [0.5, 'Использование функции активации с производной \\(\\max\\left|\\frac{\\partial f(x)}{\\partial x}\\right| < 1\\)'],
        [-0.3333333, 'Усталость разработчика'],
        [-0.3333333, 'Большое по модулю значение \\(w\\)'],
      ],
    ),
    multichoice(
      'rnn-q6',
      ['parallelism'],
      'Допустим, скрытое состояние вычисляется по формуле \\(h_t=Wh_{t-1}\\). Можно ли вычислить хотя бы ' +
        'некоторые компоненты вектора \\(h_t\\) до того как все компоненты \\(h_{t-1}\\) будут вычислены?',
      true,
      [
        [1, 'Нет'],
        [0, 'Да'],
      ],
    ),
    description('rnn-i5', 'Нашлись ребята, которые решили упростить LSTM … примером такой работы является simple recurrent unit.'),
    multichoice(
      'rnn-q7',
      ['parallelism'],
      'Теперь скрытое состояние вычисляется по формуле \\(h_t=v*h_{t-1}\\). Отметьте компоненты вектора ' +
        '\\(h_{t-1}\\), от которых зависит третья компонента вектора \\(h_t[3]\\).',
      false,
      [
        [-0.5, '\\(h_{t-1}[2]\\)'],
        [-0.5, '\\(h_{t-1}[4]\\)'],
        [1, '\\(h_{t-1}[3]\\)'],
      ],
    ),
  ];
}

export interface RnnQuiz {
  quizId: number;
  /** idnumber → bank entry id. */
  ids: Record<string, number>;
}

/** Stores the bank in its category and creates the quiz `rnn-4.1` with the items in order (max mark = default mark). */
export function createRnnQuiz(store: Store, questions: Question[] = rnnQuestions()): RnnQuiz {
  const categoryId = store.categories.ensureCategoryPath(CATEGORY).id;
  const created = store.questions.insertQuestions(
    questions.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })),
  );
  const quiz = store.quizzes.createQuiz({
    name: '4.1 Рекуррентные нейросети',
    idnumber: 'rnn-4.1',
    slots: created.map((c, i) => ({ questionId: c.id, maxMark: questions[i]!.defaultMark })),
  });
  const ids: Record<string, number> = {};
  created.forEach((c, i) => (ids[questions[i]!.idnumber!] = c.id));
  return { quizId: quiz.id, ids };
}

/**
 * The choice ids of a multichoice entry's current version whose answer text contains each of `fragments`, in
 * the order given; fails loudly when a fragment names no answer or several.
 */
export function choiceIds(store: Store, questionId: number, ...fragments: string[]): string[] {
  const record = store.questions.getQuestion(questionId)!;
  const q = record.question;
  if (q.type !== 'multichoice') throw new Error(`question ${questionId} is not a multichoice`);
  return fragments.map((fragment) => {
    const found = q.answers.flatMap((a, i) => (a.text.includes(fragment) ? [i] : []));
    if (found.length !== 1) throw new Error(`"${fragment}" names ${found.length} answers of question ${questionId}`);
    return record.choiceIds.choices[found[0]!]!;
  });
}
