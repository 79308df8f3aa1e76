// Data for the statistics benchmark and tests: the RNN quiz 4.1 built with the model's factories as
// ../shared/rnn-bank.md describes it, attempts graded with src/grading exactly as submissions are stored,
// and a generator of realistic response mixes.
import { classifyResponse, gradeResponse } from '../src/grading/index.js';
import {
  baseQuestion,
  isGradable,
  newDescription,
  newMultichoice,
  newNumerical,
  richText,
  type MultichoiceQuestion,
  type Question,
  type Response,
} from '../src/model/index.js';
import { assignChoiceIds } from '../src/services/choice-ids.js';
import { roundDecimal, type NewAttempt, type NewAttemptQuestion, type QuizQuestion, type Store } from '../src/storage/index.js';

export const RNN_CATEGORY = '$course$/top/Рекуррентные нейросети';
export const RNN_QUIZ_NAME = '4.1 Рекуррентные нейросети';
export const RNN_QUIZ_IDNUMBER = 'rnn-4.1';

function base(idnumber: string, text: string, tags: string[]) {
  return { ...baseQuestion(idnumber, `<p>${text}</p>`, 'html'), idnumber, tags: ['rnn', ...tags] };
}

function multichoice(idnumber: string, tags: string[], text: string, single: boolean, answers: [number, string][]): Question {
  const q: MultichoiceQuestion = newMultichoice(base(idnumber, text, tags), single);
  q.answers = answers.map(([fraction, choice]) => ({ text: choice, format: 'html', files: [], fraction, feedback: richText('') }));
  q.combinedFeedback = {
    correct: richText('Ваш ответ верный.'),
    partiallyCorrect: richText('Ваш ответ частично правильный.'),
    incorrect: richText('Ваш ответ неправильный.'),
    showNumCorrect: true,
  };
  return q;
}

function description(idnumber: string, text: string): Question {
  return newDescription(base(idnumber, text, []));
}

