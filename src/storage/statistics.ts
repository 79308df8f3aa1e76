// The read path of the statistics report: one range scan of a quiz's compact attempt rows, in raw mode,
// copied straight into typed columns. No object is built per attempt.
import type { Database } from './db.js';
import { AttemptRowReader, checkShape, grown } from './statistics-rows.js';
import type { AttemptColumns, AttemptRowChunk, AttemptRows, AttemptRowsRequest, AttemptShape, StatsState, UserPage } from './types.js';

type StatsRow = [userId: string, attemptNumber: number, sumGrades: number | null, fractions: Buffer, classes: Buffer];

const INITIAL_CAPACITY = 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export class StatisticsReader {
  private readonly scan;
  private readonly rows;
  private readonly state;
  private readonly onVersion;
  private readonly answeredSince;
  private readonly firstAttempt;

  constructor(private readonly db: Database) {
    this.rows = new AttemptRowReader(db);
    this.state = db.prepare<[number, number], StatsState>(
      `SELECT (SELECT coalesce(max(attempt_id), 0) FROM attempt_stats WHERE quiz_id = ?) AS lastAttemptId,
         coalesce((SELECT changes FROM attempt_stats_changes WHERE quiz_id = ?), 0) AS changes,
         (SELECT coalesce(max(id), 0) FROM attempt_questions) AS lastAnswerId`,
    );
    // Both run only for questions edited since attempts were made. There is no index on the version (it made every
    // submission slower): the first walks the quiz's attempts by their (attempt_id, slot) key, the second the
    // answers stored since the last report by rowid.
    this.onVersion = db
      .prepare<[number, number, number, number], number>(
        `SELECT a.id FROM attempts a JOIN attempt_questions aq ON aq.attempt_id = a.id AND aq.slot = ?
         WHERE a.quiz_id = ? AND a.id <= ? AND aq.question_version_id = ?
         ORDER BY a.id`,
      )
      .pluck(true);
    this.answeredSince = db
      .prepare<[number, number], number>('SELECT 1 FROM attempt_questions WHERE id > ? AND question_version_id = ? LIMIT 1')
      .pluck(true);
    this.firstAttempt = db
      .prepare<[number, string], number>('SELECT id FROM attempts WHERE quiz_id = ? AND user_id = ? ORDER BY attempt_number LIMIT 1')
      .pluck(true);
    this.scan = db
      .prepare<[number], StatsRow>(
        `SELECT user_id, attempt_number, sum_grades, fractions, classes FROM attempt_stats
         WHERE quiz_id = ? ORDER BY attempt_id`,
      )
      .raw(true);
  }

  /**
   * A quiz's attempts as columns, in attempt id order. Blobs are read with `shape`; an attempt whose
   * fractions or classes do not have that shape (its question changed parts, say) gets NaN / -1 for the part
   * that does not fit and is counted in `shapeMismatches`.
   */
  readAttemptColumns(quizId: number, shape: AttemptShape): AttemptColumns {
    checkShape(shape);
    const slots = shape.slots;
    const parts = shape.parts;
    const totalParts = parts.reduce((sum, n) => sum + n, 0);
    const fractionBytes = slots * 8;
    const classBytes = totalParts * 2;

    let capacity = INITIAL_CAPACITY;
    let user = new Int32Array(capacity);
    let attemptNumber = new Int32Array(capacity);
    let sumGrades = new Float64Array(capacity);
    let fractions = Array.from({ length: slots }, () => new Float64Array(capacity));
    let classes = parts.map((n) => Array.from({ length: n }, () => new Int16Array(capacity)));

    // Blobs are copied into one scratch buffer and read through typed views: one memcpy per blob instead of
    // a call per value. The views read host order, so a big-endian host takes the slower DataView path.
    const scratch = new ArrayBuffer(Math.max(fractionBytes, classBytes, 8));
    const bytes = new Uint8Array(scratch);
    const doubles = new Float64Array(scratch);
    const shorts = new Int16Array(scratch);
    const view = new DataView(scratch);
    let classColumns = classes.flat();

    const userIndex = new Map<string, number>();
    const userIds: string[] = [];
    let length = 0;
    let shapeMismatches = 0;

    for (const row of this.scan.iterate(quizId)) {
      if (length === capacity) {
        capacity *= 2;
        user = grown(user, capacity);
        attemptNumber = grown(attemptNumber, capacity);
        sumGrades = grown(sumGrades, capacity);
        fractions = fractions.map((column) => grown(column, capacity));
        classes = classes.map((slot) => slot.map((column) => grown(column, capacity)));
        classColumns = classes.flat();
      }
      const i = length++;
      const userId = row[0];
      let u = userIndex.get(userId);
      if (u === undefined) {
        u = userIds.length;
        userIndex.set(userId, u);
        userIds.push(userId);
      }
      user[i] = u;
      attemptNumber[i] = row[1];
      sumGrades[i] = row[2] ?? Number.NaN;

      const f = row[3];
      const c = row[4];
      const fractionsFit = f.length === fractionBytes;
      const classesFit = c.length === classBytes;
      if (!fractionsFit || !classesFit) shapeMismatches++;
      if (!fractionsFit) {
        for (let s = 0; s < slots; s++) fractions[s]![i] = Number.NaN;
      } else if (LITTLE_ENDIAN) {
        bytes.set(f);
        for (let s = 0; s < slots; s++) fractions[s]![i] = doubles[s]!;
      } else {
        bytes.set(f);
        for (let s = 0; s < slots; s++) fractions[s]![i] = view.getFloat64(s * 8, true);
      }
      if (!classesFit) {
        for (let k = 0; k < totalParts; k++) classColumns[k]![i] = -1;
      } else if (LITTLE_ENDIAN) {
        bytes.set(c);
        for (let k = 0; k < totalParts; k++) classColumns[k]![i] = shorts[k]!;
      } else {
        bytes.set(c);
        for (let k = 0; k < totalParts; k++) classColumns[k]![i] = view.getInt16(k * 2, true);
      }
    }

    return {
      length,
      userIds,
      user: user.slice(0, length),
      attemptNumber: attemptNumber.slice(0, length),
      sumGrades: sumGrades.slice(0, length),
      fractions: fractions.map((column) => column.slice(0, length)),
      classes: classes.map((slot) => slot.map((column) => column.slice(0, length))),
      shapeMismatches,
    };
  }

  /** Runs `fn` in one read transaction: everything it reads comes from the same committed state, and no writer waits. */
  snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** Where the quiz's statistics rows stand (see StatsState). */
  readState(quizId: number): StatsState {
    return this.state.get(quizId, quizId)!;
  }

  /**
   * The quiz's rows with attempt ids in (afterAttemptId, throughAttemptId], as columns laid out by `shape`, read
   * in chunks (statistics-rows.ts). A row whose fractions or classes blob does not have the shape's length gets NaN / -1 there
   * and is counted in `shapeMismatches`; the classes of `rawClassesFor` attempts are handed over instead, unless
   * their fractions do not fit either.
   */
  readAttemptRows(quizId: number, request: AttemptRowsRequest): AttemptRows {
    return this.rows.read(quizId, request);
  }

  /** The number of the quiz's rows with attempt ids in (afterAttemptId, throughAttemptId]. */
  countAttemptRows(quizId: number, afterAttemptId: number, throughAttemptId: number): number {
    return this.rows.countRows(quizId, afterAttemptId, throughAttemptId);
  }

  /**
   * readAttemptRows a chunk of a few hundred rows at a time, so that a caller can pause between chunks and
   * keep only compact copies. Each chunk's arrays are reused for the next one. Without `users`, the chunks'
   * users are 0: number them with attemptUserPages over the same range. `capacity` is not used.
   */
  attemptRowChunks(quizId: number, request: AttemptRowsRequest): Generator<AttemptRowChunk, void, void> {
    return this.rows.chunks(quizId, request);
  }

  /**
   * The users of the quiz's attempts in (afterAttemptId, throughAttemptId], numbered from 0 in user-id order,
   * a page of users at a time (the pages' arrays are reused).
   */
  attemptUserPages(quizId: number, afterAttemptId: number, throughAttemptId: number): Generator<UserPage, void, void> {
    return this.rows.userPages(quizId, afterAttemptId, throughAttemptId);
  }

  /** The attempts of the quiz, up to an attempt id, that answered a slot on the given question version, in id order. */
  attemptsOnVersion(quizId: number, slot: number, versionId: number, throughAttemptId: number): number[] {
    return this.onVersion.all(slot, quizId, throughAttemptId, versionId);
  }

  /** The id of the user's lowest-numbered attempt at the quiz, or null when there is none. */
  firstAttemptOf(quizId: number, userId: string): number | null {
    return this.firstAttempt.get(quizId, userId) ?? null;
  }

  /** True when an answer stored after `afterAnswerId` was graded on one of these question versions. */
  answeredOnVersionsSince(versionIds: readonly number[], afterAnswerId: number): boolean {
    return versionIds.some((id) => this.answeredSince.get(afterAnswerId, id) !== undefined);
  }
}
