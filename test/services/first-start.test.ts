import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MultichoiceQuestion, NumericalQuestion, Question } from '../../src/model/index.js';
import { SEED_QUIZ } from '../../src/services/first-start.js';
import { openServices, StartError } from '../../src/start.js';
import { openTestService, SEED_DIR, useTempDir } from '../helpers/service.js';

const ORDER = [
  ['rnn-q1', 'multichoice'],
  ['rnn-i1', 'description'],
  ['rnn-q2', 'multichoice'],
  ['rnn-i2', 'description'],
  ['rnn-q3', 'multichoice'],
  ['rnn-i3', 'description'],
  ['rnn-q4', 'numerical'],
  ['rnn-i4', 'description'],
  ['rnn-q5', 'multichoice'],
  ['rnn-q6', 'multichoice'],
  ['rnn-i5', 'description'],
  ['rnn-q7', 'multichoice'],
] as const;

function seedText(): string {
  const dir = SEED_DIR;
  return readdirSync(dir)
    .map((name) => readFileSync(new URL(name, dir), 'utf8'))
    .join('\n');
}

/** The visible text of an HTML fragment, with entities for quotes read back. */
function visible(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

function rightAnswers(q: Question): string[] {
  if (q.type === 'multichoice' || q.type === 'numerical') {
    return (q as MultichoiceQuestion | NumericalQuestion).answers.filter((a) => a.fraction > 0).map((a) => a.text);
  }
  return [];
}

describe('the first start on an empty database', () => {
  const dir = useTempDir();

  it('loads the 12 items of items/ in order, creates the quiz, prints an admin key once, and a second start changes nothing', () => {
    const first = openTestService(dir());
    const { store } = first.services;
    const entries = store.questions.listQuestions().items;
    expect(entries.map((e) => [e.idnumber, e.type])).toEqual(ORDER);
    expect(new Set(entries.map((e) => store.categories.getCategory(e.categoryId)!.path))).toEqual(
      new Set(['$course$/top/Рекуррентные нейросети']),
    );

    const quiz = first.services.quizzes.get(SEED_QUIZ.idnumber, 'admin');
    expect(quiz.name).toBe('4.1 Рекуррентные нейросети');
    expect(quiz.items.map((i) => i.idnumber)).toEqual(ORDER.map(([idnumber]) => idnumber));
    expect(quiz.items.map((i) => i.maxMark)).toEqual(ORDER.map(([, type]) => (type === 'description' ? 0 : 1)));
    expect(quiz.sumGrades).toBe(7);

    // The key is printed once, on stdout, and it is an admin key.
    const key = first.firstStart.adminKey!;
    expect(key).toMatch(/^qbk_[A-Za-z0-9_-]{43}$/);
    expect(first.printed.filter((line) => line.includes(key))).toHaveLength(1);
    expect(first.services.keys.authenticate(key)?.role).toBe('admin');
    expect(first.printed.join('\n')).toContain('loaded 12 questions');

    const snapshot = () => ({
      questions: store.questions.listQuestions({ includeRetired: true }).items.map((q) => [q.id, q.versionId]),
      quizzes: store.quizzes.listQuizzes().items,
      keys: store.keys.listKeys(),
      settings: store.settings.listSettings(),
    });
    const before = snapshot();
    first.services.store.close();

    const second = openTestService(dir());
    const keysAfterReopen = second.services.store.keys.listKeys().filter((k) => k.name !== 'test client');
    expect(second.firstStart).toEqual({ loaded: [], quizId: null, adminKey: null });
    expect(second.printed).toEqual([]);
    expect(second.services.store.questions.listQuestions({ includeRetired: true }).items.map((q) => [q.id, q.versionId])).toEqual(
      before.questions,
    );
    expect(second.services.store.quizzes.listQuizzes().items).toEqual(before.quizzes);
    expect(keysAfterReopen).toEqual(before.keys.filter((k) => k.name !== 'test client'));
    expect(second.services.store.settings.listSettings()).toEqual(before.settings);
    expect(second.services.keys.authenticate(key)?.role).toBe('admin');
    second.services.store.close();
  });
});

describe('the shipped bank as stored', () => {
  const dir = useTempDir();

  it('keeps sentences of the seed page verbatim and marks each right answer right', () => {
    const { services } = openTestService(dir());
    const byIdnumber = new Map(
      services.store.questions.listQuestions().items.map((e) => [e.idnumber, e.question] as const),
    );
    const seed = seedText();
    const sentences: [string, string][] = [
      ['rnn-q1', 'Почему рекуррентные нейросети часто медленнее свёрточных?'],
      ['rnn-i1', 'И, самое главное, рекуррентки обучаются не так легко.'],
      ['rnn-i1', 'Таким образом мы получим глубокую композицию функций.'],
      ['rnn-i2', 'Итак, прямой проход по сети сделали.'],
      ['rnn-i4', 'Часто в качестве функции активации используется гиперболический тангенс.'],
      ['rnn-i4', 'Давайте рассмотрим парочку.'],
    ];
    for (const [idnumber, sentence] of sentences) {
      expect(seed).toContain(sentence);
      expect(visible(byIdnumber.get(idnumber)!.text.text)).toContain(sentence);
    }

    const right: Record<string, string[]> = {
      'rnn-q1': [
        'Потому что очередной элемент может быть обработан только после завершения обработки предыдущего элемента, так как зависит от значения скрытого состояния',
      ],
      'rnn-q2': ['Вход на первом шаге \\(x_1\\)', 'Скрытое состояние на четвёртом шаге \\(h_4\\)'],
      'rnn-q4': ['12528'],
      'rnn-q6': ['Нет'],
      'rnn-q7': ['\\(h_{t-1}[3]\\)'],
    };
    for (const [idnumber, texts] of Object.entries(right)) {
      expect(rightAnswers(byIdnumber.get(idnumber)!).map((t) => visible(t).trim())).toEqual(texts);
    }
    const q3 = byIdnumber.get('rnn-q3') as MultichoiceQuestion;
    expect(q3.answers.filter((a) => a.fraction === 1).map((a) => a.text)[0]).toContain('\\cdot\\frac{\\partial g}{\\partial f}\\cdot\\frac{\\partial f}{\\partial w}');
    const q4 = byIdnumber.get('rnn-q4') as NumericalQuestion;
    expect(q4.answers[0]).toMatchObject({ text: '12528', fraction: 1, tolerance: 0.5 });
    const q5 = byIdnumber.get('rnn-q5') as MultichoiceQuestion;
    expect(q5.answers.map((a) => a.fraction).sort()).toEqual([-0.3333333, -0.3333333, -0.3333333, 0.5, 0.5]);
    services.store.close();
  });
});

describe('QBANK_ADMIN_KEY and a broken items folder', () => {
  const dir = useTempDir();

  it('makes QBANK_ADMIN_KEY an admin key and prints no key', () => {
    const secret = 'my-own-admin-key-0123456789';
    const started = openTestService(join(dir()), { env: { QBANK_ADMIN_KEY: secret } });
    expect(started.firstStart.adminKey).toBeNull();
    expect(started.printed.join('\n')).not.toMatch(/qbk_/);
    expect(started.services.keys.authenticate(secret)?.role).toBe('admin');
    expect(started.services.store.keys.countKeys('admin')).toBe(1);
    started.services.store.close();
  });

  it('stops the start on an items file with errors, naming file, line and column, and stores nothing', () => {
    const items = join(dir(), 'bad-items');
    mkdirSync(items);
    writeFileSync(join(items, 'a.gift'), '::Fine:: 2+2 {=4}\n');
    writeFileSync(join(items, 'b.gift'), '::Broken:: no answers here {=a ~b\n');
    const env = { QBANK_DB: join(dir(), 'broken.db'), QBANK_ITEMS_DIR: items };
    let error: unknown;
    try {
      openServices({ env, print: () => {}, createAdminKey: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toMatch(/b\.gift:1:\d+: error: /);
    // Nothing of a.gift was kept: the next start with a fixed folder loads both.
    writeFileSync(join(items, 'b.gift'), '::Fixed:: yes? {T}\n');
    const opened = openServices({ env, print: () => {}, createAdminKey: false });
    expect(opened.services.store.questions.listQuestions().items.map((q) => q.name)).toEqual(['Fine', 'Fixed']);
    expect(opened.firstStart.loaded).toEqual([
      { file: 'a.gift', questions: 1 },
      { file: 'b.gift', questions: 1 },
    ]);
    opened.services.store.close();
  });
});
