// Details of each type's rules beyond the worked examples.
import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/grading/essay.js';
import { GradingError, gradeManually, gradeResponse, matchesWildcard } from '../../src/grading/index.js';
import { baseQuestion, newDescription, richText } from '../../src/model/index.js';
import {
  answer,
  COMBINED,
  essay,
  match,
  multichoice,
  numAnswer,
  numerical,
  shortAnswer,
  texts,
  trueFalse,
} from './build.js';

const mc = (selected: number[]) => ({ type: 'multichoice' as const, selected });
const sa = (text: string) => ({ type: 'shortanswer' as const, text });
const num = (text: string) => ({ type: 'numerical' as const, text });

function thrownCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    return error instanceof GradingError ? error.code : 'not a GradingError';
  }
  return undefined;
}

describe('multichoice', () => {
  it('shows the feedback of each selected choice in answer order, skipping blank ones', () => {
    const q = multichoice(
      [answer('a', 0.5, 'fa'), answer('b', 0.5, '  '), answer('c', -0.5, 'fc'), answer('d', 0, '0')],
      { single: false },
    );
    expect(texts(gradeResponse(q, mc([2, 3, 1, 0])).feedback.specific)).toEqual(['fa', 'fc']);
  });

  it('ignores repeated and out-of-range indices of a several-answer question', () => {
    const q = multichoice([answer('a', 0.5), answer('b', 0.5)], { single: false });
    expect(gradeResponse(q, mc([0, 0, 0])).fraction).toBe(0.5);
    expect(gradeResponse(q, mc([5, -1]))).toMatchObject({ fraction: null, state: 'gaveup' });
  });

  it('grades an out-of-range choice of a one-answer question 0, as Moodle does', () => {
    const q = multichoice([answer('a', 1), answer('b', 0)]);
    expect(gradeResponse(q, mc([4]))).toMatchObject({ fraction: 0, state: 'gradedwrong' });
  });

  it('lists every fully right choice of a one-answer question, stripped of HTML', () => {
    const q = multichoice([answer('<p>A &amp; B</p>', 1), answer('C', 0.5), answer('<em>D</em>', 1)]);
    expect(gradeResponse(q, mc([1])).rightAnswer).toBe('The correct answers are: A & B, D');
    expect(gradeResponse(multichoice([answer('x', 0.5)]), mc([0])).rightAnswer).toBe('');
  });

  it('shows the general feedback, and no combined feedback when its text is empty or "0"', () => {
    const q = multichoice([answer('a', 1), answer('b', 0)], {
      general: 'Because.',
      combined: { incorrect: '0', correct: '' },
    });
    expect(gradeResponse(q, mc([0])).feedback).toMatchObject({ combined: null, general: { text: 'Because.' } });
    expect(gradeResponse(q, mc([1])).feedback.combined).toBeNull();
  });

  it('all-or-nothing counts a choice as right at 0.000001 and above', () => {
    const q = multichoice([answer('a', 0.5), answer('b', 0.5), answer('c', 0)], { single: false, allOrNothing: true });
    expect(gradeResponse(q, mc([0, 1])).fraction).toBe(1);
    expect(gradeResponse(q, mc([0, 1, 2])).fraction).toBe(0);
  });
});

describe('true/false', () => {
  it('shows no feedback for a value whose feedback is empty', () => {
    const grade = gradeResponse(trueFalse(true, '', 'Wrong.'), { type: 'truefalse', value: true });
    expect(grade).toMatchObject({ fraction: 1, rightAnswer: "The correct answer is 'True'." });
    expect(grade.feedback.specific).toEqual([]);
  });
});

