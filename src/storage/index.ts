// The storage layer: the only part of qbank that talks to SQLite.
export { closeDatabase, openDatabase, openReadOnly, ping, transaction, type Database } from './db.js';
export {
  appliedMigrations,
  DEFAULT_MIGRATIONS_DIR,
  migrate,
  MigrationError,
  readMigrationFiles,
  type AppliedMigration,
  type MigrationFile,
} from './migrate.js';
export {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  StorageError,
  type ConstraintName,
  type StorageErrorCode,
} from './errors.js';
export { CategoryRepository, DEFAULT_CONTEXT } from './categories.js';
export { normalizeTags, QuestionRepository } from './questions.js';
export { QuizRepository } from './quizzes.js';
export { KeyRepository } from './keys.js';
export { AttemptRepository } from './attempts.js';
export { StatisticsReader } from './statistics.js';
export { SettingsRepository } from './settings.js';
export { createStore, openStore, type OpenStoreOptions, type ReadConnection, type Store, type StoreOptions } from './store.js';
export { roundDecimal } from './values.js';
export type * from './types.js';
