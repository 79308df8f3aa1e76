// The RNN bank, read back through the Moodle XML parser and checked against the page that specifies it
// (../shared/rnn-bank.md) and the seed it was rebuilt from (../shared/seed).
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/formats/diagnostics.js';
import { parseMoodleXml } from '../../src/formats/moodle-xml/index.js';
import {
  matchGradeOption,
  type MultichoiceQuestion,
  type NumericalQuestion,
  type Question,
  type RichText,
} from '../../src/model/index.js';
import {
  bankAnswers,
  bankGeneralFeedback,
  bankOrder,
  bankSection,
  bankText,
  firstParagraph,
  latinWords,
  mixedScriptWords,
  plain,
  readBankPage,
  readItemsBytes,
  readSeed,
  repair,
  seedPassage,
  squash,
  texFragments,
} from './bank-files.js';

const CATEGORY = '$course$/top/Рекуррентные нейросети';

/** What rnn-bank.md says of each item besides its text and answers. */
const ITEMS = [
  { id: 'rnn-q1', type: 'multichoice', single: true, tags: ['rnn', 'speed'] },
  { id: 'rnn-i1', type: 'description', tags: ['rnn'] },
  { id: 'rnn-q2', type: 'multichoice', single: false, tags: ['rnn', 'dependencies'] },
  { id: 'rnn-i2', type: 'description', tags: ['rnn'] },
  { id: 'rnn-q3', type: 'multichoice', single: true, tags: ['rnn', 'backprop'] },
  { id: 'rnn-i3', type: 'description', tags: ['rnn'] },
  { id: 'rnn-q4', type: 'numerical', tags: ['rnn', 'exploding-gradient'] },
  { id: 'rnn-i4', type: 'description', tags: ['rnn'] },
  { id: 'rnn-q5', type: 'multichoice', single: false, tags: ['rnn', 'vanishing-gradient'] },
  { id: 'rnn-q6', type: 'multichoice', single: true, tags: ['rnn', 'parallelism'] },
  { id: 'rnn-i5', type: 'description', tags: ['rnn'] },
  { id: 'rnn-q7', type: 'multichoice', single: false, tags: ['rnn', 'parallelism'] },
] as const;

type ItemSpec = (typeof ITEMS)[number];
const MULTICHOICE = ITEMS.filter((i): i is Extract<ItemSpec, { type: 'multichoice' }> => i.type === 'multichoice');

/** The bank page's label of an item: rnn-q1 → Q1. */
const label = (id: string) => id.slice(4).toUpperCase();

const MLM =
  'https://machinelearningmastery.com/how-to-avoid-exploding-gradients-in-neural-networks-with-gradient-clipping/';

/**
 * Each description's passage: the seed from the first to the last sentence rnn-bank.md quotes, with exactly the
 * repairs it lists, and the references that follow the passage.
 */
const PASSAGES = [
  {
    id: 'rnn-i1',
    first: 'И, самое главное, рекуррентки обучаются не так легко.',
    last: 'Таким образом мы получим глубокую композицию функций.',
    repairs: [],
    links: [],
  },
  {
    id: 'rnn-i2',
    first: 'Итак, прямой проход по сети сделали.',
    last: 'поэтому применяем правило цепочки.',
    repairs: [
      ['Предсказание (уу)', 'Предсказание (\\(y\\))'],
      ['одно число (ww)', 'одно число (\\(w\\))'],
      ['yy — это сложная функция', '\\(y\\) — это сложная функция'],
    ],
    links: [],
  },
  {
    id: 'rnn-i3',
    first: 'Мы дошли до производной последнего рекуррентного состояния по весам.',
    last: 'вот тут-то собака w3 зарыта.',
    repairs: [
      [
        'по весам. Вот это значение равно  $h_t t$ htt. Так так!',
        'по весам, \\(\\frac{\\partial h_t}{\\partial w}\\). Так-так!',
      ],
      ["( $f_t$ ft')", "(\\(f'_t\\))"],
      ['Производная w по w0 равна единице.', 'Производная \\(w\\) по \\(w\\) равна единице.'],
      ['похоже на то, w1 чего мы начали.', 'похоже на то, с чего мы начали.'],
      ['первого элемента w3 начального состояния', 'первого элемента — начального состояния'],
      ['производная w3 зависит от всех шагов.', 'производная зависит от всех шагов.'],
      ['собака w3 зарыта.', 'собака и зарыта.'],
    ],
    links: [],
  },
  {
    id: 'rnn-i4',
    first: 'Часто в качестве функции активации используется гиперболический тангенс.',
    last: 'Давайте рассмотрим парочку.',
    repairs: [],
    links: [MLM, 'http://www.wildml.com/deep-learning-glossary/'],
  },
  {
    id: 'rnn-i5',
    first: 'Нашлись ребята, которые решили упростить LSTM,',
    last: 'примером такой работы является simple recurrent unit.',
    repairs: [['"qated recurrent unit"', '"gated recurrent unit"']],
    links: ['https://arxiv.org/abs/1709.02755', MLM],
  },
] as const;

