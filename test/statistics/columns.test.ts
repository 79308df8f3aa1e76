// The compact columns of the report's cache: what goes in comes out exactly, in as few bytes as the values allow.
import { describe, expect, it } from 'vitest';
import { AttemptColumnStore } from '../../src/services/statistics-columns.js';
import type { NumberColumn } from '../../src/stats/index.js';
import type { AttemptRowChunk } from '../../src/storage/index.js';

/** A chunk of `n` rows for one slot of one part: ids from `firstId`, fraction and total from the functions. */
function chunk(n: number, firstId: number, fraction: (i: number) => number, total: (i: number) => number, classOf = (i: number) => (i % 3) - 1): AttemptRowChunk {
  return {
    length: n,
    attemptId: Float64Array.from({ length: n }, (_, i) => firstId + i),
    user: Int32Array.from({ length: n }, (_, i) => i % 5),
    attemptNumber: Int32Array.from({ length: n }, (_, i) => Math.floor(i / 5) + 1),
    sumGrades: Float64Array.from({ length: n }, (_, i) => total(i)),
    fractions: [Float64Array.from({ length: n }, (_, i) => fraction(i))],
    classes: [[Int16Array.from({ length: n }, (_, i) => classOf(i))]],
    rawClasses: new Map(),
    shapeMismatches: 0,
  };
}

function values(column: NumberColumn, n: number): number[] {
  if (column instanceof Float64Array) return Array.from(column.subarray(0, n));
  return Array.from(column.codes.subarray(0, n), (c) => column.values[c]!);
}

describe('AttemptColumnStore', () => {
  it('gives back every value exactly, a byte per attempt while a column has at most 256 values', () => {
    const special = [0, -0, Number.NaN, 0.3333333, -0.5, 1];
    const store = new AttemptColumnStore([[3]], 10);
    store.append(chunk(6, 1, (i) => special[i]!, (i) => special[5 - i]!));
    store.append(chunk(300, 7, (i) => i % 200, (i) => i / 7));
    const view = store.view();
    expect(view.length).toBe(306);
    expect(store.capacity).toBeGreaterThanOrEqual(306);
    const fractions = values(view.fractions[0]!, 306);
    expect(fractions.slice(0, 6)).toEqual(special);
    expect(Object.is(fractions[1], -0)).toBe(true);
    expect(fractions.slice(6)).toEqual(Array.from({ length: 300 }, (_, i) => i % 200));
    expect(values(view.sumGrades, 306)).toEqual([...special].reverse().concat(Array.from({ length: 300 }, (_, i) => i / 7)));
    // 206 distinct fractions fit bytes; 306 distinct totals need 16-bit codes.
    expect((view.fractions[0] as { codes: Uint8Array }).codes).toBeInstanceOf(Uint8Array);
    expect((view.sumGrades as { codes: Uint16Array }).codes).toBeInstanceOf(Uint16Array);
    expect(view.classes[0]![0]).toBeInstanceOf(Int8Array);
    expect(Array.from(view.classes[0]![0]!.subarray(0, 9))).toEqual([-1, 0, 1, -1, 0, 1, -1, 0, 1]);
    expect(Array.from(view.user.subarray(0, 7))).toEqual([0, 1, 2, 3, 4, 0, 0]);
  });

  it('turns a column of more than 65,536 values into plain doubles, keeping what it held', () => {
    const store = new AttemptColumnStore([[1]], 70_000);
    store.append(chunk(1000, 1, (i) => i % 4, (i) => i + 0.5));
    store.append(chunk(69_000, 1001, () => 1, (i) => 1000.5 + i));
    const view = store.view();
    expect(view.sumGrades).toBeInstanceOf(Float64Array);
    expect(values(view.sumGrades, 70_000)).toEqual(Array.from({ length: 70_000 }, (_, i) => i + 0.5));
    expect((view.fractions[0] as { codes: Uint8Array }).codes).toBeInstanceOf(Uint8Array);
  });

  it('keeps a part of more than 127 classes in 16 bits, and ids past 2^32 as doubles', () => {
    const store = new AttemptColumnStore([[127, 200]], 4);
    const rows = chunk(4, 2 ** 32 - 2, () => 1, () => 1, (i) => 120 + i);
    rows.classes = [[Int16Array.of(126, -1, 0, 5), Int16Array.of(199, 150, -1, 0)]];
    store.append(rows);
    const view = store.view();
    expect(view.classes[0]![0]).toBeInstanceOf(Int8Array);
    expect(view.classes[0]![1]).toBeInstanceOf(Int16Array);
    expect(Array.from(view.classes[0]![1]!.subarray(0, 4))).toEqual([199, 150, -1, 0]);
    expect(store.attemptId).toBeInstanceOf(Float64Array);
    expect(store.lastAttemptId).toBe(2 ** 32 + 1);
    expect(store.rowOf(2 ** 32)).toBe(2);
  });

  it('finds rows by attempt id, with ids dense or sparse', () => {
    for (const step of [1, 1000]) {
      const store = new AttemptColumnStore([[1]], 100);
      const rows = chunk(100, 5, () => 1, () => 1);
      rows.attemptId = Float64Array.from({ length: 100 }, (_, i) => 5 + i * step);
      store.append(rows);
      const find = store.rowFinder();
      for (const [id, row] of [[5, 0], [5 + 37 * step, 37], [5 + 99 * step, 99], [4, -1], [6 + 99 * step, -1]] as const) {
        expect(find(id)).toBe(row);
        expect(store.rowOf(id)).toBe(row);
      }
      if (step > 1) expect(find(6)).toBe(-1);
    }
  });

  it('grows when appended past its room, and takes over the arrays of columns it replaces', () => {
    const first = new AttemptColumnStore([[3]], 10);
    first.append(chunk(10, 1, (i) => i % 2, (i) => i));
    const room = first.capacity;
    first.append(chunk(room, 11, () => 0.5, () => 2));
    expect(first.length).toBe(10 + room);
    expect(values(first.view().fractions[0]!, first.length)).toEqual([...Array.from({ length: 10 }, (_, i) => i % 2), ...Array(room).fill(0.5)]);

    const user = first.user;
    const second = new AttemptColumnStore([[3]], first.length - 5, first);
    expect(second.user).toBe(user);
    expect(second.length).toBe(0);
    second.append(chunk(20, 100, () => 0.25, (i) => i));
    expect(Array.from(second.user.subarray(0, 25))).toEqual([...Array.from({ length: 20 }, (_, i) => i % 5), 0, 0, 0, 0, 0]);
    expect(values(second.view().fractions[0]!, 20)).toEqual(Array(20).fill(0.25));
    expect(second.lastAttemptId).toBe(119);
  });

  it('holds the RNN quiz (7 questions, 16 parts) in under 40 bytes an attempt', () => {
    const parts = [[4], [2, 2, 2, 2], [5], [3], [2, 2, 2, 2, 2], [4], [2, 2, 2]];
    const store = new AttemptColumnStore(parts, 100_000);
    expect(store.bytes / 100_000).toBeLessThan(40);
  });
});
