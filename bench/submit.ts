// The submission path under load: the real server (a child process whose first start loads items/ into a
// temporary database and creates the quiz rnn-4.1) against a bare express JSON echo server (another child
// process), both driven by autocannon with 50 connections and the same body, the RNN submission. They are
// measured in alternating rounds, the order turned each round, so that a shared machine's load and its drift fall
// on all alike; each round's ratios are printed, and the database must hold exactly as many attempts as the
// server acknowledged with 201. For scale: the server's GET /health, and the same echo on qbank's HTTP server
// (createHttpServer), which spares express's per-request prototype switch as qbank does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openStore } from '../src/storage/index.js';
import { freePort, REPO_ROOT, startServer, type ServerProcess } from '../test/attempts/server-process.js';

const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = 3;
/** Each measured run is a fixed number of requests: the last rate seen times this many seconds. */
const TARGET_SECONDS = 12;
const MIN_SECONDS = 10;
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 25;
/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const CLOCK_TICKS = 100;

/** The echo; with TUNED=1 on qbank's HTTP server instead of express's own. */
const ECHO_SERVER = `
import express from 'express';
const app = express();
app.use(express.json());
app.use((req, res) => { res.json(req.body ?? null); });
const server = process.env.TUNED === '1' ? (await import('./src/http/http-server.ts')).createHttpServer(app) : app;
server.listen(Number(process.env.PORT), '127.0.0.1');
`;

type TargetName = 'echo' | 'tuned' | 'qbank' | 'health';

interface Target {
  name: TargetName;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  status: number;
  /** Requests per second seen last, to size the next run. */
  rate: number;
  /** The serving process, whose CPU time is read around each run. */
  pid: number;
}

interface Run {
  /** Every request answered, counting any shorter run repeated before this one. */
  answered: number;
  rate: number;
  p50: number;
  p99: number;
  seconds: number;
  requests: number;
  /** CPU microseconds the serving process spent per request (all its threads): steadier than req/s. */
  cpuPerRequest: number;
}

/** User + system CPU time of a process so far, in microseconds (Linux /proc; NaN elsewhere). */
function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
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

async function startEcho(tuned: boolean): Promise<{ url: string; pid: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ECHO_SERVER], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port), TUNED: tuned ? '1' : '0' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child);
  return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

function load(target: Target, body: string, run: { amount: number } | { duration: number }): Promise<autocannon.Result> {
  const request = target.method === 'POST' ? { headers: { 'Content-Type': 'application/json', ...target.headers }, body } : {};
  return autocannon({ url: target.url, method: target.method, ...request, connections: CONNECTIONS, ...run });
}

