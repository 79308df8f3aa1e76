// Submitted attempts: the attempt, a row per slot, and the compact row the statistics report reads.
// Grading happens elsewhere: these methods store what the caller computed, atomically.
import type { QuestionState, QuestionType, Response } from '../model/index.js';
import type { Database, Statement } from './db.js';
import { InvalidInputError, NotFoundError, translating } from './errors.js';
import type {
  AttemptListOptions,
  AttemptQuestionRecord,
  AttemptRecord,
  AttemptRegrade,
  AttemptState,
  AttemptSummary,
  AttemptTotals,
  ManualGrade,
  NewAttempt,
  Page,
} from './types.js';
import { float64Blob, int16Blob, isoNow, round5 } from './values.js';

interface AttemptRow {
  id: number;
  quiz_id: number;
  user_id: string;
  attempt_number: number;
  state: AttemptState;
  submitted_at: string;
  sum_grades: number | null;
  max_grade: number;
  key_id: number | null;
  idempotency_key: string | null;
  request_hash: string | null;
}

interface QuestionRow {
  slot: number;
  question_id: number;
  question_version_id: number;
  idnumber: string | null;
  type: QuestionType;
  name: string;
  response: string | null;
  fraction: number | null;
  mark: number | null;
  max_mark: number;
  state: QuestionState;
  comment: string | null;
  graded_at: string | null;
}

const QUESTION_COLUMNS = [
  'attempt_id',
  'slot',
  'question_id',
  'question_version_id',
  'response',
  'fraction',
  'mark',
  'max_mark',
  'state',
  'graded_at',
] as const;

/** Question rows per INSERT: one statement stores every question of a usual attempt. */
const ROWS_PER_INSERT = 50;

/** An attempt row as inserted: the summary before the database gives it an id. */
type StoredAttempt = Omit<AttemptSummary, 'id'>;

const ATTEMPT_COLUMNS = `id, quiz_id, user_id, attempt_number, state, submitted_at, sum_grades, max_grade, key_id,
  idempotency_key, request_hash`;

export class AttemptRepository {
  private readonly quizExists;
  private readonly nextNumber;
  private readonly insert;
  /** Row count → an INSERT of that many question rows, prepared when first needed. */
  private readonly insertQuestions = new Map<number, Statement>();
  private readonly insertStats;
  private readonly byId;
  private readonly byIdempotencyKey;
  private readonly questions;
  private readonly questionRow;
  private readonly pageAll;
  private readonly countAll;
  private readonly pageUser;
  private readonly countUser;
  private readonly updateQuestion;
  private readonly updateAttempt;
  private readonly updateStats;
  private readonly insertTx;
  private readonly manualTx;
  private readonly regradeTx;

