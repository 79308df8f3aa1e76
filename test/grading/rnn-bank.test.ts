// The RNN bank's graded questions Q1–Q7, built as /work/shared/rnn-bank.md describes them.
import { describe, expect, it } from 'vitest';
import { GradingError, gradeResponse, randomGuessScore } from '../../src/grading/index.js';
import {
  baseQuestion,
  newDescription,
  newMultichoice,
  newNumerical,
  richText,
  type MultichoiceQuestion,
  type NumericalQuestion,
  type Question,
} from '../../src/model/index.js';
import { answer, numAnswer } from './build.js';

const CORRECT = 'Ваш ответ верный.';
const PARTIAL = 'Ваш ответ частично правильный.';
const INCORRECT = 'Ваш ответ неправильный.';

function rnnBase(id: string, text: string, tags: string[]) {
  return { ...baseQuestion(id, text, 'html'), idnumber: `rnn-${id}`, tags: ['rnn', ...tags] };
}

function rnnMultichoice(id: string, tags: string[], text: string, single: boolean, answers: [number, string][]) {
  const q: MultichoiceQuestion = newMultichoice(rnnBase(id, text, tags), single);
  q.answers = answers.map(([fraction, choice]) => answer(choice, fraction));
  q.combinedFeedback = {
    correct: richText(CORRECT),
    partiallyCorrect: richText(PARTIAL),
    incorrect: richText(INCORRECT),
    showNumCorrect: true,
  };
  return q;
}

const Q1 = rnnMultichoice('q1', ['speed'], 'Почему рекуррентные нейросети часто медленнее свёрточных?', true, [
  [0, 'Потому что нет хороших программных реализаций'],
  [
    1,
    'Потому что очередной элемент может быть обработан только после завершения обработки предыдущего элемента, так как зависит от значения скрытого состояния',
  ],
]);

const Q2 = rnnMultichoice(
  'q2',
  ['dependencies'],
  'Отметьте переменные, от которых зависит значение скрытого состояния \\(h_5\\) на шаге 5 в классической однонаправленной рекуррентной сети.',
  false,
  [
    [-0.5, 'Вход на шестом шаге \\(x_6\\)'],
    [0.5, 'Вход на первом шаге \\(x_1\\)'],
    [0.5, 'Скрытое состояние на четвёртом шаге \\(h_4\\)'],
    [-0.5, 'Скрытое состояние на шестом шаге \\(h_6\\)'],
  ],
);

const Q3 = rnnMultichoice(
  'q3',
  ['backprop'],
  'Значение ошибки для некоторых данных вычисляется по формуле \\(Loss(g(f(x;w)))\\), где x — ' +
    'входные данные, w — параметры модели, Loss, g, f — некоторые функции. Выберите правильное ' +
    'применение правила цепочки для нахождения производной функции ошибки по весам модели ' +
    '\\(\\frac{\\partial Loss}{\\partial w}\\).',
  true,
  [
    [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}+\\frac{\\partial g}{\\partial f}+\\frac{\\partial f}{\\partial w}\\)'],
    [1, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}\\cdot\\frac{\\partial f}{\\partial w}\\)'],
    [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}\\)'],
    [0, '\\(\\frac{\\partial Loss}{\\partial w}=\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial f}{\\partial w}\\)'],
  ],
);

const Q4: NumericalQuestion = (() => {
  const q = newNumerical(
    rnnBase(
      'q4',
      'Допустим, \\(w=1.1\\), тогда за 100 шагов в последней формуле на предыдущем видео накопится ' +
        'множитель \\(w^{99}\\). Найдите его значение. Ответ округлите до целого значения. Напомним:\n' +
        '\\[\\frac{\\partial f(w \\cdot h_{t-1} + z_t)}{\\partial w} = \\sum_{i=1}^t \\left( h_{i-1} \\cdot ' +
        'w^{t-i} \\prod_{j=i}^t f_j\' \\right).\\]',
      ['exploding-gradient'],
    ),
  );
  q.answers = [numAnswer('12528', 1, 0.5)];
  q.generalFeedback = richText('\\(1.1^{99} \\approx 12527.8\\), после округления — 12528.');
  return q;
})();

