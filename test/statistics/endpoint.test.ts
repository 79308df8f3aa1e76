import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createRnnQuiz } from '../../bench/stats-data.js';
import { QuizStatisticsReportSchema } from '../../src/http/schemas/statistics.js';
import { WHICH_ATTEMPTS, type QuizStatistics } from '../../src/stats/index.js';
import type { NewAttempt } from '../../src/storage/index.js';
import { expectedStatistics, storeMixedAttempts } from './expected.js';
import { useHarness } from './harness.js';

const h = useHarness();

function seeded(): { quizId: number; attempts: NewAttempt[] } {
  const { store } = h();
  const quizId = createRnnQuiz(store);
  return { quizId, attempts: storeMixedAttempts(store, quizId, 60, 25, 41) };
}

function get(path: string, key: string | null = h().adminKey) {
  const req = request(h().app).get(path);
  return key === null ? req : req.set('Authorization', `Bearer ${key}`);
}

/** The report without the quiz's identity and the version notes: what computeQuizStatistics returns. */
function figures(body: { quiz: Record<string, unknown>; questions: unknown[] }): QuizStatistics {
  const { id: _id, idnumber: _idnumber, name: _name, ...quiz } = body.quiz;
  return { quiz, questions: body.questions } as unknown as QuizStatistics;
}

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (record = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  return records;
}

