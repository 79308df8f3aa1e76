// A quiz's attempts kept in memory as compact growable columns, filled a chunk of rows at a time: a full read
// and later attempts alike are appended, so that a report only reads the rows stored since the previous one.
//
// Per attempt of the RNN quiz (7 graded questions, 16 response parts) they take 36 bytes, where plain doubles
// and 16-bit classes took 112: a question's fractions and the totals take a few dozen distinct values each, so
// they are kept as a byte (or two) per attempt coding into a table of those values, exactly; response classes
// take a byte where every class of a part fits one; attempt ids take 4 bytes while they fit.
import type { AttemptColumns, ClassColumn, NumberColumn } from '../stats/index.js';
import type { AttemptRowChunk } from '../storage/index.js';

/** Room added on top of a full read, so that the next attempts append without copying the columns. */
const SLACK = 1 / 32;
const MIN_ROOM = 1024;
/** A part whose classes (and -1, none) all fit in a signed byte is kept in one. */
const INT8_CLASSES = 127;
const UINT32_MAX = 0xffffffff;

/** The room a full read of `rows` attempts should leave. */
function capacityFor(rows: number): number {
  return rows + Math.max(MIN_ROOM, Math.ceil(rows * SLACK));
}

type Growable = Float64Array | Uint32Array | Int32Array | Int16Array | Int8Array | Uint16Array | Uint8Array;

function withCapacity<T extends Growable>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}

// The bits of a double, for hashing and comparing it exactly (-0 and 0, NaN and NaN, are told apart by them).
const BITS_DOUBLE = new Float64Array(1);
const BITS = new Int32Array(BITS_DOUBLE.buffer);

/** The home slot of a double's bits in a table of 2^(32 − shift) slots. */
function homeSlot(low: number, high: number, shift: number): number {
  const h = Math.imul(low, 0x9e3779b1) ^ high;
  return Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> shift;
}

/**
 * A growable column of doubles coded against the table of its distinct values: a byte per entry up to 256
 * values, two up to 65,536, and plain doubles beyond (a question marked by hand with every value there is).
 */
export class CodedColumnBuilder {
  private codes: Uint8Array | Uint16Array | null;
  private raw: Float64Array | null = null;
  private values = new Float64Array(16);
  private size = 0;
  /** Open addressing from a value's bits to its code: both halves of the key, and code + 1 (0 = empty). */
  private keyLow = new Int32Array(64);
  private keyHigh = new Int32Array(64);
  private slotCode = new Int32Array(64);
  /** 32 − log2 of the table's length: a hash's top bits pick the home slot. */
  private shift = 32 - 6;

  /** Empty, with room for `capacity` entries; in the byte array of `reuse` when it has room for `rows`. */
  constructor(capacity: number, reuse?: CodedColumnBuilder, rows = capacity) {
    const codes = reuse?.codes;
    this.codes = codes instanceof Uint8Array && codes.length >= rows && codes.length <= 2 * capacity ? codes : new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.codes?.length ?? this.raw!.length;
  }

  /** The column as src/stats reads it (valid until the next change). */
  column(): NumberColumn {
    return this.codes === null ? this.raw! : { codes: this.codes, values: this.values.subarray(0, this.size) };
  }

  get bytes(): number {
    if (this.codes === null) return this.raw!.byteLength;
    return this.codes.byteLength + this.values.byteLength + 3 * this.slotCode.byteLength;
  }

  grow(capacity: number): void {
    if (this.codes !== null) this.codes = withCapacity(this.codes, capacity);
    else this.raw = withCapacity(this.raw!, capacity);
  }

  /** Sets entries [start, start + n) to values[0, n). */
  setRange(start: number, values: Float64Array, n: number): void {
    let i = 0;
    if (this.codes !== null) {
      for (; i < n; i++) {
        // -1: the column has just turned to plain doubles, up to entry start + i.
        const code = this.codeOf(values[i]!, start + i);
        if (code < 0) break;
        this.codes![start + i] = code;
      }
    }
    if (this.codes === null) this.raw!.set(values.subarray(i, n), start + i);
  }