describe('short answer', () => {
  it.each<[string, string, boolean, boolean]>([
    ['Paris', 'paris', true, true],
    ['Париж', 'ПАРИЖ', true, true], // Unicode case folding
    ['Paris', 'paris', false, false],
    ['a*b', 'a\nb', true, false], // * stops at a line feed
    ['a*b', 'a b c b', true, true],
    ['a**b', 'ab', true, true],
    ['a.c', 'abc', true, false], // regular-expression characters are literal
    ['(x)+[y]', '(x)+[y]', true, true],
    ['3\\*4', '3*4', true, true],
    ['café', 'cafe\u0301', true, true], // both sides NFC-normalised
    ['Paris', '\u00a0Paris', true, false], // PHP trim keeps a no-break space
    ['Paris', '\tParis\n', true, true],
    ['', '', true, true],
  ])('pattern %j, response %j, ignore case %s → %s', (pattern, response, ignoreCase, matches) => {
    expect(matchesWildcard(response, pattern, ignoreCase)).toBe(matches);
  });

  it('grades "0" as an answer', () => {
    const q = shortAnswer([answer('0', 1), answer('*', 0)]);
    expect(gradeResponse(q, sa('0'))).toMatchObject({ fraction: 1, state: 'gradedright' });
  });

  it('gives 0 without feedback when nothing matches', () => {
    const grade = gradeResponse(shortAnswer([answer('Paris', 1, 'Yes.')]), sa('Rome'));
    expect(grade).toMatchObject({ fraction: 0, state: 'gradedwrong' });
    expect(grade.feedback.specific).toEqual([]);
  });

  it('shows the right answer with its wildcards turned to spaces, as Moodle’s first match of it', () => {
    expect(gradeResponse(shortAnswer([answer('*Paris*', 1)]), sa('x')).rightAnswer).toBe(
      'The correct answer is: Paris',
    );
    expect(gradeResponse(shortAnswer([answer('3\\*4', 1)]), sa('x')).rightAnswer).toBe('The correct answer is: 3*4');
    // "Paris" matches "Par*" first, so Moodle shows that answer, cleaned.
    expect(gradeResponse(shortAnswer([answer('Par*', 0.5), answer('Paris', 1)]), sa('x')).rightAnswer).toBe(
      'The correct answer is: Par',
    );
    expect(gradeResponse(shortAnswer([answer('Par*', 0.5)]), sa('x')).rightAnswer).toBe('');
  });
});

describe('numerical', () => {
  it('takes the first answer that matches', () => {
    const q = numerical([numAnswer('10', 0.5, 2), numAnswer('10', 1, 0)]);
    expect(gradeResponse(q, num('10')).fraction).toBe(0.5);
  });

  it('grades "0" and gives up on a blank', () => {
    const q = numerical([numAnswer('0', 1, 0)]);
    expect(gradeResponse(q, num('0')).fraction).toBe(1);
    expect(gradeResponse(q, num('  '))).toMatchObject({ fraction: null, state: 'gaveup' });
  });

  it('grades a negative weight as 0 without units, since the unit is never right then', () => {
    const q = numerical([numAnswer('5', -0.5, 0, 'No.')]);
    const grade = gradeResponse(q, num('5'));
    expect(grade).toMatchObject({ fraction: 0, state: 'gradedwrong' });
    expect(texts(grade.feedback.specific)).toEqual(['No.']);
  });

  it('keeps a negative weight when the right unit is given', () => {
    const q = numerical([numAnswer('5', -0.5, 0)]);
    q.units = [{ name: 'm', multiplier: 1 }];
    q.unitOptions = { unitGradingType: 1, unitPenalty: 0.1, showUnits: 0, unitsLeft: false };
    expect(gradeResponse(q, num('5 m')).fraction).toBe(-0.5);
    expect(gradeResponse(q, num('5')).fraction).toBe(0);
  });

  it('reads units on the left', () => {
    const q = numerical([numAnswer('100', 1, 0)]);
    q.units = [{ name: '$', multiplier: 1 }];
    q.unitOptions = { unitGradingType: 2, unitPenalty: 0.25, showUnits: 0, unitsLeft: true };
    expect(gradeResponse(q, num('$100')).fraction).toBe(1);
    expect(gradeResponse(q, num('100')).fraction).toBe(0.75);
    expect(gradeResponse(q, num('1')).rightAnswer).toBe('The correct answer is: $ 100');
  });

  it('tells of a wrong unit even for an unreadable or blank response when units are graded', () => {
    const q = numerical([numAnswer('1', 1, 0)]);
    q.units = [{ name: 'm', multiplier: 1 }];
    q.unitOptions = { unitGradingType: 1, unitPenalty: 0.1, showUnits: 0, unitsLeft: false };
    expect(texts(gradeResponse(q, num('abc')).feedback.specific)).toEqual(['You did not give the correct unit.']);
    expect(texts(gradeResponse(q, num('')).feedback.specific)).toEqual(['You did not give the correct unit.']);
  });

  it('shows no unit in the right answer when units are not displayed', () => {
    const q = numerical([numAnswer('1.5', 1, 0)]);
    q.units = [{ name: 'm', multiplier: 1 }];
    q.unitOptions = { unitGradingType: 0, unitPenalty: 0.1, showUnits: 3, unitsLeft: false };
    expect(gradeResponse(q, num('1')).rightAnswer).toBe('The correct answer is: 1.5');
  });
});

