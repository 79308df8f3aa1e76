// What the repositories take and return. Ids are SQLite integer ids; times are ISO-8601 UTC strings.
import type { Category, Feedback, Question, QuestionState, QuestionType, Response, RichText } from '../model/index.js';

/** A page of a listing, with the number of items matching the filters over all pages. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageOptions {
  /** At most this many items; all of them when left out. */
  limit?: number;
  offset?: number;
}

// ---- categories

/** A stored category. `path` is its full Moodle path with its context, e.g. `$course$/top/A//B/C`. */
export interface CategoryRecord extends Category {
  id: number;
  /** null for a context's `top`. */
  parentId: number | null;
  /** `$course$`, `$module$`, … */
  context: string;
  name: string;
}

export interface CategoryInfo {
  /** Set on the last category of the path when it is created, or when it exists with an empty info. */
  info?: RichText;
  /** Set on the last category of the path when it is created, or when it exists without an idnumber. */
  idnumber?: string | null;
  /** The context of a path that names none; `$course$` when left out. */
  defaultContext?: string;
}

// ---- questions

/**
 * The opaque ids a client sees instead of indices, for one version: `choices[i]` stands for
 * answer i of a multichoice or choice i of a match (matchChoices order), `stems[i]` for stem i of a match
 * (matchStems order). Storage keeps them as given.
 */
export interface ChoiceIds {
  choices: string[];
  stems: string[];
}

export interface NewQuestion {
  question: Question;
  categoryId: number;
  choiceIds: ChoiceIds;
}

export interface QuestionUpdate {
  question: Question;
  choiceIds: ChoiceIds;
  /** Moves the entry to another category; it stays where it is when left out. */
  categoryId?: number;
}

export interface CreatedQuestion {
  id: number;
  version: number;
  versionId: number;
}

/** A bank entry with its current version. */
export interface QuestionRecord {
  id: number;
  categoryId: number;
  /** The current version's idnumber ('' is stored as null). */
  idnumber: string | null;
  /** The current version's number (1, 2, …) and id. */
  version: number;
  versionId: number;
  type: QuestionType;
  name: string;
  question: Question;
  choiceIds: ChoiceIds;
  /** When the entry was created. */
  createdAt: string;
  /** When the current version was created. */
  updatedAt: string;
  retiredAt: string | null;
}

export interface VersionSummary {
  versionId: number;
  version: number;
  type: QuestionType;
  name: string;
  createdAt: string;
}

/** An entry with the list of all its versions, oldest first. */
export interface QuestionWithVersions extends QuestionRecord {
  versions: VersionSummary[];
}

/** One stored version, current or not. */
export interface QuestionVersionRecord extends VersionSummary {
  questionId: number;
  question: Question;
  choiceIds: ChoiceIds;
  /** Whether this is the entry's current version. */
  current: boolean;
}

export interface QuestionFilter extends PageOptions {
  categoryId?: number;
  /** With categoryId: also the questions of every category below it. */
  includeSubcategories?: boolean;
  type?: QuestionType;
  /** Matched case-insensitively. */
  tag?: string;
  idnumber?: string;
  includeRetired?: boolean;
}

// ---- quizzes

export interface NewQuiz {
  name: string;
  idnumber?: string | null;
  /** Moodle's quiz grade (default 10). */
  grade?: number;
  /** In slot order; slots are numbered from 1. */
  slots: { questionId: number; maxMark: number }[];
}

export interface QuizSummary {
  id: number;
  idnumber: string | null;
  name: string;
  grade: number;
  createdAt: string;
}

export interface QuizSlot {
  slot: number;
  questionId: number;
  /** The entry's current version, the one a new attempt uses. */
  versionId: number;
  version: number;
  maxMark: number;
  idnumber: string | null;
  type: QuestionType;
  name: string;
  retired: boolean;
}

export interface QuizRecord extends QuizSummary {
  slots: QuizSlot[];
  /** Moodle's quiz sumgrades: the sum of the slots' max marks. */
  sumGrades: number;
}

/** A slot with its current version in full, for showing or grading the quiz. */
export interface QuizQuestion extends QuizSlot {
  question: Question;
  choiceIds: ChoiceIds;
}

// ---- api keys

export type Role = 'admin' | 'client';

export interface NewApiKey {
  name?: string | null;
  role: Role;
  /** SHA-256 of the secret, lower-case hex. */
  keyHash: string;
  /** A short, non-secret start of the key for display. */
  prefix: string;
}

