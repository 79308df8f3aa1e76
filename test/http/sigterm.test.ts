// The real `npm start` entry point in a child process: it prints its admin key once, and on SIGTERM it lets an
// upload in flight finish, refuses new connections, closes the database cleanly and exits 0.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/index.js';
import { useTempDir } from '../helpers/service.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function startServer(dbPath: string): { child: ChildProcessWithoutNullStreams; stdout: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, QBANK_DB: dbPath, PORT: '0', HOST: '127.0.0.1', QBANK_LOG_LEVEL: 'info', QBANK_ADMIN_KEY: '' },
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${out}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  return { child, stdout: () => out, url };
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm start and SIGTERM', () => {
  const dir = useTempDir();
  let server: ReturnType<typeof startServer> | undefined;
  afterAll(() => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('finishes the request in flight, exits 0 and leaves the database closed and whole', async () => {
    const dbPath = join(dir(), 'qbank.db');
    server = startServer(dbPath);
    const url = await server.url;

    // The first start printed an admin key, once, on stdout; it works.
    const keys = server.stdout().match(/qbk_[A-Za-z0-9_-]{43}/g) ?? [];
    expect(keys).toHaveLength(1);
    const key = keys[0]!;
    const quizzes = await fetch(`${url}/api/v1/quizzes`, { headers: { Authorization: `Bearer ${key}` } });
    expect(quizzes.status).toBe(200);

    // A large upload, sent in two halves with SIGTERM in between.
    const questions = Array.from({ length: 2000 }, (_, i) => `::Slow ${i}:: Is ${i} a number? {T}\n`).join('\n');
    const body = Buffer.from(questions, 'utf8');
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${url}/api/v1/import?format=gift&category=Slow`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/plain', 'Content-Length': body.length },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, body.length >> 1));
      void sleep(300).then(() => {
        server!.child.kill('SIGTERM');
        return sleep(300).then(async () => {
          // Stopping: no new connections are taken while the upload is still open.
          await expect(fetch(`${url}/health`)).rejects.toThrow();
          req.end(body.subarray(body.length >> 1));
        });
      });
    });

    const res = await response;
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).created).toHaveLength(2000);
    expect(await exitCode(server.child)).toBe(0);
    expect(server.stdout()).toMatch(/"msg":"stopped; database closed"/);

    // Closed cleanly: the WAL was folded back into the file, which is whole and holds the upload.
    expect(!existsSync(`${dbPath}-wal`) || statSync(`${dbPath}-wal`).size === 0).toBe(true);
    const db = openDatabase(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(2012);
    } finally {
      db.close();
    }
  });
});