describe('match', () => {
  it('merges answers equal under PHP’s loose ==, so "1" and "1.0" are one right choice', () => {
    const q = match([
      ['a', '1'],
      ['b', '1.0'],
      ['c', '2'],
    ]);
    const grade = gradeResponse(q, { type: 'match', selected: [0, 0, 1] });
    expect(grade).toMatchObject({ fraction: 1, state: 'gradedright' });
  });

  it('gives the incorrect feedback and no count when no stem is right', () => {
    const q = match([
      ['a', 'x'],
      ['b', 'y'],
    ]);
    const grade = gradeResponse(q, { type: 'match', selected: [1, 0] });
    expect(grade).toMatchObject({ fraction: 0, state: 'gradedwrong', feedback: { numCorrect: null } });
    expect(grade.feedback.combined?.text).toBe(COMBINED.incorrect);
  });
});

describe('essay', () => {
  const text = (t: string) => ({ type: 'essay' as const, text: t });

  it('gives up on an empty response, even when no response is required', () => {
    const q = essay();
    expect(gradeResponse(q, text(''))).toMatchObject({ fraction: null, state: 'gaveup' });
    q.responseRequired = false;
    expect(gradeResponse(q, text('')).state).toBe('gaveup');
  });

  it('gives up when attachments are required or there is no text field', () => {
    const needsFile = { ...essay(), attachments: 1, attachmentsRequired: 1 };
    expect(gradeResponse(needsFile, text('Here.')).state).toBe('gaveup');
    expect(gradeResponse({ ...essay(), responseFormat: 'noinline' }, text('Here.')).state).toBe('gaveup');
  });

  it('applies the word limits of a required response', () => {
    const q = { ...essay(), minWordLimit: 3, maxWordLimit: 5 };
    expect(gradeResponse(q, text('two words')).state).toBe('gaveup');
    expect(gradeResponse(q, text('now three words')).state).toBe('needsgrading');
    expect(gradeResponse(q, text('one two three four five six')).state).toBe('gaveup');
    expect(gradeResponse({ ...q, responseRequired: false }, text('two words')).state).toBe('needsgrading');
  });

  it.each<[string, number]>([
    ['', 0],
    ['one', 1],
    ['  spaced   out  ', 2],
    ['<p>one</p><p>two</p>', 2],
    ['<b>bo</b>ld', 1],
    ['line<br>break', 2],
    ['long—dash and en–dash', 5],
    ["don't stop", 2],
    ['a&nbsp;b', 2],
  ])('counts the words of %j as %i', (html, count) => {
    expect(countWords(html)).toBe(count);
  });

  it('shows only the general feedback, and no right answer', () => {
    const q = { ...essay(), generalFeedback: richText('See chapter 4.') };
    const grade = gradeResponse(q, text('My essay.'));
    expect(grade.feedback).toEqual({ specific: [], combined: null, numCorrect: null, general: q.generalFeedback });
    expect(grade.rightAnswer).toBe('');
  });
});

describe('gradeManually', () => {
  it('checks an essay’s grade against [0, 1]', () => {
    expect(gradeManually(essay(), 0)).toMatchObject({ fraction: 0, state: 'gradedwrong' });
    expect(thrownCode(() => gradeManually(essay(), 1.01))).toBe('grade-out-of-range');
    expect(thrownCode(() => gradeManually(essay(), -0.1))).toBe('grade-out-of-range');
    expect(thrownCode(() => gradeManually(essay(), Number.NaN))).toBe('grade-out-of-range');
  });

  it('allows a one-answer multichoice down to its most negative choice, with the feedback of the state', () => {
    const q = multichoice([answer('a', 1), answer('b', -0.5)]);
    const grade = gradeManually(q, -0.5);
    expect(grade).toMatchObject({ fraction: -0.5, state: 'gradedwrong', rightAnswer: 'The correct answer is: a' });
    expect(grade.feedback.combined?.text).toBe(COMBINED.incorrect);
    expect(gradeManually(q, 0.5).feedback.combined?.text).toBe(COMBINED.partiallyCorrect);
    expect(thrownCode(() => gradeManually(q, -0.6))).toBe('grade-out-of-range');
  });

  it('refuses a description', () => {
    expect(thrownCode(() => gradeManually(newDescription(baseQuestion('d', 'Info.')), 0))).toBe('not-gradable');
  });
});

it('refuses a response of another type than the question', () => {
  expect(thrownCode(() => gradeResponse(trueFalse(true), sa('true')))).toBe('response-mismatch');
  expect(thrownCode(() => gradeResponse(essay(), mc([0])))).toBe('response-mismatch');
});
