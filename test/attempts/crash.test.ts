// The real server in child processes: killed with SIGKILL under load, every acknowledged attempt is still
// there after a restart; and two processes on one file share idempotency keys through the unique index.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/index.js';
import { prepareDatabase, startServer, type PreparedDatabase, type ServerProcess } from './server-process.js';

let dir = '';
const running: ServerProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qbank-crash-'));
});
afterAll(async () => {
  await Promise.all(running.map((server) => server.kill()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(path: string): Promise<ServerProcess> {
  const server = await startServer(path);
  running.push(server);
  return server;
}

/** A varied but valid submission: loop `n`, iteration `i`. */
function submission(db: PreparedDatabase, n: number, i: number) {
  const c = db.choices;
  const pick = (id: string, ...indices: number[]) => indices.map((k) => c[id]![k]!);
  return {
    userId: `loop-${n}`,
    responses: {
      'rnn-q1': c['rnn-q1']![i % 2],
      'rnn-q2': pick('rnn-q2', ...[[1, 2], [0], [1, 3], [2]][i % 4]!),
      'rnn-q4': String(12520 + (i % 16)),
      'rnn-q5': pick('rnn-q5', ...[[1, 2], [0, 3, 4], [2]][i % 3]!),
      ...(i % 5 === 0 ? {} : { 'rnn-q6': c['rnn-q6']![i % 2] }),
      'rnn-q7': pick('rnn-q7', ...[[2], [0, 2]][i % 2]!),
    },
  };
}

function post(server: ServerProcess, key: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/v1/quizzes/rnn-4.1/attempts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the server as a process', () => {
  it('SIGKILL under load loses no acknowledged attempt and leaves a sound database', async () => {
    const path = join(dir, 'crash.db');
    const db = prepareDatabase(path);
    const server = await start(path);

    const acknowledged: { id: number; body: unknown }[] = [];
    let killed = false;
    const loop = async (n: number) => {
      for (let i = 0; !killed; i++) {
        let res: Response;
        try {
          res = await post(server, db.client, submission(db, n, i));
        } catch (error) {
          if (killed) return; // the connection died with the server: this one was never acknowledged
          throw error;
        }
        let body: { id: number };
        try {
          body = (await res.json()) as { id: number };
        } catch (error) {
          if (killed) return;
          throw error;
        }
        expect(res.status).toBe(201);
        acknowledged.push({ id: body.id, body });
      }
    };
    const loops = Array.from({ length: 8 }, (_, n) => loop(n));
    const started = Date.now();
    while (acknowledged.length < 200 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    await server.kill();
    await Promise.all(loops);
    expect(acknowledged.length).toBeGreaterThan(20);

    const restarted = await start(path);
    for (const { id, body } of acknowledged) {
      const res = await fetch(`${restarted.url}/api/v1/attempts/${id}`, { headers: { Authorization: `Bearer ${db.client}` } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(body);
    }
    await restarted.stop();

    const { store } = openStore(path);
    try {
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
      const attempts = count('SELECT count(*) AS n FROM attempts');
      expect(attempts).toBeGreaterThanOrEqual(acknowledged.length);
      // Each stored attempt is whole: its seven questions and its statistics row, nothing half-written.
      expect(count('SELECT count(*) AS n FROM attempt_questions')).toBe(7 * attempts);
      expect(count('SELECT count(*) AS n FROM attempt_stats')).toBe(attempts);
      // Numbers per user run from 1 without gaps.
      expect(count('SELECT count(*) AS n FROM (SELECT user_id FROM attempts GROUP BY user_id HAVING max(attempt_number) <> count(*))')).toBe(0);
    } finally {
      store.close();
    }
  });

  it('two processes on one database store one attempt for 20 identical requests with one Idempotency-Key', async () => {
    const path = join(dir, 'two.db');
    const db = prepareDatabase(path);
    const [a, b] = await Promise.all([start(path), start(path)]);
    const body = submission(db, 0, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await post(i % 2 === 0 ? a! : b!, db.client, body, { 'Idempotency-Key': 'two-processes' });
        return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as { id: number } };
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.replayed === 'false')).toHaveLength(1);
    const list = await fetch(`${a!.url}/api/v1/quizzes/rnn-4.1/attempts`, { headers: { Authorization: `Bearer ${db.admin}` } });
    expect(((await list.json()) as { total: number }).total).toBe(1);
    await Promise.all([a!.stop(), b!.stop()]);
  });
});