  /** The code of v, added to the table when new; past the last code, the column turns to plain doubles. */
  private codeOf(v: number, filled: number): number {
    BITS_DOUBLE[0] = v;
    const low = BITS[0]!;
    const high = BITS[1]!;
    const mask = this.slotCode.length - 1;
    for (let slot = homeSlot(low, high, this.shift); ; slot = (slot + 1) & mask) {
      const code = this.slotCode[slot]!;
      if (code === 0) break;
      if (this.keyLow[slot] === low && this.keyHigh[slot] === high) return code - 1;
    }
    const code = this.size;
    if (code === 0x10000) {
      this.toPlain(filled);
      return -1;
    }
    let slot = homeSlot(low, high, this.shift);
    while (this.slotCode[slot] !== 0) slot = (slot + 1) & mask;
    if (code === 0x100) this.codes = Uint16Array.from(this.codes!);
    if (code === this.values.length) this.values = withCapacity(this.values, 2 * code);
    this.values[code] = v;
    this.size++;
    this.keyLow[slot] = low;
    this.keyHigh[slot] = high;
    this.slotCode[slot] = code + 1;
    if (2 * this.size > this.slotCode.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const length = 2 * this.slotCode.length;
    this.shift--;
    this.keyLow = new Int32Array(length);
    this.keyHigh = new Int32Array(length);
    this.slotCode = new Int32Array(length);
    const mask = length - 1;
    for (let code = 0; code < this.size; code++) {
      BITS_DOUBLE[0] = this.values[code]!;
      const low = BITS[0]!;
      const high = BITS[1]!;
      let slot = homeSlot(low, high, this.shift);
      while (this.slotCode[slot] !== 0) slot = (slot + 1) & mask;
      this.keyLow[slot] = low;
      this.keyHigh[slot] = high;
      this.slotCode[slot] = code + 1;
    }
  }

  /** Decodes entries [0, filled) into plain doubles and drops the table. */
  private toPlain(filled: number): void {
    const codes = this.codes!;
    const raw = new Float64Array(codes.length);
    for (let i = 0; i < filled; i++) raw[i] = this.values[codes[i]!]!;
    this.raw = raw;
    this.codes = null;
    this.values = new Float64Array(0);
    this.size = 0;
    this.keyLow = this.keyHigh = this.slotCode = new Int32Array(0);
  }
}

type ArrayType<T> = { new (length: number): T; prototype: T };

/** The arrays of columns about to be dropped, handed out again where one of the right kind is large enough. */
class Spares {
  private readonly arrays: Growable[] = [];

  constructor(columns?: AttemptColumnStore) {
    if (columns === undefined) return;
    this.arrays.push(columns.attemptId, columns.user, columns.attemptNumber, ...columns.classes.flat());
  }

  /** An array of the type with room for `rows` (a spare one if it is not over twice `capacity`), else a new one of `capacity`. */
  take<T extends Growable>(type: ArrayType<T>, rows: number, capacity: number): T {
    const i = this.arrays.findIndex((a: Growable) => (a.constructor as unknown) === type && a.length >= rows && a.length <= 2 * capacity);
    if (i < 0) return new type(capacity);
    const array = this.arrays.splice(i, 1)[0] as unknown as T;
    array.fill(0);
    return array;
  }
}

export class AttemptColumnStore {
  length = 0;
  attemptId: Uint32Array | Float64Array;
  user: Int32Array;
  attemptNumber: Int32Array;
  readonly sums: CodedColumnBuilder;
  readonly fractionColumns: CodedColumnBuilder[];
  classes: ClassColumn[][];