  constructor(
    private readonly db: Database,
    private readonly now: () => string = isoNow,
  ) {
    // The statements every submission runs take positional values and give plain values (pluck), not objects:
    // binding and building objects by property name is a slow path of the driver.
    this.quizExists = db.prepare<[number], number>('SELECT id FROM quizzes WHERE id = ?').pluck();
    this.nextNumber = db
      .prepare<[number, string], number>(
        'SELECT coalesce(max(attempt_number), 0) + 1 FROM attempts WHERE quiz_id = ? AND user_id = ?',
      )
      .pluck();
    this.insert = db.prepare<
      [number, string, number, AttemptState, string, number | null, number, number | null, string | null, string | null]
    >(
      `INSERT INTO attempts (quiz_id, user_id, attempt_number, state, submitted_at, sum_grades, max_grade, key_id,
         idempotency_key, request_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertStats = db.prepare<[number, number, string, number, number | null, Buffer, Buffer]>(
      `INSERT INTO attempt_stats (quiz_id, attempt_id, user_id, attempt_number, sum_grades, fractions, classes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.prepare<[number], AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE id = ?`);
    this.byIdempotencyKey = db.prepare<[number, string], AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE key_id = ? AND idempotency_key = ?`,
    );
    const questionColumns = `a.slot, a.question_id, a.question_version_id, json_extract(v.question, '$.idnumber') AS idnumber,
      v.type, v.name, a.response, a.fraction, a.mark, a.max_mark, a.state, a.comment,
      a.graded_at
      FROM attempt_questions a JOIN question_versions v ON v.id = a.question_version_id`;
    this.questions = db.prepare<[number], QuestionRow>(
      `SELECT ${questionColumns} WHERE a.attempt_id = ? ORDER BY a.slot`,
    );
    this.questionRow = db.prepare<[number, number], QuestionRow>(
      `SELECT ${questionColumns} WHERE a.attempt_id = ? AND a.slot = ?`,
    );
    this.pageAll = db.prepare<[number, number, number], AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE quiz_id = ? ORDER BY id LIMIT ? OFFSET ?`,
    );
    this.countAll = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM attempts WHERE quiz_id = ?');
    this.pageUser = db.prepare<[number, string, number, number], AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM attempts WHERE quiz_id = ? AND user_id = ? ORDER BY attempt_number
       LIMIT ? OFFSET ?`,
    );
    this.countUser = db.prepare<[number, string], { n: number }>(
      'SELECT count(*) AS n FROM attempts WHERE quiz_id = ? AND user_id = ?',
    );
    this.updateQuestion = db.prepare<{
      attemptId: number;
      slot: number;
      versionId: number;
      response: string | null;
      fraction: number | null;
      mark: number | null;
      maxMark: number;
      state: QuestionState;
      comment: string | null;
      gradedAt: string | null;
    }>(
      `UPDATE attempt_questions SET question_version_id = @versionId, response = @response, fraction = @fraction,
         mark = @mark, max_mark = @maxMark, state = @state, comment = @comment, graded_at = @gradedAt
       WHERE attempt_id = @attemptId AND slot = @slot`,
    );
    this.updateAttempt = db.prepare<[number | null, AttemptState, number | null, number]>(
      'UPDATE attempts SET sum_grades = ?, state = ?, max_grade = coalesce(?, max_grade) WHERE id = ?',
    );
    this.updateStats = db.prepare<[number | null, Buffer, Buffer | null, number]>(
      `UPDATE attempt_stats SET sum_grades = ?, fractions = ?, classes = coalesce(?, classes) WHERE attempt_id = ?`,
    );

    this.insertTx = db.transaction((input: NewAttempt) => this.insertOne(input));
    this.manualTx = db.transaction(
      (attemptId: number, slot: number, grade: ManualGrade, recompute: (attempt: AttemptRecord) => AttemptTotals) => {
        const current = this.questionRow.get(attemptId, slot);
        if (!current) {
          if (!this.byId.get(attemptId)) throw new NotFoundError('attempt', attemptId);
          throw new NotFoundError('slot', slot);
        }
        this.updateQuestion.run({
          attemptId,
          slot,
          versionId: current.question_version_id,
          response: current.response,
          fraction: grade.fraction,
          mark: grade.mark,
          maxMark: current.max_mark,
          state: grade.state,
          comment: grade.comment === undefined ? current.comment : grade.comment,
          gradedAt: grade.gradedAt ?? this.now(),
        });
        this.applyTotals(attemptId, recompute(this.getAttempt(attemptId)!), undefined);
        return this.getAttempt(attemptId)!;
      },
    );
    this.regradeTx = db.transaction((updates: readonly AttemptRegrade[]) => {
      const now = this.now();
      for (const update of updates) {
        if (!this.byId.get(update.attemptId)) throw new NotFoundError('attempt', update.attemptId);
        for (const q of update.questions) {
          const current = this.questionRow.get(update.attemptId, q.slot);
          if (!current) throw new NotFoundError('slot', q.slot);
          this.updateQuestion.run({
            attemptId: update.attemptId,
            slot: q.slot,
            versionId: q.questionVersionId ?? current.question_version_id,
            response:
              q.response === undefined ? current.response : q.response === null ? null : JSON.stringify(q.response),
            fraction: q.fraction,
            mark: q.mark,
            maxMark: q.maxMark ?? current.max_mark,
            state: q.state,
            comment: current.comment,
            gradedAt: q.gradedAt === undefined ? now : q.gradedAt,
          });
        }
        this.applyTotals(update.attemptId, update, update.maxGrade);
      }
    });
  }

  /**
   * Stores a graded attempt under the next attempt number of (quiz, user), taken inside the same write
   * transaction so concurrent submissions never share a number. A repeated (key, idempotency key) is a
   * conflict (attempt_idempotency_key); look it up first with findAttemptByIdempotencyKey. Returns the attempt
   * row as stored, from what was inserted: the caller holds the questions it passed.
   */
  insertAttempt(input: NewAttempt): AttemptSummary {
    return translating(() => this.insertTx.immediate(input));
  }

  getAttempt(id: number): AttemptRecord | null {
    const row = this.byId.get(id);
    return row ? this.withQuestions(row) : null;
  }

  findAttemptByIdempotencyKey(keyId: number, idempotencyKey: string): AttemptRecord | null {
    const row = this.byIdempotencyKey.get(keyId, idempotencyKey);
    return row ? this.withQuestions(row) : null;
  }

  /** A quiz's attempts without their questions: in id order, or one user's in attempt-number order. */
  listAttempts(quizId: number, options: AttemptListOptions = {}): Page<AttemptSummary> {
    const limit = options.limit ?? -1;
    const offset = options.offset ?? 0;
    if (options.userId === undefined) {
      return { items: this.pageAll.all(quizId, limit, offset).map(toSummary), total: this.countAll.get(quizId)!.n };
    }
    return {
      items: this.pageUser.all(quizId, options.userId, limit, offset).map(toSummary),
      total: this.countUser.get(quizId, options.userId)!.n,
    };
  }

