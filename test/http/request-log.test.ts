// The request log and the security headers, on the app as `npm start` builds it (its logger writing to memory).
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { routeModules } from '../../src/http/routes/index.js';
import { API_HEADERS } from '../../src/http/security-headers.js';
import { bearer, useService } from '../helpers/service.js';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: number; method?: string; url?: string };
  res?: { statusCode: number };
  responseTime?: number;
  err?: { message: string };
}

describe('the request log', () => {
  const service = useService();
  const lines: LogLine[] = [];
  let app: ReturnType<typeof createApp>;

  beforeAll(() => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) if (text !== '') lines.push(JSON.parse(text) as LogLine);
        done();
      },
    });
    const { services } = service();
    app = createApp({
      logger: pino({ level: 'info' }, sink),
      lookup: (secret) => services.keys.authenticate(secret),
      ping: () => services.store.ping(),
      maxJsonBytes: 1024 * 1024,
      maxImportBytes: 1024 * 1024,
      version: 'test',
      modules: [
        ...routeModules(services),
        ({ router }) =>
          router.get('/boom', () => {
            throw new Error('kaboom');
          }),
      ],
    });
  });

  /** The lines logged while `fn` runs; the request's line is written once its response is over. */
  async function logged(fn: () => PromiseLike<unknown>): Promise<LogLine[]> {
    const before = lines.length;
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
    return lines.slice(before);
  }

  it('writes one line per request: id, method, URL, status and time, nothing else of the request', async () => {
    const [first] = await logged(() => request(app).get('/health?probe=1'));
    expect(first).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/health?probe=1' },
      res: { statusCode: 200 },
    });
    expect(Object.keys(first!.req!).sort()).toEqual(['id', 'method', 'url']);
    expect(first!.responseTime).toBeGreaterThanOrEqual(0);

    const submitted = await logged(() =>
      request(app)
        .post('/api/v1/quizzes/rnn-4.1/attempts')
        .set(bearer(service().clientKey))
        .set('Idempotency-Key', 'secret-idempotency-key')
        .send({ userId: 'student-with-a-name', responses: { 'rnn-q4': '12528' } }),
    );
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({
      level: 30,
      req: { id: first!.req!.id + 1, method: 'POST' },
      res: { statusCode: 201 },
    });
    const text = JSON.stringify(submitted);
    for (const secret of [service().clientKey, 'secret-idempotency-key', 'student-with-a-name', '12528']) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs a refused request at info and an unexpected error at error, with the request id', async () => {
    const [refused] = await logged(() => request(app).get('/api/v1/questions').set(bearer('qbk_not-a-key')));
    expect(refused).toMatchObject({ level: 30, res: { statusCode: 401 } });
    expect(JSON.stringify(refused)).not.toContain('qbk_not-a-key');

    const failed = await logged(() => request(app).get('/boom'));
    expect(failed).toHaveLength(2);
    const [unhandled, line] = failed;
    expect(unhandled).toMatchObject({ level: 50, msg: 'unhandled error', err: { message: 'kaboom' } });
    expect(line).toMatchObject({ level: 50, msg: 'request errored', req: { url: '/boom' }, res: { statusCode: 500 } });
    expect(unhandled!.req!.id).toBe(line!.req!.id);
  });

  it('logs nothing below its level', async () => {
    const { services } = service();
    const quiet = createApp({
      logger: pino({ level: 'silent' }),
      lookup: (secret) => services.keys.authenticate(secret),
      ping: () => true,
      maxJsonBytes: 1024,
      maxImportBytes: 1024,
      version: 'test',
      modules: [],
    });
    expect(await logged(() => request(quiet).get('/health'))).toEqual([]);
  });
});

describe('security headers', () => {
  const service = useService();

  it('a JSON response carries the API set: it loads nothing, is never framed or sniffed', async () => {
    for (const res of [
      await request(service().app).get('/health'),
      await request(service().app).get('/api/v1/quizzes').set(bearer(service().clientKey)),
      await request(service().app).get('/api/v1/nowhere'),
    ]) {
      for (const [name, value] of API_HEADERS) expect(res.headers[name.toLowerCase()]).toBe(value);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('the docs page carries helmet\'s set for pages', async () => {
    const res = await request(service().app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