const Q5 = rnnMultichoice(
  'q5',
  ['vanishing-gradient'],
  'Отметьте условия, которые могут привести к затуханию градиента весов рекуррентного блока с ростом количества элементов в последовательности.',
  false,
  [
    [-0.3333333, 'Использование функции активации с производной \\(\\max\\left|\\frac{\\partial f(x)}{\\partial x}\\right| > 1\\)'],
    [0.5, 'Малое по модулю значение \\(w\\)'],
    [0.5, 'Использование функции активации с производной \\(\\max\\left|\\frac{\\partial f(x)}{\\partial x}\\right| < 1\\)'],
    [-0.3333333, 'Усталость разработчика'],
    [-0.3333333, 'Большое по модулю значение \\(w\\)'],
  ],
);

const Q6 = rnnMultichoice(
  'q6',
  ['parallelism'],
  'Допустим, скрытое состояние вычисляется по формуле \\(h_t=Wh_{t-1}\\), где ' +
    '\\(h_t,h_{t-1}\\in\\mathbb{R}^d\\) — новое состояние и предыдущее, а \\(W\\in\\mathbb{R}^{d\\times d}\\) — ' +
    'матрица перехода, \\(Wh\\) — операция матричного произведения матрицы на вектор-столбец. Можно ли ' +
    'вычислить хотя бы некоторые компоненты вектора \\(h_t\\) до того как все компоненты \\(h_{t-1}\\) ' +
    'будут вычислены?',
  true,
  [
    [1, 'Нет'],
    [0, 'Да'],
  ],
);

const Q7 = rnnMultichoice(
  'q7',
  ['parallelism'],
  'Теперь скрытое состояние вычисляется по формуле \\(h_t=v*h_{t-1}\\), где ' +
    '\\(h_t,h_{t-1}\\in\\mathbb{R}^d\\) — новое состояние и предыдущее, а \\(v\\in\\mathbb{R}^d\\) — вектор ' +
    'перехода, \\(v*h\\) — операция поэлементного произведения двух векторов. Отметьте компоненты ' +
    'вектора \\(h_{t-1}\\), от которых зависит третья компонента вектора \\(h_t[3]\\).',
  false,
  [
    [-0.5, '\\(h_{t-1}[2]\\)'],
    [-0.5, '\\(h_{t-1}[4]\\)'],
    [1, '\\(h_{t-1}[3]\\)'],
  ],
);

const MULTICHOICE = { Q1, Q2, Q3, Q5, Q6, Q7 };
const mc = (selected: number[]) => ({ type: 'multichoice' as const, selected });
const num = (text: string) => ({ type: 'numerical' as const, text });

function indicesWhere(q: MultichoiceQuestion, test: (fraction: number) => boolean): number[] {
  return q.answers.flatMap((a, i) => (test(a.fraction) ? [i] : []));
}

describe('every question’s correct answer scores 1', () => {
  it.each(Object.entries(MULTICHOICE))('%s', (_, q) => {
    const right = q.single ? indicesWhere(q, (f) => f === 1) : indicesWhere(q, (f) => f > 0);
    const grade = gradeResponse(q, mc(right));
    expect(grade.fraction).toBeCloseTo(1, 7);
    expect(grade.state).toBe('gradedright');
    expect(grade.feedback.combined?.text).toBe(CORRECT);
    expect(grade.feedback.numCorrect).toBeNull();
  });

  it('Q4', () => {
    expect(gradeResponse(Q4, num('12528'))).toMatchObject({ fraction: 1, state: 'gradedright' });
  });
});