  /**
   * Empty columns with room for `rows` attempts and some more (capacityFor); classSizes[s][k] = the number of classes of part k of
   * slot s. The arrays of `reuse`, columns about to be dropped, are taken over where they fit: a full read
   * again then needs no second set of columns while the collector has not yet freed the first.
   */
  constructor(classSizes: readonly (readonly number[])[], rows: number, reuse?: AttemptColumnStore) {
    const capacity = capacityFor(rows);
    const spare = new Spares(reuse);
    this.attemptId = spare.take(Uint32Array, rows, capacity);
    this.user = spare.take(Int32Array, rows, capacity);
    this.attemptNumber = spare.take(Int32Array, rows, capacity);
    this.sums = new CodedColumnBuilder(capacity, reuse?.sums, rows);
    this.fractionColumns = classSizes.map((_, s) => new CodedColumnBuilder(capacity, reuse?.fractionColumns[s], rows));
    this.classes = classSizes.map((parts) =>
      parts.map((size): ClassColumn =>
        size <= INT8_CLASSES ? spare.take(Int8Array, rows, capacity) : spare.take(Int16Array, rows, capacity),
      ),
    );
  }

  get capacity(): number {
    return this.user.length;
  }

  /** The columns as src/stats reads them, as they are now. */
  view(): AttemptColumns {
    return {
      length: this.length,
      user: this.user,
      attemptNumber: this.attemptNumber,
      sumGrades: this.sums.column(),
      fractions: this.fractionColumns.map((c) => c.column()),
      classes: this.classes,
    };
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

  /**
   * rowOf for many lookups: where the ids are not too sparse, a table indexed by id (one cache miss a lookup
   * where a binary search takes twenty); it holds 4 bytes per id of the span until dropped.
   */
  rowFinder(): (attemptId: number) => number {
    const n = this.length;
    if (n === 0) return () => -1;
    const first = this.attemptId[0]!;
    const span = this.attemptId[n - 1]! - first + 1;
    if (span > 4 * n + 1024) return (id) => this.rowOf(id);
    const rows = new Int32Array(span).fill(-1);
    for (let r = 0; r < n; r++) rows[this.attemptId[r]! - first] = r;
    return (id) => (id >= first && id - first < span ? rows[id - first]! : -1);
  }

  /** The highest attempt id held; 0 when none. */
  get lastAttemptId(): number {
    return this.length === 0 ? 0 : this.attemptId[this.length - 1]!;
  }

  /** Bytes held by the columns, for the cache's budget. */
  get bytes(): number {
    let bytes = this.attemptId.byteLength + this.user.byteLength + this.attemptNumber.byteLength + this.sums.bytes;
    for (const column of this.fractionColumns) bytes += column.bytes;
    for (const slot of this.classes) for (const column of slot) bytes += column.byteLength;
    return bytes;
  }

  /**
   * Appends the rows of a chunk (laid out as these columns, classes already within each part's range), growing
   * by half when the room runs out.
   */
  append(chunk: AttemptRowChunk): void {
    const n = chunk.length;
    if (n === 0) return;
    const start = this.length;
    const needed = start + n;
    if (needed > this.capacity) this.grow(Math.max(needed, Math.ceil(this.capacity * 1.5)));
    for (let i = 0; i < n; i++) {
      if (chunk.attemptId[i]! > UINT32_MAX && this.attemptId instanceof Uint32Array) {
        this.attemptId = Float64Array.from(this.attemptId);
      }
      this.attemptId[start + i] = chunk.attemptId[i]!;
    }
    this.user.set(chunk.user.subarray(0, n), start);
    this.attemptNumber.set(chunk.attemptNumber.subarray(0, n), start);
    this.sums.setRange(start, chunk.sumGrades, n);
    this.fractionColumns.forEach((column, s) => column.setRange(start, chunk.fractions[s]!, n));
    // Typed-array copies convert 16-bit classes to bytes natively (every class is within its part's range).
    this.classes.forEach((slot, s) => slot.forEach((column, k) => column.set(chunk.classes[s]![k]!.subarray(0, n), start)));
    this.length = needed;
  }

  private grow(capacity: number): void {
    this.attemptId = withCapacity(this.attemptId, capacity);
    this.user = withCapacity(this.user, capacity);
    this.attemptNumber = withCapacity(this.attemptNumber, capacity);
    this.sums.grow(capacity);
    for (const column of this.fractionColumns) column.grow(capacity);
    this.classes = this.classes.map((slot) => slot.map((column) => withCapacity(column, capacity)));
  }
}
