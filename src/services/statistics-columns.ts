// A quiz's attempts kept in memory as growable columns: a full read is adopted as it is, and later
// attempts are appended, so that a report only reads the rows stored since the previous one.
import type { AttemptColumns } from '../stats/index.js';
import type { AttemptRows } from '../storage/index.js';

/** Room added on top of a full read, so that the next attempts append without copying the columns. */
const SLACK = 1 / 32;
const MIN_ROOM = 1024;

function withCapacity<T extends Float64Array | Int32Array | Int16Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

/** The room a full read of `rows` attempts should leave. */
export function capacityFor(rows: number): number {
  return rows + Math.max(MIN_ROOM, Math.ceil(rows * SLACK));
}

export class AttemptColumnStore implements AttemptColumns {
  length: number;
  attemptId: Float64Array;
  user: Int32Array;
  attemptNumber: Int32Array;
  sumGrades: Float64Array;
  fractions: Float64Array[];
  classes: Int16Array[][];

  /** Takes over the columns of a full read. */
  constructor(rows: AttemptRows) {
    this.length = rows.length;
    this.attemptId = rows.attemptId;
    this.user = rows.user;
    this.attemptNumber = rows.attemptNumber;
    this.sumGrades = rows.sumGrades;
    this.fractions = rows.fractions;
    this.classes = rows.classes;
  }

  get capacity(): number {
    return this.user.length;
  }

  /** The row holding an attempt id, or -1 (ids are ascending: a binary search). */
  rowOf(attemptId: number): number {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = this.attemptId[mid]!;
      if (id === attemptId) return mid;
      if (id < attemptId) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The highest attempt id held; 0 when none. */
  get lastAttemptId(): number {
    return this.length === 0 ? 0 : this.attemptId[this.length - 1]!;
  }

  /** Bytes held by the columns, for the cache's budget. */
  get bytes(): number {
    const parts = this.classes.reduce((n, slot) => n + slot.length, 0);
    return this.capacity * (8 + 4 + 4 + 8 + 8 * this.fractions.length + 2 * parts);
  }

  /** Appends the rows of a later read (same shape), growing by half when the room runs out. */
  append(rows: AttemptRows): void {
    const n = rows.length;
    if (n === 0) return;
    const start = this.length;
    const needed = start + n;
    if (needed > this.capacity) {
      const capacity = Math.max(needed, Math.ceil(this.capacity * 1.5));
      this.attemptId = withCapacity(this.attemptId, capacity);
      this.user = withCapacity(this.user, capacity);
      this.attemptNumber = withCapacity(this.attemptNumber, capacity);
      this.sumGrades = withCapacity(this.sumGrades, capacity);
      this.fractions = this.fractions.map((column) => withCapacity(column, capacity));
      this.classes = this.classes.map((slot) => slot.map((column) => withCapacity(column, capacity)));
    }
    this.attemptId.set(rows.attemptId.subarray(0, n), start);
    this.user.set(rows.user.subarray(0, n), start);
    this.attemptNumber.set(rows.attemptNumber.subarray(0, n), start);
    this.sumGrades.set(rows.sumGrades.subarray(0, n), start);
    this.fractions.forEach((column, s) => column.set(rows.fractions[s]!.subarray(0, n), start));
    this.classes.forEach((slot, s) => slot.forEach((column, k) => column.set(rows.classes[s]![k]!.subarray(0, n), start)));
    this.length = needed;
  }
}
