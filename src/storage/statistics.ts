// The read path of the statistics report: one range scan of a quiz's compact attempt rows, in raw mode,
// copied straight into typed columns. No object is built per attempt.
import type { Database } from './db.js';
import { InvalidInputError } from './errors.js';
import type { AttemptColumns, AttemptShape } from './types.js';

type StatsRow = [userId: string, attemptNumber: number, sumGrades: number | null, fractions: Buffer, classes: Buffer];

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

  constructor(db: Database) {
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
}
