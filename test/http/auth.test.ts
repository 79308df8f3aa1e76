import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { QuestionInputSchema } from '../../src/http/schemas/question.js';
import { bearer, useService } from '../helpers/service.js';

type Who = 'none' | 'unknown' | 'client' | 'admin';

interface RouteCase {
  method: 'get' | 'post' | 'put' | 'delete';
  /** The route as documented. */
  route: string;
  path: () => string;
  /** Expected status per caller. */
  expect: Record<Who, number>;
  send?: () => { type: string; body: unknown };
}

const PUBLIC = { none: 200, unknown: 200, client: 200, admin: 200 };
const ADMIN_ONLY = (ok: number) => ({ none: 401, unknown: 401, client: 403, admin: ok });
const ANY_KEY = { none: 401, unknown: 401, client: 200, admin: 200 };

const question = { type: 'truefalse', name: 'Matrix', text: { text: 'True?' }, correctAnswer: true, category: 'Matrix' };

describe('who may call what', () => {
  const service = useService();
  let questionId = 0;
  let spareKeyId = 0;

  beforeAll(() => {
    questionId = service().services.bank.create(QuestionInputSchema.parse(question)).id;
    spareKeyId = service().services.keys.issue('client', 'spare').id;
  });

  const json = (body: unknown) => () => ({ type: 'application/json', body });
  const routes: RouteCase[] = [
    { method: 'get', route: '/health', path: () => '/health', expect: PUBLIC },
    { method: 'get', route: '/openapi.json', path: () => '/openapi.json', expect: PUBLIC },
    { method: 'get', route: '/docs', path: () => '/docs/', expect: PUBLIC },
    { method: 'get', route: '/api/v1/questions', path: () => '/api/v1/questions', expect: ADMIN_ONLY(200) },
    { method: 'post', route: '/api/v1/questions', path: () => '/api/v1/questions', expect: ADMIN_ONLY(201), send: json({ ...question, name: 'Matrix 2' }) },
    { method: 'get', route: '/api/v1/questions/{id}', path: () => `/api/v1/questions/${questionId}`, expect: ADMIN_ONLY(200) },
    { method: 'get', route: '/api/v1/questions/{id}/versions/{version}', path: () => `/api/v1/questions/${questionId}/versions/1`, expect: ADMIN_ONLY(200) },
    { method: 'put', route: '/api/v1/questions/{id}', path: () => `/api/v1/questions/${questionId}`, expect: ADMIN_ONLY(200), send: json(question) },
    { method: 'get', route: '/api/v1/categories', path: () => '/api/v1/categories', expect: ADMIN_ONLY(200) },
    {
      method: 'post',
      route: '/api/v1/import',
      path: () => '/api/v1/import?format=gift',
      expect: ADMIN_ONLY(201),
      send: () => ({ type: 'text/plain', body: '::Imported:: ok? {T}\n' }),
    },
    { method: 'get', route: '/api/v1/export', path: () => '/api/v1/export?format=gift&quiz=rnn-4.1', expect: ADMIN_ONLY(200) },
    { method: 'post', route: '/api/v1/quizzes', path: () => '/api/v1/quizzes', expect: ADMIN_ONLY(201), send: () => json({ name: 'M', items: [{ questionId }] })() },
    { method: 'get', route: '/api/v1/quizzes', path: () => '/api/v1/quizzes', expect: ANY_KEY },
    { method: 'get', route: '/api/v1/quizzes/{id}', path: () => '/api/v1/quizzes/rnn-4.1', expect: ANY_KEY },
    {
      method: 'get',
      route: '/api/v1/quizzes/{id}/files/{slot}/{area}/{file}',
      path: () => '/api/v1/quizzes/rnn-4.1/files/1/text/none.png',
      expect: { none: 401, unknown: 401, client: 404, admin: 404 },
    },
    {
      method: 'get',
      route: '/api/v1/attempts/{id}/files/{slot}/{area}/{file}',
      path: () => '/api/v1/attempts/999999/files/1/general/none.png',
      expect: { none: 401, unknown: 401, client: 404, admin: 404 },
    },
    { method: 'post', route: '/api/v1/keys', path: () => '/api/v1/keys', expect: ADMIN_ONLY(201), send: json({ role: 'client' }) },
    { method: 'get', route: '/api/v1/keys', path: () => '/api/v1/keys', expect: ADMIN_ONLY(200) },
    { method: 'delete', route: '/api/v1/keys/{id}', path: () => `/api/v1/keys/${spareKeyId}`, expect: ADMIN_ONLY(200) },
    { method: 'delete', route: '/api/v1/questions/{id}', path: () => `/api/v1/questions/${questionId}`, expect: ADMIN_ONLY(200) },
  ];

  const headers = (who: Who): Record<string, string> => {
    if (who === 'none') return {};
    if (who === 'unknown') return bearer('qbk_not-a-key-of-this-bank-at-all-000000000000');
    return bearer(who === 'admin' ? service().adminKey : service().clientKey);
  };

  for (const route of routes) {
    it(`${route.method.toUpperCase()} ${route.route}: ${JSON.stringify(route.expect)}`, async () => {
      const got: Record<string, number> = {};
      for (const who of ['none', 'unknown', 'client', 'admin'] as const) {
        let req = request(service().app)[route.method](route.path()).set(headers(who));
        if (route.send) {
          const { type, body } = route.send();
          req = req.type(type).send(body as string | object);
        }
        const res = await req;
        got[who] = res.status;
        if (res.status === 401) {
          expect(res.headers['www-authenticate']).toBe('Bearer realm="qbank"');
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
        if (res.status === 403) expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
      }
      expect(got).toEqual(route.expect);
    });
  }
});

describe('the service routes', () => {
  const service = useService();
  const api = () => request(service().app);

  it('answers /health with the database check', async () => {
    const res = await api().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI 3.1 document with every route, its security and problem responses', async () => {
    const res = await api().get('/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    const paths = res.body.paths;
    for (const [path, method] of [
      ['/api/v1/questions', 'get'],
      ['/api/v1/questions', 'post'],
      ['/api/v1/questions/{id}', 'get'],
      ['/api/v1/questions/{id}', 'put'],
      ['/api/v1/questions/{id}', 'delete'],
      ['/api/v1/questions/{id}/versions/{version}', 'get'],
      ['/api/v1/categories', 'get'],
      ['/api/v1/import', 'post'],
      ['/api/v1/export', 'get'],
      ['/api/v1/quizzes', 'post'],
      ['/api/v1/quizzes', 'get'],
      ['/api/v1/quizzes/{id}', 'get'],
      ['/api/v1/quizzes/{id}/files/{slot}/{area}/{file}', 'get'],
      ['/api/v1/attempts/{id}/files/{slot}/{area}/{file}', 'get'],
      ['/api/v1/keys', 'post'],
      ['/api/v1/keys', 'get'],
      ['/api/v1/keys/{id}', 'delete'],
      ['/health', 'get'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(paths['/api/v1/questions'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/v1/questions'].post.responses['422'].content['application/problem+json']).toBeDefined();
    expect(Object.keys(paths['/api/v1/import'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['text/plain', 'application/xml']),
    );
    expect(res.body.components.schemas.QuestionInput).toBeDefined();
  });

  it('serves the docs page and its scripts from this server, with no CDN', async () => {
    const redirect = await api().get('/docs');
    expect(redirect.status).toBe(301);
    const page = await api().get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const sources = [...page.text.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source).not.toMatch(/^(https?:)?\/\//);
      const asset = await api().get(`/docs/${source.replace(/^\.\//, '')}`);
      expect(asset.status, source).toBe(200);
    }
    const init = await api().get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('/api/v1/quizzes');
  });

  it('answers unknown routes and methods with a problem+json 404, never a stack', async () => {
    for (const [method, path] of [
      ['get', '/nope'],
      ['get', '/api/v1/nothing'],
      ['patch', '/api/v1/questions/1'],
      ['post', '/health'],
    ] as const) {
      const res = await api()[method](path).set(bearer(service().adminKey));
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toMatch(/^No route for /);
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it('answers hostile input with 4xx problems', async () => {
    const admin = bearer(service().adminKey);
    const cases = [
      api().post('/api/v1/questions').set(admin).type('application/json').send('[1,2'),
      api().post('/api/v1/questions').set(admin).type('application/json').send('"just a string"'),
      api().post('/api/v1/questions').set(admin).send({ type: 'truefalse', name: 'x'.repeat(300), text: { text: 'q' }, correctAnswer: true }),
      api().post('/api/v1/questions').set(admin).send({ __proto__: { admin: true }, type: 'essay' }),
      api().get('/api/v1/questions?limit=1&limit=2').set(admin),
      api().get('/api/v1/questions/1e309').set(admin),
      api().get(`/api/v1/quizzes/${'9'.repeat(400)}`).set(admin),
      api().post('/api/v1/quizzes').set(admin).send({ name: 'x', items: [{ questionId: 1.5 }] }),
      api().post('/api/v1/keys').set(admin).send({ role: 'root' }),
      api().post('/api/v1/import').set(admin).type('text/plain').send(''),
      api().get('/api/v1/export?format=gift&quiz=').set(admin),
      api().get('/api/v1/quizzes/%E0%A4%A').set(admin),
      api().get('/api/v1/quizzes/1/files/1/text/%FF.png').set(admin),
      api().get('/api/v1/attempts/1/files/1/general/%FF.png').set(admin),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('keys', () => {
  const service = useService();
  const admin = () => bearer(service().adminKey);
  const api = () => request(service().app);

  it('creates a key shown once, lists keys without secrets, and revokes them', async () => {
    const created = await api().post('/api/v1/keys').set(admin()).send({ role: 'client', name: 'reader' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({ role: 'client', name: 'reader', key: expect.stringMatching(/^qbk_/) });
    const secret = created.body.key as string;
    expect((await api().get('/api/v1/quizzes').set(bearer(secret))).status).toBe(200);

    const list = await api().get('/api/v1/keys').set(admin());
    expect(list.text).not.toContain(secret);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: created.body.id, prefix: secret.slice(0, 8), revokedAt: null }));

    const revoked = await api().delete(`/api/v1/keys/${created.body.id}`).set(admin());
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await api().get('/api/v1/quizzes').set(bearer(secret))).status).toBe(401);
    expect((await api().delete('/api/v1/keys/999999').set(admin())).status).toBe(404);
  });

  it('refuses to revoke the last admin key', async () => {
    const keys = (await api().get('/api/v1/keys').set(admin())).body.items as { id: number; role: string; revokedAt: string | null }[];
    const admins = keys.filter((k) => k.role === 'admin' && k.revokedAt === null);
    expect(admins).toHaveLength(1);
    const res = await api().delete(`/api/v1/keys/${admins[0]!.id}`).set(admin());
    expect(res.status).toBe(409);
    expect((await api().get('/api/v1/keys').set(admin())).status).toBe(200);
  });
});