/** The twelve items in quiz order (the descriptions' long passages abridged). */
export function rnnQuestions(): Question[] {
  const q4 = newNumerical(
    base(
      'rnn-q4',
      'Допустим, \\(w=1.1\\), тогда за 100 шагов в последней формуле на предыдущем видео накопится множитель ' +
        '\\(w^{99}\\). Найдите его значение. Ответ округлите до целого значения.',
      ['exploding-gradient'],
    ),
  );
  q4.answers = [{ text: '12528', format: 'moodle', files: [], fraction: 1, feedback: richText(''), tolerance: 0.5 }];
  q4.generalFeedback = richText('\\(1.1^{99} \\approx 12527.8\\), после округления — 12528.');
  const dLoss = (rhs: string) => `\\(\\frac{\\partial Loss}{\\partial w}=${rhs}\\)`;
  return [
    multichoice('rnn-q1', ['speed'], 'Почему рекуррентные нейросети часто медленнее свёрточных?', true, [
      [0, 'Потому что нет хороших программных реализаций'],
      [
        1,
        'Потому что очередной элемент может быть обработан только после завершения обработки предыдущего элемента, ' +
          'так как зависит от значения скрытого состояния',
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
      'Значение ошибки для некоторых данных вычисляется по формуле \\(Loss(g(f(x;w)))\\), где x — входные данные, ' +
        'w — параметры модели, Loss, g, f — некоторые функции. Выберите правильное применение правила цепочки для ' +
        'нахождения производной функции ошибки по весам модели \\(\\frac{\\partial Loss}{\\partial w}\\).',
      true,
      [
        [0, dLoss('\\frac{\\partial Loss}{\\partial g}+\\frac{\\partial g}{\\partial f}+\\frac{\\partial f}{\\partial w}')],
        [1, dLoss('\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}\\cdot\\frac{\\partial f}{\\partial w}')],
        [0, dLoss('\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial g}{\\partial f}')],
        [0, dLoss('\\frac{\\partial Loss}{\\partial g}\\cdot\\frac{\\partial f}{\\partial w}')],
      ],
    ),
    description('rnn-i3', 'Мы дошли до производной последнего рекуррентного состояния по весам. … вот тут-то собака и зарыта.'),
    q4,
    description('rnn-i4', 'Часто в качестве функции активации используется гиперболический тангенс. … Давайте рассмотрим парочку.'),
    multichoice(
      'rnn-q5',
      ['vanishing-gradient'],
      'Отметьте условия, которые могут привести к затуханию градиента весов рекуррентного блока с ростом количества ' +
        'элементов в последовательности.',
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
      'Допустим, скрытое состояние вычисляется по формуле \\(h_t=Wh_{t-1}\\). Можно ли вычислить хотя бы некоторые ' +
        'компоненты вектора \\(h_t\\) до того как все компоненты \\(h_{t-1}\\) будут вычислены?',
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

/**
 * Stores the RNN bank in a category and a quiz of its twelve items (descriptions with max mark 0); returns the
 * quiz id. A second copy needs another category (question idnumbers are unique in a category) and quiz idnumber.
 */
export function createRnnQuiz(
  store: Store,
  options: { idnumber?: string; name?: string; category?: string } = {},
): number {
  const categoryId = store.categories.ensureCategoryPath(options.category ?? RNN_CATEGORY).id;
  const questions = rnnQuestions();
  const created = store.questions.insertQuestions(
    questions.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })),
  );
  const slots = created.map((q, i) => ({ questionId: q.id, maxMark: isGradable(questions[i]!) ? 1 : 0 }));
  return store.quizzes.createQuiz({
    name: options.name ?? RNN_QUIZ_NAME,
    idnumber: options.idnumber ?? RNN_QUIZ_IDNUMBER,
    slots,
  }).id;
}

/** A graded slot of a quiz as the statistics blobs lay it out. */
interface GradedSlot {
  slot: QuizQuestion;
  parts: number;
}

/** The graded slots of a quiz on their current versions, in slot order. */
export function gradedSlots(store: Store, quizId: number): GradedSlot[] {
  return store.quizzes
    .getQuizQuestions(quizId)
    .filter((q) => isGradable(q.question))
    .map((slot) => ({ slot, parts: classifyResponse(slot.question, null).length }));
}

/**
 * An attempt graded as a submission is stored: fractions to 7 decimals, the total to 5, statistics blobs with
 * one fraction per graded slot and one class index per part. `responses[i]` answers graded slot i (null: left out).
 */
export function gradedAttempt(
  quizId: number,
  slots: readonly GradedSlot[],
  userId: string,
  responses: readonly (Response | null)[],
  submittedAt = '2025-03-01T10:00:00.000Z',
): NewAttempt {
  const fractions = new Float64Array(slots.length);
  const classes: number[] = [];
  const questions: NewAttemptQuestion[] = [];
  let sum = 0;
  let waiting = false;
  slots.forEach(({ slot, parts }, i) => {
    const response = responses[i] ?? null;
    const grade = gradeResponse(slot.question, response);
    const fraction = grade.fraction === null ? null : roundDecimal(grade.fraction, 7);
    fractions[i] = fraction ?? Number.NaN;
    if (fraction !== null) sum += fraction * slot.maxMark;
    if (grade.state === 'needsgrading' && slot.maxMark > 0) waiting = true;
    const classified = classifyResponse(slot.question, response);
    for (let k = 0; k < parts; k++) classes.push(classified[k] ?? -1);
    questions.push({
      slot: slot.slot,
      questionId: slot.questionId,
      questionVersionId: slot.versionId,
      response,
      fraction,
      mark: fraction === null ? null : fraction * slot.maxMark,
      maxMark: slot.maxMark,
      state: grade.state,
      feedback: grade.feedback,
      rightAnswer: grade.rightAnswer,
    });
  });
  return {
    quizId,
    userId,
    state: waiting ? 'needsgrading' : 'finished',
    submittedAt,
    sumGrades: waiting ? null : roundDecimal(sum, 5),
    maxGrade: slots.reduce((total, s) => total + s.slot.maxMark, 0),
    keyId: null,
    questions,
    fractions,
    classes: Int16Array.from(classes),
  };
}

/** mulberry32: a small seeded generator, so that runs are comparable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERICAL_ANSWERS = ['12528', '12527.83', '12 528', '12527', '1.2528e4', '12000', '13780', 'не знаю'];

/**
 * A plausible response of a student of `ability` (0..1) to a question: stronger students pick right choices
 * more often; some leave questions out. Several-answer questions get any subset, blank included.
 */
export function plausibleResponse(question: Question, ability: number, next: () => number): Response | null {
  if (next() < 0.04) return null;
  if (question.type === 'numerical') {
    const right = next() < ability;
    return { type: 'numerical', text: right ? NUMERICAL_ANSWERS[Math.floor(next() * 3)]! : NUMERICAL_ANSWERS[3 + Math.floor(next() * 5)]! };
  }
  if (question.type === 'multichoice') {
    const answers = question.answers;
    if (question.single) {
      const right = answers.findIndex((a) => a.fraction > 0.999);
      const pick = next() < ability ? right : Math.floor(next() * answers.length);
      return { type: 'multichoice', selected: [pick] };
    }
    const selected: number[] = [];
    answers.forEach((a, i) => {
      const p = a.fraction > 0 ? 0.35 + 0.6 * ability : 0.45 - 0.4 * ability;
      if (next() < p) selected.push(i);
    });
    return { type: 'multichoice', selected };
  }
  throw new Error(`no response generator for ${question.type}`);
}
