// `npm run bench -- stats`: the quiz statistics report of the RNN quiz at 10k, 100k and 1M attempts (or the
// sizes in QBANK_BENCH_STATS_SIZES, e.g. `10000,100000`), end to end through the HTTP endpoint of a listening server.
//
// Each size runs in two child processes, so that sizes do not pollute each other: one seeds a temporary
// database (realistic response mixes, every response graded with src/grading, bulk inserts of the rows the
// report reads — attempts and attempt_stats — in big transactions on the storage's connection), the other
// starts the service on it and times requests, then reports its peak RSS after each selection in turn and how long
// the event loop stood still while the first report was computed (health checks meanwhile show what others wait).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import type { Question, Response } from '../src/model/index.js';
import { listen } from '../src/server.js';
import { createServices } from '../src/services/index.js';
import { openStore, roundDecimal } from '../src/storage/index.js';
import { random } from './random.js';
import { createRnnQuiz, gradedAttempt, gradedSlots, gradeForStats, plausibleResponse, RNN_QUIZ_IDNUMBER } from './stats-data.js';

const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const THIS_SCRIPT = fileURLToPath(import.meta.url);
const BATCH = 50_000;
const WARM_RUNS = 7;
/** The pause between two health checks while a report is computed (checks back to back would slow it down). */
const HEALTH_EVERY_MS = 20;

interface SeedResult {
  seedMs: number;
  dbBytes: number;
  users: number;
}

/** A selection computed on the cached columns: its time and the process's peak RSS so far. */
interface SelectionResult {
  ms: number;
  peakRssMb: number;
}

interface MeasureResult {
  coldMs: number;
  /** The longest the event loop was blocked during the cold report, and the slowest health check meanwhile. */
  coldStallMs: number;
  coldHealthMaxMs: number;
  healthChecks: number;
  warmMs: number;
  /** attempts=first, last and all in turn after the cold report (highest). */
  selections: Record<'first' | 'last' | 'all', SelectionResult>;
  appendedMs: number;
  /** The longest event-loop block during the full re-read after a regrade. */
  regradedStallMs: number;
  regradedMs: number;
  csvMs: number;
  responseBytes: number;
  /** The serving process before the first request, after the first report, and at its highest overall. */
  startRssMb: number;
  coldPeakRssMb: number;
  peakRssMb: number;
}

/** A graded response as the statistics blobs hold it: the 7-decimal fraction and the class of each part. */
interface GradedResponse {
  fraction: number;
  classes: number[];
}

function gradeOnce(question: Question, response: Response | null, parts: number): GradedResponse {
  const { fraction, classes } = gradeForStats(question, response, parts);
  return { fraction: fraction ?? Number.NaN, classes };
}

