// Moodle's "Analysis of responses" (last try): how many of the attempts used fell in each response class.
import type { ClassColumn, ResponseStatistics, StatsSlot } from './types.js';

/** Counts the classes of one part's column at `rows` into `counts`; throws on an index outside the part's classes. */
export function countClasses(slot: StatsSlot, partIndex: number, column: ClassColumn, rows: Int32Array, counts: Int32Array): void {
  const size = counts.length;
  for (let r = 0; r < rows.length; r++) {
    const c = column[rows[r]!]!;
    if (c >= 0 && c < size) counts[c]!++;
    else if (c !== -1) throw classOutOfRange(slot, partIndex, c, rows[r]!);
  }
}

export function classOutOfRange(slot: StatsSlot, partIndex: number, c: number, attempt: number): RangeError {
  return new RangeError(`slot ${slot.slot}, part ${partIndex}: response class ${c} of attempt ${attempt} is out of range`);
}

/** The rows of the analysis: every class of every part, zero counts included. */
export function responseRows(slot: StatsSlot, counts: Int32Array[], attempts: number): ResponseStatistics[] {
  const rows: ResponseStatistics[] = [];
  slot.parts.forEach((part, partIndex) => {
    part.classes.forEach((cls, classIndex) => {
      const count = counts[partIndex]![classIndex]!;
      rows.push({
        partIndex,
        part: part.label,
        classIndex,
        response: cls.label,
        partialCredit: cls.fraction === null ? null : cls.fraction * 100,
        count,
        frequency: attempts === 0 ? null : (count / attempts) * 100,
      });
    });
  });
  return rows;
}
