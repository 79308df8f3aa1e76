// The storage as the rest of qbank sees it: one object, created once at start, that holds the connection
// and every repository (each prepares its statements once).
import { AttemptRepository } from './attempts.js';
import { CategoryRepository } from './categories.js';
import { closeDatabase, openDatabase, openReadOnly, ping, transaction, type Database } from './db.js';
import { KeyRepository } from './keys.js';
import { migrate } from './migrate.js';
import { QuestionRepository } from './questions.js';
import { QuizRepository } from './quizzes.js';
import { SettingsRepository } from './settings.js';
import { StatisticsReader } from './statistics.js';
import { isoNow } from './values.js';

export interface StoreOptions {
  /** The clock for created/retired/graded times; the system clock when left out. */
  now?: () => string;
}

/** The repositories the statistics report reads, on a read-only connection of their own. */
export interface ReadConnection {
  readonly quizzes: QuizRepository;
  readonly questions: QuestionRepository;
  readonly statistics: StatisticsReader;
  /**
   * Runs `fn` in one read transaction held open across its awaits: everything it reads comes from the same
   * committed state, while writers go on through the store. Calls must not overlap (one at a time).
   */
  readSnapshot<T>(fn: () => Promise<T>): Promise<T>;
}

export interface Store {
  readonly db: Database;
  readonly categories: CategoryRepository;
  readonly questions: QuestionRepository;
  readonly quizzes: QuizRepository;
  readonly keys: KeyRepository;
  readonly attempts: AttemptRepository;
  readonly statistics: StatisticsReader;
  readonly settings: SettingsRepository;
  /** Runs `fn` in one write transaction: everything the repositories do inside it commits together or not at all. */
  transaction<T>(fn: () => T): T;
  /** True when the database answers. */
  ping(): boolean;
  /**
   * A second, read-only connection to the same file for reads that pause to let others run (opened on first
   * use, closed with the store); null for an in-memory database.
   */
  reader(): ReadConnection | null;
  close(): void;
}

/** Builds the repositories over a database whose schema is up to date (run `migrate` first). */
export function createStore(db: Database, options: StoreOptions = {}): Store {
  const now = options.now ?? isoNow;
  let reader: { db: Database; connection: ReadConnection } | null | undefined;
  return {
    db,
    categories: new CategoryRepository(db),
    questions: new QuestionRepository(db, now),
    quizzes: new QuizRepository(db, now),
    keys: new KeyRepository(db, now),
    attempts: new AttemptRepository(db, now),
    statistics: new StatisticsReader(db),
    settings: new SettingsRepository(db),
    transaction: (fn) => transaction(db, fn),
    ping: () => ping(db),
    reader: () => {
      if (reader === undefined) {
        const readOnly = openReadOnly(db);
        reader = readOnly === null ? null : { db: readOnly, connection: readConnection(readOnly, now) };
      }
      return reader?.connection ?? null;
    },
    close: () => {
      if (reader?.db.open) reader.db.close();
      closeDatabase(db);
    },
  };
}

function readConnection(db: Database, now: () => string): ReadConnection {
  return {
    quizzes: new QuizRepository(db, now),
    questions: new QuestionRepository(db, now),
    statistics: new StatisticsReader(db),
    readSnapshot: async (fn) => {
      if (db.inTransaction) throw new Error('a read snapshot is already open on this connection');
      db.exec('BEGIN');
      try {
        return await fn();
      } finally {
        if (db.open && db.inTransaction) db.exec('COMMIT');
      }
    },
  };
}

export interface OpenStoreOptions extends StoreOptions {
  /** The migrations folder; the repository's `migrations/` when left out. */
  migrationsDir?: string;
}

/** Opens the database file, applies pending migrations and builds the store. */
export function openStore(
  path: string,
  options: OpenStoreOptions = {},
): { store: Store; migrations: { applied: string[] } } {
  const db = openDatabase(path);
  try {
    const migrations = migrate(db, options.migrationsDir);
    return { store: createStore(db, options), migrations };
  } catch (error) {
    db.close();
    throw error;
  }
}
