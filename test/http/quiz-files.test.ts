// Files embedded in Moodle XML reach a client as URLs of its quiz view, served with safe headers; files of
// feedback, hints or any area a client does not see are a 404 like a file that does not exist.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, useService } from '../helpers/service.js';
import { bytes } from '../helpers/bytes.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const SVG = b64('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const PDF = b64('%PDF-1.4 notes');
const CYRILLIC = 'Схема №1.png';
const secret = (what: string) => b64(`SECRET ${what} file`);

const file = (name: string, content: string, path = '/') => `<file name="${name}" path="${path}" encoding="base64">${content}</file>`;
const field = (tag: string, html: string, ...files: string[]) =>
  `<${tag} format="html"><text><![CDATA[${html}]]></text>${files.join('')}</${tag}>`;

/** A multichoice whose text, right answer, feedback, combined feedback and hint embed files, and a matching question. */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Embedded</text></name>
    ${field(
      'questiontext',
      `<p><img src="@@PLUGINFILE@@/diagram.png"> <img src="@@PLUGINFILE@@/images/${encodeURIComponent(CYRILLIC)}">` +
        ' <img src="@@PLUGINFILE@@/icon.svg"> <a href="@@PLUGINFILE@@/notes.pdf">notes</a></p>',
      file('diagram.png', PNG),
      file(CYRILLIC, PNG, '/images/'),
      file('icon.svg', SVG),
      file('notes.pdf', PDF),
    )}
    ${field('generalfeedback', '<img src="@@PLUGINFILE@@/general.png">', file('general.png', secret('general feedback')))}
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    ${field('correctfeedback', '<img src="@@PLUGINFILE@@/correct.png">', file('correct.png', secret('combined feedback')))}
    <answer fraction="100" format="html">
      <text><![CDATA[<img src="@@PLUGINFILE@@/right.png"> Right]]></text>${file('right.png', PNG)}
      ${field('feedback', '<img src="@@PLUGINFILE@@/feedback.png">', file('feedback.png', secret('answer feedback')))}
    </answer>
    <answer fraction="0" format="html"><text>Wrong</text></answer>
    <hint format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/hint.png">]]></text>${file('hint.png', secret('hint'))}</hint>
  </question>
  <question type="matching">
    <name><text>Stems</text></name>
    ${field('questiontext', 'Match them.')}
    <subquestion format="html">
      <text><![CDATA[<img src="@@PLUGINFILE@@/stem.png">]]></text>${file('stem.png', PNG)}<answer><text>A</text></answer>
    </subquestion>
    <subquestion format="html"><text>Second</text><answer><text>B</text></answer></subquestion>
  </question>
