// A ranged read of a quiz's statistics rows as whole columns, for tests: the chunks of attemptRowChunks copied
// end to end (each chunk's arrays are reused by the next), with users numbered by attemptUserPages as the report does.
import type { AttemptRowChunk, AttemptRowsRequest, AttemptShape, StatisticsReader } from '../../src/storage/index.js';

export interface JoinedRows extends AttemptRowChunk {
  /** Without a `users` map: the number of users the pages numbered; with one: its size. */
  userCount: number;
  /** With a `users` map: the user id of each number; null without one. */
  userIds: string[] | null;
  /** The length of each chunk, in order. */
  chunks: number[];
}

type Column = Float64Array | Int32Array | Int16Array;

function joined<T extends Column>(a: T, b: T, n: number): T {
  const out = new (a.constructor as new (length: number) => T)(a.length + n);
  out.set(a);
  out.set(b.subarray(0, n), a.length);
  return out;
}

/** The rows of the request's range; the arrays are exactly `length` long. */
export function readRows(statistics: StatisticsReader, quizId: number, request: AttemptRowsRequest): JoinedRows {
  return statistics.snapshot(() => {
    const rows: JoinedRows = {
      length: 0,
      attemptId: new Float64Array(0),
      user: new Int32Array(0),
      attemptNumber: new Int32Array(0),
      sumGrades: new Float64Array(0),
      fractions: Array.from({ length: request.shape.slots }, () => new Float64Array(0)),
      classes: request.shape.parts.map((n) => Array.from({ length: n }, () => new Int16Array(0))),
      rawClasses: new Map(),
      shapeMismatches: 0,
      userCount: 0,
      userIds: null,
      chunks: [],
    };
    for (const chunk of statistics.attemptRowChunks(quizId, request)) {
      const n = chunk.length;
      for (const [row, whole] of chunk.rawClasses) rows.rawClasses.set(rows.length + row, whole.slice());
      rows.attemptId = joined(rows.attemptId, chunk.attemptId, n);
      rows.user = joined(rows.user, chunk.user, n);
      rows.attemptNumber = joined(rows.attemptNumber, chunk.attemptNumber, n);
      rows.sumGrades = joined(rows.sumGrades, chunk.sumGrades, n);
      rows.fractions = rows.fractions.map((column, s) => joined(column, chunk.fractions[s]!, n));
      rows.classes = rows.classes.map((slot, s) => slot.map((column, k) => joined(column, chunk.classes[s]![k]!, n)));
      rows.shapeMismatches += chunk.shapeMismatches;
      rows.length += n;
      rows.chunks.push(n);
    }
    const { users } = request;
    if (users !== undefined) {
      rows.userCount = users.size;
      rows.userIds = [];
      for (const [id, u] of users) rows.userIds[u] = id;
      return rows;
    }
    // The pages must number every row of the range and nothing else.
    const rowOf = new Map(Array.from(rows.attemptId, (id, row) => [id, row]));
    let numbered = 0;
    for (const page of statistics.attemptUserPages(quizId, request.afterAttemptId, request.throughAttemptId)) {
      for (let i = 0; i < page.length; i++) {
        const row = rowOf.get(page.attemptId[i]!);
        if (row === undefined) throw new Error(`the user pages list attempt ${page.attemptId[i]}, which the chunks did not`);
        rows.user[row] = page.user[i]!;
        numbered++;
      }
      rows.userCount = page.userCount;
    }
    if (numbered !== rows.length) throw new Error(`the user pages numbered ${numbered} of ${rows.length} rows`);
    return rows;
  });
}

/**
 * Every row of the quiz, in attempt id order. Users are numbered in the order they first come (ids in
 * `userIds`); `rawClassesFor` and a range can be had from readRows.
 */
export function readAllRows(statistics: StatisticsReader, quizId: number, shape: AttemptShape): JoinedRows & { userIds: string[] } {
  const throughAttemptId = statistics.readState(quizId).lastAttemptId;
  const rows = readRows(statistics, quizId, { shape, afterAttemptId: 0, throughAttemptId, users: new Map() });
  return { ...rows, userIds: rows.userIds! };
}
