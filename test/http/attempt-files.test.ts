// The feedback of a graded attempt refers to its embedded files by URLs of the attempt's file route, which serves
// them to the attempt's owner and admins with the headers of every file route; files of feedback the attempt does
// not show, hints and grader information are a 404 like a file that does not exist.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeResponse } from '../../src/grading/index.js';
import { attemptJson } from '../../src/http/attempt-json.js';
import type { Question } from '../../src/model/index.js';
import { bearer, useService } from '../helpers/service.js';
import { bytes } from '../helpers/bytes.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const b64 = (text: string) => Buffer.from(text).toString('base64');
/** A distinct PNG-named file per use: its bytes say which file it is. */
const png = (what: string) => b64(`PNG of ${what}`);
const secret = (what: string) => b64(`SECRET ${what} file`);
const SPACED = 'right answer.png';

const file = (name: string, content: string, path = '/') => `<file name="${name}" path="${path}" encoding="base64">${content}</file>`;
const field = (tag: string, html: string, ...files: string[]) =>
  `<${tag} format="html"><text><![CDATA[${html}]]></text>${files.join('')}</${tag}>`;
const img = (ref: string) => `<img src="@@PLUGINFILE@@/${ref}">`;

/**
 * A multichoice whose chosen and other choices' feedback, combined feedback, general feedback and hint embed
 * files; a true/false and a short answer with feedback files; an essay with grader information; a true/false
 * with no files at all.
 */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Feedback files</text></name>
    ${field('questiontext', `Pick one. ${img('diagram.png')}`, file('diagram.png', PNG))}
    ${field('generalfeedback', `General ${img('general.png')}`, file('general.png', png('general')))}
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    ${field('correctfeedback', `Well done ${img('correct.png')}`, file('correct.png', png('correct')))}
    ${field('partiallycorrectfeedback', `Partly ${img('partial.png')}`, file('partial.png', secret('partial')))}
    ${field('incorrectfeedback', `No ${img('incorrect.png')}`, file('incorrect.png', secret('incorrect')))}
    <answer fraction="100" format="html">
      <text>Right</text>
      ${field('feedback', `Yes ${img(`images/${encodeURIComponent(SPACED)}`)}`, file(SPACED, PNG, '/images/'))}
    </answer>
    <answer fraction="0" format="html">
      <text>Wrong</text>
      ${field('feedback', `Sorry ${img('wrong.png')}`, file('wrong.png', secret('wrong choice')))}
    </answer>
    <hint format="html"><text><![CDATA[${img('hint.png')}]]></text>${file('hint.png', secret('hint'))}</hint>
  </question>
  <question type="truefalse">
    <name><text>True with files</text></name>
    ${field('questiontext', 'Is it?')}
    <answer fraction="100" format="html"><text>true</text>${field('feedback', img('true.png'), file('true.png', png('true')))}</answer>
    <answer fraction="0" format="html"><text>false</text>${field('feedback', img('false.png'), file('false.png', secret('false')))}</answer>
  </question>
  <question type="shortanswer">
    <name><text>Short with files</text></name>
    ${field('questiontext', 'Capital of France?')}
    <answer fraction="100" format="moodle_auto_format"><text>Paris</text>${field('feedback', img('paris.png'), file('paris.png', png('paris')))}</answer>
    <answer fraction="0" format="moodle_auto_format"><text>*</text>${field('feedback', img('other.png'), file('other.png', secret('other')))}</answer>
  </question>
  <question type="essay">
    <name><text>Essay with grader information</text></name>
    ${field('questiontext', 'Write.')}
    ${field('graderinfo', img('grader.png'), file('grader.png', secret('grader information')))}
  </question>
  <question type="truefalse">
    <name><text>Plain</text></name>
    ${field('questiontext', 'Plain?')}
    ${field('generalfeedback', 'No files here.')}
    <answer fraction="100" format="html"><text>true</text>${field('feedback', 'Quite.')}</answer>
    <answer fraction="0" format="html"><text>false</text>${field('feedback', 'Not so.')}</answer>
  </question>
