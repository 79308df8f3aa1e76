// `qbank stats` as a user runs it: the package's bin in a child process, against a temporary QBANK_DB.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createRnnQuiz } from '../../bench/stats-data.js';
import { statisticsToCsv, statisticsToTable } from '../../src/stats/index.js';
import { storeMixedAttempts } from './expected.js';
import { useHarness } from './harness.js';

const h = useHarness();
const BIN = fileURLToPath(new URL('../../bin/qbank.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function qbank(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

it('prints the report as a table, JSON or CSV, and exits 1 for an unknown quiz and 2 for a usage error', async () => {
  const { store, services, path } = h();
  const quizId = createRnnQuiz(store);
  storeMixedAttempts(store, quizId, 30, 12, 5);
  const env = { QBANK_DB: path };
  const fresh = { QBANK_DB: join(dirname(path), `fresh-${process.pid}.db`) };
  const [table, json, csv, unknown, badAttempts, badFormat, noQuiz, badConfig, firstStart] = await Promise.all([
    qbank(['stats', 'rnn-4.1'], env),
    qbank(['stats', 'rnn-4.1', '--format', 'json', '--attempts', 'all'], env),
    qbank(['stats', String(quizId), '--format=csv', '--attempts=first'], env),
    qbank(['stats', 'no-such-quiz'], env),
    qbank(['stats', 'rnn-4.1', '--attempts', 'best'], env),
    qbank(['stats', 'rnn-4.1', '--format', 'xml'], env),
    qbank(['stats'], env),
    qbank(['stats', 'rnn-4.1'], { ...env, PORT: 'not-a-port' }),
    qbank(['stats', 'rnn-4.1', '--format', 'json'], fresh),
  ]);

  expect(table).toEqual({ code: 0, stdout: statisticsToTable(await services.statistics.report('rnn-4.1', 'highest')), stderr: '' });
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toEqual(await services.statistics.report('rnn-4.1', 'all'));
  expect(csv.code).toBe(0);
  expect(csv.stdout).toBe(statisticsToCsv(await services.statistics.report('rnn-4.1', 'first')));

  expect(unknown.code).toBe(1);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr).toBe('qbank: There is no quiz with the id or idnumber "no-such-quiz".\n');
  for (const usage of [badAttempts, badFormat, noQuiz, badConfig]) {
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
  }
  expect(badAttempts.stderr).toContain('best');
  expect(badConfig.stderr).toContain('PORT');

  // A new database gets the shipped RNN quiz on its first start: its report has no attempts yet.
  expect(firstStart.code).toBe(0);
  const empty = JSON.parse(firstStart.stdout);
  expect(empty.quiz).toMatchObject({ idnumber: 'rnn-4.1', attemptsUsed: 0, allAttemptsCount: 0 });
  expect(empty.questions.map((q: { idnumber: string }) => q.idnumber)).toEqual([
    'rnn-q1', 'rnn-q2', 'rnn-q3', 'rnn-q4', 'rnn-q5', 'rnn-q6', 'rnn-q7',
  ]);
});
