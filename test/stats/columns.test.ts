// Coded columns, byte-wide classes, the report in steps and a reused workspace give the very figures of plain
// columns computed at once: every number identical, -0 included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeQuizStatistics,
  computeQuizStatisticsSteps,
  StatisticsWorkspace,
  type AttemptColumns,
  type CodedColumn,
  type QuizStatisticsInput,
  type StatsSlot,
  type WhichAttempts,
} from '../../src/stats/index.js';
import { columns, slot, type AttemptRow, type PlainColumns } from './build.js';

const CLASSES = [
  { label: 'right', fraction: 1 },
  { label: 'half', fraction: 0.5 },
  { label: 'wrong', fraction: 0 },
];

/** The column coded against a shuffled table of its values with `spare` unused entries, in bytes or 16-bit codes. */
function coded(column: Float64Array, n: number, wide: boolean, spare: number, order: number): CodedColumn {
  const key = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
  const distinct = new Map<string, number>();
  for (let i = 0; i < n; i++) distinct.set(key(column[i]!), column[i]!);
  const values = [...distinct.values(), ...Array.from({ length: spare }, (_, k) => 1000 + k)];
  // A fixed rotation of the table: codes need not follow the order values first appear in.
  const rotated = values.map((_, k) => values[(k + order) % values.length]!);
  const codeOf = new Map(rotated.map((v, c) => [key(v), c]));
  const codes = wide ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = codeOf.get(key(column[i]!))!;
  return { codes, values: Float64Array.from(rotated) };
}

function codedColumns(plain: PlainColumns, wide: boolean, spare: number, order: number): AttemptColumns {
  const n = plain.length;
  return {
    ...plain,
    sumGrades: coded(plain.sumGrades, n, wide, spare, order),
    fractions: plain.fractions.map((f) => coded(f, n, !wide, spare, order + 1)),
    classes: plain.classes.map((slotClasses) => slotClasses.map((c) => Int8Array.from(c))),
  };
}

const FRACTIONS = [0, 1, 0.5, 0.3333333, -0.5, -0, null] as const;

const quizArb = fc
  .record({
    maxMarks: fc.array(fc.constantFrom(1, 2, 0.5), { minLength: 1, maxLength: 4 }),
    rows: fc.array(
      fc.record({
        user: fc.integer({ min: 0, max: 6 }),
        fractions: fc.array(fc.constantFrom(...FRACTIONS), { minLength: 4, maxLength: 4 }),
        classes: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 4, maxLength: 4 }),
        awaiting: fc.integer({ min: 0, max: 7 }).map((v) => v === 0),
      }),
      { maxLength: 30 },
    ),
    which: fc.constantFrom<WhichAttempts>('first', 'last', 'highest', 'all'),
    wide: fc.boolean(),
    spare: fc.integer({ min: 0, max: 3 }),
    order: fc.nat(5),
  })
  .map(({ maxMarks, rows, which, wide, spare, order }) => {
    const slots: StatsSlot[] = maxMarks.map((m, j) => slot(j, m, { parts: [{ label: '', classes: CLASSES }] }));
    const numbers = new Map<number, number>();
    const attemptRows: AttemptRow[] = rows.map((r) => {
      const attempt = (numbers.get(r.user) ?? 0) + 1;
      numbers.set(r.user, attempt);
      return {
        user: r.user,
        attempt,
        fractions: slots.map((_, j) => r.fractions[j]!),
        classes: slots.map((_, j) => [r.classes[j]!]),
        ...(r.awaiting ? { sumGrades: null } : {}),
      };
    });
    const plain = columns(slots, attemptRows);
    const input: QuizStatisticsInput = { slots, attempts: plain, which, quizSumGrades: maxMarks.reduce((a, b) => a + b, 0) };
    return { input, coded: codedColumns(plain, wide, spare, order) };
  });

/** Runs the report in steps and counts them. */
function inSteps(input: QuizStatisticsInput): { steps: number; result: ReturnType<typeof computeQuizStatistics> } {
  const generator = computeQuizStatisticsSteps(input);
  let steps = 0;
  for (;;) {
    const step = generator.next();
    if (step.done) return { steps, result: step.value };
    steps++;
  }
}

describe('the report over compact columns', () => {
  it('gives identical figures for coded totals and fractions and byte-wide classes', () => {
    fc.assert(
      fc.property(quizArb, ({ input, coded }) => {
        expect(computeQuizStatistics({ ...input, attempts: coded })).toStrictEqual(computeQuizStatistics(input));
      }),
      { numRuns: 200 },
    );
  });

  it('gives identical figures in steps, and yields between passes', () => {
    fc.assert(
      fc.property(quizArb, ({ input }) => {
        const { steps, result } = inSteps(input);
        expect(result).toStrictEqual(computeQuizStatistics(input));
        // At least a step per pass over the attempts: choosing them, then every slot's marks.
        expect(steps).toBeGreaterThan(input.slots.length);
      }),
      { numRuns: 50 },
    );
  });

  it('gives identical figures with one workspace reused across quizzes of every size', () => {
    const workspace = new StatisticsWorkspace();
    fc.assert(
      fc.property(quizArb, ({ input, coded }) => {
        const fresh = computeQuizStatistics(input);
        expect(computeQuizStatistics({ ...input, workspace })).toStrictEqual(fresh);
        expect(computeQuizStatistics({ ...input, attempts: coded, workspace })).toStrictEqual(fresh);
      }),
      { numRuns: 100 },
    );
    expect(workspace.bytes).toBeGreaterThan(0);
  });

  it('keeps its workspace arrays from one computation to the next', () => {
    const slots = [slot(0, 1), slot(1, 2)];
    const rows = (n: number): AttemptRow[] =>
      Array.from({ length: n }, (_, i) => ({ user: i % 7, attempt: Math.floor(i / 7) + 1, fractions: [(i % 3) / 2, (i % 5) / 4] }));
    const workspace = new StatisticsWorkspace();
    const run = (n: number, which: WhichAttempts) =>
      computeQuizStatistics({ slots, attempts: columns(slots, rows(n)), which, quizSumGrades: 3, workspace });
    run(1000, 'all');
    const held = workspace.bytes;
    for (const which of ['first', 'last', 'highest', 'all'] as const) run(1000, which);
    run(400, 'all');
    expect(workspace.bytes).toBe(held);
  });

  it('rejects a code that names no value', () => {
    const slots = [slot(0, 1)];
    const plain = columns(slots, [{ user: 0, attempt: 1, fractions: [1] }]);
    const badTotal = { ...plain, sumGrades: { codes: Uint8Array.of(1), values: Float64Array.of(1) } };
    expect(() => computeQuizStatistics({ slots, attempts: badTotal, which: 'all', quizSumGrades: 1 })).toThrow(RangeError);
    const badFraction = { ...plain, fractions: [{ codes: Uint8Array.of(3), values: Float64Array.of(1) }] };
    expect(() => computeQuizStatistics({ slots, attempts: badFraction, which: 'all', quizSumGrades: 1 })).toThrow(RangeError);
  });
});
