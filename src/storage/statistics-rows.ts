// Ranged reads of a quiz's statistics rows into typed columns, built for a million rows: better-sqlite3 costs
// about a microsecond per row and per value it hands over, and a Buffer per blob costs more than its bytes. So
// SQLite packs each chunk of rows into one hex string (ids, numbers, lengths and both blobs), decoded into a
// reused buffer; only the totals come one value per row, since a REAL has no exact text form in SQL. Users are
// numbered from the (quiz, user, number) index, a page of users per query, without a string per row.
import type { Database } from './db.js';
import { InvalidInputError } from './errors.js';
import type { AttemptRowChunk, AttemptRowsRequest, AttemptShape, UserPage } from './types.js';

/** Rows per chunk: the hex string of a chunk (about 256 characters a row) stays below V8's large-object size. */
const CHUNK_ROWS = 400;
/** Users per query when numbering users. */
const USER_PAGE = 2048;
/** Each row starts with attempt id (8 bytes), attempt number (4) and the two blob lengths (2 + 2), big-endian. */
const ROW_HEADER = 16;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const COMMA = 44;
const SEMICOLON = 59;

type Chunk = [hex: string | null, rows: number, lastAttemptId: number | null];

/** A copy of `array` with room for `capacity` entries. */
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

/** A read that overlapped a write: callers read inside StatisticsReader.snapshot. */
function changedDuringRead(): Error {
  return new Error('attempt_stats changed during a ranged read; read it inside a snapshot');
}

export class AttemptRowReader {
  private readonly chunk;
  private readonly sums;
  private readonly userIds;
  private readonly count;
  private readonly userGroups;
  private readonly userGroupsAfter;

  constructor(db: Database) {
    const range = 'quiz_id = ? AND attempt_id > ? AND attempt_id <= ?';
    // The subquery's ORDER BY with LIMIT fixes the order the aggregate sees; the ids in the string check it.
    this.chunk = db
      .prepare<[number, number, number, number], Chunk>(
        `SELECT group_concat(printf('%016X%08X%04X%04X', attempt_id, attempt_number, length(fractions), length(classes))
                  || hex(fractions) || hex(classes), ''), count(*), max(attempt_id)
         FROM (SELECT * FROM attempt_stats WHERE ${range} ORDER BY attempt_id LIMIT ?)`,
      )
      .raw(true);
    this.sums = db
      .prepare<[number, number, number], number | null>(`SELECT sum_grades FROM attempt_stats WHERE ${range} ORDER BY attempt_id`)
      .pluck(true);
    this.userIds = db
      .prepare<[number, number, number], string>(`SELECT user_id FROM attempt_stats WHERE ${range} ORDER BY attempt_id`)
      .pluck(true);
    // Every attempt has its statistics row: the small attempts index counts them faster than the wide rows.
    this.count = db
      .prepare<[number, number, number], number>('SELECT count(*) FROM attempts WHERE quiz_id = ? AND id > ? AND id <= ?')
      .pluck(true);
    // The attempt ids of each user ("1,5;2;3,4") for a page of users, walking the (quiz, user, number) index. The
    // first page asks for user_id >= '' so that the planner takes that index rather than sorting every attempt.
    const groups = (op: '>=' | '>') => `SELECT group_concat(ids, ';'), max(user_id) FROM (
        SELECT user_id, group_concat(id) AS ids FROM attempts WHERE quiz_id = ? AND user_id ${op} ? AND id > ? AND id <= ?
        GROUP BY user_id ORDER BY user_id LIMIT ${USER_PAGE})`;
    this.userGroups = db.prepare<[number, string, number, number], [string | null, string | null]>(groups('>=')).raw(true);
    this.userGroupsAfter = db.prepare<[number, string, number, number], [string | null, string | null]>(groups('>')).raw(true);
  }

  /** The number of the quiz's rows with attempt ids in (afterAttemptId, throughAttemptId]. */
  countRows(quizId: number, afterAttemptId: number, throughAttemptId: number): number {
    return this.count.get(quizId, afterAttemptId, throughAttemptId)!;
  }

