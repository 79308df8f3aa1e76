import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR, openStore } from '../../src/storage/index.js';
import { openServices, StartError } from '../../src/start.js';
import { useTempDir } from '../helpers/service.js';
import { thrown } from '../helpers/thrown.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('starting on a database', () => {
  const dir = useTempDir();

  it('when the database file does not exist, then its folder is made and every migration is applied', () => {
    const dbPath = join(dir(), 'new', 'folder', 'qbank.db');
    const opened = openServices({ env: { QBANK_DB: dbPath }, print: () => {} });
    expect(existsSync(dbPath)).toBe(true);
    const applied = opened.services.store.db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    expect(applied).toEqual(readdirSync(DEFAULT_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort());
    opened.services.store.close();
  });

  it('when an applied migration was changed, then the start stops with one line naming it', () => {
    const migrations = join(dir(), 'migrations');
    cpSync(DEFAULT_MIGRATIONS_DIR, migrations, { recursive: true });
    const env = { QBANK_DB: join(dir(), 'changed.db') };
    openServices({ env, migrationsDir: migrations, print: () => {} }).services.store.close();

    appendFileSync(join(migrations, '0002_questions.sql'), '\n-- an edit after the fact\n');
    const error = thrown(StartError, () => openServices({ env, migrationsDir: migrations, print: () => {} }));
    expect(error.message).not.toContain('\n');
    expect(error.message).toMatch(/0002_questions\.sql was changed after it was applied/);
  });

  it('when a variable has a bad value, then the start stops with one line naming it', () => {
    const error = thrown(StartError, () => openServices({ env: { QBANK_DB: join(dir(), 'x.db'), PORT: '99999' } }));
    expect(error.message).toMatch(/^invalid PORT="99999": /);
    expect(error.message).not.toContain('\n');
    expect(existsSync(join(dir(), 'x.db'))).toBe(false);
  });

  it('when two processes open an empty bank at once, then the bank is loaded once', async () => {
    const env = { ...process.env, QBANK_DB: join(dir(), 'race.db'), QBANK_LOG_LEVEL: 'silent' };
    // Migrated beforehand: the race under test is the first start's, not the migration runner's.
    openStore(env.QBANK_DB).store.close();
    const open = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'keys', 'create', '--role', 'client'], {
          cwd: ROOT,
          env,
          stdio: 'ignore',
        });
        child.on('exit', resolve);
      });
    expect(await Promise.all([open(), open()])).toEqual([0, 0]);
    const opened = openServices({ env: { QBANK_DB: env.QBANK_DB }, print: () => {} });
    expect(opened.services.store.questions.listQuestions().total).toBe(12);
    expect(opened.services.store.quizzes.listQuizzes().total).toBe(1);
    expect(opened.services.store.keys.countKeys('client')).toBe(2);
    opened.services.store.close();
  });

  it('when QBANK_ADMIN_KEY is a client key or was revoked, then the start stops with one line', () => {
    const env = { QBANK_DB: join(dir(), 'keys.db') };
    const opened = openServices({ env, print: () => {} });
    const client = opened.services.keys.issue('client', 'c', 'a-client-secret-0123456789');
    const admin = opened.services.keys.issue('admin', 'a', 'an-admin-secret-0123456789');
    opened.services.keys.issue('admin', 'other');
    opened.services.keys.revoke(admin.id);
    opened.services.store.close();
    const startWith = (key: string) =>
      thrown(StartError, () => openServices({ env: { ...env, QBANK_ADMIN_KEY: key }, print: () => {} }));
    expect(startWith(client.key).message).toBe('QBANK_ADMIN_KEY is already a client key; choose another value.');
    expect(startWith(admin.key).message).toBe('QBANK_ADMIN_KEY was revoked; choose another value.');
  });

  it('when npm start runs with a bad value, then it prints one line naming the variable and exits 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, QBANK_DB: join(dir(), 'y.db'), QBANK_MAX_JSON_BYTES: 'lots' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^qbank: invalid QBANK_MAX_JSON_BYTES="lots": /)]);
  });
});