describe('GET /api/v1/quizzes/{id}/statistics', () => {
  it('gives the figures computeQuizStatistics gives on the stored attempts, for every choice of attempts', async () => {
    const { quizId, attempts } = seeded();
    for (const which of WHICH_ATTEMPTS) {
      const res = await get(`/api/v1/quizzes/rnn-4.1/statistics?attempts=${which}`);
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json');
      expect(figures(res.body)).toEqual(expectedStatistics(h().store, quizId, attempts, which));
      expect(res.body.quiz.whichAttempts).toBe(which);
    }
  });

  it("defaults to each user's highest graded attempt, names the quiz, and finds it by id too", async () => {
    const { quizId, attempts } = seeded();
    const byIdnumber = await get('/api/v1/quizzes/rnn-4.1/statistics');
    const byId = await get(`/api/v1/quizzes/${quizId}/statistics`);
    expect(byIdnumber.body).toEqual(byId.body);
    expect(figures(byId.body)).toEqual(expectedStatistics(h().store, quizId, attempts, 'highest'));
    expect(byId.body.quiz).toMatchObject({ id: quizId, idnumber: 'rnn-4.1', name: '4.1 Рекуррентные нейросети' });
    // The seven graded questions in slot order: the five descriptions are not statistics slots.
    expect(byId.body.questions.map((q: { idnumber: string }) => q.idnumber)).toEqual([
      'rnn-q1', 'rnn-q2', 'rnn-q3', 'rnn-q4', 'rnn-q5', 'rnn-q6', 'rnn-q7',
    ]);
    expect(byId.body.quiz.quizSumGrades).toBe(7);
    expect(byId.body.olderVersions).toEqual([]);
    expect(byId.body.shapeMismatches).toBe(0);
  });

  it('answers with every field its documented schema declares, and no other', async () => {
    seeded();
    const res = await get('/api/v1/quizzes/rnn-4.1/statistics?attempts=all');
    // zod drops undeclared keys and rejects missing or mistyped ones.
    expect(QuizStatisticsReportSchema.parse(res.body)).toEqual(res.body);
  });

  it('gives a quiz without attempts with empty figures', async () => {
    createRnnQuiz(h().store);
    const res = await get('/api/v1/quizzes/rnn-4.1/statistics');
    expect(res.status).toBe(200);
    expect(res.body.quiz).toMatchObject({ attemptsUsed: 0, allAttemptsCount: 0, median: null, allAttemptsAverage: null });
    expect(res.body.questions).toHaveLength(7);
    expect(res.body.questions[0].responses.every((r: { count: number }) => r.count === 0)).toBe(true);
  });

  it('gives CSV for format=csv and for Accept: text/csv, as an attachment named after the quiz', async () => {
    const { quizId, attempts } = seeded();
    const expected = expectedStatistics(h().store, quizId, attempts, 'last');
    const byQuery = await get('/api/v1/quizzes/rnn-4.1/statistics?attempts=last&format=csv');
    const byAccept = await get('/api/v1/quizzes/rnn-4.1/statistics?attempts=last').set('Accept', 'text/csv');
    for (const res of [byQuery, byAccept]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="rnn-4.1-statistics.csv"');
    }
    expect(byAccept.text).toBe(byQuery.text);

    const records = parseCsv(byQuery.text);
    const titles = records.filter((r) => r.length === 1 && r[0] !== '').map((r) => r[0]);
    expect(titles).toEqual(['Quiz information', 'Quiz structure analysis', 'Analysis of responses']);
    const section = (title: string) => {
      const start = records.findIndex((r) => r[0] === title && r.length === 1);
      const end = records.findIndex((r, i) => i > start && r.length === 1);
      return records.slice(start + 1, end < 0 ? undefined : end);
    };
    const [quizHeader, ...quizRows] = section('Quiz information');
    expect(quizHeader).toEqual(['Statistic', 'Value']);
    expect(quizRows.find((r) => r[0] === 'Total number of complete graded attempts')?.[1]).toBe(String(expected.quiz.allAttemptsCount));

    const [questionHeader, ...questionRows] = section('Quiz structure analysis');
    expect(questionHeader!.slice(0, 3)).toEqual(['Q#', 'Slot', 'Question ID']);
    expect(questionRows).toHaveLength(7);
    expect(questionRows.every((r) => r.length === questionHeader!.length)).toBe(true);
    expect(questionRows.map((r) => Number(r[2]))).toEqual(expected.questions.map((q) => q.questionId));

    const [responseHeader, ...responseRows] = section('Analysis of responses');
    expect(responseHeader!.slice(0, 3)).toEqual(['Q#', 'Slot', 'Question name']);
    const classes = expected.questions.reduce((n, q) => n + q.responses.length, 0);
    expect(responseRows).toHaveLength(classes);
    const counts = responseRows.map((r) => Number(r[responseHeader!.indexOf('Count')]));
    expect(counts).toEqual(expected.questions.flatMap((q) => q.responses.map((r) => r.count)));
  });

  it('lets format=json win over Accept, and answers JSON to an Accept it cannot meet', async () => {
    seeded();
    const json = await get('/api/v1/quizzes/rnn-4.1/statistics?format=json').set('Accept', 'text/csv');
    expect(json.type).toBe('application/json');
    const other = await get('/api/v1/quizzes/rnn-4.1/statistics').set('Accept', 'image/png');
    expect(other.type).toBe('application/json');
  });

  it('needs an admin key: 401 without a key or with an unknown one, 403 for a client key', async () => {
    seeded();
    for (const [key, status] of [
      [null, 401],
      ['qbk_unknown', 401],
      [h().clientKey, 403],
    ] as const) {
      const res = await get('/api/v1/quizzes/rnn-4.1/statistics', key);
      expect(res.status).toBe(status);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ type: 'about:blank', status });
    }
  });

  it('answers 404 for an unknown quiz and 422 naming the parameter for a bad query', async () => {
    seeded();
    const missing = await get('/api/v1/quizzes/no-such-quiz/statistics');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/problem+json');
    expect(missing.body.detail).toContain('no-such-quiz');
    expect((await get('/api/v1/quizzes/999/statistics')).status).toBe(404);

    for (const [query, path] of [
      ['attempts=best', 'query.attempts'],
      ['format=xml', 'query.format'],
      ['attempt=first', 'query'],
    ] as const) {
      const res = await get(`/api/v1/quizzes/rnn-4.1/statistics?${query}`);
      expect(res.status).toBe(422);
      expect(res.type).toBe('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('is documented in the OpenAPI document with both media types and its problems', async () => {
    const res = await request(h().app).get('/openapi.json');
    const operation = res.body.paths['/api/v1/quizzes/{id}/statistics'].get;
    expect(Object.keys(operation.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '403', '404', '422']);
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['attempts', 'format', 'id']);
    const schemas = res.body.components.schemas;
    expect(schemas.QuestionStatistics.properties.facilityIndex.description).toMatch(/^Facility index/);
    expect(schemas.QuizLevelStatistics.properties.coefficientOfInternalConsistency.description).toMatch(/Cronbach/);
  });
});
