import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { CliIO } from '../../src/cli/io.js';
import { parseGift } from '../../src/formats/gift/index.js';
import { parseMoodleXml } from '../../src/formats/moodle-xml/index.js';
import { openServices } from '../../src/start.js';
import { useTempDir } from '../helpers/service.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ITEMS = join(ROOT, 'items', 'rnn-4.1.xml');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    env: { QBANK_LOG_LEVEL: 'silent', ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => Buffer.from(stdin, 'utf8'),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** The real binary, as a user runs it. */
function spawnCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'qbank.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const BROKEN = '::Fine:: ok? {T}\n\n::Broken:: never closed {=a ~b\n';

describe('convert and check (no database)', () => {
  const dir = useTempDir();

  it('converts Moodle XML to GIFT on stdout, and GIFT back to Moodle XML into a file', async () => {
    const toGift = await run(['convert', ITEMS]);
    expect(toGift.code).toBe(0);
    const gift = parseGift(toGift.stdout);
    expect(gift.questions.map((q) => q.idnumber)).toEqual(parseMoodleXml(readFileSync(ITEMS)).questions.map((q) => q.idnumber));
    expect(toGift.stderr).toMatch(/warning: .*cannot be written in GIFT/);

    const giftFile = join(dir(), 'rnn.gift');
    writeFileSync(giftFile, toGift.stdout);
    const out = join(dir(), 'rnn.xml');
    const toXml = await run(['convert', giftFile, '--to', 'moodlexml', '-o', out]);
    expect(toXml.code).toBe(0);
    expect(toXml.stdout).toBe('');
    expect(parseMoodleXml(readFileSync(out)).questions.map((q) => q.name)).toEqual(gift.questions.map((q) => q.name));
  });

  it('reads standard input with --from, and stops with exit 1 and file:line:col on input errors', async () => {
    const piped = await run(['convert', '-', '--from', 'gift'], {}, '::Q:: yes? {T}\n');
    expect(piped.code).toBe(0);
    expect(parseMoodleXml(piped.stdout).questions[0]).toMatchObject({ name: 'Q', type: 'truefalse' });

    const broken = join(dir(), 'broken.txt');
    writeFileSync(broken, BROKEN);
    const result = await run(['convert', broken, '-o', join(dir(), 'never.xml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: error: `, 'm'));
  });

  it('checks a file: exit 0 with a summary, or exit 1 with every problem', async () => {
    const good = await run(['check', ITEMS]);
    expect(good).toMatchObject({ code: 0, stderr: '' });
    expect(good.stdout).toBe(`${ITEMS}: Moodle XML: 12 questions, 0 errors, 0 warnings\n`);

    const file = join(dir(), 'bad.gift');
    writeFileSync(file, BROKEN);
    const bad = await run(['check', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n')[0]).toMatch(/bad\.gift:3:\d+: error: /);
    expect(bad.stderr).toContain('1 error, 0 warnings');
  });

  it('exits 2 on usage errors and 1 on a missing file', async () => {
    expect((await run(['convert', ITEMS, '--to', 'qti'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['check'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    const missing = await run(['check', join(dir(), 'missing.gift')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.gift: no such file/);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('import, export and keys (QBANK_DB)', () => {
  const dir = useTempDir();
  const env = () => ({ QBANK_DB: join(dir(), 'cli.db') });

  it('imports a file all or nothing and prints what it created', async () => {
    const file = join(dir(), 'more.gift');
    writeFileSync(file, '// [id:more-1]\n::More 1:: 1 + 1 = ? {#2}\n\n::More 2:: ok? {F}\n');
    const first = await run(['import', file, '--category', 'Extra'], env());
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe(`created 2 questions from ${file}:`);
    expect(first.stdout).toMatch(/\tnumerical\tmore-1\tMore 1\t\(\$course\$\/top\/Extra\)/);
    expect(first.stderr).toContain('loaded 12 questions');

    const again = await run(['import', file, '--category', 'Extra'], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/more\.gift:1:1: error: The idnumber "more-1" is already used/);
    expect(again.stderr).toMatch(/nothing was imported/);

    writeFileSync(file, '// [id:more-1]\n::More 1:: 1 + 1 = ? {#2:0.5}\n');
    const update = await run(['import', file, '--category', 'Extra', '--update'], env());
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^created 0 questions from .*\nupdated 1 question from .*\n {2}\d+\tv2\tnumerical\tmore-1\t/);

    const broken = join(dir(), 'broken.gift');
    writeFileSync(broken, BROKEN);
    expect((await run(['import', broken], env())).code).toBe(1);
    const opened = openServices({ env: env(), print: () => {} });
    expect(opened.services.store.questions.listQuestions().total).toBe(14);
    opened.services.store.close();
  });

  it('exports a quiz to stdout or a category to a file', async () => {
    const quiz = await run(['export', '--format', 'moodlexml', '--quiz', 'rnn-4.1'], env());
    expect(quiz.code).toBe(0);
    expect(parseMoodleXml(quiz.stdout).questions.map((q) => q.idnumber)).toEqual([
      'rnn-q1', 'rnn-i1', 'rnn-q2', 'rnn-i2', 'rnn-q3', 'rnn-i3', 'rnn-q4', 'rnn-i4', 'rnn-q5', 'rnn-q6', 'rnn-i5', 'rnn-q7',
    ]);
    expect(quiz.stdout).toMatch(/<!-- question: [1-9]\d* {2}-->/);

    const out = join(dir(), 'extra.txt');
    const category = await run(['export', '--format', 'gift', '--category', 'Extra', '-o', out], env());
    expect(category.code).toBe(0);
    expect(category.stderr).toContain(`exported 2 questions to ${out}`);
    expect(parseGift(readFileSync(out)).questions.map((q) => q.name)).toEqual(['More 1', 'More 2']);

    expect((await run(['export', '--quiz', 'rnn-4.1'], env())).code).toBe(2);
    expect((await run(['export', '--format', 'gift', '--quiz', 'nope'], env())).code).toBe(1);
    expect((await run(['export', '--format', 'gift', '--quiz', 'rnn-4.1', '--category', 'Extra'], env())).code).toBe(2);
  });

  it('creates a key and prints it once on stdout', async () => {
    const created = await run(['keys', 'create', '--role', 'client', '--name', 'lab'], env());
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^qbk_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/created client key \d+ \(lab\)/);
    const opened = openServices({ env: env(), print: () => {} });
    expect(opened.services.keys.authenticate(key)?.role).toBe('client');
    opened.services.store.close();
    expect((await run(['keys', 'create', '--role', 'root'], env())).code).toBe(2);
    expect((await run(['keys', 'create', '--role', 'admin'], { ...env(), PORT: 'x' })).code).toBe(2);
  });
});

describe('the real binary', () => {
  const dir = useTempDir();

  it('runs check, reports usage errors with 2, and serves until SIGTERM', async () => {
    const env = { QBANK_DB: join(dir(), 'bin.db'), PORT: '0', QBANK_LOG_LEVEL: 'info' };
    const [check, usage] = await Promise.all([spawnCli(['check', ITEMS], env), spawnCli(['export'], env)]);
    expect(check).toMatchObject({ code: 0, stdout: `${ITEMS}: Moodle XML: 12 questions, 0 errors, 0 warnings\n` });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/required option '--format <format>' not specified/);

    const child = spawn(process.execPath, [join(ROOT, 'bin', 'qbank.js'), 'serve'], { cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
