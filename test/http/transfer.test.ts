import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../src/formats/gift/index.js';
import { parseMoodleXml } from '../../src/formats/moodle-xml/index.js';
import { bearer, useService } from '../helpers/service.js';

const GIFT = '$CATEGORY: $course$/top/Arithmetic\n\n// [id:sum]\n::Sum:: 2 + 2 = ? {=4 ~3 ~5}\n\n::Even:: 4 is even {T}\n';
const BROKEN_GIFT = '::Good:: 1 + 1 = ? {#2}\n\n::Bad:: never closed {=a ~b\n\n::Good too:: yes? {T}\n';
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Logic</text></category></question>
  <question type="truefalse">
    <name><text>Truth</text></name>
    <questiontext format="html"><text>Is it?</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
`;

describe('import over HTTP', () => {
  const service = useService();
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);
  const total = () => service().services.store.questions.listQuestions({ includeRetired: true }).total;

  it('when an admin posts a GIFT file, then 201 lists what was created', async () => {
    const res = await api().post('/api/v1/import?format=gift').set(admin()).type('text/plain').send(GIFT);
    expect(res.status).toBe(201);
    expect(res.body.created.map((c: { name: string; type: string }) => [c.name, c.type])).toEqual([
      ['Sum', 'multichoice'],
      ['Even', 'truefalse'],
    ]);
    expect(res.body.created[0]).toMatchObject({ id: expect.any(Number), idnumber: 'sum', category: '$course$/top/Arithmetic' });
    expect(res.body.warnings).toEqual([]);
  });

  it('when the format is left out, then the media type or the content tells', async () => {
    const xml = await api().post('/api/v1/import').set(admin()).type('application/xml').send(XML);
    expect(xml.status).toBe(201);
    expect(xml.body.created[0]).toMatchObject({ name: 'Truth', category: '$course$/top/Logic' });
    const sniffed = await api()
      .post('/api/v1/import')
      .query({ category: 'Sniffed' })
      .set(admin())
      .type('text/plain')
      .send(XML);
    expect(sniffed.status).toBe(201);
    expect(sniffed.body.created[0].category).toBe('$course$/top/Sniffed/Logic');
  });

  it('when a GIFT file has one bad question, then 422 lists it with line and column and nothing is stored', async () => {
    const before = total();
    const res = await api().post('/api/v1/import?format=gift').set(admin()).type('text/plain').send(BROKEN_GIFT);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ line: 3, column: expect.any(Number), message: expect.any(String) }]);
    expect(total()).toBe(before);
  });

  it('when a Moodle XML file has one bad question, then 422 and nothing is stored', async () => {
    const before = total();
    const bad = XML.replace('</quiz>', '  <question type="numerical"><name><text>N</text></name><questiontext><text>?</text></questiontext><answer fraction="100"><text>abc</text></answer></question>\n</quiz>');
    const res = await api().post('/api/v1/import?format=moodlexml').set(admin()).type('application/xml').send(bad);
    expect(res.status).toBe(422);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors[0]).toEqual({ line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
    expect(total()).toBe(before);
  });

  it('when an idnumber clashes with the bank, then 422 points at the question', async () => {
    const res = await api().post('/api/v1/import?format=gift').set(admin()).type('text/plain').send(GIFT);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ line: 3, column: 1, message: expect.stringContaining('"sum" is already used') }]);
  });

  it('when update=true, then a clashing idnumber makes a new version, and 200 when nothing was created', async () => {
    const changed = GIFT.replace('{=4 ~3 ~5}', '{=4 ~3 ~6}').replace('\n::Even:: 4 is even {T}\n', '\n');
    const res = await api().post('/api/v1/import?format=gift&update=true').set(admin()).type('text/plain').send(changed);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: [], unchanged: [], updated: [{ idnumber: 'sum', version: 2 }] });
    const stored = service().services.bank.get(res.body.updated[0].id);
    expect(stored.question.type === 'multichoice' && stored.question.answers.map((a) => a.text)).toEqual(['4', '3', '6']);
  });

  it('when the XML has a DOCTYPE, then 422 says why', async () => {
    const res = await api()
      .post('/api/v1/import?format=moodlexml')
      .set(admin())
      .type('application/xml')
      .send('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<quiz>&x;</quiz>');
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ line: 2, column: 1 });
    expect(res.body.errors[0].message).toMatch(/DOCTYPE/);
  });

  it("when the file is not UTF-8, then 422 gives Moodle's encoding message", async () => {
    const latin1 = Buffer.from('::Été:: Il fait chaud? {T}\n', 'latin1');
    const res = await api().post('/api/v1/import?format=gift').set(admin()).type('text/plain').send(latin1);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({
      line: 1,
      column: 3,
      message: 'The file you selected does not use UTF-8 character encoding. GIFT format files must use UTF-8.',
    });
  });

  it('when the media type is wrong or the query is bad, then 415 or 422', async () => {
    const json = await api().post('/api/v1/import?format=gift').set(admin()).send({ file: GIFT });
    expect(json.status).toBe(415);
    expect(json.body.detail).toMatch(/text\/plain/);
    const form = await api().post('/api/v1/import?format=gift').set(admin()).type('form').send('a=b');
    expect(form.status).toBe(415);
    const badFormat = await api().post('/api/v1/import?format=qti').set(admin()).type('text/plain').send(GIFT);
    expect(badFormat.status).toBe(422);
    expect(badFormat.body.errors).toEqual([expect.objectContaining({ path: 'query.format' })]);
  });

  it('when the body is malformed JSON, then 400', async () => {
    const res = await api().post('/api/v1/questions').set(admin()).type('application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, detail: 'The request body is not valid JSON.' });
  });
});

describe('export over HTTP', () => {
  const service = useService();
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);

  it('when an admin exports the quiz as Moodle XML, then the file comes as an attachment with the database ids', async () => {
    const res = await api().get('/api/v1/export').query({ format: 'moodlexml', quiz: 'rnn-4.1' }).set(admin()).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=questions-rnn-4-1-\d{8}-\d{4}\.xml$/);
    const text = res.text;
    const ids = service().services.quizzes.get('rnn-4.1', 'admin').items.map((i) => i.questionId);
    for (const id of ids) expect(text).toContain(`<!-- question: ${id}  -->`);
    expect(parseMoodleXml(text).questions).toHaveLength(12);
  });

  it('when an admin exports a category as GIFT, then text/plain with a .txt name', async () => {
    const res = await api()
      .get('/api/v1/export')
      .query({ format: 'gift', category: '$course$/top/Рекуррентные нейросети' })
      .set(admin());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.txt"; filename\*=UTF-8''questions-/);
    expect(parseGift(res.text).questions).toHaveLength(12);
  });

  it('when the scope is unknown or ambiguous, then 404 or 422', async () => {
    expect((await api().get('/api/v1/export').query({ format: 'gift', quiz: 'nope' }).set(admin())).status).toBe(404);
    expect((await api().get('/api/v1/export').query({ format: 'gift', category: 'Nope' }).set(admin())).status).toBe(404);
    expect((await api().get('/api/v1/export').query({ quiz: 'rnn-4.1' }).set(admin())).status).toBe(422);
    const both = await api().get('/api/v1/export').query({ format: 'gift', quiz: 'rnn-4.1', category: 'X' }).set(admin());
    expect(both.status).toBe(422);
  });
});

describe('export then import through the API', () => {
  const source = useService();
  const target = useService({ empty: true });

  for (const format of ['gift', 'moodlexml'] as const) {
    it(`reproduces the bank in ${format}`, async () => {
      const parse = format === 'gift' ? parseGift : parseMoodleXml;
      const exported = await request(source().app)
        .get('/api/v1/export')
        .query({ format, category: '$course$/top/Рекуррентные нейросети' })
        .set(bearer(source().adminKey));
      const imported = await request(target().app)
        .post('/api/v1/import')
        .query({ format, category: format })
        .set(bearer(target().adminKey))
        .type(format === 'gift' ? 'text/plain' : 'application/xml')
        .send(exported.text);
      expect(imported.status).toBe(201);
      expect(imported.body.created).toHaveLength(12);
      const again = await request(target().app)
        .get('/api/v1/export')
        .query({ format, category: `$course$/top/${format}` })
        .set(bearer(target().adminKey));
      const strip = (text: string) => parse(text).questions.map((q) => ({ ...q, category: null }));
      expect(strip(again.text)).toEqual(strip(exported.text));
      expect(parse(again.text).questions.map((q) => q.category)).toEqual(
        Array(12).fill(`$course$/top/${format}/Рекуррентные нейросети`),
      );
    });
  }
});

describe('body size limits', () => {
  const service = useService({ empty: true, env: { QBANK_MAX_IMPORT_BYTES: '4096', QBANK_MAX_JSON_BYTES: '2048' } });
  const admin = () => bearer(service().adminKey);

  it('when an upload or a JSON body is larger than allowed, then 413 and nothing is stored', async () => {
    const big = `::Big:: ${'x'.repeat(5000)} {T}\n`;
    const upload = await request(service().app).post('/api/v1/import?format=gift').set(admin()).type('text/plain').send(big);
    expect(upload.status).toBe(413);
    expect(upload.headers['content-type']).toMatch(/^application\/problem\+json/);
    const json = await request(service().app)
      .post('/api/v1/questions')
      .set(admin())
      .send({ type: 'truefalse', name: 'Big', text: { text: 'x'.repeat(3000) }, correctAnswer: true });
    expect(json.status).toBe(413);
    expect(service().services.store.questions.listQuestions({ includeRetired: true }).total).toBe(0);
    const small = await request(service().app).post('/api/v1/import?format=gift').set(admin()).type('text/plain').send('::S:: ok {T}');
    expect(small.status).toBe(201);
  });

  it('when a caller without a key sends a large body, then 401 before the body is read', async () => {
    const res = await request(service().app).post('/api/v1/import?format=gift').type('text/plain').send('x'.repeat(10_000));
    expect(res.status).toBe(401);
  });
});
