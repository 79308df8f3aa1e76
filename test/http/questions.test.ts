import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, useService } from '../helpers/service.js';

const capital = {
  type: 'multichoice',
  name: 'Capital',
  text: { text: '<p>What is the capital of France?</p>' },
  category: 'Geography/Europe',
  idnumber: 'geo-1',
  tags: ['Geo', 'capitals'],
  answers: [
    { text: 'Paris', fraction: 1, feedback: { text: 'Yes.' } },
    { text: 'Lyon', fraction: 0 },
    { text: 'Marseille', fraction: 0 },
  ],
};

describe('questions', () => {
  const service = useService();
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);

  it('when an admin posts a question, then it is stored as version 1 in its category with opaque choice ids', async () => {
    const res = await api().post('/api/v1/questions').set(admin()).send(capital);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/questions/${res.body.id}`);
    expect(res.body).toMatchObject({
      type: 'multichoice',
      name: 'Capital',
      idnumber: 'geo-1',
      category: '$course$/top/Geography/Europe',
      version: 1,
      tags: ['Geo', 'capitals'],
      retiredAt: null,
      question: { single: true, shuffleAnswers: true, category: '$course$/top/Geography/Europe' },
    });
    expect(res.body.question.answers.map((a: { fraction: number }) => a.fraction)).toEqual([1, 0, 0]);
    expect(res.body.choiceIds.choices).toHaveLength(3);
    expect(new Set(res.body.choiceIds.choices).size).toBe(3);
    expect(res.body.versions).toEqual([expect.objectContaining({ version: 1, name: 'Capital' })]);

    const got = await api().get(res.headers.location).set(admin());
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it('when the idnumber is already used in the category, then 409', async () => {
    const res = await api().post('/api/v1/questions').set(admin()).send({ ...capital, name: 'Again' });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, title: 'Conflict', type: 'about:blank' });
    expect(res.body.detail).toMatch(/idnumber/);
    // The same idnumber in another category is fine, as in Moodle.
    const elsewhere = await api().post('/api/v1/questions').set(admin()).send({ ...capital, category: 'Geography/Asia' });
    expect(elsewhere.status).toBe(201);
  });

  it('when the body breaks the schema or Moodle’s rules, then 422 names each path', async () => {
    const noName = await api().post('/api/v1/questions').set(admin()).send({ ...capital, name: undefined });
    expect(noName.status).toBe(422);
    expect(noName.body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);

    const oddGrade = await api()
      .post('/api/v1/questions')
      .set(admin())
      .send({ ...capital, idnumber: null, answers: [{ text: 'a', fraction: 1 }, { text: 'b', fraction: 0.42 }] });
    expect(oddGrade.status).toBe(422);
    expect(oddGrade.body.errors).toEqual([expect.objectContaining({ path: 'body.answers.1.fraction' })]);

    const noFullMarks = await api()
      .post('/api/v1/questions')
      .set(admin())
      .send({ ...capital, idnumber: null, answers: [{ text: 'a', fraction: 0.5 }, { text: 'b', fraction: 0 }] });
    expect(noFullMarks.status).toBe(422);
    expect(noFullMarks.body.errors[0].message).toMatch(/100%/);

    const unknownType = await api().post('/api/v1/questions').set(admin()).send({ ...capital, type: 'cloze' });
    expect(unknownType.status).toBe(422);

    const top = await api().post('/api/v1/questions').set(admin()).send({ ...capital, idnumber: null, category: '$course$/top' });
    expect(top.status).toBe(422);
    expect(top.body.errors).toEqual([expect.objectContaining({ path: 'body.category' })]);

    const thirds = await api()
      .post('/api/v1/questions')
      .set(admin())
      .send({
        ...capital,
        idnumber: null,
        answers: [
          { text: 'a', fraction: 0.33333 },
          { text: 'b', fraction: 0.33333 },
          { text: 'c', fraction: 0.33333 },
          { text: 'd', fraction: -1 },
        ],
        single: false,
      });
    expect(thirds.status).toBe(201);
    expect(thirds.body.question.answers.map((a: { fraction: number }) => a.fraction)).toEqual([0.3333333, 0.3333333, 0.3333333, -1]);
  });

  it('when a question is replaced, then a new version keeps the ids of unchanged choices and the old version stays readable', async () => {
    const created = (await api().post('/api/v1/questions').set(admin()).send({ ...capital, idnumber: 'geo-2' })).body;
    const changed = {
      ...capital,
      idnumber: 'geo-2',
      category: null,
      answers: [capital.answers[0], { text: 'Lyon (city)', fraction: 0 }, capital.answers[2]],
    };
    const res = await api().put(`/api/v1/questions/${created.id}`).set(admin()).send(changed);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.body.category).toBe(created.category);
    expect(res.body.choiceIds.choices[0]).toBe(created.choiceIds.choices[0]);
    expect(res.body.choiceIds.choices[1]).not.toBe(created.choiceIds.choices[1]);
    expect(res.body.choiceIds.choices[2]).toBe(created.choiceIds.choices[2]);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const v1 = await api().get(`/api/v1/questions/${created.id}/versions/1`).set(admin());
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ version: 1, current: false, questionId: created.id });
    expect(v1.body.question.answers[1].text).toBe('Lyon');
    expect((await api().get(`/api/v1/questions/${created.id}/versions/3`).set(admin())).status).toBe(404);

    const moved = await api()
      .put(`/api/v1/questions/${created.id}`)
      .set(admin())
      .send({ ...changed, category: 'Geography/Capitals' });
    expect(moved.body).toMatchObject({ version: 3, category: '$course$/top/Geography/Capitals' });
  });

  it('when a question is retired, then it leaves listings, keeps its history and cannot be changed', async () => {
    const created = (await api().post('/api/v1/questions').set(admin()).send({ ...capital, idnumber: 'geo-3' })).body;
    const res = await api().delete(`/api/v1/questions/${created.id}`).set(admin());
    expect(res.status).toBe(200);
    expect(res.body.retiredAt).toEqual(expect.any(String));
    expect((await api().get(`/api/v1/questions/${created.id}`).set(admin())).body.retiredAt).toBe(res.body.retiredAt);

    const live = await api().get('/api/v1/questions').query({ idnumber: 'geo-3' }).set(admin());
    expect(live.body.total).toBe(0);
    const all = await api().get('/api/v1/questions').query({ idnumber: 'geo-3', includeRetired: 'true' }).set(admin());
    expect(all.body.items.map((q: { id: number }) => q.id)).toEqual([created.id]);

    const put = await api().put(`/api/v1/questions/${created.id}`).set(admin()).send({ ...capital, idnumber: 'geo-3' });
    expect(put.status).toBe(409);
    // Its idnumber is free again for a new question.
    expect((await api().post('/api/v1/questions').set(admin()).send({ ...capital, idnumber: 'geo-3' })).status).toBe(201);
  });

  it('when a question does not exist or the id is not a number, then 404 or 422', async () => {
    expect((await api().get('/api/v1/questions/999999').set(admin())).status).toBe(404);
    expect((await api().put('/api/v1/questions/999999').set(admin()).send(capital)).status).toBe(404);
    expect((await api().delete('/api/v1/questions/999999').set(admin())).status).toBe(404);
    const bad = await api().get('/api/v1/questions/abc').set(admin());
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'path.id' })]);
  });

  it('lists with filters and pages', async () => {
    const list = (query: Record<string, string>) => api().get('/api/v1/questions').query(query).set(admin());
    const rnn = await list({ category: '$course$/top/Рекуррентные нейросети' });
    expect(rnn.body.total).toBe(12);
    expect(rnn.body.items[0]).toMatchObject({ idnumber: 'rnn-q1', type: 'multichoice', category: '$course$/top/Рекуррентные нейросети' });
    expect(rnn.body.items[0].question).toBeUndefined();

    expect((await list({ type: 'description' })).body.items.map((q: { idnumber: string }) => q.idnumber)).toEqual([
      'rnn-i1',
      'rnn-i2',
      'rnn-i3',
      'rnn-i4',
      'rnn-i5',
    ]);
    expect((await list({ tag: 'PARALLELISM' })).body.items.map((q: { idnumber: string }) => q.idnumber)).toEqual(['rnn-q6', 'rnn-q7']);
    expect((await list({ idnumber: 'rnn-q4' })).body.items).toHaveLength(1);
    expect((await list({ category: 'Geography' })).body.total).toBe(0);
    expect((await list({ category: 'Geography', includeSubcategories: 'true' })).body.total).toBeGreaterThan(0);
    expect((await list({ category: 'Nowhere' })).body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });

    const page = await list({ category: '$course$/top/Рекуррентные нейросети', limit: '5', offset: '10' });
    expect(page.body).toMatchObject({ total: 12, limit: 5, offset: 10 });
    expect(page.body.items.map((q: { idnumber: string }) => q.idnumber)).toEqual(['rnn-i5', 'rnn-q7']);

    expect((await list({ limit: '0' })).status).toBe(422);
    expect((await list({ type: 'cloze' })).status).toBe(422);
  });

  it('lists categories below the tops', async () => {
    const res = await api().get('/api/v1/categories').set(admin());
    expect(res.status).toBe(200);
    const paths = res.body.items.map((c: { path: string }) => c.path);
    expect(paths).toContain('$course$/top/Рекуррентные нейросети');
    expect(paths).toContain('$course$/top/Geography/Europe');
    expect(paths).not.toContain('$course$/top');
    const rnn = res.body.items.find((c: { path: string }) => c.path === '$course$/top/Рекуррентные нейросети');
    expect(rnn.info.text).toContain('Рекуррентные нейросети');
  });
});
