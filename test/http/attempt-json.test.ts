// The attempt serializer of the submission route writes exactly what JSON.stringify writes, for any attempt, and
// reuses the text of a feedback object only while that object is the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptJson } from '../../src/http/attempt-json.js';
import type { AttemptOutput } from '../../src/services/attempts.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1e21, 5e-7, 0.1 + 0.2));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const richText = fc.record({ text, format: fc.constantFrom('html', 'moodle', 'plain', 'markdown'), files: fc.constant<never[]>([]) });
const feedback = fc.record({
  specific: fc.array(richText, { maxLength: 3 }),
  combined: maybe(richText),
  numCorrect: maybe(text),
  general: maybe(richText),
});
const response = fc.oneof(
  fc.constant(null),
  text,
  number,
  fc.boolean(),
  fc.array(text, { maxLength: 4 }),
  fc.dictionary(text, maybe(text), { maxKeys: 3 }),
);
const question = fc.record({
  questionId: fc.nat(),
  idnumber: maybe(text),
  slot: fc.nat(),
  type: fc.constantFrom('multichoice', 'truefalse', 'shortanswer', 'numerical', 'match', 'essay'),
  versionId: fc.nat(),
  response,
  fraction: maybe(number),
  mark: maybe(number),
  maxMark: number,
  state: fc.constantFrom('gradedright', 'gradedpartial', 'gradedwrong', 'gaveup', 'needsgrading'),
  feedback,
  rightAnswer: text,
  comment: maybe(text),
});
const attempt = fc.record({
  id: fc.nat(),
  quizId: fc.nat(),
  userId: text,
  attemptNumber: fc.nat(),
  state: fc.constantFrom('finished', 'needsgrading'),
  submittedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  sumGrades: maybe(number),
  maxGrade: number,
  questions: fc.array(question, { maxLength: 8 }),
}) as unknown as fc.Arbitrary<AttemptOutput>;

describe('attemptJson', () => {
  it('is JSON.stringify, for any attempt', () => {
    fc.assert(
      fc.property(attempt, (a) => {
        expect(attemptJson(a)).toBe(JSON.stringify(a));
        // Again, with the feedback texts now remembered.
        expect(attemptJson(a)).toBe(JSON.stringify(a));
      }),
      { numRuns: 300 },
    );
  });

  it('reuses the text of one feedback object, and serializes another object afresh', () => {
    fc.assert(
      fc.property(attempt, feedback, (a, other) => {
        const general = { text: 'Общий отзыв', format: 'html' as const, files: [] };
        const shared = { specific: [], combined: null, numCorrect: null, general };
        const withShared = { ...a, questions: a.questions.map((q) => ({ ...q, feedback: shared })) } as AttemptOutput;
        expect(attemptJson(withShared)).toBe(JSON.stringify(withShared));
        const withOther = { ...a, questions: a.questions.map((q) => ({ ...q, feedback: other })) } as unknown as AttemptOutput;
        expect(attemptJson(withOther)).toBe(JSON.stringify(withOther));
      }),
      { numRuns: 100 },
    );
  });
});