/** Sentences that must read in the bank exactly as in the seed. */
const SEED_SENTENCES: Record<string, string[]> = {
  'rnn-q1': [
    'Почему рекуррентные нейросети часто медленнее свёрточных?',
    'Потому что нет хороших программных реализаций',
    'Потому что очередной элемент может быть обработан только после завершения обработки предыдущего элемента, так как зависит от значения скрытого состояния',
  ],
  'rnn-i1': [
    'Поэтому современные работы в области рекурренток, в основном, связаны с поиском баланса между мощностью и стабильностью процесса обучения.',
    'Мы это будем делать на примере классической рекуррентки (такие сети ещё называют "vanilla").',
    'Итак, до прочтения первого слова у нас уже есть начальное состояние — это тоже параметр сети.',
  ],
  'rnn-q2': ['Скрытое состояние на четвёртом шаге', 'Вход на первом шаге'],
  'rnn-i2': [
    'Ну, пора и домой — то есть обратно.',
    'Мы применяем градиентный спуск, поэтому попробуем посчитать производную функции потерь по весам нейросети.',
  ],
  'rnn-q3': ['Выберите правильное применение правила цепочки для нахождения производной функции ошибки по весам модели'],
  'rnn-i3': [
    'Мы опять берём производную сложной функции, поэтому результат будет равен произведению производной самой функции и производной её аргумента.',
    'Чтобы найти производную предыдущего состояния, раскроем его (получим такое вот выражение).',
    'Мы подставили сюда производную предпоследнего скрытого состояния.',
  ],
  'rnn-q4': ['Найдите его значение. Ответ округлите до целого значения. Напомним:'],
  'rnn-i4': [
    'Его производная лежит в диапазоне от нуля до единицы.',
    'То есть слишком большие градиенты просто обрезаются. [1,2] Бороться с затуханием градиента гораздо сложнее — этому посвящено множество работ.',
  ],
  'rnn-q5': [
    'Отметьте условия, которые могут привести к затуханию градиента весов рекуррентного блока с ростом количества элементов в последовательности.',
    'Усталость разработчика',
  ],
  'rnn-q6': ['Можно ли вычислить хотя бы некоторые компоненты вектора'],
  'rnn-i5': [
    'На практике GRU и LSTM, в большинстве задач, работают практически одинаково и дают очень близкое качество.',
    'Они заменили матрицу и матричное произведение на вектор и поэлементное произведение.',
    'Самая старая, проверенная и популярная — LSTM.',
  ],
  'rnn-q7': ['Отметьте компоненты вектора'],
};

/** Latin words the bank may hold outside TeX: terms, variable names and the English references. */
const LATIN_ALLOWED = new Set(
  (
    'x w g f h z t Loss vanilla LSTM GRU gated recurrent unit units simple Simple ' +
    'Lei T et al for highly parallelizable recurrence arXiv preprint How to Avoid Exploding Gradients With Gradient Clipping'
  ).split(' '),
);

const result: ParseResult = parseMoodleXml(readItemsBytes());
const seed = readSeed();
const page = readBankPage();

