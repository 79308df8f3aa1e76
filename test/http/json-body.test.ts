// Reading JSON bodies, over real HTTP to the real app (the submit route): UTF-8 in pieces, with a charset or a
// byte order mark, gzip; each refused body with its status as problem+json, nothing stored; and the server still
// answering after a client gives up mid-body.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/http-server.js';
import { useApi, type Api } from '../attempts/harness.js';
import { useListening } from '../helpers/listening.js';

const LIMIT = 4096;
const api = useApi({ maxJsonBytes: LIMIT });
const PATH = '/api/v1/quizzes/rnn-4.1/attempts';
const BODY = '{"userId":"u","responses":{"rnn-q4":"12 528"}}';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** The app on a real port, on the server `npm start` listens with. */
const listen = useListening();
const listening = (a: Api) => listen(createHttpServer(a.app));

/**
 * A POST whose body is written in the given pieces, a tick apart; `end: false` leaves the request unfinished and
 * destroys it instead.
 */
function post(port: number, key: string, headers: Record<string, string | number>, pieces: Buffer[], end = true): Promise<Answer | null> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { port, host: '127.0.0.1', method: 'POST', path: PATH, headers: { Authorization: `Bearer ${key}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', (error) => (end ? reject(error) : resolve(null)));
    const write = (i: number) => {
      if (i < pieces.length) {
        req.write(pieces[i]);
        setTimeout(() => write(i + 1), 5);
      } else if (end) req.end();
      else setTimeout(() => req.destroy(), 20);
    };
    write(0);
  });
}

function stored(a: Api): number {
  return a.store.attempts.listAttempts(a.rnn.quizId).total;
}

describe('JSON request bodies', () => {
  it('reads a UTF-8 body sent in pieces, with or without a charset and a byte order mark', async () => {
    const a = api();
    const port = await listening(a);
    const bytes = Buffer.from(BODY.replace('"u"', '"ученик"'));
    const pieces = [bytes.subarray(0, 9), bytes.subarray(9, 30), bytes.subarray(30)];
    for (const [contentType, body] of [
      ['application/json', pieces],
      ['application/json; charset=UTF-8', pieces],
      ['application/json', [Buffer.from([0xef, 0xbb, 0xbf]), ...pieces]],
    ] as const) {
      const res = await post(port, a.client, { 'Content-Type': contentType, 'Transfer-Encoding': 'chunked' }, [...body]);
      expect(res!.status).toBe(201);
      expect(res!.body).toMatchObject({ userId: 'ученик', sumGrades: 1 });
    }
    expect(stored(a)).toBe(3);
  });

  it('reads a gzip body, and refuses one that does not inflate', async () => {
    const a = api();
    const port = await listening(a);
    const headers = { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' };
    const res = await post(port, a.client, headers, [gzipSync(BODY)]);
    expect(res!.status).toBe(201);
    const broken = await post(port, a.client, headers, [Buffer.from(BODY)]);
    expect(broken!.status).toBe(400);
    expect(broken!.body.detail).toBe('The request could not be served: incorrect header check.');
    expect(broken!.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stored(a)).toBe(1);
  });

  it.each([
    ['another charset', { 'Content-Type': 'application/json; charset=latin1' }, BODY, 415],
    ['an unknown content encoding', { 'Content-Type': 'application/json', 'Content-Encoding': 'zip' }, BODY, 415],
    ['a JSON string, not an object', { 'Content-Type': 'application/json' }, '"text"', 400],
    ['only white space', { 'Content-Type': 'application/json' }, ' \n ', 400],
    ['broken JSON', { 'Content-Type': 'application/json' }, '{"userId":', 400],
    ['an empty body (read as {})', { 'Content-Type': 'application/json' }, '', 422],
  ])('refuses %s', async (_, headers, body, status) => {
    const a = api();
    const res = await a.http.post(PATH).set(a.as(a.client)).set(headers).send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stored(a)).toBe(0);
  });

  it('refuses a body over the limit, by its Content-Length or as it arrives, and reads it off first', async () => {
    const a = api();
    const port = await listening(a);
    const big = Buffer.from(JSON.stringify({ userId: 'u', responses: { 'rnn-q4': '1'.repeat(LIMIT) } }));
    const declared = await post(port, a.client, { 'Content-Type': 'application/json', 'Content-Length': big.length }, [big]);
    expect(declared!.status).toBe(413);
    const pieces = [big.subarray(0, 2000), big.subarray(2000, 4000), big.subarray(4000)];
    const chunked = await post(port, a.client, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, pieces);
    expect(chunked!.status).toBe(413);
    expect(chunked!.body.detail).toMatch(/larger than this endpoint accepts/);
    expect(stored(a)).toBe(0);
  });

  it('goes on answering after a client gives up in the middle of a body', async () => {
    const a = api();
    const port = await listening(a);
    const bytes = Buffer.from(BODY);
    const gone = await post(port, a.client, { 'Content-Type': 'application/json', 'Content-Length': bytes.length }, [bytes.subarray(0, 10)], false);
    expect(gone).toBeNull();
    const next = await post(port, a.client, { 'Content-Type': 'application/json', 'Content-Length': bytes.length }, [bytes]);
    expect(next!.status).toBe(201);
    expect(stored(a)).toBe(1);
  });
});