/** Every answer must have the target's status; anything else stops the benchmark. */
function check(target: Target, result: autocannon.Result): void {
  const stats = (result.statusCodeStats ?? {}) as Record<string, { count: number } | undefined>;
  const ok = stats[String(target.status)]?.count ?? 0;
  if (result.errors + result.timeouts > 0 || ok !== result.requests.total) {
    throw new Error(`${target.name}: unexpected answers ${JSON.stringify(stats)}, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
}

/** A warm-up by time, whose rate sizes the first measured run (its requests name the user bench-warmup). */
async function warmUp(target: Target, body: string): Promise<void> {
  const result = await load(target, body, { duration: WARMUP_SECONDS });
  target.rate = result['2xx'] / result.duration;
}

/**
 * A run of a fixed number of requests, so that every one is answered before it ends (a run cut off by time
 * would leave some stored but unacknowledged). Sized to last about TARGET_SECONDS; one that ends before
 * MIN_SECONDS because the machine sped up is repeated, larger.
 */
async function measure(target: Target, body: string): Promise<Run> {
  let answered = 0;
  for (;;) {
    const cpuBefore = cpuMicros(target.pid);
    const result = await load(target, body, { amount: Math.max(CONNECTIONS, Math.ceil(target.rate * TARGET_SECONDS)) });
    const cpuPerRequest = (cpuMicros(target.pid) - cpuBefore) / result.requests.total;
    check(target, result);
    answered += result.requests.total;
    target.rate = result.requests.total / result.duration;
    if (result.duration >= MIN_SECONDS) {
      const { p50, p99 } = result.latency;
      return { answered, rate: target.rate, p50, p99, seconds: result.duration, requests: result.requests.total, cpuPerRequest };
    }
  }
}

interface ClientItem {
  idnumber: string | null;
  choices?: { id: string; text: string }[];
}

/** A client's view of the quiz: the choice ids whose texts contain each fragment, as a client would pick them. */
async function picker(server: ServerProcess, key: string): Promise<(idnumber: string, ...fragments: string[]) => string[]> {
  const res = await fetch(`${server.url}/api/v1/quizzes/rnn-4.1`, { headers: { Authorization: `Bearer ${key}` } });
  if (!res.ok) throw new Error(`GET /api/v1/quizzes/rnn-4.1: ${res.status} ${await res.text()}`);
  const items = ((await res.json()) as { items: ClientItem[] }).items;
  return (idnumber, ...fragments) => {
    const choices = items.find((item) => item.idnumber === idnumber)?.choices ?? [];
    return fragments.map((fragment) => {
      const found = choices.filter((choice) => choice.text.includes(fragment));
      if (found.length !== 1) throw new Error(`${idnumber}: "${fragment}" names ${found.length} choices`);
      return found[0]!.id;
    });
  };
}

async function clientKey(server: ServerProcess, adminKey: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'client', name: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/v1/keys: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { key: string }).key;
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map(String).join(' | ')} |`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qbank-bench-submit-'));
  const path = join(dir, 'bench.db');
  const logLevel = process.env.QBANK_LOG_LEVEL ?? 'info';
  const adminKey = `bench-admin-${randomBytes(16).toString('hex')}`;
  // An empty database: the server's first start loads items/ and creates the quiz rnn-4.1.
  const server = await startServer(path, { QBANK_LOG_LEVEL: logLevel, QBANK_ADMIN_KEY: adminKey });
  const echo = await startEcho(false);
  const tuned = await startEcho(true);
  try {
    const key = await clientKey(server, adminKey);
    const ids = await picker(server, key);
    const responses = {
      'rnn-q1': ids('rnn-q1', 'очередной элемент')[0],
      'rnn-q2': ids('rnn-q2', 'x_1', 'h_4'),
      'rnn-q3': ids('rnn-q3', '\\cdot\\frac{\\partial g}{\\partial f}\\cdot')[0],
      'rnn-q4': '12 528',
      'rnn-q5': ids('rnn-q5', 'Малое', '< 1', 'Усталость'),
      'rnn-q6': ids('rnn-q6', 'Нет')[0],
      'rnn-q7': ids('rnn-q7', '[3]'),
    };
    // One body for every measured run (the echo sends it back; qbank stores it under this user).
    const body = JSON.stringify({ userId: 'bench-measured', responses });
    const warmUpBody = JSON.stringify({ userId: 'bench-warmup', responses });

    const echoTarget: Target = { name: 'echo', url: echo.url, method: 'POST', headers: {}, status: 200, rate: 0, pid: echo.pid };
    const tunedTarget: Target = { name: 'tuned', url: tuned.url, method: 'POST', headers: {}, status: 200, rate: 0, pid: tuned.pid };
    const qbankTarget: Target = {
      name: 'qbank',
      url: `${server.url}/api/v1/quizzes/rnn-4.1/attempts`,
      method: 'POST',
      headers: { Authorization: `Bearer ${key}` },
      status: 201,
      rate: 0,
      pid: server.child.pid!,
    };
    // For scale: the same server answering GET /health, i.e. its HTTP stack (request log, security headers,
    // routing) without a key, a body or an attempt.
    const healthTarget: Target = {
      name: 'health',
      url: `${server.url}/health`,
      method: 'GET',
      headers: {},
      status: 200,
      rate: 0,
      pid: server.child.pid!,
    };
    const targets = [echoTarget, qbankTarget, healthTarget, tunedTarget];
    for (const target of targets) await warmUp(target, warmUpBody);
    const rounds: Record<TargetName, Run>[] = [];
    let acknowledged = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 === 1 ? targets : [...targets].reverse();
      const runs: Partial<Record<TargetName, Run>> = {};
      for (const target of order) runs[target.name] = await measure(target, body);
      acknowledged += runs.qbank!.answered;
      rounds.push(runs as Record<TargetName, Run>);
    }
    await server.stop();

    const { store } = openStore(path);
    const quizId = store.quizzes.getQuiz('rnn-4.1')!.id;
    const stored = store.attempts.listAttempts(quizId, { userId: 'bench-measured', limit: 0 }).total;
    store.close();

    const ratios = rounds.map((r) => r.qbank.rate / r.echo.rate);
    const healthRatios = rounds.map((r) => r.health.rate / r.echo.rate);
    const tunedRatios = rounds.map((r) => r.qbank.rate / r.tuned.rate);
    const cpuRatios = rounds.map((r) => r.echo.cpuPerRequest / r.qbank.cpuPerRequest);
    const ratio = median(ratios);
    const p99 = median(rounds.map((r) => r.qbank.p99));
    const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
    const out = [
      `The same RNN submission (7 graded questions), ${CONNECTIONS} connections, ${ROUNDS} alternating rounds; ` +
        `qbank logs requests at level ${logLevel}.`,
      '',
      row(['round', 'server', 'req/s', 'p50 ms', 'p99 ms', 'seconds', 'requests', 'req/s / echo', 'server CPU µs/req']),
      row(['--:', '---', '--:', '--:', '--:', '--:', '--:', '--:', '--:']),
    ];
    rounds.forEach((r, i) => {
      const line = (name: string, x: Run, cell: string) =>
        row([i + 1, name, Math.round(x.rate), x.p50, x.p99, x.seconds, x.requests, cell, Math.round(x.cpuPerRequest)]);
      out.push(
        line('express.json echo', r.echo, ''),
        line('qbank POST /api/v1/quizzes/rnn-4.1/attempts', r.qbank, percent(ratios[i]!)),
        line('qbank GET /health (for scale)', r.health, percent(healthRatios[i]!)),
        line('express.json echo on qbank\'s HTTP server (for scale)', r.tuned, percent(r.tuned.rate / r.echo.rate)),
      );
    });
    out.push(
      '',
      `- throughput qbank / echo, median of the rounds: ${percent(ratio)} (target ≥ ${TARGET_RATIO * 100}%): ${ratio >= TARGET_RATIO ? 'met' : 'missed'}`,
      `- GET /health / echo, median of the rounds: ${percent(median(healthRatios))}`,
      `- throughput qbank / the echo on qbank's HTTP server, median of the rounds: ${percent(median(tunedRatios))} (no target: the same server construction on both sides)`,
      `- server CPU per request, echo / qbank, median of the rounds: ${percent(median(cpuRatios))} (the throughput ratio a server would reach with a core of its own)`,
      `- qbank p99 latency, median of the rounds: ${p99} ms (target ≤ ${TARGET_P99_MS} ms): ${p99 <= TARGET_P99_MS ? 'met' : 'missed'}`,
      `- attempts stored = 201s acknowledged (measured runs): ${stored} = ${acknowledged}: ${stored === acknowledged ? 'ok' : 'MISMATCH'}`,
    );
    process.stdout.write(`${out.join('\n')}\n`);
    if (stored !== acknowledged) process.exitCode = 1;
  } finally {
    echo.stop();
    tuned.stop();
    await server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
