// The submission route's quick check against its schema, on parsed JSON: a body it passes must be one the schema accepts
// unchanged, and an ordinary body (no `__proto__` key) must pass exactly when the schema accepts it, so that the
// fast path never lets through what the schema refuses and is taken for every valid submission.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainSubmission, SubmissionSchema } from '../../src/http/schemas/attempt.js';

/** Strings around the limits of 200 and 1,000,000 characters (the long ones built by repeat, not drawn). */
const text = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.constantFrom(0, 1, 199, 200, 201).map((n) => 'к'.repeat(n)),
  fc.constantFrom(999_999, 1_000_000, 1_000_001).map((n) => 'x'.repeat(n)),
);
const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(0, 1, 200, 201).map((n) => 'q'.repeat(n)));
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const choices = fc.oneof(
  fc.array(fc.oneof(text, fc.integer()), { maxLength: 4 }),
  fc.constantFrom(1000, 1001).map((n) => Array.from({ length: n }, (_, i) => `c${i}`)),
);
const stems = fc.dictionary(key, fc.oneof(text, fc.constant(null), fc.integer()), { maxKeys: 3 });
const response = fc.oneof(scalar, choices, stems, fc.constant(undefined), fc.constant([[]]), fc.constant({ a: { b: 'c' } }));
/** Bodies within every limit, so that the fast path is taken often. */
const valid = fc.record({
  userId: fc.string({ minLength: 1, maxLength: 5 }),
  responses: fc.dictionary(
    fc.string({ minLength: 1, maxLength: 5 }),
    fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 3 }), fc.option(fc.string({ maxLength: 3 })), { maxKeys: 2 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    { maxKeys: 4 },
  ),
});
/** As the route sees a body: what JSON.parse makes of it. */
const body = fc.oneof(
  valid,
  fc.record(
    { userId: fc.oneof(text, fc.integer()), responses: fc.oneof(fc.dictionary(key, response, { maxKeys: 4 }), choices, scalar) },
    { requiredKeys: [] },
  ),
  fc.record({ userId: text, responses: fc.dictionary(key, response, { maxKeys: 4 }), extra: scalar }),
  scalar,
  choices,
).map((value) => JSON.parse(JSON.stringify(value ?? null)) as unknown);

describe('isPlainSubmission', () => {
  it('passes only bodies the schema accepts as they are, and every one it accepts', () => {
    let passed = 0;
    fc.assert(
      fc.property(body, (value) => {
        const parsed = SubmissionSchema.safeParse(value);
        const quick = isPlainSubmission(value);
        if (quick) {
          passed++;
          expect(parsed.success).toBe(true);
          expect(parsed.data).toStrictEqual(value);
        }
        expect(quick).toBe(parsed.success);
      }),
      { numRuns: 600 },
    );
    // The fast path was taken often enough for the comparison to mean something.
    expect(passed).toBeGreaterThan(20);
  });

  it('agrees with the schema on each side of every limit', () => {
    const long = (n: number, c = 'к') => c.repeat(n);
    const cases: unknown[] = [];
    for (const n of [0, 1, 200, 201]) cases.push({ userId: long(n), responses: {} }, { userId: 'u', responses: { [long(n)]: null } });
    for (const n of [999_999, 1_000_000, 1_000_001]) cases.push({ userId: 'u', responses: { q: long(n, 'x') } });
    for (const n of [999, 1000, 1001]) cases.push({ userId: 'u', responses: { q: Array.from({ length: n }, () => 'c') } });
    for (const n of [0, 200, 201]) {
      cases.push({ userId: 'u', responses: { q: [long(n)] } }, { userId: 'u', responses: { q: { [long(n)]: 'c' } } });
      cases.push({ userId: 'u', responses: { q: { s: long(n) } } });
    }
    for (const value of cases) {
      expect(isPlainSubmission(value), JSON.stringify(value).slice(0, 60)).toBe(SubmissionSchema.safeParse(value).success);
    }
  });

  it('passes JSON bodies as a client sends them', () => {
    const value = JSON.parse(
      '{"userId":"student-42","responses":{"rnn-q1":"c1","rnn-q2":["c2","c3"],"rnn-q4":"12 528","7":12528,' +
        '"tf":true,"m":{"s1":"c4","s2":null},"blank":null}}',
    );
    expect(isPlainSubmission(value)).toBe(true);
  });

  it('leaves a __proto__ key, at any depth, to the schema', () => {
    for (const json of [
      '{"userId":"u","responses":{"__proto__":"c1"}}',
      '{"userId":"u","responses":{"m":{"__proto__":"c1"}}}',
      '{"__proto__":{},"userId":"u","responses":{}}',
    ]) {
      expect(isPlainSubmission(JSON.parse(json))).toBe(false);
    }
  });

  it('refuses objects that are not plain JSON objects', () => {
    expect(isPlainSubmission(Object.assign(Object.create(null), { userId: 'u', responses: {} }))).toBe(false);
    expect(isPlainSubmission({ userId: 'u', responses: new Map() })).toBe(false);
    expect(isPlainSubmission({ userId: 'u', responses: { q: new Date(0) } })).toBe(false);
  });
});
