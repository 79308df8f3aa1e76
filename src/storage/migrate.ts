// The migration runner: numbered plain-SQL files, applied in order, each with its bookkeeping row in one
// transaction. Applied files are append-only history: an edited, missing or out-of-order file stops the start.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.js';

/** The repository's `migrations/` folder, found from this file (src/storage or dist/storage), not the cwd. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

const FILE_NAME = /^(\d{4})_([a-z0-9]+(?:_[a-z0-9]+)*)\.sql$/;

/** Why the database cannot be brought up to date; the message is one line naming the file. */
export class MigrationError extends Error {
  readonly file: string | null;
  constructor(message: string, file: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
    this.file = file;
  }
}

export interface MigrationFile {
  name: string;
  number: number;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  appliedAt: string;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The `.sql` files of `dir` in order; malformed names and duplicated numbers are errors. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new MigrationError(`cannot read the migrations folder ${dir}`, null, { cause: error });
  }
  const files: MigrationFile[] = [];
  const byNumber = new Map<number, string>();
  for (const name of entries.filter((entry) => entry.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(name);
    if (!match) {
      throw new MigrationError(`migration file name ${name} is malformed (expected NNNN_snake_name.sql)`, name);
    }
    const number = Number(match[1]);
    const other = byNumber.get(number);
    if (other !== undefined) {
      throw new MigrationError(`migration ${name} has the same number as ${other}`, name);
    }
    byNumber.set(number, name);
    const bytes = readFileSync(join(dir, name));
    files.push({ name, number, sql: bytes.toString('utf8'), checksum: sha256(bytes) });
  }
  return files;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name       TEXT NOT NULL PRIMARY KEY,
  checksum   TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** The migrations recorded in the database, in name order (empty before the first run). */
export function appliedMigrations(db: Database): AppliedMigration[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return [];
  return db
    .prepare('SELECT name, checksum, applied_at AS appliedAt FROM schema_migrations ORDER BY name')
    .all() as AppliedMigration[];
}

function changedMessage(name: string): string {
  return `migration ${name} was changed after it was applied (checksum differs); add a new migration instead`;
}

/** Checks that the recorded history matches the files, and returns the files still to apply. */
function pendingMigrations(applied: AppliedMigration[], files: MigrationFile[]): MigrationFile[] {
  const byName = new Map(files.map((file) => [file.name, file]));
  for (const record of applied) {
    const file = byName.get(record.name);
    if (!file) {
      throw new MigrationError(`migration ${record.name} was applied but its file is missing`, record.name);
    }
    if (file.checksum !== record.checksum) {
      throw new MigrationError(changedMessage(record.name), record.name);
    }
  }
  const done = new Set(applied.map((record) => record.name));
  const pending = files.filter((file) => !done.has(file.name));
  const last = applied.at(-1);
  const early = last ? pending.find((file) => file.name < last.name) : undefined;
  if (early && last) {
    throw new MigrationError(`migration ${early.name} is new but sorts before the applied ${last.name}`, early.name);
  }
  return pending;
}

/**
 * Brings the database up to date with the files in `dir`. Each file runs in its own transaction together
 * with its bookkeeping row, so a failing file leaves no trace and the ones before it stay applied.
 * `beforeApply` runs before each pending file's transaction (tests use it to let another connection in).
 */
export function migrate(
  db: Database,
  dir: string = DEFAULT_MIGRATIONS_DIR,
  beforeApply: (file: MigrationFile) => void = () => {},
): { applied: string[] } {
  const files = readMigrationFiles(dir);
  db.exec(CREATE_TABLE);
  const pending = pendingMigrations(appliedMigrations(db), files);
  const recorded = db.prepare<[string], string>('SELECT checksum FROM schema_migrations WHERE name = ?').pluck(true);
  const record = db.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)');
  // Another process opening the same new file may have applied a migration since the list above was read:
  // under the write lock, a file already recorded is skipped (or refused, if its checksum differs).
  const apply = db.transaction((file: MigrationFile): boolean => {
    const checksum = recorded.get(file.name);
    if (checksum !== undefined) {
      if (checksum !== file.checksum) throw new MigrationError(changedMessage(file.name), file.name);
      return false;
    }
    db.exec(file.sql);
    record.run(file.name, file.checksum, new Date().toISOString());
    return true;
  });
  const applied: string[] = [];
  for (const file of pending) {
    beforeApply(file);
    let ran: boolean;
    try {
      ran = apply.immediate(file);
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new MigrationError(`migration ${file.name} failed: ${reason}`, file.name, { cause: error });
    }
    if (ran) applied.push(file.name);
  }
  return { applied };
}
