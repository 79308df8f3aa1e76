// The read path of the statistics report: one range scan of a quiz's compact attempt rows, in raw mode,
// copied straight into typed columns. No object is built per attempt.
import type { Database } from './db.js';
import { InvalidInputError } from './errors.js';
import type { AttemptColumns, AttemptRows, AttemptRowsRequest, AttemptShape, StatsState } from './types.js';

type StatsRow = [userId: string, attemptNumber: number, sumGrades: number | null, fractions: Buffer, classes: Buffer];

/** One row of a ranged read, without its blobs (they come per page) and, for a full read, without its user. */
type RangeRow = [attemptId: number, attemptNumber: number, sumGrades: number | null, fractionBytes: number, classBytes: number];
type RangeRowWithUser = [...RangeRow, userId: string];

/** Rows per page of a ranged read: large, because better-sqlite3's all() costs much less per row than iterate(). */
const PAGE_ROWS = 8192;
/** Rows per query of blobs: their hex strings stay small enough for the young generation, collected at once. */
const BLOB_ROWS = 256;
/** Users per query when numbering users. */
const USER_PAGE = 2048;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const SEMICOLON = 59;

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
  private readonly rangeWithUsers;
  private readonly rangeBlobs;
  private readonly userGroups;
  private readonly userGroupsAfter;
  private readonly rangeCount;
  private readonly state;
  private readonly onVersion;
  private readonly answeredSince;
  private readonly firstAttempt;

  constructor(private readonly db: Database) {
    const rangeColumns = 'attempt_id, attempt_number, sum_grades, length(fractions), length(classes)';
    const rangeWhere = 'quiz_id = ? AND attempt_id > ? AND attempt_id <= ? ORDER BY attempt_id LIMIT ?';
    this.range = db
      .prepare<[number, number, number, number], RangeRow>(`SELECT ${rangeColumns} FROM attempt_stats WHERE ${rangeWhere}`)
      .raw(true);
    this.rangeWithUsers = db
      .prepare<[number, number, number, number], RangeRowWithUser>(
        `SELECT ${rangeColumns}, user_id FROM attempt_stats WHERE ${rangeWhere}`,
      )
      .raw(true);
    // The attempt ids of each user as one string per page of users ("1,5;2;3,4"), walking the (quiz, user,
    // number) index: cheaper than a user id string per row and a map of them.
    const groups = (after: string) => `SELECT group_concat(ids, ';'), max(user_id) FROM (
        SELECT user_id, group_concat(id) AS ids FROM attempts WHERE quiz_id = ? AND id > ? AND id <= ? ${after}
        GROUP BY user_id ORDER BY user_id LIMIT ${USER_PAGE})`;
    this.userGroups = db.prepare<[number, number, number], [string | null, string | null]>(groups('')).raw(true);
    this.userGroupsAfter = db
      .prepare<[number, number, number, string], [string | null, string | null]>(groups('AND user_id > ?'))
      .raw(true);
    // Blobs of consecutive rows as one hex string, decoded into a reused buffer: a Buffer per row costs more to
    // make than its bytes, and its memory outlives the read until a garbage collection comes by.
    this.rangeBlobs = db
      .prepare<[number, number, number], string | null>(
        `SELECT group_concat(hex(fractions) || hex(classes), '' ORDER BY attempt_id)
         FROM attempt_stats WHERE quiz_id = ? AND attempt_id > ? AND attempt_id <= ?`,
      )
      .pluck(true);
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
   * in large pages. A row whose fractions or classes blob does not have the shape's length gets NaN / -1 there
   * and is counted in `shapeMismatches`; the classes of `rawClassesFor` attempts are handed over instead, unless
   * their fractions do not fit either.
   */
  readAttemptRows(quizId: number, request: AttemptRowsRequest): AttemptRows {
    const { shape, afterAttemptId, throughAttemptId, users } = request;
    const byUserId = users !== undefined;
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

    let length = 0;
    let shapeMismatches = 0;
    let after = afterAttemptId;
    let scratch = Buffer.alloc(0);
    let view = new DataView(scratch.buffer);
    for (;;) {
      const page: (RangeRow | RangeRowWithUser)[] = byUserId
        ? this.rangeWithUsers.all(quizId, after, throughAttemptId, PAGE_ROWS)
        : this.range.all(quizId, after, throughAttemptId, PAGE_ROWS);
      if (page.length === 0) break;
      const last = page[page.length - 1]![0];
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
      for (let start = 0; start < page.length; start += BLOB_ROWS) {
        const end = Math.min(page.length, start + BLOB_ROWS);
        const hex = this.rangeBlobs.get(quizId, start === 0 ? after : page[start - 1]![0], page[end - 1]![0]) ?? '';
        if (scratch.length < hex.length >> 1) {
          scratch = Buffer.alloc(hex.length);
          view = new DataView(scratch.buffer, scratch.byteOffset, scratch.byteLength);
        }
        const written = scratch.write(hex, 0, 'hex');
        let offset = 0;
        for (let r = start; r < end; r++) {
          const row = page[r]!;
          const i = length++;
          const id = row[0];
          attemptId[i] = id;
          if (byUserId) {
            const userId = (row as RangeRowWithUser)[5];
            let u = users.get(userId);
            if (u === undefined) {
              u = users.size;
              users.set(userId, u);
            }
            user[i] = u;
          }
          attemptNumber[i] = row[1];
          sumGrades[i] = row[2] ?? Number.NaN;

          const storedFractionBytes = row[3];
          const storedClassBytes = row[4];
          const wantsRaw = raw.has(id);
          const fractionsFit = storedFractionBytes === fractionBytes;
          const classesFit = wantsRaw || storedClassBytes === classBytes;
          if (!fractionsFit || !classesFit) shapeMismatches++;
          for (let s = 0; s < slots; s++) fractions[s]![i] = fractionsFit ? view.getFloat64(offset + s * 8, true) : Number.NaN;
          offset += storedFractionBytes;
          if (classesFit && !wantsRaw) {
            for (let k = 0; k < totalParts; k++) classColumns[k]![i] = view.getInt16(offset + k * 2, true);
          } else {
            for (let k = 0; k < totalParts; k++) classColumns[k]![i] = -1;
            if (wantsRaw && fractionsFit) {
              const whole = new Int16Array(storedClassBytes >> 1);
              for (let k = 0; k < whole.length; k++) whole[k] = view.getInt16(offset + k * 2, true);
              rawClasses.set(i, whole);
            }
          }
          offset += storedClassBytes;
        }
        if (offset !== written) throw new Error('attempt_stats changed during a ranged read; read it in a snapshot');
      }
      after = last;
      if (page.length < PAGE_ROWS) break;
    }
    const userCount = byUserId ? users.size : this.numberUsers(quizId, afterAttemptId, length, attemptId, user);
    return { length, attemptId, user, attemptNumber, sumGrades, fractions, classes, rawClasses, shapeMismatches, userCount };
  }

  /** The attempts of the quiz, up to an attempt id, that answered a slot on the given question version, in id order. */
  attemptsOnVersion(quizId: number, slot: number, versionId: number, throughAttemptId: number): number[] {
    return this.onVersion.all(versionId, slot, quizId, throughAttemptId);
  }

  /** The id of the user's lowest-numbered attempt at the quiz, or null when there is none. */
  firstAttemptOf(quizId: number, userId: string): number | null {
    return this.firstAttempt.get(quizId, userId) ?? null;
  }

  /** True when an answer stored after `afterAnswerId` was graded on one of these question versions. */
  answeredOnVersionsSince(versionIds: readonly number[], afterAnswerId: number): boolean {
    return versionIds.some((id) => this.answeredSince.get(id, afterAnswerId) !== undefined);
  }

  /** Numbers the users of rows [0, length) from 0 in user-id order; returns how many there are. */
  private numberUsers(quizId: number, afterAttemptId: number, length: number, attemptId: Float64Array, user: Int32Array): number {
    if (length === 0) return 0;
    const through = attemptId[length - 1]!;
    let u = 0;
    let lastUser: string | null = null;
    for (;;) {
      const [groups, pageLastUser]: [string | null, string | null] =
        lastUser === null
          ? this.userGroups.get(quizId, afterAttemptId, through)!
          : this.userGroupsAfter.get(quizId, afterAttemptId, through, lastUser)!;
      if (groups === null || pageLastUser === null) return u;
      let id = 0;
      for (let i = 0; i <= groups.length; i++) {
        const c = i < groups.length ? groups.charCodeAt(i) : SEMICOLON;
        if (c >= DIGIT_0 && c <= DIGIT_9) {
          id = id * 10 + (c - DIGIT_0);
          continue;
        }
        const row = rowOf(attemptId, length, id);
        if (row >= 0) user[row] = u;
        id = 0;
        if (c === SEMICOLON) u++;
      }
      lastUser = pageLastUser;
    }
  }
}

/** The row of an attempt id among rows [0, length) in ascending id order, or -1. */
function rowOf(attemptId: Float64Array, length: number, id: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = attemptId[mid]!;
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
