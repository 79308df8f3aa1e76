// Bounded property checks over generated questions and responses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyResponse, gradeResponse, responseParts } from '../../src/grading/index.js';
import {
  GRADE_OPTIONS,
  matchChoices,
  matchStems,
  stateForFraction,
  type Grade,
  type Question,
  type Response,
} from '../../src/model/index.js';
import { answer, essay, match, multichoice, numAnswer, numerical, shortAnswer, trueFalse } from './build.js';

const RUNS = { numRuns: 300 };

const fractionArb = fc.constantFrom(...GRADE_OPTIONS);
const choicesArb = fc.array(fractionArb, { minLength: 1, maxLength: 8 });
const indexArb = fc.integer({ min: -2, max: 10 });
const numberTextArb = fc.oneof(fc.constant('*'), fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String));

function severalAnswers(fractions: number[], allOrNothing = false) {
  return multichoice(
    fractions.map((f, i) => answer(`choice ${i}`, f)),
    { single: false, allOrNothing },
  );
}

type Case = [Question, Response | null];

/** A question of a gradable type with a response of its own type (or none). */
const gradedCaseArb: fc.Arbitrary<Case> = fc.oneof<fc.Arbitrary<Case>[]>(
  fc.tuple(choicesArb, fc.boolean(), fc.array(indexArb, { maxLength: 10 })).map(
    ([fractions, single, selected]): Case => [
      multichoice(fractions.map((f, i) => answer(`c${i}`, f, i % 2 ? 'feedback' : '')), { single }),
      { type: 'multichoice', selected },
    ],
  ),
  fc.tuple(choicesArb, fc.array(indexArb, { maxLength: 10 })).map(([fractions, selected]): Case => [
    severalAnswers(fractions, true),
    { type: 'multichoice', selected },
  ]),
  fc
    .tuple(fc.boolean(), fc.boolean())
    .map(([right, value]): Case => [trueFalse(right), { type: 'truefalse', value }]),
  fc
    .tuple(
      fc.array(fc.tuple(fc.string({ maxLength: 6 }), fractionArb), { minLength: 1, maxLength: 4 }),
      fc.string({ maxLength: 10 }),
      fc.boolean(),
    )
    .map(([answers, text, useCase]): Case => [
      shortAnswer(answers.map(([t, f]) => answer(t, f)), useCase),
      { type: 'shortanswer', text },
    ]),
  fc
    .tuple(
      fc.array(fc.tuple(numberTextArb, fractionArb, fc.double({ noNaN: true, min: 0, max: 10 })), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.oneof(fc.string({ maxLength: 12 }), fc.double({ noNaN: true }).map(String)),
    )
    .map(([answers, text]): Case => [
      numerical(answers.map(([t, f, tol]) => numAnswer(t, f, tol))),
      { type: 'numerical', text },
    ]),
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('', 'a', 'b', 'c', 'd'), fc.constantFrom('1', '1.0', 'x', 'y', 'z')), {
        minLength: 1,
        maxLength: 6,
      }),
      fc.array(fc.option(indexArb), { maxLength: 7 }),
    )
    .map(([pairs, selected]): Case => [match(pairs), { type: 'match', selected }]),
  fc.string({ maxLength: 20 }).map((text): Case => [essay(), { type: 'essay', text }]),
).chain(([q, r]) => fc.boolean().map((answered): Case => [q, answered ? r : null]));

describe('grading properties', () => {
  it('a several-answer multichoice always scores within [0, 1]', () => {
    fc.assert(
      fc.property(choicesArb, fc.array(indexArb, { maxLength: 10 }), fc.boolean(), (fractions, selected, all) => {
        const { fraction } = gradeResponse(severalAnswers(fractions, all), { type: 'multichoice', selected });
        return fraction === null || (fraction >= 0 && fraction <= 1);
      }),
      RUNS,
    );
  });

  it('a one-answer multichoice scores exactly the chosen choice’s fraction', () => {
    fc.assert(
      fc.property(
        choicesArb.chain((fractions) => fc.tuple(fc.constant(fractions), fc.nat({ max: fractions.length - 1 }))),
        ([fractions, index]) => {
          const q = multichoice(fractions.map((f, i) => answer(`c${i}`, f)));
          expect(gradeResponse(q, { type: 'multichoice', selected: [index] }).fraction).toBe(fractions[index]);
        },
      ),
      RUNS,
    );
  });

  it('never throws, and the state always agrees with the fraction', () => {
    fc.assert(
      fc.property(gradedCaseArb, ([q, r]) => {
        const grade: Grade = gradeResponse(q, r);
        if (grade.fraction === null) {
          expect(['gaveup', 'needsgrading']).toContain(grade.state);
        } else {
          expect(Number.isFinite(grade.fraction)).toBe(true);
          expect(grade.state).toBe(stateForFraction(grade.fraction));
        }
        if (r === null) expect(grade.state).toBe('gaveup');
      }),
      RUNS,
    );
  });

  it('classifies every response into the parts’ classes, or -1', () => {
    fc.assert(
      fc.property(gradedCaseArb, ([q, r]) => {
        const parts = responseParts(q);
        const classes = classifyResponse(q, r);
        expect(classes).toHaveLength(parts.length);
        classes.forEach((c, i) => {
          expect(c === -1 || (Number.isInteger(c) && c >= 0 && c < parts[i]!.classes.length)).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('a matching question scores right stems / stems', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('w', 'x', 'y', 'z')), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.array(fc.nat({ max: 5 }), { minLength: 6, maxLength: 6 }),
        (pairs, picks) => {
          const q = match(pairs);
          const stems = matchStems(q);
          const choices = matchChoices(q);
          const selected = stems.map((_, k) => picks[k]! % choices.length);
          const right = stems.filter((s, k) => choices[selected[k]!] === q.subquestions[s]!.answer).length;
          expect(gradeResponse(q, { type: 'match', selected }).fraction).toBeCloseTo(right / stems.length, 12);
        },
      ),
      RUNS,
    );
  });
});
