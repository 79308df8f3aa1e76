// The real server (`src/main.ts`) as a child process on a given database, for tests and benchmarks that need
// a separate process: crashes, several processes on one file, load.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { KeyService } from '../../src/services/keys.js';
import { openStore } from '../../src/storage/index.js';
import { createRnnQuiz, type RnnQuiz } from './rnn-quiz.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PreparedDatabase {
  rnn: RnnQuiz;
  admin: string;
  client: string;
  /** idnumber → the choice ids of its current version, in answer order. */
  choices: Record<string, string[]>;
}

/** A database file with the RNN quiz and an admin and a client key, closed again for a server to open. */
export function prepareDatabase(path: string): PreparedDatabase {
  const { store } = openStore(path);
  try {
    const rnn = createRnnQuiz(store);
    const keys = new KeyService(store);
    const choices: Record<string, string[]> = {};
    for (const [idnumber, id] of Object.entries(rnn.ids)) choices[idnumber] = store.questions.getQuestion(id)!.choiceIds.choices;
    return { rnn, admin: keys.issue('admin', 'admin').key, client: keys.issue('client', 'client').key, choices };
  } finally {
    store.close();
  }
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr, for failure messages. */
  stderr(): string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: no draining, no checkpoint. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `src/main.ts` on the database and resolves once /health answers. */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), QBANK_DB: dbPath, QBANK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health in time: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    child,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