describe('every wrong-only answer scores 0', () => {
  it.each(Object.entries(MULTICHOICE))('%s', (_, q) => {
    const wrong = indicesWhere(q, (f) => f <= 0);
    const responses = q.single ? wrong.map((i) => [i]) : [wrong, ...wrong.map((i) => [i])];
    for (const selected of responses) {
      const grade = gradeResponse(q, mc(selected));
      expect(grade.fraction).toBe(0);
      expect(grade.state).toBe('gradedwrong');
      expect(grade.feedback.combined?.text).toBe(INCORRECT);
    }
  });

  it('Q4 "12527" is outside 12528 ± 0.5', () => {
    expect(gradeResponse(Q4, num('12527'))).toMatchObject({ fraction: 0, state: 'gradedwrong' });
  });
});

describe('partial and negative combinations', () => {
  it.each<[string, MultichoiceQuestion, number[], number, string | null]>([
    ['Q2 x1 + h4', Q2, [1, 2], 1, null],
    ['Q2 x1 + x6', Q2, [1, 0], 0, null],
    ['Q2 x1 alone', Q2, [1], 0.5, 'You have correctly selected 1.'],
    ['Q2 x1 + h4 + h6', Q2, [1, 2, 3], 0.5, 'You have selected too many options.'],
    ['Q5 all three wrong', Q5, [0, 3, 4], 0, null],
    ['Q5 two right + one wrong', Q5, [1, 2, 3], 0.6666667, 'You have selected too many options.'],
    ['Q5 one right', Q5, [2], 0.5, 'You have correctly selected 1.'],
    ['Q5 one right + one wrong', Q5, [1, 0], 0.1666667, 'You have correctly selected 1.'],
    ['Q7 h[3] + h[2]', Q7, [2, 0], 0.5, 'You have selected too many options.'],
    ['Q7 all three', Q7, [0, 1, 2], 0, null],
  ])('%s → %f', (_, q, selected, fraction, numCorrect) => {
    const grade = gradeResponse(q, mc(selected));
    expect(grade.fraction).toBeCloseTo(fraction, 7);
    expect(grade.feedback.numCorrect).toBe(numCorrect);
    const combined = grade.state === 'gradedright' ? CORRECT : grade.state === 'gradedpartial' ? PARTIAL : INCORRECT;
    expect(grade.feedback.combined?.text).toBe(combined);
  });

  it('the right-answer sentences keep the TeX', () => {
    expect(gradeResponse(Q2, mc([1])).rightAnswer).toBe(
      'The correct answers are: Вход на первом шаге \\(x_1\\), Скрытое состояние на четвёртом шаге \\(h_4\\)',
    );
    expect(gradeResponse(Q6, mc([1])).rightAnswer).toBe('The correct answer is: Нет');
  });
});

describe('Q4, numerical 12528 ± 0.5', () => {
  it.each<[string, number | null]>([
    ['12528', 1],
    ['12 528', 1],
    ['12527,83', 1],
    ['12528.4', 1],
    ['12527', 0],
    ['12529', 0],
    ['12\u00a0528', 0],
    ['', null],
  ])('%j → %s', (text, fraction) => {
    expect(gradeResponse(Q4, num(text)).fraction).toBe(fraction);
  });

  it('shows the general feedback and the right answer', () => {
    const grade = gradeResponse(Q4, num('12527'));
    expect(grade.feedback.general?.text).toBe(Q4.generalFeedback.text);
    expect(grade.rightAnswer).toBe('The correct answer is: 12528');
  });
});

describe('random guess scores', () => {
  it.each<[string, Question, number | null]>([
    ['Q1', Q1, 0.5],
    ['Q2', Q2, null],
    ['Q3', Q3, 0.25],
    ['Q4', Q4, 0],
    ['Q6', Q6, 0.5],
  ])('%s', (_, q, score) => {
    expect(randomGuessScore(q)).toBe(score);
  });
});

it('an info item (description) is never graded', () => {
  const info = newDescription(rnnBase('i1', 'И, самое главное, рекуррентки обучаются не так легко.', []));
  expect(() => gradeResponse(info, null)).toThrow(GradingError);
  expect(randomGuessScore(info)).toBeNull();
});