  /**
   * Stores a manual grade of one slot, then asks `recompute` for the attempt's new totals (given the attempt
   * as it now stands) and stores those too, all in one transaction. The comment is kept when not given.
   */
  setManualGrade(
    attemptId: number,
    slot: number,
    grade: ManualGrade,
    recompute: (attempt: AttemptRecord) => AttemptTotals,
  ): AttemptRecord {
    return translating(() => this.manualTx.immediate(attemptId, slot, grade, recompute));
  }

  /** Stores new grades for many attempts in one transaction: all of them or, on any error, none. */
  regradeAttempts(updates: readonly AttemptRegrade[]): void {
    translating(() => this.regradeTx.immediate(updates));
  }

  private insertOne(input: NewAttempt): AttemptSummary {
    const idempotencyKey = input.idempotencyKey ?? null;
    if (idempotencyKey !== null && input.keyId === null) {
      throw new InvalidInputError('an idempotency key needs the id of the key that submitted the attempt');
    }
    if (this.quizExists.get(input.quizId) === undefined) throw new NotFoundError('quiz', input.quizId);
    const attemptNumber = this.nextNumber.get(input.quizId, input.userId)!;
    const stored: StoredAttempt = {
      quizId: input.quizId,
      userId: input.userId,
      attemptNumber,
      state: input.state,
      submittedAt: input.submittedAt,
      sumGrades: round5(input.sumGrades),
      maxGrade: input.maxGrade,
      keyId: input.keyId,
      idempotencyKey,
      requestHash: input.requestHash ?? null,
    };
    const attemptId = Number(
      this.insert.run(
        stored.quizId,
        stored.userId,
        attemptNumber,
        stored.state,
        stored.submittedAt,
        stored.sumGrades,
        stored.maxGrade,
        stored.keyId,
        idempotencyKey,
        stored.requestHash,
      ).lastInsertRowid,
    );
    this.insertQuestionRows(attemptId, input);
    this.insertStats.run(
      input.quizId,
      attemptId,
      input.userId,
      attemptNumber,
      stored.sumGrades,
      float64Blob(input.fractions),
      int16Blob(input.classes),
    );
    return { id: attemptId, ...stored };
  }

  /** The question rows of an attempt, a statement per ROWS_PER_INSERT of them (one for a usual quiz). */
  private insertQuestionRows(attemptId: number, input: NewAttempt): void {
    const questions = input.questions;
    for (let start = 0; start < questions.length; start += ROWS_PER_INSERT) {
      const rows = Math.min(ROWS_PER_INSERT, questions.length - start);
      // Filled by push, not preallocated: the driver reads a packed array faster than one with holes.
      const values: unknown[] = [];
      for (let i = start; i < start + rows; i++) {
        const q = questions[i]!;
        values.push(
          attemptId,
          q.slot,
          q.questionId,
          q.questionVersionId,
          q.response === null ? null : JSON.stringify(q.response),
          q.fraction,
          q.mark,
          q.maxMark,
          q.state,
          q.gradedAt !== undefined ? q.gradedAt : q.state === 'needsgrading' ? null : input.submittedAt,
        );
      }
      let statement = this.insertQuestions.get(rows);
      if (statement === undefined) {
        const row = `(${QUESTION_COLUMNS.map(() => '?').join(', ')})`;
        statement = this.db.prepare(
          `INSERT INTO attempt_questions (${QUESTION_COLUMNS.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`,
        );
        this.insertQuestions.set(rows, statement);
      }
      statement.run(values);
    }
  }

  private applyTotals(attemptId: number, totals: AttemptTotals, maxGrade: number | undefined): void {
    const sumGrades = round5(totals.sumGrades);
    this.updateAttempt.run(sumGrades, totals.state, maxGrade ?? null, attemptId);
    this.updateStats.run(
      sumGrades,
      float64Blob(totals.fractions),
      totals.classes === undefined ? null : int16Blob(totals.classes),
      attemptId,
    );
  }

  private withQuestions(row: AttemptRow): AttemptRecord {
    return { ...toSummary(row), questions: this.questions.all(row.id).map(toQuestion) };
  }
}

function toSummary(row: AttemptRow): AttemptSummary {
  return {
    id: row.id,
    quizId: row.quiz_id,
    userId: row.user_id,
    attemptNumber: row.attempt_number,
    state: row.state,
    submittedAt: row.submitted_at,
    sumGrades: row.sum_grades,
    maxGrade: row.max_grade,
    keyId: row.key_id,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
  };
}

function toQuestion(row: QuestionRow): AttemptQuestionRecord {
  return {
    slot: row.slot,
    questionId: row.question_id,
    questionVersionId: row.question_version_id,
    idnumber: row.idnumber,
    type: row.type,
    name: row.name,
    response: row.response === null ? null : (JSON.parse(row.response) as Response),
    fraction: row.fraction,
    mark: row.mark,
    maxMark: row.max_mark,
    state: row.state,
    comment: row.comment,
    gradedAt: row.graded_at,
  };
}
