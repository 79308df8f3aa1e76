// The read path of the statistics report: one range scan of a quiz's compact attempt rows, in raw mode,
// copied straight into typed columns. No object is built per attempt.
import type { Database } from './db.js';
import { InvalidInputError } from './errors.js';
import type { AttemptColumns, AttemptRows, AttemptRowsRequest, AttemptShape, StatsState } from './types.js';

type StatsRow = [userId: string, attemptNumber: number, sumGrades: number | null, fractions: Buffer, classes: Buffer];

/** One row of a ranged read: both blobs as one (a Buffer per row costs more than the bytes), split at the fractions. length. */
type RangeRow = [
  attemptId: number,
  userId: string,
  attemptNumber: number,
  sumGrades: number | null,
  blobs: Buffer,
  fractionBytes: number,
];

/** Rows per query of a ranged read: large pages, because better-sqlite3's all() is much cheaper per row than iterate(). */
const PAGE_ROWS = 8192;

const INITIAL_CAPACITY = 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function grown<T extends Float64Array | Int32Array | Int16Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

function checkShape(shape: AttemptShape): void {
  const counts = [shape.slots, ...shape.parts];
  if (shape.parts.length !== shape.slots || counts.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new InvalidInputError('the attempt shape needs one non-negative part count per slot');
  }
}

export class StatisticsReader {
  private readonly scan;
  private readonly range;
  private readonly rangeCount;
  private readonly state;
  private readonly onVersion;
  private readonly answeredSince;