</quiz>`;

const HIDDEN = ['general.png', 'correct.png', 'feedback.png', 'hint.png'];

interface Item {
  slot: number;
  text: string;
  choices?: { id: string; text: string }[];
  stems?: { id: string; text: string }[];
}

describe('files embedded in a quiz', () => {
  const service = useService();
  const client = () => bearer(service().clientKey);
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);
  const fetch = (url: string, key = client()) => api().get(url).set(key).buffer(true).parse(bytes);
  let quizId = 0;
  let items: Item[] = [];
  const base = (slot: number, area: string) => `/api/v1/quizzes/${quizId}/files/${slot}/${area}/`;
  const rightId = () => items[0]!.choices!.find((c) => c.text.endsWith('Right'))!.id;
  const wrongId = () => items[0]!.choices!.find((c) => c.text === 'Wrong')!.id;

  beforeAll(async () => {
    const imported = await api().post('/api/v1/import?format=moodlexml').set(admin()).type('application/xml').send(XML);
    expect(imported.status, imported.text).toBe(201);
    const ids = imported.body.created.map((c: { id: number }) => ({ questionId: c.id }));
    const quiz = await api().post('/api/v1/quizzes').set(admin()).send({ name: 'Files', items: ids });
    quizId = quiz.body.id;
    items = (await api().get(`/api/v1/quizzes/${quizId}`).set(client())).body.items;
  });

  it('gives a client URLs of the file route instead of @@PLUGINFILE@@, by slot and area', () => {
    expect(JSON.stringify(items)).not.toContain('@@PLUGINFILE@@');
    expect(items[0]!.text).toBe(
      `<p><img src="${base(1, 'text')}diagram.png"> <img src="${base(1, 'text')}images/${encodeURIComponent(CYRILLIC)}">` +
        ` <img src="${base(1, 'text')}icon.svg"> <a href="${base(1, 'text')}notes.pdf">notes</a></p>`,
    );
    expect(items[0]!.choices).toContainEqual({ id: rightId(), text: `<img src="${base(1, rightId())}right.png"> Right` });
    expect(items[1]!.stems![0]).toEqual({ id: items[1]!.stems![0]!.id, text: `<img src="${base(2, items[1]!.stems![0]!.id)}stem.png">` });
  });

  it('keeps the admin view as Moodle has it, and gives an admin the client view on request', async () => {
    const adminView = (await api().get(`/api/v1/quizzes/${quizId}`).set(admin())).body;
    expect(adminView.items[0].text).toContain('<img src="@@PLUGINFILE@@/diagram.png">');
    expect(adminView.items[0].question.text.text).toContain('@@PLUGINFILE@@/images/');
    // The files the client must never get are stored: their 404s below are not for want of a file.
    const q = adminView.items[0].question;
    const feedback = q.answers.map((a: { feedback: unknown }) => a.feedback);
    const stored = [q.generalFeedback, q.combinedFeedback.correct, q.hints[0].text, ...feedback];
    expect(stored.flatMap((f: { files: { name: string }[] }) => f.files.map((x) => x.name)).sort()).toEqual([...HIDDEN].sort());
    const preview = (await api().get(`/api/v1/quizzes/${quizId}?view=client`).set(admin())).body;
    expect(preview.items).toEqual(items);
  });

  it('serves each file the view refers to, byte for byte, with the headers of its type', async () => {
    const urls = JSON.stringify(items).match(/\/api\/v1\/quizzes\/\d+\/files\/[^"\\ ]+/g)!;
    const expected: Record<string, [string, string, string]> = {
      'diagram.png': [PNG, 'image/png', 'inline; filename="diagram.png"'],
      [encodeURIComponent(CYRILLIC)]: [PNG, 'image/png', `inline; filename="_1.png"; filename*=UTF-8''${encodeURIComponent(CYRILLIC)}`],
      'icon.svg': [SVG, 'image/svg+xml', 'inline; filename="icon.svg"'],
      'notes.pdf': [PDF, 'application/pdf', 'attachment; filename="notes.pdf"'],
      'right.png': [PNG, 'image/png', 'inline; filename="right.png"'],
      'stem.png': [PNG, 'image/png', 'inline; filename="stem.png"'],
    };
    expect(urls.map((u) => u.slice(u.lastIndexOf('/') + 1)).sort()).toEqual(Object.keys(expected).sort());
    for (const url of urls) {
      const [content, type, disposition] = expected[url.slice(url.lastIndexOf('/') + 1)]!;
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(Buffer.compare(res.body as Buffer, Buffer.from(content, 'base64')), url).toBe(0);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-length']).toBe(String(Buffer.from(content, 'base64').length));
      expect(res.headers['content-disposition']).toBe(disposition);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';.*\bsandbox\b/);
      expect(res.headers['cache-control']).toMatch(/\bprivate\b/);
      expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await fetch(url).set('If-None-Match', res.headers.etag!);
      expect(again.status).toBe(304);
    }
    expect((await fetch(`${base(1, 'text')}diagram.png`, admin())).status).toBe(200);
  });

  it('finds a name with spaces and Cyrillic however it is percent-encoded', async () => {
    const folder = `${base(1, 'text')}images/`;
    for (const name of [encodeURIComponent(CYRILLIC), encodeURI(CYRILLIC), encodeURIComponent(CYRILLIC).toLowerCase()]) {
      const res = await fetch(folder + name);
      expect(res.status, name).toBe(200);
      expect((res.body as Buffer).toString('base64')).toBe(PNG);
    }
  });

  it('answers a file of feedback or a hint under any area exactly as a file that does not exist', async () => {
    const areas: [number, string][] = [
      [1, 'text'],
      [1, rightId()],
      [1, wrongId()],
      [2, 'text'],
      [2, items[1]!.stems![0]!.id],
    ];
    for (const [slot, area] of areas) {
      const missing = await fetch(`${base(slot, area)}no-such-file.png`);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      for (const name of HIDDEN) {
        const res = await api().get(`${base(slot, area)}${name}`).set(client());
        expect(res.status, `${slot}/${area}/${name}`).toBe(404);
        expect(res.body).toEqual(JSON.parse(missing.body.toString()));
      }
    }
    for (const area of ['generalfeedback', 'feedback', 'hint', 'correctfeedback', 'answer0']) {
      for (const name of HIDDEN) expect((await fetch(`${base(1, area)}${name}`)).status).toBe(404);
    }
  });

  it('answers an unknown quiz, slot, area or file with 404, and no key with 401', async () => {
    for (const url of [
      `/api/v1/quizzes/999999/files/1/text/diagram.png`,
      `/api/v1/quizzes/no-such-quiz/files/1/text/diagram.png`,
      `${base(3, 'text')}diagram.png`,
      `${base(2, 'text')}diagram.png`,
      `${base(1, 'ZZZZZZZZ')}diagram.png`,
      `${base(1, wrongId())}right.png`,
      `${base(1, 'text')}right.png`,
      `${base(1, 'text')}images/diagram.png`,
      `${base(1, 'text')}Diagram.png`,
    ]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await api().get(`${base(1, 'text')}diagram.png`)).status).toBe(401);
    expect((await api().get(`${base(1, 'text')}diagram.png`).set(bearer('qbk_unknown-key-0000000000000000'))).status).toBe(401);
  });

  it('answers path tricks with 404 or 422, never a 500 and never a file', async () => {
    const text = base(1, 'text');
    for (const path of [
      `${text}..`,
      `${text}../diagram.png`,
      `${text}images/../diagram.png`,
      `${text}%2E%2E/diagram.png`,
      `${text}images%2F${encodeURIComponent(CYRILLIC)}`,
      `${text}images%2f${encodeURIComponent(CYRILLIC)}`,
      `${text}..%2F..%2F..%2Fetc%2Fpasswd`,
      `${text}%2Fdiagram.png`,
      `${text}.%2Fdiagram.png`,
      `${text}images%5C${encodeURIComponent(CYRILLIC)}`,
      `${text}images//${encodeURIComponent(CYRILLIC)}`,
      `${text}./diagram.png`,
      `${text}diagram.png%00`,
      `${text}${'a/'.repeat(40)}b.png`,
      `${text}${'x'.repeat(300)}.png`,
      `${base(1, 'te%2Fxt')}diagram.png`,
      `${base(1, 'text%00')}diagram.png`,
      `${base(1, '..')}diagram.png`,
      `/api/v1/quizzes/${quizId}/files/0/text/diagram.png`,
      `/api/v1/quizzes/${quizId}/files/1.5/text/diagram.png`,
      `/api/v1/quizzes/${quizId}/files/%2E%2E/text/diagram.png`,
    ]) {
      const res = await fetch(path);
      expect([404, 422], `${path}: ${res.status}`).toContain(res.status);
      expect(res.headers['content-type'], path).toMatch(/^application\/problem\+json/);
    }
    const bad = await api().get(`${text}images%2F${encodeURIComponent(CYRILLIC)}`).set(client());
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('path.file.0');
    const malformed = await api().get(`${text}%E0%A4%A.png`).set(client());
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = (await api().get('/openapi.json')).body;
    const route = doc.paths['/api/v1/quizzes/{id}/files/{slot}/{area}/{file}']?.get;
    expect(route).toBeDefined();
    expect(route.security).toEqual([{ bearer: [] }]);
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'slot', 'area', 'file']);
    expect(route.parameters[3].schema.type).toBe('string');
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '304', '401', '404', '422']));
  });
});
