// The submission path under load: the real server (a child process on a temporary database with the RNN
// quiz) against a bare express JSON echo server (another child process), both driven by autocannon with 50
// connections and the same RNN submission. Prints throughput, latency, their ratio, and checks that the
// database holds exactly as many attempts as the server acknowledged with 201.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../src/storage/index.js';
import { freePort, prepareDatabase, REPO_ROOT, startServer } from '../test/attempts/server-process.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 3;
const CALIBRATION_SECONDS = 3;
/** The measured run lasts about this long: its request count is the calibrated rate times this. */
const TARGET_SECONDS = 13;
const MIN_SECONDS = 10;
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;

const ECHO_SERVER = `
import express from 'express';
const app = express();
app.use(express.json());
app.use((req, res) => { res.json(req.body ?? null); });
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

interface Target {
  url: string;
  headers: Record<string, string>;
}

interface Measured {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  seconds: number;
  requests: number;
  created: number;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`${url} did not answer in time`);
}

async function startEcho(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', ECHO_SERVER], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child);
  return { url, stop: () => child.kill('SIGTERM') };
}

function load(target: Target, body: string, run: { amount: number } | { duration: number }): Promise<autocannon.Result> {
  return autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...target.headers },
    body,
    connections: CONNECTIONS,
    ...run,
  });
}

/** The responses with `status`; any other answer or error stops the benchmark. */
function check(result: autocannon.Result, status: number, what: string): number {
  const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number } | undefined>;
  const ok = stats[String(status)]?.count ?? 0;
  if (result.non2xx + result.errors + result.timeouts > 0 || ok !== result['2xx']) {
    throw new Error(`${what}: unexpected answers ${JSON.stringify(stats)}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return ok;
}

/**
 * A warm-up and a calibration by time (their requests name the user `bench-warmup`; requests cut off at their
 * end are not counted), then a run of a fixed number of requests sized by the calibrated rate to last about
 * TARGET_SECONDS, every one of them answered. A run that ends before MIN_SECONDS (the machine sped up) is
 * repeated, larger, under a new user id; the result names the user of the run it reports.
 */
async function measure(
  target: Target,
  bodyFor: (userId: string) => string,
  status: number,
  what: string,
): Promise<Measured & { userId: string }> {
  const warmupBody = bodyFor('bench-warmup');
  await load(target, warmupBody, { duration: WARMUP_SECONDS });
  const calibration = await load(target, warmupBody, { duration: CALIBRATION_SECONDS });
  let rate = calibration['2xx'] / calibration.duration;
  for (let round = 1; ; round++) {
    const userId = `bench-student-${round}`;
    const amount = Math.max(CONNECTIONS, Math.ceil(rate * TARGET_SECONDS));
    const result = await load(target, bodyFor(userId), { amount });
    const created = check(result, status, what);
    rate = result.requests.total / result.duration;
    if (result.duration >= MIN_SECONDS || round === 3) {
      return {
        requestsPerSecond: rate,
        p50: result.latency.p50,
        p99: result.latency.p99,
        seconds: result.duration,
        requests: result.requests.total,
        created,
        userId,
      };
    }
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qbank-bench-submit-'));
  const path = join(dir, 'bench.db');
  try {
    const db = prepareDatabase(path);
    const c = db.choices;
    const submission = (userId: string) =>
      JSON.stringify({
        userId,
        responses: {
          'rnn-q1': c['rnn-q1']![1],
          'rnn-q2': [c['rnn-q2']![1], c['rnn-q2']![2]],
          'rnn-q3': c['rnn-q3']![1],
          'rnn-q4': '12 528',
          'rnn-q5': [c['rnn-q5']![1], c['rnn-q5']![2], c['rnn-q5']![3]],
          'rnn-q6': c['rnn-q6']![0],
          'rnn-q7': [c['rnn-q7']![2]],
        },
      });
    const logLevel = process.env.QBANK_LOG_LEVEL ?? 'info';

    const echo = await startEcho();
    let echoed: Measured & { userId: string };
    try {
      echoed = await measure({ url: echo.url, headers: {} }, submission, 200, 'echo');
    } finally {
      echo.stop();
    }

    const server = await startServer(path, { QBANK_LOG_LEVEL: logLevel });
    let qbank: Measured & { userId: string };
    let floor: autocannon.Result;
    try {
      // For scale: the same server answering GET /health, i.e. its HTTP stack (security headers, request log,
      // routing) with no key, no body and no attempt.
      await autocannon({ url: `${server.url}/health`, connections: CONNECTIONS, duration: WARMUP_SECONDS });
      floor = await autocannon({ url: `${server.url}/health`, connections: CONNECTIONS, duration: MIN_SECONDS });
      qbank = await measure(
        { url: `${server.url}/api/v1/quizzes/rnn-4.1/attempts`, headers: { Authorization: `Bearer ${db.client}` } },
        submission,
        201,
        'qbank',
      );
    } finally {
      await server.stop();
    }

    const { store } = openStore(path);
    const stored = store.attempts.listAttempts(db.rnn.quizId, { userId: qbank.userId, limit: 0 }).total;
    store.close();

    const ratio = qbank.requestsPerSecond / echoed.requestsPerSecond;
    const out = [
      `The same RNN submission (7 graded questions), ${CONNECTIONS} connections; qbank logs requests at level ${logLevel}.`,
      '',
      row(['server', 'req/s', 'p50 ms', 'p99 ms', 'seconds', 'requests']),
      row(['---', '--:', '--:', '--:', '--:', '--:']),
      row(['express.json echo', Math.round(echoed.requestsPerSecond), echoed.p50, echoed.p99, echoed.seconds, echoed.requests]),
      row(['qbank POST /api/v1/quizzes/rnn-4.1/attempts', Math.round(qbank.requestsPerSecond), qbank.p50, qbank.p99, qbank.seconds, qbank.requests]),
      row(['qbank GET /health (for scale)', Math.round(floor.requests.total / floor.duration), floor.latency.p50, floor.latency.p99, floor.duration, floor.requests.total]),
      '',
      `- throughput qbank / echo: ${(ratio * 100).toFixed(1)}% (target ≥ ${TARGET_RATIO * 100}%): ${ratio >= TARGET_RATIO ? 'met' : 'missed'}`,
      `- qbank p99 latency: ${qbank.p99} ms (target ≤ ${TARGET_P99_MS} ms): ${qbank.p99 <= TARGET_P99_MS ? 'met' : 'missed'}`,
      `- attempts stored = 201s acknowledged (measured run): ${stored} = ${qbank.created}: ${stored === qbank.created ? 'ok' : 'MISMATCH'}`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    if (stored !== qbank.created) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