  constructor(private readonly db: Database) {
    this.range = db
      .prepare<[number, number, number, number], RangeRow>(
        `SELECT attempt_id, user_id, attempt_number, sum_grades, CAST(fractions || classes AS BLOB), length(fractions)
         FROM attempt_stats WHERE quiz_id = ? AND attempt_id > ? AND attempt_id <= ? ORDER BY attempt_id LIMIT ?`,
      )
      .raw(true);
    // Every attempt has its statistics row: the small attempts index counts them faster than the wide rows.
    this.rangeCount = db.prepare<[number, number, number], { n: number }>(
      'SELECT count(*) AS n FROM attempts WHERE quiz_id = ? AND id > ? AND id <= ?',
    );
    this.state = db.prepare<[number, number], StatsState>(
      `SELECT (SELECT coalesce(max(attempt_id), 0) FROM attempt_stats WHERE quiz_id = ?) AS lastAttemptId,
         coalesce((SELECT changes FROM attempt_stats_changes WHERE quiz_id = ?), 0) AS changes,
         (SELECT coalesce(max(id), 0) FROM attempt_questions) AS lastAnswerId`,
    );
    this.onVersion = db
      .prepare<[number, number, number, number], number>(
        `SELECT aq.attempt_id FROM attempt_questions aq JOIN attempts a ON a.id = aq.attempt_id
         WHERE aq.question_version_id = ? AND aq.slot = ? AND a.quiz_id = ? AND aq.attempt_id <= ?
         ORDER BY aq.attempt_id`,
      )
      .pluck(true);
    this.answeredSince = db
      .prepare<[number, number], number>('SELECT 1 FROM attempt_questions WHERE question_version_id = ? AND id > ? LIMIT 1')
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
   * in large pages. A row whose fractions or classes blob does not have the shape's length gets NaN / -1 there
   * and is counted in `shapeMismatches`; the classes of `rawClassesFor` attempts are handed over instead, unless
   * their fractions do not fit either.
   */
  readAttemptRows(quizId: number, request: AttemptRowsRequest): AttemptRows {
    const { shape, afterAttemptId, throughAttemptId, users } = request;
    checkShape(shape);
    const raw = request.rawClassesFor ?? new Set<number>();
    const slots = shape.slots;
    const totalParts = shape.parts.reduce((sum, n) => sum + n, 0);
    const fractionBytes = slots * 8;
    const classBytes = totalParts * 2;

    const expected = this.rangeCount.get(quizId, afterAttemptId, throughAttemptId)!.n;
    let capacity = Math.max(expected, request.capacity?.(expected) ?? 0, 1);
    let attemptId = new Float64Array(capacity);
    let user = new Int32Array(capacity);
    let attemptNumber = new Int32Array(capacity);
    let sumGrades = new Float64Array(capacity);
    let fractions = Array.from({ length: slots }, () => new Float64Array(capacity));
    let classes = shape.parts.map((n) => Array.from({ length: n }, () => new Int16Array(capacity)));
    let classColumns = classes.flat();
    const rawClasses = new Map<number, Int16Array>();

    const scratch = new ArrayBuffer(Math.max(8, Math.ceil((fractionBytes + classBytes) / 8) * 8));
    const bytes = new Uint8Array(scratch);
    const doubles = new Float64Array(scratch);
    const shorts = new Int16Array(scratch);
    const view = new DataView(scratch);

    let length = 0;
    let shapeMismatches = 0;
    let after = afterAttemptId;
    for (;;) {
      const page = this.range.all(quizId, after, throughAttemptId, PAGE_ROWS);
      if (page.length === 0) break;
      if (length + page.length > capacity) {
        capacity = Math.max(length + page.length, Math.ceil(capacity * 1.5));
        attemptId = grown(attemptId, capacity);
        user = grown(user, capacity);
        attemptNumber = grown(attemptNumber, capacity);
        sumGrades = grown(sumGrades, capacity);
        fractions = fractions.map((column) => grown(column, capacity));
        classes = classes.map((slot) => slot.map((column) => grown(column, capacity)));
        classColumns = classes.flat();
      }
      for (const row of page) {
        const i = length++;
        const id = row[0];
        attemptId[i] = id;
        let u = users.get(row[1]);
        if (u === undefined) {
          u = users.size;
          users.set(row[1], u);
        }
        user[i] = u;
        attemptNumber[i] = row[2];
        sumGrades[i] = row[3] ?? Number.NaN;

        const blob = row[4];
        const storedFractionBytes = row[5];
        const storedClassBytes = blob.length - storedFractionBytes;
        const wantsRaw = raw.has(id);
        const fractionsFit = storedFractionBytes === fractionBytes;
        const classesFit = wantsRaw || storedClassBytes === classBytes;
        if (!fractionsFit || !classesFit) shapeMismatches++;

        if (fractionsFit && classesFit && !wantsRaw) {
          // The common case: one copy of the whole blob, then typed reads (host order; DataView on big-endian).
          bytes.set(blob);
          if (LITTLE_ENDIAN) {
            for (let s = 0; s < slots; s++) fractions[s]![i] = doubles[s]!;
            const first = fractionBytes >> 1;
            for (let k = 0; k < totalParts; k++) classColumns[k]![i] = shorts[first + k]!;
          } else {
            for (let s = 0; s < slots; s++) fractions[s]![i] = view.getFloat64(s * 8, true);
            for (let k = 0; k < totalParts; k++) classColumns[k]![i] = view.getInt16(fractionBytes + k * 2, true);
          }
          continue;
        }
        for (let s = 0; s < slots; s++) fractions[s]![i] = fractionsFit ? blob.readDoubleLE(s * 8) : Number.NaN;
        for (let k = 0; k < totalParts; k++) classColumns[k]![i] = -1;
        if (wantsRaw && fractionsFit) {
          const whole = new Int16Array(storedClassBytes >> 1);
          for (let k = 0; k < whole.length; k++) whole[k] = blob.readInt16LE(storedFractionBytes + k * 2);
          rawClasses.set(i, whole);
        }
      }
      after = page[page.length - 1]![0];
      if (page.length < PAGE_ROWS) break;
    }
    return { length, attemptId, user, attemptNumber, sumGrades, fractions, classes, rawClasses, shapeMismatches };
  }

  /** The attempts of the quiz, up to an attempt id, that answered a slot on the given question version, in id order. */
  attemptsOnVersion(quizId: number, slot: number, versionId: number, throughAttemptId: number): number[] {
    return this.onVersion.all(versionId, slot, quizId, throughAttemptId);
  }

  /** True when an answer stored after `afterAnswerId` was graded on one of these question versions. */
  answeredOnVersionsSince(versionIds: readonly number[], afterAnswerId: number): boolean {
    return versionIds.some((id) => this.answeredSince.get(id, afterAnswerId) !== undefined);
  }
}
