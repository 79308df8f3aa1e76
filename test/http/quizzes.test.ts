import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/model/index.js';
import { bearer, useService } from '../helpers/service.js';

const rich = (text: string) => ({ text });
const file = (name: string, content: string) => ({ name, content: Buffer.from(content).toString('base64') });
/** Text with one embedded file it refers to. */
const withFile = (text: string, name: string, content: string) => ({
  text: `${text} <img src="@@PLUGINFILE@@/${name}">`,
  files: [file(name, content)],
});

/** One question of every type a quiz can hold, each with feedback and answers a client must never see. */
const EVERY_TYPE = [
  {
    type: 'multichoice',
    name: 'MC one',
    text: withFile('Pick the prime.', 'primes.png', 'a table of primes'),
    generalFeedback: withFile('SECRET general feedback of MC one', 'general.png', 'SECRET general feedback file'),
    answers: [
      { text: 'Seven', fraction: 1, feedback: withFile('SECRET right choice feedback', 'right.png', 'SECRET right choice file') },
      { text: 'Eight', fraction: 0, feedback: rich('SECRET wrong choice feedback') },
      { text: 'Nine <img src="@@PLUGINFILE@@/nine.png">', files: [file('nine.png', 'nine dots')], fraction: 0 },
    ],
    combinedFeedback: {
      correct: withFile('SECRET combined correct', 'correct.png', 'SECRET combined feedback file'),
      incorrect: rich('SECRET combined incorrect'),
    },
    hints: [{ text: withFile('SECRET hint', 'hint.png', 'SECRET hint file') }],
  },
  {
    type: 'multichoice',
    name: 'MC several, fixed order',
    text: rich('Pick the even numbers.'),
    single: false,
    shuffleAnswers: false,
    answers: [
      { text: 'Two', fraction: 0.5 },
      { text: 'Three', fraction: -1 },
      { text: 'Four', fraction: 0.5 },
    ],
  },
  {
    type: 'truefalse',
    name: 'TF',
    text: rich('The sky is green.'),
    correctAnswer: false,
    feedbackTrue: rich('SECRET feedback for true'),
    feedbackFalse: rich('SECRET feedback for false'),
  },
  {
    type: 'shortanswer',
    name: 'SA',
    text: rich('Name the largest planet.'),
    answers: [
      {
        text: 'SECRETJupiter',
        files: [file('jupiter.png', 'SECRET short answer file')],
        fraction: 1,
        feedback: rich('SECRET short answer feedback'),
      },
    ],
  },
  {
    type: 'numerical',
    name: 'NUM',
    text: rich('Six times seven?'),
    answers: [{ text: '42.0', fraction: 1, tolerance: 0.25, feedback: rich('SECRET numerical feedback') }],
  },
  {
    type: 'match',
    name: 'MATCH',
    text: rich('Match the capitals.'),
    subquestions: [
      { text: rich('France'), answer: 'Paris' },
      { text: rich('Italy'), answer: 'Rome' },
      { text: rich('Spain'), answer: 'Madrid' },
      { text: rich(''), answer: 'Berlin' },
    ],
  },
  {
    type: 'essay',
    name: 'ESSAY',
    text: rich('Describe a recurrent network.'),
    graderInfo: { text: 'SECRET grader information', files: [file('grader.png', 'SECRET grader information file')] },
    responseTemplate: rich('Start here'),
  },
  { type: 'description', name: 'DESC', text: rich('Read this first.') },
];

/** Keys that carry answers, grading or feedback: none may appear anywhere in what a client receives. */
const FORBIDDEN_KEYS = new Set([
  'fraction',
  'feedback',
  'generalFeedback',
  'combinedFeedback',
  'feedbackTrue',
  'feedbackFalse',
  'correctAnswer',
  'rightAnswer',
  'correct',
  'isCorrect',
  'graderInfo',
  'answers',
  'subquestions',
  'tolerance',
  'hints',
  'question',
  'choiceIds',
  'answer',
]);

/** Every key and string value of a JSON value, with its path. */
function walk(value: unknown, path: string, visit: (path: string, key: string | null, text: string | null) => void): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      visit(`${path}.${key}`, key, null);
      walk(v, `${path}.${key}`, visit);
    }
  } else if (typeof value === 'string') {
    visit(path, null, value);
  }
}

