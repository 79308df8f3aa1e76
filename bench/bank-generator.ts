// A deterministic generated bank of every question type, for benchmarks: the same questions on every run.
import {
  baseQuestion,
  newDescription,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  richText,
  type Question,
} from '../src/model/index.js';
import { random } from './random.js';

const WORDS = [
  'рекуррентная', 'сеть', 'градиент', 'состояние', 'hidden', 'state', 'LSTM', 'GRU', 'вход', 'выход',
  '\\(h_t = \\tanh(W h_{t-1} + U x_t)\\)', 'весов', 'шаг', 'ошибка', 'loss', 'A & B', '<b>жирный</b>', 'x: y',
];

export function generateBank(count: number, seed = 42): Question[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const questions: Question[] = [];
  for (let i = 0; i < count; i++) {
    const base = { ...baseQuestion(`Q${i} ${sentence(2)}`, `${sentence(12)}?`), idnumber: `gen-${i}`, tags: ['bench'] };
    base.category = `$course$/top/Bench ${i % 10}`;
    const kind = i % 8;
    let q: Question;
    if (kind === 0 || kind === 1) {
      const single = kind === 0;
      const mc = newMultichoice(base, single);
      const fractions = single ? [1, 0, 0, 0] : [0.5, 0.5, -0.5, -0.5];
      mc.answers = fractions.map((fraction) => ({
        text: sentence(4), format: 'html', files: [], fraction, feedback: richText(sentence(3)),
      }));
      q = mc;
    } else if (kind === 2) {
      const tf = newTrueFalse(base, rnd() < 0.5);
      tf.feedbackTrue = richText(sentence(3));
      tf.feedbackFalse = richText(sentence(3));
      q = tf;
    } else if (kind === 3) {
      const sa = newShortAnswer(base);
      sa.answers = [
        { text: 'ответ', format: 'moodle', files: [], fraction: 1, feedback: richText('Верно') },
        { text: 'отв*', format: 'moodle', files: [], fraction: 0.5, feedback: richText('Почти') },
      ];
      q = sa;
    } else if (kind === 4) {
      const num = newNumerical(base);
      num.answers = [
        { text: String(Math.floor(rnd() * 100000)), tolerance: 0.5, format: 'moodle', files: [], fraction: 1, feedback: richText('') },
        { text: '*', tolerance: 0, format: 'moodle', files: [], fraction: 0, feedback: richText('Нет') },
      ];
      q = num;
    } else if (kind === 5) {
      const match = newMatch(base);
      match.subquestions = [0, 1, 2, 3].map((k) => ({ text: richText(`${sentence(3)} ${k}`), answer: `ответ ${k}` }));
      q = match;
    } else if (kind === 6) {
      q = newEssay(base);
    } else {
      q = newDescription(base);
    }
    questions.push(q);
  }
  return questions;
}