export interface ApiKeyRecord {
  id: number;
  name: string | null;
  role: Role;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

// ---- attempts

export type AttemptState = 'finished' | 'needsgrading';

export interface NewAttemptQuestion {
  slot: number;
  questionId: number;
  questionVersionId: number;
  /** null when the question was left out. */
  response: Response | null;
  fraction: number | null;
  mark: number | null;
  maxMark: number;
  state: QuestionState;
  /** Defaults to submittedAt, or null for a question that waits for a manual grade. */
  gradedAt?: string | null;
}

export interface NewAttempt {
  quizId: number;
  userId: string;
  state: AttemptState;
  submittedAt: string;
  /** Rounded to 5 decimals when stored, as Moodle's NUMBER(10,5). */
  sumGrades: number | null;
  maxGrade: number;
  /** The key that submitted it; required with an idempotency key. */
  keyId: number | null;
  idempotencyKey?: string | null;
  requestHash?: string | null;
  questions: NewAttemptQuestion[];
  /** Per graded slot, in slot order: the fraction, NaN for none. */
  fractions: Float64Array;
  /** Per (slot, part), in order: the response-class index, -1 for none. */
  classes: Int16Array;
}

export interface AttemptSummary {
  id: number;
  quizId: number;
  userId: string;
  attemptNumber: number;
  state: AttemptState;
  submittedAt: string;
  sumGrades: number | null;
  maxGrade: number;
  keyId: number | null;
  idempotencyKey: string | null;
  requestHash: string | null;
}

export interface AttemptQuestionRecord {
  slot: number;
  questionId: number;
  questionVersionId: number;
  /** Of the version the attempt used. */
  idnumber: string | null;
  type: QuestionType;
  name: string;
  response: Response | null;
  fraction: number | null;
  mark: number | null;
  maxMark: number;
  state: QuestionState;
  comment: string | null;
  gradedAt: string | null;
}

export interface AttemptRecord extends AttemptSummary {
  /** In slot order. */
  questions: AttemptQuestionRecord[];
}

export interface AttemptListOptions extends PageOptions {
  userId?: string;
}

/** A manual grade of one slot, as the caller computed it. */
export interface ManualGrade {
  fraction: number | null;
  mark: number | null;
  state: QuestionState;
  comment?: string | null;
  /** Defaults to now. */
  gradedAt?: string;
}

/** An attempt's totals after a change to one of its questions, as the caller computed them. */
export interface AttemptTotals {
  sumGrades: number | null;
  state: AttemptState;
  fractions: Float64Array;
  /** Replaces the stored classes when given. */
  classes?: Int16Array;
}

export interface RegradedQuestion {
  slot: number;
  fraction: number | null;
  mark: number | null;
  state: QuestionState;
  /** Moves the slot to another version when given. */
  questionVersionId?: number;
  /**
   * Replaces the stored response when given: a response is kept by answer indices, so a slot moved to another
   * version needs its response rewritten in that version's indices (null when it no longer maps).
   */
  response?: Response | null;
  maxMark?: number;
  gradedAt?: string | null;
}

export interface AttemptRegrade extends AttemptTotals {
  attemptId: number;
  questions: RegradedQuestion[];
  maxGrade?: number;
}

// ---- statistics

/** How the blobs of a quiz's attempts are laid out: graded slots, and parts of each. */
export interface AttemptShape {
  slots: number;
  /** parts[s] = the number of parts of graded slot s. */
  parts: number[];
}

/** Where a quiz's statistics rows stand, for a reader that keeps them in memory to compare with. */
export interface StatsState {
  /** The highest attempt id among the quiz's rows; 0 when it has none. New attempts only get higher ids. */
  lastAttemptId: number;
  /** The quiz's change counter: it moves on every update or deletion of one of its rows, never on an insert. */
  changes: number;
  /** The highest id of any stored answer (attempt_questions); answers stored later have higher ids. */
  lastAnswerId: number;
}

export interface AttemptRowsRequest {
  shape: AttemptShape;
  /** Rows of attempts with a higher id than this one (0 for all) … */
  afterAttemptId: number;
  /** … up to this id, included. */
  throughAttemptId: number;
  /**
   * User id → dense user index, users seen for the first time added with the next index. Without it, the users
   * of the range are numbered from 0 in user-id order (cheaper for a large range: no string per row).
   */
  users?: Map<string, number>;
  /**
   * Attempts whose classes blob is laid out for other question versions than `shape` describes: their
   * classes are returned whole in `rawClasses` (and -1 in the columns) for the caller to map.
   */
  rawClassesFor?: ReadonlySet<number>;
}

/**
 * A chunk of a ranged read: a few hundred rows, in attempt id order, in the arrays' first `length` entries. Its
 * `rawClasses` and `shapeMismatches` are the chunk's.
 */
export interface AttemptRowChunk {
  length: number;
  attemptId: Float64Array;
  /** The numbers of the request's `users` map, or 0 when the users are numbered afterwards (see UserPage). */
  user: Int32Array;
  attemptNumber: Int32Array;
  /** NaN where the attempt has no total (waiting for a manual grade). */
  sumGrades: Float64Array;
  /** fractions[slot][row], NaN for none. */
  fractions: Float64Array[];
  /** classes[slot][part][row], -1 for none. */
  classes: Int16Array[][];
  /** Row index → the row's whole classes blob, for the attempts of `rawClassesFor` whose fractions fit. */
  rawClasses: Map<number, Int16Array>;
  /** Rows whose blobs did not fit the shape (read as NaN / -1), `rawClassesFor` rows counted only for fractions. */
  shapeMismatches: number;
}

/** A page of the users of a range of attempts, numbered from 0 in user-id order across pages. */
export interface UserPage {
  length: number;
  /** The page's attempts (each user's attempts together) … */
  attemptId: Float64Array;
  /** … and their users' numbers. */
  user: Int32Array;
  /** The users numbered so far, this page's included. */
  userCount: number;
}
