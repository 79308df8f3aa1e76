// Typed storage errors. Their messages are safe to show to API clients: they never carry SQL text
// (the original SQLite error, when there is one, is kept as `cause` for logs).

export type StorageErrorCode = 'not_found' | 'conflict' | 'invalid';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** The thing asked for does not exist (HTTP 404). */
export class NotFoundError extends StorageError {
  readonly entity: string;
  readonly key: string | number;
  constructor(entity: string, key: string | number) {
    super('not_found', `${entity} ${JSON.stringify(key)} not found`);
    this.name = 'NotFoundError';
    this.entity = entity;
    this.key = key;
  }
}

/** Names of the constraints a write can break; `unique` and `foreign_key` stand for any other one. */
export type ConstraintName =
  | 'category_name'
  | 'category_idnumber'
  | 'question_idnumber'
  | 'question_version'
  | 'question_retired'
  | 'quiz_idnumber'
  | 'quiz_question'
  | 'key_hash'
  | 'attempt_number'
  | 'attempt_idempotency_key'
  | 'unique'
  | 'foreign_key';

/** The write breaks a uniqueness or consistency rule (HTTP 409). */
export class ConflictError extends StorageError {
  readonly constraint: ConstraintName;
  constructor(constraint: ConstraintName, message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
    this.name = 'ConflictError';
    this.constraint = constraint;
  }
}

/** The caller passed values the storage cannot hold (a programming error on the caller's side, HTTP 500/422). */
export class InvalidInputError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid', message, options);
    this.name = 'InvalidInputError';
  }
}

// SQLite names a broken unique constraint by its columns: "UNIQUE constraint failed: quizzes.idnumber".
const UNIQUE_CONSTRAINTS: Record<string, [ConstraintName, string]> = {
  'categories.parent_id, categories.name': ['category_name', 'a category with this name already exists there'],
  'categories.context, categories.idnumber': ['category_idnumber', 'a category with this idnumber already exists'],
  'questions.category_id, questions.idnumber': [
    'question_idnumber',
    'a question with this idnumber already exists in the category',
  ],
  'question_versions.question_id, question_versions.version': ['question_version', 'this version already exists'],
  'quizzes.idnumber': ['quiz_idnumber', 'a quiz with this idnumber already exists'],
  'quiz_slots.quiz_id, quiz_slots.question_id': ['quiz_question', 'a question can appear only once in a quiz'],
  'api_keys.key_hash': ['key_hash', 'this key already exists'],
  'attempts.quiz_id, attempts.user_id, attempts.attempt_number': [
    'attempt_number',
    'this attempt number is already taken',
  ],
  'attempts.key_id, attempts.idempotency_key': [
    'attempt_idempotency_key',
    'an attempt with this idempotency key already exists',
  ],
};

interface SqliteErrorLike {
  code: string;
  message: string;
}

function isSqliteError(error: unknown): error is SqliteErrorLike {
  return (
    error instanceof Error &&
    typeof (error as unknown as Partial<SqliteErrorLike>).code === 'string' &&
    (error as unknown as SqliteErrorLike).code.startsWith('SQLITE_')
  );
}

/** A storage error for a constraint failure (without the SQL text); any other error unchanged. */
export function translateError(error: unknown): unknown {
  if (!isSqliteError(error)) return error;
  if (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = error.message.replace(/^UNIQUE constraint failed: /, '');
    const [constraint, message] = UNIQUE_CONSTRAINTS[columns] ?? ['unique', 'the record already exists'];
    return new ConflictError(constraint, message, { cause: error });
  }
  if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ConflictError('foreign_key', 'the record refers to something that does not exist', { cause: error });
  }
  if (error.code === 'SQLITE_CONSTRAINT_CHECK' || error.code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return new InvalidInputError('a value is missing or out of range', { cause: error });
  }
  return error;
}

/** Runs `fn`, rethrowing constraint failures as storage errors. */
export function translating<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translateError(error);
  }
}