/** Seeds `count` attempts of about count / 1.6 students (1 to several attempts each) into a new database. */
function seed(path: string, count: number): SeedResult {
  const started = performance.now();
  const { store } = openStore(path);
  store.db.pragma('synchronous = OFF');
  const quizId = createRnnQuiz(store);
  const slots = gradedSlots(store, quizId);
  const maxGrade = slots.reduce((t, s) => t + s.slot.maxMark, 0);
  const totalParts = slots.reduce((t, s) => t + s.parts, 0);
  const insertAttempt = store.db.prepare<[number, string, number, string, number, number]>(
    `INSERT INTO attempts (quiz_id, user_id, attempt_number, state, submitted_at, sum_grades, max_grade)
     VALUES (?, ?, ?, 'finished', ?, ?, ?)`,
  );
  const insertStats = store.db.prepare<[number, number, string, number, number, Buffer, Buffer]>(
    `INSERT INTO attempt_stats (quiz_id, attempt_id, user_id, attempt_number, sum_grades, fractions, classes)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // A question has few distinct responses: each is graded once, with src/grading, and reused.
  const graded = new Map<string, GradedResponse>();
  const next = random(count);
  const users = Math.max(1, Math.round(count / 1.6));
  const abilities = Float64Array.from({ length: users }, () => next());
  const attemptNumbers = new Int32Array(users);
  const fractions = new Float64Array(slots.length);
  const classes = new Int16Array(totalParts);
  for (let done = 0; done < count; ) {
    const end = Math.min(count, done + BATCH);
    store.transaction(() => {
      for (; done < end; done++) {
        const u = Math.floor(next() * users);
        const userId = `student-${u}`;
        const number = ++attemptNumbers[u]!;
        let sum = 0;
        let offset = 0;
        slots.forEach(({ slot, parts }, j) => {
          const response = plausibleResponse(slot.question, abilities[u]!, next);
          const key = `${j}:${JSON.stringify(response)}`;
          let g = graded.get(key);
          if (g === undefined) graded.set(key, (g = gradeOnce(slot.question, response, parts)));
          fractions[j] = g.fraction;
          if (!Number.isNaN(g.fraction)) sum += g.fraction * slot.maxMark;
          for (let k = 0; k < parts; k++) classes[offset + k] = g.classes[k]!;
          offset += parts;
        });
        const sumGrades = roundDecimal(sum, 5);
        const submittedAt = new Date(Date.UTC(2025, 2, 1) + done * 1000).toISOString();
        const id = Number(insertAttempt.run(quizId, userId, number, submittedAt, sumGrades, maxGrade).lastInsertRowid);
        insertStats.run(quizId, id, userId, number, sumGrades, Buffer.from(fractions.buffer.slice(0)), Buffer.from(classes.buffer.slice(0)));
      }
    });
  }
  store.close();
  return { seedMs: performance.now() - started, dbBytes: statSync(path).size, users: attemptNumbers.filter((n) => n > 0).length };
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Starts the service on the seeded database and times the report through its HTTP endpoint. */
async function measure(path: string): Promise<MeasureResult> {
  const { store } = openStore(path);
  const config = loadConfig({ QBANK_DB: path, HOST: '127.0.0.1', PORT: '0', QBANK_LOG_LEVEL: 'silent' });
  const services = createServices(store, config);
  const key = services.keys.issue('admin', 'bench').key;
  const server = await listen(services, config, pino({ level: 'silent' }));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const base = `${origin}/api/v1/quizzes/${RNN_QUIZ_IDNUMBER}/statistics`;
  let responseBytes = 0;
  const timed = async (query = ''): Promise<number> => {
    const started = performance.now();
    const res = await fetch(`${base}${query}`, { headers: { authorization: `Bearer ${key}` } });
    const body = await res.text();
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`statistics answered ${res.status}: ${body.slice(0, 200)}`);
    responseBytes = body.length;
    return ms;
  };

  /** Times `request` while measuring the event loop's longest block and sending GET /health every HEALTH_EVERY_MS. */
  const withStalls = async (request: () => Promise<number>) => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let done = false;
    let healthMaxMs = 0;
    let healthChecks = 0;
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        const res = await fetch(`${origin}/health`);
        await res.text();
        healthMaxMs = Math.max(healthMaxMs, performance.now() - started);
        healthChecks++;
        await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
      }
    })();
    delay.enable();
    const ms = await request();
    delay.disable();
    done = true;
    await poll;
    return { ms, stallMs: delay.max / 1e6, healthMaxMs, healthChecks };
  };

  const startRssMb = process.memoryUsage().rss / 2 ** 20;
  const cold = await withStalls(() => timed());
  const coldPeakRssMb = maxRssMb();
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push(await timed());
  warm.sort((a, b) => a - b);
  const selections = {} as MeasureResult['selections'];
  for (const which of ['first', 'last', 'all'] as const) {
    const ms = await timed(`?attempts=${which}`);
    selections[which] = { ms, peakRssMb: maxRssMb() };
  }

  // One more attempt, submitted as the service stores it: the next report appends it.
  const quizId = store.quizzes.getQuiz(RNN_QUIZ_IDNUMBER)!.id;
  const slots = gradedSlots(store, quizId);
  const next = random(7);
  store.attempts.insertAttempt(gradedAttempt(quizId, slots, 'late-student', slots.map((s) => plausibleResponse(s.slot.question, 0.5, next))));
  const appendedMs = await timed();

  // A regrade of one attempt moves the change counter: the next report reads the quiz in full.
  const first = store.attempts.listAttempts(quizId, { limit: 1 }).items[0]!;
  const fullMarks = new Float64Array(slots.length).fill(1);
  store.attempts.regradeAttempts([{ attemptId: first.id, questions: [], sumGrades: slots.length, state: 'finished', fractions: fullMarks }]);
  const regraded = await withStalls(() => timed());
  const jsonBytes = responseBytes;
  const csvMs = await timed('?format=csv');

  await new Promise<void>((resolve) => server.close(() => resolve()));
  store.close();
  return {
    coldMs: cold.ms,
    coldStallMs: cold.stallMs,
    coldHealthMaxMs: cold.healthMaxMs,
    healthChecks: cold.healthChecks,
    warmMs: warm[Math.floor(warm.length / 2)]!,
    selections,
    appendedMs,
    regradedMs: regraded.ms,
    regradedStallMs: regraded.stallMs,
    csvMs,
    responseBytes: jsonBytes,
    startRssMb,
    coldPeakRssMb,
    peakRssMb: maxRssMb(),
  };
}

/** Runs this benchmark's `mode` in a fresh process and returns the JSON it prints last. */
function child<T>(mode: string, ...args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', THIS_SCRIPT, mode, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench stats ${mode} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T);
    });
  });
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mb = (x: number) => `${x.toFixed(0)} MB`;

type Row = { size: number; seed: SeedResult; measure: MeasureResult };

function markdown(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [format(header), rule, ...lines.map(format)].join('\n');
}

function timesTable(rows: Row[]): string {
  const header = [
    'attempts', 'users', 'seed', 'db', 'cold', 'warm', 'first', 'last', 'all', '+1 attempt', 'after a regrade', 'csv', 'JSON',
  ];
  return markdown(
    header,
    rows.map(({ size, seed: s, measure: m }) => [
      size.toLocaleString('en-US'),
      s.users.toLocaleString('en-US'),
      ms(s.seedMs),
      mb(s.dbBytes / 2 ** 20),
      ms(m.coldMs),
      ms(m.warmMs),
      ms(m.selections.first.ms),
      ms(m.selections.last.ms),
      ms(m.selections.all.ms),
      ms(m.appendedMs),
      ms(m.regradedMs),
      ms(m.csvMs),
      `${(m.responseBytes / 1024).toFixed(0)} KB`,
    ]),
  );
}

function memoryTable(rows: Row[]): string {
  const header = [
    'attempts', 'RSS at start', 'peak: highest (cold)', '+ first', '+ last', '+ all', 'overall',
    'max stall, cold', 'slowest /health, cold', 'max stall, regrade',
  ];
  return markdown(
    header,
    rows.map(({ size, measure: m }) => [
      size.toLocaleString('en-US'),
      mb(m.startRssMb),
      mb(m.coldPeakRssMb),
      mb(m.selections.first.peakRssMb),
      mb(m.selections.last.peakRssMb),
      mb(m.selections.all.peakRssMb),
      mb(m.peakRssMb),
      ms(m.coldStallMs),
      `${ms(m.coldHealthMaxMs)} (${m.healthChecks})`,
      ms(m.regradedStallMs),
    ]),
  );
}

function sizes(): number[] {
  const given = process.env.QBANK_BENCH_STATS_SIZES;
  if (given === undefined || given === '') return DEFAULT_SIZES;
  const parsed = given.split(',').map(Number);
  if (parsed.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('QBANK_BENCH_STATS_SIZES: attempt counts, e.g. 10000,100000');
  return parsed;
}

export async function run(): Promise<void> {
  const rows: Row[] = [];
  for (const size of sizes()) {
    const dir = mkdtempSync(join(tmpdir(), 'qbank-bench-stats-'));
    try {
      const path = join(dir, 'bench.db');
      process.stderr.write(`stats: seeding ${size.toLocaleString('en-US')} attempts…\n`);
      const seeded = await child<SeedResult>('--seed', path, String(size));
      process.stderr.write('stats: timing the report…\n');
      rows.push({ size, seed: seeded, measure: await child<MeasureResult>('--measure', path) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    'The RNN quiz (7 graded questions, 16 response parts) through GET /api/v1/quizzes/rnn-4.1/statistics.\n' +
      'cold: the first request after start (full read, attempts=highest); warm: median of repeats; first, last, all:\n' +
      'the other selections in turn on the cached columns; +1 attempt: after one more submission (appended); after a\n' +
      'regrade: the change counter moved (full read).\n',
  );
  console.log(timesTable(rows));
  console.log(
    '\nRSS of the serving process (seeding runs in another): at start, then its peak after the cold report and after\n' +
      'each further selection in turn, and overall (every request above). Stall: the longest the event loop was\n' +
      `blocked while the report was computed; /health: the slowest of the health checks sent every ${HEALTH_EVERY_MS} ms\n` +
      'meanwhile (their number in brackets).\n',
  );
  console.log(memoryTable(rows));
}

// A child process of the benchmark: `node --import tsx bench/stats.ts --seed <db> <attempts>` or `--measure <db>`.
if (process.argv[1] === THIS_SCRIPT) {
  const [mode, path, count] = process.argv.slice(2);
  if (mode === '--seed') process.stdout.write(`${JSON.stringify(seed(path!, Number(count)))}\n`);
  else if (mode === '--measure') process.stdout.write(`${JSON.stringify(await measure(path!))}\n`);
  else throw new Error('usage: bench/stats.ts --seed <db> <attempts> | --measure <db>');
}
