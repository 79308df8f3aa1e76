import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appliedMigrations,
  closeDatabase,
  DEFAULT_MIGRATIONS_DIR,
  migrate,
  MigrationError,
  openDatabase,
  type Database,
} from '../../src/storage/index.js';
import { useTempDir } from '../helpers/service.js';
import { thrown } from '../helpers/thrown.js';

const REAL_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const REAL_FILES = readdirSync(REAL_DIR)
  .filter((name) => name.endsWith('.sql'))
  .sort();

const tempDir = useTempDir('qbank-storage-');
let open: Database[] = [];
let seq = 0;

function freshDb(): Database {
  const db = openDatabase(join(tempDir(), `m-${++seq}.db`));
  open.push(db);
  return db;
}

/** A migrations folder of its own, holding the given files. */
function folder(files: Record<string, string>): string {
  const dir = join(tempDir(), `migrations-${++seq}`);
  mkdirSync(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

function tables(db: Database): string[] {
  return (
    db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  ).map((row) => row.name);
}

afterEach(() => {
  for (const db of open) closeDatabase(db);
  open = [];
});

describe('the real migrations', () => {
  it('apply in order on an empty database and record each file with its checksum', () => {
    const db = freshDb();
    expect(migrate(db, REAL_DIR).applied).toEqual(REAL_FILES);
    const applied = appliedMigrations(db);
    expect(applied.map((m) => m.name)).toEqual(REAL_FILES);
    for (const record of applied) {
      const sha = createHash('sha256').update(readFileSync(join(REAL_DIR, record.name))).digest('hex');
      expect(record.checksum).toBe(sha);
      expect(Number.isNaN(Date.parse(record.appliedAt))).toBe(false);
    }
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'categories',
        'questions',
        'question_versions',
        'question_tags',
        'quizzes',
        'quiz_slots',
        'api_keys',
        'attempts',
        'attempt_questions',
        'attempt_stats',
        'settings',
        'schema_migrations',
      ]),
    );
  });

  it('apply only the last one on a database left at the one before', () => {
    const previous = join(tempDir(), `previous-${++seq}`);
    mkdirSync(previous);
    for (const name of REAL_FILES.slice(0, -1)) copyFileSync(join(REAL_DIR, name), join(previous, name));
    const db = freshDb();
    expect(migrate(db, previous).applied).toEqual(REAL_FILES.slice(0, -1));
    expect(migrate(db, REAL_DIR).applied).toEqual(REAL_FILES.slice(-1));
    expect(appliedMigrations(db).map((m) => m.name)).toEqual(REAL_FILES);
  });

  it('apply nothing when run again', () => {
    const db = freshDb();
    migrate(db, REAL_DIR);
    const before = appliedMigrations(db);
    expect(migrate(db, REAL_DIR).applied).toEqual([]);
    expect(appliedMigrations(db)).toEqual(before);
  });

  it('are found from the source file, not the working directory', () => {
    expect(DEFAULT_MIGRATIONS_DIR.replace(/\/$/, '')).toBe(REAL_DIR.replace(/\/$/, ''));
    const cwd = process.cwd();
    process.chdir(tempDir());
    try {
      expect(migrate(freshDb()).applied).toEqual(REAL_FILES);
    } finally {
      process.chdir(cwd);
    }
  });

  it('enforce foreign keys in the schema they create', () => {
    const db = freshDb();
    migrate(db, REAL_DIR);
    expect(() =>
      db.prepare(`INSERT INTO questions (category_id, created_at) VALUES (999, 'now')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('a database whose history does not match the files', () => {
  const A = 'CREATE TABLE a (x INTEGER) STRICT;\n';
  const B = 'CREATE TABLE b (y INTEGER) STRICT;\n';

  it('stops when an applied file was changed, naming it', () => {
    const dir = folder({ '0001_a.sql': A, '0002_b.sql': B });
    const db = freshDb();
    migrate(db, dir);
    writeFileSync(join(dir, '0001_a.sql'), `${A}-- edited\n`);
    const error = thrown(MigrationError, () => migrate(db, dir));
    expect(error.file).toBe('0001_a.sql');
    expect(error.message).toMatch(/0001_a\.sql.*changed/);
    expect(error.message).not.toContain('\n');
  });

  it('stops when an applied file is missing, naming it', () => {
    const dir = folder({ '0001_a.sql': A, '0002_b.sql': B });
    const db = freshDb();
    migrate(db, dir);
    rmSync(join(dir, '0002_b.sql'));
    const error = thrown(MigrationError, () => migrate(db, dir));
    expect(error.file).toBe('0002_b.sql');
    expect(error.message).toMatch(/0002_b\.sql.*missing/);
  });

  it('stops when a new file sorts before one already applied', () => {
    const dir = folder({ '0001_a.sql': A, '0003_c.sql': 'CREATE TABLE c (z INTEGER);' });
    const db = freshDb();
    migrate(db, dir);
    writeFileSync(join(dir, '0002_b.sql'), B);
    const error = thrown(MigrationError, () => migrate(db, dir));
    expect(error.file).toBe('0002_b.sql');
    expect(tables(db)).not.toContain('b');
  });
});

describe('migration file names', () => {
  it.each(['1_short.sql', '0001-dash.sql', '0001_Upper.sql', '0001_.sql', '00001_five.sql'])(
    'refuses %s',
    (name) => {
      const dir = folder({ '0001_fine.sql': 'SELECT 1;', [name]: 'SELECT 1;' });
      const error = thrown(MigrationError, () => migrate(freshDb(), dir));
      expect(error.file).toBe(name);
      expect(error.message).toContain(name);
    },
  );

  it('refuses two files with the same number, naming both', () => {
    const dir = folder({ '0001_a.sql': 'SELECT 1;', '0001_b.sql': 'SELECT 1;' });
    const db = freshDb();
    const error = thrown(MigrationError, () => migrate(db, dir));
    expect(error.message).toContain('0001_a.sql');
    expect(error.message).toContain('0001_b.sql');
    expect(appliedMigrations(db)).toEqual([]);
  });

  it('ignores files that are not .sql', () => {
    const dir = folder({ 'README.md': '# notes', '0001_a.sql': 'CREATE TABLE a (x INTEGER);' });
    expect(migrate(freshDb(), dir).applied).toEqual(['0001_a.sql']);
  });

  it('reports a folder that does not exist', () => {
    const error = thrown(MigrationError, () => migrate(freshDb(), join(tempDir(), 'nowhere')));
    expect(error.message).toContain('nowhere');
  });
});

describe('each file runs in its own transaction', () => {
  it('a failing file leaves no trace; the files before it stay applied', () => {
    const dir = folder({
      '0001_a.sql': 'CREATE TABLE a (x INTEGER);',
      '0002_b.sql': 'CREATE TABLE b (y INTEGER);\nINSERT INTO b VALUES (1);\nINSERT INTO nothing VALUES (2);\n',
      '0003_c.sql': 'CREATE TABLE c (z INTEGER);',
    });
    const db = freshDb();
    const error = thrown(MigrationError, () => migrate(db, dir));
    expect(error.file).toBe('0002_b.sql');
    expect(error.message).toMatch(/^migration 0002_b\.sql failed: .*nothing/);
    expect(error.message).not.toContain('\n');
    expect(tables(db)).toContain('a');
    expect(tables(db)).not.toContain('b');
    expect(tables(db)).not.toContain('c');
    expect(appliedMigrations(db).map((m) => m.name)).toEqual(['0001_a.sql']);

    writeFileSync(join(dir, '0002_b.sql'), 'CREATE TABLE b (y INTEGER);\nINSERT INTO b VALUES (1);\n');
    expect(migrate(db, dir).applied).toEqual(['0002_b.sql', '0003_c.sql']);
    expect(db.prepare('SELECT count(*) AS n FROM b').get()).toEqual({ n: 1 });
  });
});

describe('two connections migrating one new file together (two processes starting at once)', () => {
  it('the one that comes second skips what the first applied meanwhile, and both end up current', () => {
    const path = join(tempDir(), `race-${++seq}.db`);
    const first = openDatabase(path);
    const second = openDatabase(path);
    open.push(first, second);
    // The second connection runs every migration just after the first has listed the files it must apply.
    let cutIn = true;
    const result = migrate(first, REAL_DIR, () => {
      if (!cutIn) return;
      cutIn = false;
      expect(migrate(second, REAL_DIR).applied).toEqual(REAL_FILES);
    });
    expect(result.applied).toEqual([]);
    expect(appliedMigrations(first).map((m) => m.name)).toEqual(REAL_FILES);
    expect(first.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a file recorded meanwhile with another checksum stops the start, naming it', () => {
    const dir = folder({ '0001_a.sql': 'CREATE TABLE a (x INTEGER);' });
    const path = join(tempDir(), `race-${++seq}.db`);
    const first = openDatabase(path);
    const second = openDatabase(path);
    open.push(first, second);
    const other = folder({ '0001_a.sql': 'CREATE TABLE a (x INTEGER, y INTEGER);' });
    const error = thrown(MigrationError, () => migrate(first, dir, () => void migrate(second, other)));
    expect(error.file).toBe('0001_a.sql');
    expect(error.message).toMatch(/0001_a\.sql was changed after it was applied/);
  });
});