function item(id: string): Question {
  const q = result.questions.find((question) => question.idnumber === id);
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

function multichoice(id: string): MultichoiceQuestion {
  const q = item(id);
  if (q.type !== 'multichoice') throw new Error(`${id} is ${q.type}`);
  return q;
}

function numerical(id: string): NumericalQuestion {
  const q = item(id);
  if (q.type !== 'numerical') throw new Error(`${id} is ${q.type}`);
  return q;
}

/** Every rich text and answer text of a question. */
function texts(q: Question): string[] {
  const rich: RichText[] = [q.text, q.generalFeedback, ...q.hints.map((h) => h.text)];
  const out: string[] = [];
  if (q.type === 'multichoice') {
    const fb = q.combinedFeedback;
    rich.push(fb.correct, fb.partiallyCorrect, fb.incorrect);
  }
  if (q.type === 'multichoice' || q.type === 'numerical') {
    for (const a of q.answers) {
      out.push(a.text);
      rich.push(a.feedback);
    }
  }
  return [...rich.map((r) => r.text), ...out];
}

/** All the text of a question, for searching. */
const allText = (q: Question) => texts(q).join('\n');

describe('the RNN bank (items/rnn-4.1.xml)', () => {
  it('parses with no error', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.questions).toHaveLength(12);
    expect(result.positions).toHaveLength(12);
  });

  it('holds the twelve items in the order of the bank page', () => {
    expect(result.questions.map((q) => q.idnumber)).toEqual(bankOrder(page));
    expect(result.questions.map((q) => [q.idnumber, q.type])).toEqual(ITEMS.map((i) => [i.id, i.type]));
  });

  it('puts every item in the category the bank page names, with a description of the section', () => {
    expect(result.categories).toHaveLength(1);
    const category = result.categories[0]!;
    expect(category.path).toBe(CATEGORY);
    expect(category.info.format).toBe('html');
    expect(plain(category.info.text)).toContain('Рекуррентные нейросети');
    expect(category.idnumber || null).toBeNull();
    for (const q of result.questions) expect(q.category, q.idnumber ?? '').toBe(CATEGORY);
  });

  it('gives every item a name of its own and the tags the bank page lists', () => {
    const names = result.questions.map((q) => q.name);
    expect(new Set(names).size).toBe(12);
    for (const name of names) expect(name.trim()).not.toBe('');
    for (const spec of ITEMS) expect(item(spec.id).tags, spec.id).toEqual(spec.tags);
  });

  it.each(ITEMS.filter((i) => i.type !== 'description'))('$id is marked out of 1 with the penalty 0.3333333', ({ id }) => {
    const q = item(id);
    expect(q.defaultMark).toBe(1);
    expect(q.penalty).toBeCloseTo(0.3333333, 7);
    expect(q.text.format).toBe('html');
    expect(q.generalFeedback.format).toBe('html');
    expect(q.hints).toEqual([]);
  });

  it.each(ITEMS.filter((i) => i.type === 'description'))('$id is a description with no mark', ({ id }) => {
    const q = item(id);
    expect(q.type).toBe('description');
    expect(q.defaultMark).toBe(0);
    expect(q.penalty).toBe(0);
    expect(q.text.format).toBe('html');
    expect(q.generalFeedback.text).toBe('');
  });

  it.each(ITEMS.filter((i) => i.type !== 'description'))('$id has the text of the bank page', ({ id }) => {
    expect(plain(item(id).text.text)).toBe(bankText(bankSection(page, label(id))));
  });

  describe.each(MULTICHOICE)('$id', ({ id, single }) => {
    const section = bankSection(page, label(id));

    it(`takes ${single ? 'one answer' : 'several answers'}, shuffled and numbered abc, with the standard instruction`, () => {
      const q = multichoice(id);
      expect(q.single).toBe(single);
      expect(q.allOrNothing).toBe(false);
      expect(q.shuffleAnswers).toBe(true);
      expect(q.answerNumbering).toBe('abc');
      expect(q.showStandardInstruction).toBe(true);
      expect(q.generalFeedback.text).toBe('');
    });

    it("has Moodle's Russian combined feedback and shows the number of correct choices", () => {
      const fb = multichoice(id).combinedFeedback;
      expect([fb.correct.text, fb.partiallyCorrect.text, fb.incorrect.text]).toEqual([
        'Ваш ответ верный.',
        'Ваш ответ частично правильный.',
        'Ваш ответ неправильный.',
      ]);
      expect([fb.correct.format, fb.partiallyCorrect.format, fb.incorrect.format]).toEqual(['html', 'html', 'html']);
      expect(fb.showNumCorrect).toBe(true);
    });

    it('has the answers and fractions of the bank page, as HTML with no feedback', () => {
      const q = multichoice(id);
      const expected = bankAnswers(section);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(q.answers.map((a) => plain(a.text))).toEqual(expected.map((a) => a.text));
      q.answers.forEach((a, i) => {
        expect(a.fraction).toBeCloseTo(expected[i]!.percent / 100, 7);
        expect(matchGradeOption(a.fraction)).not.toBeNull();
        expect(a.format).toBe('html');
        expect(a.feedback.text).toBe('');
      });
    });

    it('gives full marks for exactly the right answers', () => {
      const fractions = multichoice(id).answers.map((a) => a.fraction);
      if (single) expect(Math.max(...fractions)).toBeCloseTo(1, 7);
      else expect(fractions.filter((f) => f > 0).reduce((s, f) => s + f, 0)).toBeCloseTo(1, 7);
    });
  });

  it('Q4 accepts 12528 with tolerance 0.5 and explains the rounding', () => {
    const q = numerical('rnn-q4');
    expect(q.answers).toHaveLength(1);
    const [answer] = q.answers;
    expect(answer!.text).toBe('12528');
    expect(answer!.tolerance).toBe(0.5);
    expect(answer!.fraction).toBe(1);
    expect(answer!.feedback.text).toBe('');
    expect(Math.abs(1.1 ** 99 - Number(answer!.text))).toBeLessThanOrEqual(answer!.tolerance);
    expect(q.units).toEqual([]);
    expect(q.unitOptions).toEqual({ unitGradingType: 0, unitPenalty: 0.1, showUnits: 3, unitsLeft: false });
    expect(q.instructions?.text ?? '').toBe('');
    expect(plain(q.generalFeedback.text)).toBe(bankGeneralFeedback(bankSection(page, 'Q4')));
  });

  describe.each(PASSAGES)('$id', ({ id, first, last, repairs, links }) => {
    it('holds the seed passage verbatim, with only the repairs the bank page lists', () => {
      const expected = repair(seedPassage(seed, first, last), repairs);
      expect(plain(firstParagraph(item(id).text.text))).toBe(plain(expected));
    });

    it('links its references', () => {
      const html = item(id).text.text;
      for (const url of links) expect(html).toContain(`<a href="${url}">${url}</a>`);
      expect((html.match(/<a /g) ?? []).length).toBe(links.length);
    });
  });

  it('repairs the passages the OCR broke', () => {
    const i2 = item('rnn-i2').text.text;
    const i3 = item('rnn-i3').text.text;
    const i5 = item('rnn-i5').text.text;
    for (const phrase of ['Предсказание (\\(y\\))', 'одно число (\\(w\\))', '\\(y\\) — это сложная функция'])
      expect(i2).toContain(phrase);
    for (const phrase of [
      'Мы дошли до производной последнего рекуррентного состояния по весам, \\(\\frac{\\partial h_t}{\\partial w}\\). Так-так! Давайте здесь остановимся поподробнее.',
      "(\\(f'_t\\))",
      'Производная \\(w\\) по \\(w\\) равна единице.',
      'Это выражение очень похоже на то, с чего мы начали.',
      'до самого первого элемента — начального состояния — тогда получим следующую формулу.',
      'Вполне логично — производная зависит от всех шагов.',
      'вот тут-то собака и зарыта.',
    ])
      expect(i3).toContain(phrase);
    expect(i5).toContain('"gated recurrent unit" или "грушку"');
    expect(i5).toContain('Lei T. et al. Simple recurrent units for highly parallelizable recurrence');
    const all = result.questions.map(allText).join('\n');
    for (const ocr of ['(уу)', '(ww)', 'yy', 'htt.', "ft'", ' w0 ', ' w1 ', ' w3 ', 'qated', 'Так так'])
      expect(all).not.toContain(ocr);
  });

  it.each(Object.entries(SEED_SENTENCES))('%s keeps sentences of the seed verbatim', (id, sentences) => {
    const seedText = squash(seed);
    const itemText = plain(allText(item(id)));
    for (const sentence of sentences) {
      expect(seedText).toContain(sentence);
      expect(itemText).toContain(sentence);
    }
  });

  it.each(ITEMS.map((i) => i.id))('%s writes every TeX fragment of the bank page', (id) => {
    const text = allText(item(id));
    for (const fragment of texFragments(bankSection(page, label(id)))) expect(text).toContain(fragment);
  });

  it('finds the TeX of the bank page to check', () => {
    const fragments = ITEMS.flatMap((i) => texFragments(bankSection(page, label(i.id))));
    expect(fragments.length).toBeGreaterThan(40);
    expect(fragments).toContain(
      "\\[\\frac{\\partial f(w \\cdot h_{t-1} + z_t)}{\\partial w} = \\sum_{i=1}^t \\left( h_{i-1} \\cdot w^{t-i} \\prod_{j=i}^t f_j' \\right).\\]",
    );
  });

  it('writes math for MathJax only: balanced \\( \\) and \\[ \\], never $', () => {
    for (const q of result.questions) {
      for (const text of texts(q)) {
        expect(text, q.idnumber ?? '').not.toContain('$');
        expect(text.split('\\(').length, text).toBe(text.split('\\)').length);
        expect(text.split('\\[').length, text).toBe(text.split('\\]').length);
      }
    }
    expect(result.categories[0]!.info.text).not.toContain('$');
  });

  it('spells Russian in Cyrillic only, with no OCR look-alikes or mojibake', () => {
    const everything = [...result.questions.flatMap((q) => [q.name, ...texts(q)]), result.categories[0]!.info.text];
    for (const text of everything) {
      expect(mixedScriptWords(plain(text)), text).toEqual([]);
      expect(text).not.toMatch(/[\uFFFD]|[ÐÑ][\u0080-\u00BF]/);
      for (const word of latinWords(text)) expect(LATIN_ALLOWED.has(word), `"${word}" in ${text.slice(0, 60)}`).toBe(true);
    }
    expect(plain(allText(item('rnn-q1')))).toContain('свёрточных');
  });
});