  /**
   * The rows of the range a chunk at a time, in attempt id order (see StatisticsReader.attemptRowChunks). The
   * chunk's arrays are reused: each chunk is only valid until the next one is asked for.
   */
  *chunks(quizId: number, request: AttemptRowsRequest): Generator<AttemptRowChunk, void, void> {
    const { shape, afterAttemptId, throughAttemptId, users } = request;
    checkShape(shape);
    const raw = request.rawClassesFor ?? new Set<number>();
    const slots = shape.slots;
    const totalParts = shape.parts.reduce((sum, n) => sum + n, 0);
    const fractionBytes = slots * 8;
    const classBytes = totalParts * 2;

    const chunk: AttemptRowChunk = {
      length: 0,
      attemptId: new Float64Array(CHUNK_ROWS),
      user: new Int32Array(CHUNK_ROWS),
      attemptNumber: new Int32Array(CHUNK_ROWS),
      sumGrades: new Float64Array(CHUNK_ROWS),
      fractions: Array.from({ length: slots }, () => new Float64Array(CHUNK_ROWS)),
      classes: shape.parts.map((n) => Array.from({ length: n }, () => new Int16Array(CHUNK_ROWS))),
      rawClasses: new Map(),
      shapeMismatches: 0,
    };
    const { attemptId, user, attemptNumber, sumGrades, fractions } = chunk;
    const classColumns = chunk.classes.flat();

    let scratch = Buffer.alloc(0);
    let view = new DataView(scratch.buffer);
    let after = afterAttemptId;
    for (;;) {
      const [hex, rows, last] = this.chunk.get(quizId, after, throughAttemptId, CHUNK_ROWS)!;
      if (rows === 0 || hex === null || last === null) return;
      const sums = this.sums.all(quizId, after, last);
      const userIds = users === undefined ? null : this.userIds.all(quizId, after, last);
      if (sums.length !== rows || rows > CHUNK_ROWS) throw changedDuringRead();
      if (scratch.length < hex.length >> 1) {
        scratch = Buffer.alloc(hex.length);
        view = new DataView(scratch.buffer, scratch.byteOffset, scratch.byteLength);
      }
      const written = scratch.write(hex, 0, 'hex');
      chunk.rawClasses = new Map();
      let shapeMismatches = 0;
      let offset = 0;
      let previous = after;
      for (let i = 0; i < rows; i++) {
        const id = view.getUint32(offset) * 2 ** 32 + view.getUint32(offset + 4);
        if (id <= previous) throw changedDuringRead();
        previous = id;
        attemptId[i] = id;
        attemptNumber[i] = view.getUint32(offset + 8);
        const storedFractionBytes = view.getUint16(offset + 12);
        const storedClassBytes = view.getUint16(offset + 14);
        offset += ROW_HEADER;
        sumGrades[i] = sums[i] ?? Number.NaN;
        if (userIds !== null) {
          const userId = userIds[i]!;
          let u = users!.get(userId);
          if (u === undefined) {
            u = users!.size;
            users!.set(userId, u);
          }
          user[i] = u;
        } else {
          user[i] = 0;
        }

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
            chunk.rawClasses.set(i, whole);
          }
        }
        offset += storedClassBytes;
      }
      if (offset !== written || previous !== last) throw changedDuringRead();
      chunk.length = rows;
      chunk.shapeMismatches = shapeMismatches;
      yield chunk;
      after = last;
      if (rows < CHUNK_ROWS) return;
    }
  }

  /**
   * The users of the range's attempts, numbered from 0 in user-id order, a page of users at a time: each page
   * lists the attempt ids of its users with each one's number (valid until the next page is asked for).
   */
  *userPages(quizId: number, afterAttemptId: number, throughAttemptId: number): Generator<UserPage, void, void> {
    const page: UserPage = { length: 0, attemptId: new Float64Array(USER_PAGE), user: new Int32Array(USER_PAGE), userCount: 0 };
    let u = 0;
    let lastUser: string | null = null;
    for (;;) {
      const [groups, pageLastUser]: [string | null, string | null] =
        lastUser === null
          ? this.userGroups.get(quizId, '', afterAttemptId, throughAttemptId)!
          : this.userGroupsAfter.get(quizId, lastUser, afterAttemptId, throughAttemptId)!;
      if (groups === null || pageLastUser === null) return;
      page.length = 0;
      let id = 0;
      for (let i = 0; i <= groups.length; i++) {
        const c = i < groups.length ? groups.charCodeAt(i) : SEMICOLON;
        if (c >= DIGIT_0 && c <= DIGIT_9) {
          id = id * 10 + (c - DIGIT_0);
          continue;
        }
        if (c !== COMMA && c !== SEMICOLON) throw new Error(`unexpected ${String.fromCharCode(c)} in the user groups`);
        if (page.length === page.attemptId.length) {
          page.attemptId = grown(page.attemptId, 2 * page.length);
          page.user = grown(page.user, 2 * page.length);
        }
        page.attemptId[page.length] = id;
        page.user[page.length++] = u;
        id = 0;
        if (c === SEMICOLON) u++;
      }
      page.userCount = u;
      yield page;
      lastUser = pageLastUser;
    }
  }
}
