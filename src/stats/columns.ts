// Columns of numbers as the report reads them: plain doubles, or a code per attempt into a table of the
// column's distinct values. A question's fractions and the attempts' totals take a few dozen distinct values,
// so a byte per attempt holds them exactly where a double would take eight.
import type { CodedColumn, NumberColumn } from './types.js';

const NO_VALUES = new Float64Array(0);

/** A column taken apart for a hot loop: read `codes === null ? raw[i] : values[codes[i]]`. */
export interface UnpackedColumn {
  codes: Uint8Array | Uint16Array | null;
  values: Float64Array;
  raw: Float64Array;
}

function isCoded(column: NumberColumn): column is CodedColumn {
  return !(column instanceof Float64Array);
}

export function unpack(column: NumberColumn): UnpackedColumn {
  if (isCoded(column)) return { codes: column.codes, values: column.values, raw: NO_VALUES };
  return { codes: null, values: NO_VALUES, raw: column };
}

/** The number of entries a column holds (its codes for a coded one). */
export function columnLength(column: NumberColumn): number {
  return isCoded(column) ? column.codes.length : column.length;
}
