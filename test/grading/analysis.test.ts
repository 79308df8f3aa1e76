// Random guess scores and Moodle's "Analysis of responses" classes, type by type.
import { describe, expect, it } from 'vitest';
import { classifyResponse, randomGuessScore, responseParts } from '../../src/grading/index.js';
import { baseQuestion, newDescription, type Question, type UnsupportedQuestion } from '../../src/model/index.js';
import { answer, essay, match, multichoice, numAnswer, numerical, shortAnswer, trueFalse } from './build.js';

const NO = '[No response]';
const OTHER = '[Did not match any answer]';

const unsupported: UnsupportedQuestion = {
  ...baseQuestion('cloze', 'Fill in.'),
  type: 'unsupported',
  qtype: 'multianswer',
  xml: '<question type="multianswer"/>',
};

describe('randomGuessScore', () => {
  it.each<[string, Question, number | null]>([
    [
      'one-answer multichoice: mean of every choice',
      multichoice([answer('a', 1), answer('b', 0), answer('c', -0.5)]),
      0.5 / 3,
    ],
    [
      'several-answer multichoice: not computed',
      multichoice([answer('a', 0.5), answer('b', 0.5)], { single: false }),
      null,
    ],
    [
      'all-or-nothing: not computed',
      multichoice([answer('a', 1), answer('b', 0)], { single: false, allOrNothing: true }),
      null,
    ],
    ['true/false', trueFalse(true), 0.5],
    ['short answer with "*"', shortAnswer([answer('x', 1), answer('*', 0.2)]), 0.2],
    ['short answer without "*"', shortAnswer([answer('x', 1), answer('x*', 0.5)]), 0],
    ['numerical without "*"', numerical([numAnswer('3', 1, 0)]), 0],
    ['match: 1 / distinct choices', match([['a', '1'], ['b', '2'], ['c', '1'], ['', '3']]), 1 / 3],
    ['essay', essay(), 0],
    ['description', newDescription(baseQuestion('d', 'Info.')), null],
    ['unsupported', unsupported, null],
  ])('%s', (_, q, score) => {
    const actual = randomGuessScore(q);
    if (score === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(score, 12);
  });

  it('numerical with "*": its fraction less the unit penalty, at least 0', () => {
    const q = numerical([numAnswer('3', 1, 0), numAnswer('*', 0.5, 0)]);
    q.unitOptions = { unitGradingType: 1, unitPenalty: 0.1, showUnits: 0, unitsLeft: false };
    expect(randomGuessScore(q)).toBeCloseTo(0.4, 12);
    q.unitOptions = { ...q.unitOptions, unitPenalty: 0.75 };
    expect(randomGuessScore(q)).toBe(0);
    // Without unit options Moodle stores a unit penalty of 1.
    q.unitOptions = null;
    expect(randomGuessScore(q)).toBe(0);
  });
});

describe('multichoice, one answer: one class per choice and [No response]', () => {
  const q = multichoice([answer('<p>Paris</p>', 1), answer('Lyon &amp; Nice', 0), answer('Rome', -0.5)]);
  const sel = (selected: number[]) => ({ type: 'multichoice' as const, selected });

  it('parts', () => {
    expect(responseParts(q)).toEqual([
      {
        label: '',
        classes: [
          { label: 'Paris', fraction: 1 },
          { label: 'Lyon & Nice', fraction: 0 },
          { label: 'Rome', fraction: -0.5 },
          { label: NO, fraction: null },
        ],
      },
    ]);
  });

  it.each<[number[] | null, number[]]>([
    [[0], [0]],
    [[2], [2]],
    [null, [3]],
    [[], [3]],
    [[-1], [3]],
    [[7], [-1]],
  ])('%j → %j', (selected, classes) => {
    expect(classifyResponse(q, selected === null ? null : sel(selected))).toEqual(classes);
  });
});

describe('multichoice, several answers: one part per choice, counted only when selected', () => {
  for (const allOrNothing of [false, true]) {
    const q = multichoice([answer('a', 0.5), answer('b', 0.5), answer('c', -1)], { single: false, allOrNothing });

    it(`parts (all-or-nothing: ${allOrNothing})`, () => {
      expect(responseParts(q)).toEqual([
        { label: 'a', classes: [{ label: 'selected', fraction: 0.5 }] },
        { label: 'b', classes: [{ label: 'selected', fraction: 0.5 }] },
        { label: 'c', classes: [{ label: 'selected', fraction: -1 }] },
      ]);
    });

    it(`classes (all-or-nothing: ${allOrNothing})`, () => {
      expect(classifyResponse(q, { type: 'multichoice', selected: [2, 0, 0] })).toEqual([0, -1, 0]);
      expect(classifyResponse(q, { type: 'multichoice', selected: [] })).toEqual([-1, -1, -1]);
      expect(classifyResponse(q, null)).toEqual([-1, -1, -1]);
    });
  }
});

describe('true/false: True, False, [No response]', () => {
  it.each([true, false])('right answer %s', (right) => {
    const q = trueFalse(right);
    expect(responseParts(q)).toEqual([
      {
        label: '',
        classes: [
          { label: 'True', fraction: right ? 1 : 0 },
          { label: 'False', fraction: right ? 0 : 1 },
          { label: NO, fraction: null },
        ],
      },
    ]);
    expect(classifyResponse(q, { type: 'truefalse', value: true })).toEqual([0]);
    expect(classifyResponse(q, { type: 'truefalse', value: false })).toEqual([1]);
    expect(classifyResponse(q, null)).toEqual([2]);
  });
});

describe('short answer: one class per answer, unmatched, [No response]', () => {
  const q = shortAnswer([answer('Paris', 1), answer('Par*', 0.5), answer('0', 0.1)]);
  const text = (t: string) => ({ type: 'shortanswer' as const, text: t });

  it('parts', () => {
    expect(responseParts(q)[0]!.classes).toEqual([
      { label: 'Paris', fraction: 1 },
      { label: 'Par*', fraction: 0.5 },
      { label: '0', fraction: 0.1 },
      { label: OTHER, fraction: 0 },
      { label: NO, fraction: null },
    ]);
  });

  it.each<[string | null, number]>([
    ['paris', 0],
    ['Parisian', 1],
    ['Lyon', 3],
    ['', 4],
    ['   ', 4],
    [null, 4],
    // Moodle classifies with PHP's empty(), so a lone "0" lands in [No response] although it is graded.
    ['0', 4],
  ])('%j → class %i', (response, index) => {
    expect(classifyResponse(q, response === null ? null : text(response))).toEqual([index]);
  });
});

describe('numerical: one class per answer with its interval, unmatched, [No response]', () => {
  const q = numerical([numAnswer('9.81', 1, 0.05), numAnswer('10', 0.5, 0), numAnswer('*', 0, 0)]);
  const text = (t: string) => ({ type: 'numerical' as const, text: t });

  it('parts label each interval as PHP prints the bounds, ε and all (14 significant digits)', () => {
    expect(responseParts(q)[0]!.classes).toEqual([
      { label: '9.81 (9.7599999999999..9.8600000000001)', fraction: 1 },
      { label: '10 (9.9999999999999..10)', fraction: 0.5 },
      { label: '*', fraction: 0 },
      { label: OTHER, fraction: 0 },
      { label: NO, fraction: null },
    ]);
  });

  it('labels carry the base unit', () => {
    const withUnit = numerical([numAnswer('12528', 1, 0.5)]);
    withUnit.units = [{ name: 'kg', multiplier: 1 }];
    expect(responseParts(withUnit)[0]!.classes[0]!.label).toBe('12528 kg (12527.5..12528.5)');
  });

  it.each<[string | null, number]>([
    ['9.8', 0],
    ['1e1', 1],
    ['42', 2],
    ['0', 2],
    ['abc', 4], // unreadable: counted as [No response], as Moodle does
    ['', 4],
    [null, 4],
  ])('%j → class %i', (response, index) => {
    expect(classifyResponse(q, response === null ? null : text(response))).toEqual([index]);
  });

  it('a number that matches no answer goes to the unmatched class', () => {
    const noStar = numerical([numAnswer('3', 1, 0)]);
    expect(classifyResponse(noStar, text('4'))).toEqual([1]);
  });
});

describe('match: one part per stem, one class per choice and [No response]', () => {
  const q = match([
    ['<b>Cat</b>', 'meows'],
    ['Dog', 'barks'],
    ['', 'roars'],
  ]);

  it('parts credit the right choice with 1/#stems', () => {
    expect(responseParts(q)).toEqual([
      {
        label: 'Cat',
        classes: [
          { label: 'meows', fraction: 0.5 },
          { label: 'barks', fraction: 0 },
          { label: 'roars', fraction: 0 },
          { label: NO, fraction: null },
        ],
      },
      {
        label: 'Dog',
        classes: [
          { label: 'meows', fraction: 0 },
          { label: 'barks', fraction: 0.5 },
          { label: 'roars', fraction: 0 },
          { label: NO, fraction: null },
        ],
      },
    ]);
  });

  it.each<[(number | null)[] | null, number[]]>([
    [[0, 1], [0, 1]],
    [[2, null], [2, 3]],
    [[1], [1, 3]],
    [null, [3, 3]],
    [[9, 0], [-1, 0]],
  ])('%j → %j', (selected, classes) => {
    expect(classifyResponse(q, selected === null ? null : { type: 'match', selected })).toEqual(classes);
  });
});

describe('types without response analysis', () => {
  it.each<[string, Question]>([
    ['essay', essay()],
    ['description', newDescription(baseQuestion('d', 'Info.'))],
    ['unsupported', unsupported],
  ])('%s', (_, q) => {
    expect(responseParts(q)).toEqual([]);
    expect(classifyResponse(q, null)).toEqual([]);
  });
});