</quiz>`;

/** Files an attempt that chose the right answers does not show. */
const HIDDEN = ['wrong.png', 'partial.png', 'incorrect.png', 'hint.png', 'false.png', 'other.png', 'grader.png', 'diagram.png'];
const FIXED_AREAS = ['general', 'correct', 'partiallycorrect', 'incorrect', 'true', 'false', 'answer', 'text', 'hint', 'graderinfo'];

const URLS = /\/api\/v1\/attempts\/\d+\/files\/[^"\\ ]+/g;

interface Item {
  slot: number;
  questionId: number;
  choices?: { id: string; text: string }[];
}

describe('files embedded in the feedback of an attempt', () => {
  const service = useService();
  const client = () => bearer(service().clientKey);
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);
  const fetch = (url: string, key = client()) => api().get(url).set(key).buffer(true).parse(bytes);
  let otherClient = '';
  let quizId = 0;
  let items: Item[] = [];
  let submitted: request.Response;
  let attempt: { id: number; questions: { slot: number; versionId: number; feedback: unknown; rightAnswer: string }[] };
  const base = (slot: number, area: string, id = attempt.id) => `/api/v1/attempts/${id}/files/${slot}/${area}/`;
  const rightId = () => items[0]!.choices!.find((c) => c.text === 'Right')!.id;
  const wrongId = () => items[0]!.choices!.find((c) => c.text === 'Wrong')!.id;
  const responses = () => ({
    [items[0]!.questionId]: rightId(),
    [items[1]!.questionId]: true,
    [items[2]!.questionId]: 'Paris',
    [items[3]!.questionId]: 'An essay.',
    [items[4]!.questionId]: true,
  });
  const submit = (userId: string) =>
    api().post(`/api/v1/quizzes/${quizId}/attempts`).set(client()).send({ userId, responses: responses() });

  beforeAll(async () => {
    otherClient = service().services.keys.issue('client', 'another client').key;
    const imported = await api().post('/api/v1/import?format=moodlexml').set(admin()).type('application/xml').send(XML);
    expect(imported.status, imported.text).toBe(201);
    const ids = imported.body.created.map((c: { id: number }) => ({ questionId: c.id }));
    const quiz = await api().post('/api/v1/quizzes').set(admin()).send({ name: 'Feedback files', items: ids });
    quizId = quiz.body.id;
    items = (await api().get(`/api/v1/quizzes/${quizId}`).set(client())).body.items;
    submitted = await submit('ann');
    expect(submitted.status, submitted.text).toBe(201);
    attempt = submitted.body;
  });

  it('rewrites every reference of the feedback to the attempt file route, by slot and area', async () => {
    expect(submitted.text).not.toContain('@@PLUGINFILE@@');
    const [mc, tf, sa, essay] = attempt.questions;
    expect(mc!.feedback).toEqual({
      specific: [expect.objectContaining({ text: `Yes <img src="${base(1, rightId())}images/${encodeURIComponent(SPACED)}">` })],
      combined: expect.objectContaining({ text: `Well done <img src="${base(1, 'correct')}correct.png">` }),
      numCorrect: null,
      general: expect.objectContaining({ text: `General <img src="${base(1, 'general')}general.png">` }),
    });
    expect(tf!.feedback).toMatchObject({ specific: [{ text: `<img src="${base(2, 'true')}true.png">` }] });
    expect(sa!.feedback).toMatchObject({ specific: [{ text: `<img src="${base(3, 'answer')}paris.png">` }] });
    expect(essay!.feedback).toEqual({ specific: [], combined: null, numCorrect: null, general: null });

    // Reading the attempt back gives the same, for the owner and for an admin.
    for (const key of [client(), admin()]) {
      const read = await api().get(`/api/v1/attempts/${attempt.id}`).set(key);
      expect(read.status).toBe(200);
      expect(read.text).not.toContain('@@PLUGINFILE@@');
      expect(read.body).toEqual(attempt);
    }
  });

  it('serves each file the feedback refers to, byte for byte, with the headers of its type', async () => {
    const urls = submitted.text.match(URLS)!;
    const expected: Record<string, string> = {
      [encodeURIComponent(SPACED)]: PNG,
      'correct.png': png('correct'),
      'general.png': png('general'),
      'true.png': png('true'),
      'paris.png': png('paris'),
    };
    expect(urls.map((u) => u.slice(u.lastIndexOf('/') + 1)).sort()).toEqual(Object.keys(expected).sort());
    for (const url of urls) {
      const content = Buffer.from(expected[url.slice(url.lastIndexOf('/') + 1)]!, 'base64');
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(Buffer.compare(res.body as Buffer, content), url).toBe(0);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-length']).toBe(String(content.length));
      expect(res.headers['content-disposition']).toMatch(/^inline; filename="/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';.*\bsandbox\b/);
      expect(res.headers['cache-control']).toMatch(/\bprivate\b/);
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect((await fetch(url).set('If-None-Match', res.headers.etag!)).status).toBe(304);

      expect((await fetch(url, admin())).status, url).toBe(200);
      const other = await fetch(url, bearer(otherClient));
      expect(other.status, url).toBe(404);
      const none = await api().get(`/api/v1/attempts/${attempt.id}`).set(bearer(otherClient));
      expect(none.status).toBe(404);
      expect(JSON.parse((other.body as Buffer).toString())).toEqual(none.body);
    }
    expect((await api().get(`${base(1, 'general')}general.png`)).status).toBe(401);
  });

  it('answers the files of feedback not shown, hints and grader information exactly as a file that does not exist', async () => {
    // Each of them is stored with the version the attempt was graded on: the 404s are not for want of a file.
    const stored = attempt.questions
      .map((q) => JSON.stringify(service().services.store.questions.getQuestionVersion(q.versionId)!.question))
      .join();
    for (const name of HIDDEN) expect(stored, name).toContain(`"name":"${name}"`);
    const areas = [...FIXED_AREAS, rightId(), wrongId()];
    for (const slot of [1, 2, 3, 4, 5]) {
      for (const area of areas) {
        const missing = await api().get(`${base(slot, area)}no-such-file.png`).set(client());
        expect(missing.status).toBe(404);
        expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
        for (const name of HIDDEN) {
          // An admin reads any attempt, and still gets no file the attempt does not show.
          const key = slot === 1 || slot === 4 ? admin() : client();
          const res = await api().get(`${base(slot, area)}${name}`).set(key);
          expect(res.status, `${slot}/${area}/${name}`).toBe(404);
          expect(res.body, `${slot}/${area}/${name}`).toEqual(missing.body);
        }
      }
    }
    // A file shown in one area is not served under another, nor under another slot.
    for (const url of [`${base(1, 'general')}correct.png`, `${base(2, 'general')}general.png`, `${base(1, wrongId())}images/${encodeURIComponent(SPACED)}`]) {
      expect((await fetch(url)).status, url).toBe(404);
    }
    expect((await fetch(`/api/v1/attempts/999999/files/1/general/general.png`, admin())).status).toBe(404);
  });

  it('answers path tricks with 404 or 422, never a 500 and never a file', async () => {
    for (const path of [
      `${base(1, 'general')}..`,
      `${base(1, 'general')}../general.png`,
      `${base(1, 'general')}%2E%2E/general.png`,
      `${base(1, rightId())}images%2F${encodeURIComponent(SPACED)}`,
      `${base(1, rightId())}images%5C${encodeURIComponent(SPACED)}`,
      `${base(1, 'general')}./general.png`,
      `${base(1, 'gen%2Feral')}general.png`,
      `/api/v1/attempts/${attempt.id}/files/0/general/general.png`,
      `/api/v1/attempts/0/files/1/general/general.png`,
    ]) {
      const res = await fetch(path);
      expect([404, 422], `${path}: ${res.status}`).toContain(res.status);
      expect(res.headers['content-type'], path).toMatch(/^application\/problem\+json/);
    }
    const bad = await api().get(`${base(1, rightId())}images%2F${encodeURIComponent(SPACED)}`).set(client());
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('path.file.0');
  });

  it("keeps serving the files of the version an attempt was graded on after the question is edited", async () => {
    const questionId = items[0]!.questionId;
    const detail = (await api().get(`/api/v1/questions/${questionId}`).set(admin())).body;
    const changed: Question = structuredClone(detail.question);
    changed.generalFeedback = { text: `New ${'<img src="@@PLUGINFILE@@/general.png">'}`, format: 'html', files: [{ name: 'general.png', path: '/', content: png('general, version 2') }] };
    const put = await api().put(`/api/v1/questions/${questionId}`).set(admin()).send(changed);
    expect(put.status, put.text).toBe(200);

    const old = await fetch(`${base(1, 'general')}general.png`);
    expect(old.status).toBe(200);
    expect((old.body as Buffer).toString('base64')).toBe(png('general'));
    expect((await api().get(`/api/v1/attempts/${attempt.id}`).set(client())).body).toEqual(attempt);

    const next = await submit('bob');
    expect(next.status).toBe(201);
    expect(next.body.questions[0].versionId).not.toBe(attempt.questions[0]!.versionId);
    expect(next.body.questions[0].feedback.general.text).toBe(`New <img src="${base(1, 'general', next.body.id)}general.png">`);
    const fresh = await fetch(`${base(1, 'general', next.body.id)}general.png`);
    expect((fresh.body as Buffer).toString('base64')).toBe(png('general, version 2'));
  });

  it('leaves the feedback of a question without files as grading gives it, byte for byte', () => {
    const plain = attempt.questions[4]!;
    const question = service().services.store.questions.getQuestionVersion(plain.versionId)!.question;
    const grade = gradeResponse(question, { type: 'truefalse', value: true });
    expect(grade.feedback.general?.text).toBe('No files here.');
    expect(submitted.text).toContain(
      `"feedback":${JSON.stringify(grade.feedback)},"rightAnswer":${JSON.stringify(grade.rightAnswer)},`,
    );
  });

  it('gives an attempt of a quiz without files exactly as the serializer writes its graded questions', async () => {
    const plain = items[4]!;
    const quiz = await api().post('/api/v1/quizzes').set(admin()).send({ name: 'No files', items: [{ questionId: plain.questionId }] });
    const res = await api().post(`/api/v1/quizzes/${quiz.body.id}/attempts`).set(client()).send({ userId: 'cy', responses: { [plain.questionId]: false } });
    expect(res.status).toBe(201);
    const q = res.body.questions[0];
    const question = service().services.store.questions.getQuestionVersion(q.versionId)!.question;
    const grade = gradeResponse(question, { type: 'truefalse', value: false });
    const expected = {
      ...res.body,
      questions: [
        {
          questionId: plain.questionId,
          idnumber: null,
          slot: 1,
          type: 'truefalse',
          versionId: q.versionId,
          response: false,
          fraction: grade.fraction,
          mark: grade.fraction,
          maxMark: 1,
          state: grade.state,
          feedback: grade.feedback,
          rightAnswer: grade.rightAnswer,
          comment: null,
        },
      ],
    };
    expect(res.text).toBe(attemptJson(expected));
    expect((await api().get(`/api/v1/attempts/${res.body.id}`).set(client())).text).toBe(res.text);
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = (await api().get('/openapi.json')).body;
    const route = doc.paths['/api/v1/attempts/{id}/files/{slot}/{area}/{file}']?.get;
    expect(route).toBeDefined();
    expect(route.security).toEqual([{ bearer: [] }]);
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'slot', 'area', 'file']);
    expect(route.parameters[3].schema.type).toBe('string');
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '304', '401', '404', '422']));
  });
});
