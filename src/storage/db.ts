// Opening and closing the SQLite file, and the transaction helper every repository shares.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** A better-sqlite3 connection; re-exported so that no other folder needs to import better-sqlite3. */
export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

const IN_MEMORY = new Set(['', ':memory:']);

/** Bytes the WAL file is cut back to once a checkpoint has emptied it. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * Opens (creating if needed) the database file and its folder, with the pragmas a small web service wants:
 * WAL (readers never block the writer), foreign keys enforced, a busy timeout instead of instant SQLITE_BUSY,
 * synchronous = NORMAL (safe with WAL: a power cut may lose the last commits, never corrupt the file), and a
 * size limit on the WAL file.
 */
export function openDatabase(path: string): Database {
  if (!IN_MEMORY.has(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    // The timeout first: switching a new file to WAL needs a lock that another process may hold for a moment.
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // While a long statistics read holds its snapshot, checkpoints cannot finish and the WAL file grows with every
    // submission; SQLite reuses it afterwards but never shrinks it unless told to: back to this size at the next reset.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * A second connection to the file of `db`, read-only: with WAL, its read transactions see one committed state
 * for as long as they last while `db` goes on writing. Null for an in-memory database, which no other
 * connection can see.
 */
export function openReadOnly(db: Database): Database | null {
  if (db.memory) return null;
  const reader = new BetterSqlite3(db.name, { readonly: true, fileMustExist: true });
  try {
    reader.pragma('busy_timeout = 5000');
  } catch (error) {
    reader.close();
    throw error;
  }
  return reader;
}

/** Folds the WAL back into the main file and closes the connection; closing twice does nothing. */
export function closeDatabase(db: Database): void {
  if (!db.open) return;
  if (!db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * One transaction function per connection, given the work as its argument: wrapping every call in a new one
 * costs more than the savepoint itself.
 */
const runners = new WeakMap<Database, BetterSqlite3.Transaction<(fn: () => unknown) => unknown>>();

/**
 * Runs `fn` in a write (BEGIN IMMEDIATE) transaction: all of it commits or, if it throws, none of it.
 * Inside another transaction it becomes a savepoint, so repository methods compose.
 */
export function transaction<T>(db: Database, fn: () => T): T {
  let run = runners.get(db);
  if (run === undefined) runners.set(db, (run = db.transaction((f: () => unknown) => f())));
  return run.immediate(fn) as T;
}

const pings = new WeakMap<Database, Statement>();

/** True when the database answers a trivial query (prepared once per connection). */
export function ping(db: Database): boolean {
  try {
    let statement = pings.get(db);
    if (statement === undefined) pings.set(db, (statement = db.prepare('SELECT 1 AS ok')));
    return statement.get() !== undefined;
  } catch {
    return false;
  }
}