/** Texts of a stored question a client must not see: feedback, right answers of typed responses, grader info. */
function secretsOf(q: Question): string[] {
  const texts: string[] = [q.generalFeedback.text];
  if (q.type === 'multichoice') {
    texts.push(...q.answers.map((a) => a.feedback.text), q.combinedFeedback.correct.text, q.combinedFeedback.incorrect.text);
    texts.push(q.combinedFeedback.partiallyCorrect.text);
  }
  if (q.type === 'shortanswer' || q.type === 'numerical') texts.push(...q.answers.flatMap((a) => [a.text, a.feedback.text]));
  if (q.type === 'truefalse') texts.push(q.feedbackTrue.text, q.feedbackFalse.text);
  if (q.type === 'essay') texts.push(q.graderInfo.text);
  return texts.filter((t) => t.trim() !== '');
}

/** The names of every file stored anywhere in a question. */
function storedFileNames(question: Question): string[] {
  const names: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'files') names.push(...(v as { name: string }[]).map((f) => f.name));
        else visit(v);
      }
    }
  };
  visit(question);
  return names;
}

/** Collects a response body as UTF-8 text, whatever its type (superagent hands the parser the raw stream). */
function asText(res: request.Response, done: (error: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
}

describe('quizzes', () => {
  const service = useService();
  const admin = () => bearer(service().adminKey);
  const client = () => bearer(service().clientKey);
  const api = () => request(service().app);
  let everyTypeIds: number[] = [];
  let everyTypeQuiz = 0;

  it('when an admin creates a quiz, then 201 with its items in order and default marks', async () => {
    everyTypeIds = [];
    for (const q of EVERY_TYPE) {
      const res = await api().post('/api/v1/questions').set(admin()).send({ ...q, category: 'Every type' });
      expect(res.status).toBe(201);
      everyTypeIds.push(res.body.id);
    }
    const res = await api()
      .post('/api/v1/quizzes')
      .set(admin())
      .send({ name: 'Every type', idnumber: 'every', items: everyTypeIds.map((questionId, i) => (i === 1 ? { questionId, maxMark: 2.5 } : { questionId })) });
    expect(res.status).toBe(201);
    everyTypeQuiz = res.body.id;
    expect(res.headers.location).toBe(`/api/v1/quizzes/${everyTypeQuiz}`);
    expect(res.body).toMatchObject({ name: 'Every type', idnumber: 'every', grade: 10, sumGrades: 8.5 });
    expect(res.body.items.map((i: { slot: number; maxMark: number; type: string }) => [i.slot, i.type, i.maxMark])).toEqual([
      [1, 'multichoice', 1],
      [2, 'multichoice', 2.5],
      [3, 'truefalse', 1],
      [4, 'shortanswer', 1],
      [5, 'numerical', 1],
      [6, 'match', 1],
      [7, 'essay', 1],
      [8, 'description', 0],
    ]);
    expect(res.body.items[0].question.answers[0].fraction).toBe(1);
  });

  it('when the items are not acceptable, then 422 names each item', async () => {
    const retired = (await api().post('/api/v1/questions').set(admin()).send({ ...EVERY_TYPE[2], name: 'Old' })).body.id;
    await api().delete(`/api/v1/questions/${retired}`).set(admin());
    const cloze = `<quiz><question type="cloze"><name><text>Cloze</text></name><questiontext format="html"><text>{1:SHORTANSWER:=x}</text></questiontext></question></quiz>`;
    const imported = await api().post('/api/v1/import?format=moodlexml').set(admin()).type('application/xml').send(cloze);
    expect(imported.body.created[0].type).toBe('unsupported');
    const res = await api()
      .post('/api/v1/quizzes')
      .set(admin())
      .send({
        name: 'Bad',
        items: [
          { questionId: 999999 },
          { questionId: retired },
          { questionId: imported.body.created[0].id },
          { questionId: everyTypeIds[0] },
          { questionId: everyTypeIds[0] },
          { questionId: everyTypeIds[7], maxMark: 2 },
        ],
      });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.items.0.questionId',
      'body.items.1.questionId',
      'body.items.2.questionId',
      'body.items.4.questionId',
      'body.items.5.maxMark',
    ]);
    expect(res.body.errors[1].message).toMatch(/retired/);
    expect(res.body.errors[2].message).toMatch(/cloze/);
    expect((await api().post('/api/v1/quizzes').set(admin()).send({ name: 'Empty', items: [] })).status).toBe(422);
    const taken = await api().post('/api/v1/quizzes').set(admin()).send({ name: 'Again', idnumber: 'rnn-4.1', items: [{ questionId: everyTypeIds[0] }] });
    expect(taken.status).toBe(409);
  });

  it('lists quizzes for both roles', async () => {
    for (const key of [admin(), client()]) {
      const res = await api().get('/api/v1/quizzes').set(key);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { id: 1, idnumber: 'rnn-4.1', name: '4.1 Рекуррентные нейросети' },
        { id: everyTypeQuiz, idnumber: 'every', name: 'Every type' },
      ]);
      expect(res.body.total).toBe(2);
    }
  });

  it('gives a client the client view, by id or idnumber, and an admin everything or the client view on request', async () => {
    const byIdnumber = await api().get('/api/v1/quizzes/rnn-4.1').set(client());
    const byId = await api().get('/api/v1/quizzes/1').set(client());
    expect(byIdnumber.status).toBe(200);
    expect(byId.body).toEqual(byIdnumber.body);
    expect(byIdnumber.body.items.map((i: { idnumber: string }) => i.idnumber)).toEqual([
      'rnn-q1', 'rnn-i1', 'rnn-q2', 'rnn-i2', 'rnn-q3', 'rnn-i3', 'rnn-q4', 'rnn-i4', 'rnn-q5', 'rnn-q6', 'rnn-i5', 'rnn-q7',
    ]);
    expect(byIdnumber.body.items[2]).toMatchObject({ type: 'multichoice', multiple: true, textFormat: 'html', maxMark: 1 });
    expect(byIdnumber.body.items[6]).toEqual({
      slot: 7,
      questionId: expect.any(Number),
      idnumber: 'rnn-q4',
      type: 'numerical',
      name: 'Вопрос 4. Множитель за 100 шагов',
      text: expect.stringContaining('w^{99}'),
      textFormat: 'html',
      maxMark: 1,
    });

    const adminView = await api().get('/api/v1/quizzes/rnn-4.1').set(admin());
    expect(adminView.body.items[0].question.answers).toHaveLength(2);
    const preview = await api().get('/api/v1/quizzes/rnn-4.1?view=client').set(admin());
    expect(preview.body).toEqual(byIdnumber.body);
    expect((await api().get('/api/v1/quizzes/rnn-4.1?view=admin').set(client())).status).toBe(403);
    expect((await api().get('/api/v1/quizzes/nope').set(client())).status).toBe(404);
  });

  it('shows matching stems in order and choices, and fixed-order answers in their order', async () => {
    const quiz = (await api().get('/api/v1/quizzes/every').set(client())).body;
    const fixed = quiz.items[1];
    expect(fixed.choices.map((c: { text: string }) => c.text)).toEqual(['Two', 'Three', 'Four']);
    expect(fixed.multiple).toBe(true);
    const match = quiz.items[5];
    expect(match.stems.map((s: { text: string }) => s.text)).toEqual(['France', 'Italy', 'Spain']);
    expect(match.choices.map((c: { text: string }) => c.text).sort()).toEqual(['Berlin', 'Madrid', 'Paris', 'Rome']);
    const ids = match.choices.map((c: { id: string }) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(quiz.items[2]).not.toHaveProperty('choices');
    expect(quiz.items[6]).not.toHaveProperty('choices');
  });

  /** Asks for files as the client; a file's bytes join the bodies as text, a problem as its JSON. */
  async function fetchEveryFile(bodies: [string, unknown][]): Promise<{ served: number; refused: number }> {
    const counts = { served: 0, refused: 0 };
    const fetchAs = async (url: string) => {
      const res = await api().get(url).set(client()).buffer(true).parse(asText);
      const body = /json/.test(res.headers['content-type'] ?? '') ? JSON.parse(res.body) : res.body;
      bodies.push([`GET ${url} ${res.status}`, body]);
      if (res.status === 200) counts.served++;
      else {
        expect(res.status, url).toBe(404);
        counts.refused++;
      }
    };
    const view = (await api().get(`/api/v1/quizzes/${everyTypeQuiz}`).set(client())).body;
    for (const url of JSON.stringify(view).match(/\/api\/v1\/quizzes\/\d+\/files\/[^"\\ ]+/g) ?? []) await fetchAs(url);
    const adminItems = service().services.quizzes.get(everyTypeQuiz, 'admin').items;
    for (const item of view.items as { slot: number; choices?: { id: string }[]; stems?: { id: string }[] }[]) {
      const areas = ['text', ...(item.choices ?? []).map((c) => c.id), ...(item.stems ?? []).map((s) => s.id)];
      const stored = adminItems.find((a) => a.slot === item.slot)!.question;
      for (const name of storedFileNames(stored)) {
        for (const area of areas) {
          const url = `/api/v1/quizzes/${everyTypeQuiz}/files/${item.slot}/${area}/${encodeURIComponent(name)}`;
          if (!JSON.stringify(view).includes(url)) await fetchAs(url);
        }
      }
    }
    return counts;
  }

  it('sends a client nothing that gives an answer away, in any body it can receive', async () => {
    const bodies: [string, unknown][] = [];
    const get = async (path: string) => {
      const res = await api().get(path).set(client());
      bodies.push([`GET ${path} ${res.status}`, res.body]);
    };
    await get('/api/v1/quizzes');
    await get('/api/v1/quizzes/rnn-4.1');
    await get('/api/v1/quizzes/1');
    await get('/api/v1/quizzes/every');
    await get(`/api/v1/quizzes/${everyTypeQuiz}`);
    await get('/api/v1/quizzes/missing');
    await get('/api/v1/quizzes/rnn-4.1?view=admin');
    await get(`/api/v1/questions/${everyTypeIds[0]}`);
    await get('/api/v1/questions');
    await get('/api/v1/export?format=gift&quiz=rnn-4.1');
    await get('/health');
    for (const [path, body] of [
      ['/api/v1/questions', EVERY_TYPE[0]],
      ['/api/v1/quizzes', { name: 'x', items: [{ questionId: everyTypeIds[0] }] }],
      ['/api/v1/keys', { role: 'admin' }],
    ] as const) {
      const res = await api().post(path).set(client()).send(body);
      bodies.push([`POST ${path} ${res.status}`, res.body]);
    }
    // Embedded files: every URL the client view gives, and every file stored with a question of the quiz (in
    // feedback, hints, grader information or answers a client never sees) asked for under each area of its slot.
    const fileStatuses = await fetchEveryFile(bodies);
    expect(fileStatuses.served).toBe(2);
    expect(fileStatuses.refused).toBeGreaterThan(0);

    const secrets = new Set<string>();
    const quizQuestions = [
      ...service().services.quizzes.get('rnn-4.1', 'admin').items,
      ...service().services.quizzes.get('every', 'admin').items,
    ];
    for (const item of quizQuestions) for (const s of secretsOf(item.question)) secrets.add(s);
    expect(secrets).toContain('12528');
    expect(secrets).toContain('SECRET grader information');
    expect(secrets).toContain('Ваш ответ верный.');

    const leaks: string[] = [];
    for (const [where, body] of bodies) {
      walk(body, where, (path, key, text) => {
        if (key !== null && FORBIDDEN_KEYS.has(key)) leaks.push(`${path}: key ${key}`);
        if (text !== null) {
          if (/SECRET/.test(text)) leaks.push(`${path}: ${text}`);
          for (const secret of secrets) if (text.includes(secret)) leaks.push(`${path}: contains ${JSON.stringify(secret)}`);
        }
      });
    }
    expect(leaks).toEqual([]);
    expect(bodies.length).toBe(14 + fileStatuses.served + fileStatuses.refused);
  });

  it('gives choices ids that do not follow the authoring order of right answers', async () => {
    // The shipped quiz: the order a client sees is the order of the random ids, whatever the author wrote.
    const rnn = (await api().get('/api/v1/quizzes/rnn-4.1').set(client())).body;
    for (const item of rnn.items.filter((i: { type: string }) => i.type === 'multichoice')) {
      const ids = item.choices.map((c: { id: string }) => c.id);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
    }
    // Thirty questions whose right answer the author always wrote first: a client sees it anywhere.
    const items = [];
    for (let i = 0; i < 30; i++) {
      const res = await api()
        .post('/api/v1/questions')
        .set(admin())
        .send({
          type: 'multichoice',
          name: `Order ${i}`,
          text: rich(`Question ${i}`),
          category: 'Order',
          answers: ['right', 'w1', 'w2', 'w3'].map((text, k) => ({ text: `${text}-${i}`, fraction: k === 0 ? 1 : 0 })),
        });
      items.push({ questionId: res.body.id });
    }
    const quiz = (await api().post('/api/v1/quizzes').set(admin()).send({ name: 'Order', items })).body;
    const seen = (await api().get(`/api/v1/quizzes/${quiz.id}`).set(client())).body;
    const positions = seen.items.map((item: { choices: { text: string }[] }) =>
      item.choices.findIndex((c) => c.text.startsWith('right-')),
    );
    expect(new Set(positions).size).toBeGreaterThanOrEqual(3);
    const firstIds = seen.items.map((item: { choices: { id: string }[] }) => item.choices[0]!.id);
    expect(firstIds.every((id: string) => /^[A-Za-z0-9_-]{8}$/.test(id))).toBe(true);
  });
});
