// The scratch arrays of a computation (selected rows, users' best attempts, totals, one slot's marks), kept by
// the caller from one computation to the next. A report over a million attempts needs tens of megabytes of
// them: made afresh each time, the previous ones would linger until the collector runs and add to the peak.

/** Room added when an array grows, so that a few more attempts next time do not replace it. */
const SLACK = 1 / 16;

export class StatisticsWorkspace {
  private readonly doubles: Float64Array[] = [];
  private readonly ints: Int32Array[] = [];
  /** The memory of the users' bests while attempts are chosen, and of the totals and marks afterwards. */
  private shared = new ArrayBuffer(0);

  /**
   * The users' best attempts while attempts are chosen (3 integers and a double per user), in memory that
   * the totals and marks take over once they are chosen (see totalsAndMarks): the two are never needed at once.
   * Sizes that memory for `users` and every one of `attempts` attempts.
   */
  userBests(users: number, attempts: number): { bests: Int32Array; bestGrade: Float64Array } {
    const gradesAt = align8(12 * users);
    const shared = this.sharedBytes(Math.max(gradesAt + 8 * users, 16 * attempts));
    return { bests: new Int32Array(shared, 0, 3 * users), bestGrade: new Float64Array(shared, gradesAt, users) };
  }

  /** Each used attempt's total and one slot's marks, n of each, in the memory of userBests (which they overwrite). */
  totalsAndMarks(n: number): { totals: Float64Array; marks: Float64Array } {
    const shared = this.sharedBytes(16 * n);
    return { totals: new Float64Array(shared, 0, n), marks: new Float64Array(shared, 8 * n, n) };
  }

  private sharedBytes(bytes: number): ArrayBuffer {
    if (this.shared.byteLength < bytes) this.shared = new ArrayBuffer(align8(roomFor(bytes)));
    return this.shared;
  }

  /**
   * Scratch doubles number `index`, n of them (contents left from earlier use), in an array with room for at
   * least `room`: sized for every attempt, it serves each selection of them without being replaced.
   */
  float64(index: number, n: number, room = n): Float64Array {
    let array = this.doubles[index];
    if (array === undefined || array.length < Math.max(n, room)) {
      this.doubles[index] = array = new Float64Array(roomFor(Math.max(n, room)));
    }
    return array.subarray(0, n);
  }

  /** Scratch 32-bit integers number `index`, n of them (contents left from earlier use). */
  int32(index: number, n: number): Int32Array {
    let array = this.ints[index];
    if (array === undefined || array.length < n) this.ints[index] = array = new Int32Array(roomFor(n));
    return array.subarray(0, n);
  }

  /** Bytes held. */
  get bytes(): number {
    let bytes = this.shared.byteLength;
    for (const a of this.doubles) bytes += a?.byteLength ?? 0;
    for (const a of this.ints) bytes += a?.byteLength ?? 0;
    return bytes;
  }
}

function roomFor(n: number): number {
  return n + Math.ceil(n * SLACK);
}

function align8(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}

/** The scratch arrays by use (a number each, so that no two users share one). */
export const DOUBLES = { rest: 0, sorted: 1 } as const;
export const INTS = { rows: 0 } as const;
