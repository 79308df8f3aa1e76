// The worked examples of grading-stats.md A.5 that apply to deferred feedback.
import { describe, expect, it } from 'vitest';
import { gradeManually, gradeResponse, randomGuessScore } from '../../src/grading/index.js';
import type { MultichoiceQuestion, QuestionState } from '../../src/model/index.js';
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

const FRACTION_DIGITS = 7;

function mc(selected: number[]) {
  return { type: 'multichoice' as const, selected };
}

describe('E1: multichoice, several answers (C1–C3 at 33.33333%, W1, W2 at −50%, M = 2)', () => {
  const q = multichoice(
    [answer('C1', 0.3333333), answer('C2', 0.3333333), answer('C3', 0.3333333), answer('W1', -0.5), answer('W2', -0.5)],
    { single: false },
  );
  const [C1, C2, C3, W1, W2] = [0, 1, 2, 3, 4];
  const PARTIAL = COMBINED.partiallyCorrect;
  const TOO_MANY = 'You have selected too many options.';

  it.each<[string, number[], number, QuestionState, number, string | null, string]>([
    ['C1 C2 C3', [C1, C2, C3], 0.9999999, 'gradedright', 1.9999998, null, COMBINED.correct],
    ['C1 C2', [C1, C2], 0.6666666, 'gradedpartial', 1.3333332, 'You have correctly selected 2.', PARTIAL],
    ['C1', [C1], 0.3333333, 'gradedpartial', 0.6666666, 'You have correctly selected 1.', PARTIAL],
    ['C1 C2 C3 W1', [C1, C2, C3, W1], 0.4999999, 'gradedpartial', 0.9999998, TOO_MANY, PARTIAL],
    ['C1 C2 W1', [C1, C2, W1], 0.1666666, 'gradedpartial', 0.3333332, 'You have correctly selected 2.', PARTIAL],
    ['C1 W1', [C1, W1], 0, 'gradedwrong', 0, null, COMBINED.incorrect],
    ['W1 W2', [W1, W2], 0, 'gradedwrong', 0, null, COMBINED.incorrect],
    ['all five', [C1, C2, C3, W1, W2], 0, 'gradedwrong', 0, null, COMBINED.incorrect],
  ])('%s', (_, selected, fraction, state, mark, numCorrect, combined) => {
    const grade = gradeResponse(q, mc(selected));
    expect(grade.fraction).toBeCloseTo(fraction, FRACTION_DIGITS);
    expect(grade.fraction! * 2).toBeCloseTo(mark, FRACTION_DIGITS);
    expect(grade.state).toBe(state);
    expect(grade.feedback.numCorrect).toBe(numCorrect);
    expect(grade.feedback.combined?.text).toBe(combined);
    expect(grade.rightAnswer).toBe('The correct answers are: C1, C2, C3');
  });

  it('nothing selected: gave up, shown the incorrect feedback', () => {
    const grade = gradeResponse(q, mc([]));
    expect(grade).toMatchObject({ fraction: null, state: 'gaveup', feedback: { numCorrect: null } });
    expect(grade.feedback.combined?.text).toBe(COMBINED.incorrect);
  });

  it('the number correct is not shown when the question does not ask for it', () => {
    const quiet = multichoice(q.answers, { single: false, combined: { showNumCorrect: false } });
    expect(gradeResponse(quiet, mc([C1, C2, W1])).feedback.numCorrect).toBeNull();
  });
});

describe('E2: multichoice, one answer (A 100%, B 50%, C 0%, D −33.33333%, M = 3)', () => {
  const q = multichoice([answer('A', 1), answer('B', 0.5), answer('C', 0), answer('D', -0.3333333)]);

  it('choosing D keeps the negative fraction in deferred feedback', () => {
    const grade = gradeResponse(q, mc([3]));
    expect(grade.fraction).toBe(-0.3333333);
    expect(grade.fraction! * 3).toBeCloseTo(-0.9999999, FRACTION_DIGITS);
    expect(grade.state).toBe('gradedwrong');
    expect(grade.feedback.combined?.text).toBe(COMBINED.incorrect);
    expect(grade.feedback.numCorrect).toBeNull();
  });

  it.each([
    [0, 1, 'gradedright'],
    [1, 0.5, 'gradedpartial'],
    [2, 0, 'gradedwrong'],
  ])('choosing choice %i gives %f', (index, fraction, state) => {
    expect(gradeResponse(q, mc([index]))).toMatchObject({ fraction, state, rightAnswer: 'The correct answer is: A' });
  });

  it('a one-answer question never shows the number correct, even when asked to', () => {
    expect(gradeResponse(q, mc([1])).feedback.numCorrect).toBeNull();
  });

  it('random guess score (1 + 0.5 + 0 − 0.3333333) / 4 = 0.2916667', () => {
    expect(randomGuessScore(q)).toBeCloseTo(0.2916667, FRACTION_DIGITS);
  });

  it('"Clear my choice" (−1) is no answer', () => {
    expect(gradeResponse(q, mc([-1]))).toMatchObject({ fraction: null, state: 'gaveup' });
  });
});

describe('E3: true/false with the right answer False', () => {
  const q = trueFalse(false, 'No, it is not true.', 'Indeed false.');

  it('False scores 1 with the feedback for False', () => {
    const grade = gradeResponse(q, { type: 'truefalse', value: false });
    expect(grade).toMatchObject({ fraction: 1, state: 'gradedright', rightAnswer: "The correct answer is 'False'." });
    expect(texts(grade.feedback.specific)).toEqual(['Indeed false.']);
    expect(grade.feedback.combined).toBeNull();
  });

  it('True scores 0 with the feedback for True', () => {
    const grade = gradeResponse(q, { type: 'truefalse', value: true });
    expect(grade).toMatchObject({ fraction: 0, state: 'gradedwrong' });
    expect(texts(grade.feedback.specific)).toEqual(['No, it is not true.']);
  });

  it('no response gives up', () => {
    expect(gradeResponse(q, null)).toMatchObject({ fraction: null, state: 'gaveup' });
  });

  it('random guess score 0.5', () => {
    expect(randomGuessScore(q)).toBe(0.5);
  });
});

describe('E4: short answer ("Paris" 100%, "Par*" 50%, "*" 0% with feedback), case-insensitive', () => {
  const answers = [answer('Paris', 1, 'Right.'), answer('Par*', 0.5, 'Close.'), answer('*', 0, 'Think again.')];
  const q = shortAnswer(answers);
  const text = (t: string) => ({ type: 'shortanswer' as const, text: t });

  it.each<[string, number, string]>([
    ['paris', 1, 'Right.'],
    ['  PARIS ', 1, 'Right.'],
    ['Parisian', 0.5, 'Close.'],
    ['Lyon', 0, 'Think again.'],
  ])('%j scores %f', (response, fraction, feedback) => {
    const grade = gradeResponse(q, text(response));
    expect(grade.fraction).toBe(fraction);
    expect(texts(grade.feedback.specific)).toEqual([feedback]);
    expect(grade.rightAnswer).toBe('The correct answer is: Paris');
  });

  it('an empty response gives up', () => {
    expect(gradeResponse(q, text(''))).toMatchObject({ fraction: null, state: 'gaveup' });
  });

  it('order matters: with "Par*" first, "Paris" gets only 0.5', () => {
    const reordered = shortAnswer([answers[1]!, answers[0]!, answers[2]!]);
    expect(gradeResponse(reordered, text('Paris')).fraction).toBe(0.5);
  });

  it('with case sensitivity on, "paris" falls to "*" and scores 0', () => {
    const grade = gradeResponse(shortAnswer(answers, true), text('paris'));
    expect(grade.fraction).toBe(0);
    expect(texts(grade.feedback.specific)).toEqual(['Think again.']);
  });

  it('"3\\*4" matches only the literal text "3*4"', () => {
    const q34 = shortAnswer([answer('3\\*4', 1)]);
    expect(gradeResponse(q34, text('3*4')).fraction).toBe(1);
    expect(gradeResponse(q34, text('34')).fraction).toBe(0);
    expect(gradeResponse(q34, text('3x4')).fraction).toBe(0);
  });
});

describe('E5: numerical (9.81 ± 0.05 100%, 10 ± 0 50%, "*" 0%)', () => {
  const answers = [numAnswer('9.81', 1, 0.05), numAnswer('10', 0.5, 0), numAnswer('*', 0, 0)];
  const text = (t: string) => ({ type: 'numerical' as const, text: t });

  it.each<[string, number, QuestionState]>([
    ['9.8', 1, 'gradedright'],
    ['9.86', 1, 'gradedright'],
    ['9.87', 0, 'gradedwrong'],
    ['1e1', 0.5, 'gradedpartial'],
    ['10', 0.5, 'gradedpartial'],
    ['abc', 0, 'gradedwrong'],
  ])('%j scores %f', (response, fraction, state) => {
    expect(gradeResponse(numerical(answers), text(response))).toMatchObject({ fraction, state });
  });

  it('"abc" does not reach "*": no answer matched, so no answer feedback', () => {
    const withFeedback = numerical([answers[0]!, answers[1]!, numAnswer('*', 0, 0, 'Any other number.')]);
    expect(gradeResponse(withFeedback, text('abc')).feedback.specific).toEqual([]);
    expect(texts(gradeResponse(withFeedback, text('9.87')).feedback.specific)).toEqual(['Any other number.']);
  });

  describe('with units m (×1) and cm (×100), typed, unit penalty 0.1', () => {
    function withUnits(gradingType: number) {
      const q = numerical(answers);
      q.units = [
        { name: 'm', multiplier: 1 },
        { name: 'cm', multiplier: 100 },
      ];
      q.unitOptions = { unitGradingType: gradingType, unitPenalty: 0.1, showUnits: 0, unitsLeft: false };
      return q;
    }

    it.each<[string, number]>([
      ['981 cm', 1],
      ['9.81 m', 1],
      ['9.81', 0.9],
      ['9.81 km', 0.9],
    ])('grading type 1: %j scores %f', (response, fraction) => {
      expect(gradeResponse(withUnits(1), text(response)).fraction).toBeCloseTo(fraction, FRACTION_DIGITS);
    });

    it('grading type 2: "10" without a unit scores 0.5 − 0.1 = 0.4', () => {
      expect(gradeResponse(withUnits(2), text('10')).fraction).toBeCloseTo(0.4, FRACTION_DIGITS);
    });

    it('a missing unit is told to the student, a right unit is not', () => {
      expect(texts(gradeResponse(withUnits(1), text('9.81')).feedback.specific)).toEqual([
        'You did not give the correct unit.',
      ]);
      expect(gradeResponse(withUnits(1), text('981 cm')).feedback.specific).toEqual([]);
    });

    it('the right-answer sentence carries the first unit', () => {
      expect(gradeResponse(withUnits(1), text('1')).rightAnswer).toBe('The correct answer is: 9.81 m');
    });
  });
});

describe('E6: matching, 4 stems and 5 distinct choices (one a distractor)', () => {
  const q = match([
    ['Cat', 'meows'],
    ['Dog', 'barks'],
    ['Cow', 'moos'],
    ['Duck', 'quacks'],
    ['', 'roars'],
  ]);
  const sel = (selected: (number | null)[]) => ({ type: 'match' as const, selected });

  it('3 stems right, 1 wrong → 0.75', () => {
    const grade = gradeResponse(q, sel([0, 1, 2, 4]));
    expect(grade).toMatchObject({ fraction: 0.75, state: 'gradedpartial' });
    expect(grade.feedback.numCorrect).toBe('You have correctly selected 3.');
    expect(grade.feedback.combined?.text).toBe(COMBINED.partiallyCorrect);
    expect(grade.rightAnswer).toBe(
      'The correct answer is: Cat → meows, Dog → barks, Cow → moos, Duck → quacks',
    );
  });

  it('2 answered right, 2 blank → 0.5 in deferred feedback', () => {
    const grade = gradeResponse(q, sel([0, 1, null, null]));
    expect(grade).toMatchObject({ fraction: 0.5, state: 'gradedpartial' });
    expect(grade.feedback.numCorrect).toBe('You have correctly selected 2.');
  });

  it('all blank gives up', () => {
    expect(gradeResponse(q, sel([null, null, null, null]))).toMatchObject({ fraction: null, state: 'gaveup' });
  });

  it('random guess score 1/5', () => {
    expect(randomGuessScore(q)).toBe(0.2);
  });
});

describe('E10: all-or-nothing, right set {A, C, E} of five', () => {
  const q: MultichoiceQuestion = multichoice(
    [answer('A', 1), answer('B', 0), answer('C', 1), answer('D', 0), answer('E', 1)],
    { single: false, allOrNothing: true },
  );

  it.each<[string, number[], number | null, QuestionState]>([
    ['{A, C, E}', [0, 2, 4], 1, 'gradedright'],
    ['{A, C}', [0, 2], 0, 'gradedwrong'],
    ['{A, C, E, B}', [0, 2, 4, 1], 0, 'gradedwrong'],
    ['nothing', [], null, 'gaveup'],
  ])('%s', (_, selected, fraction, state) => {
    expect(gradeResponse(q, mc(selected))).toMatchObject({ fraction, state });
  });

  it('random guess score is not computed', () => {
    expect(randomGuessScore(q)).toBeNull();
  });
});

describe('E11: essay, M = 5', () => {
  const q = essay();

  it.each<[number, number, QuestionState]>([
    [3.5, 0.7, 'gradedpartial'],
    [5, 1, 'gradedright'],
  ])('a teacher’s mark of %f gives %f', (mark, fraction, state) => {
    const grade = gradeManually(q, mark / 5);
    expect(grade.fraction).toBeCloseTo(fraction, FRACTION_DIGITS);
    expect(grade.state).toBe(state);
  });

  it('before grading, the response waits in needsgrading with no fraction', () => {
    expect(gradeResponse(q, { type: 'essay', text: 'RNNs unroll over time.' })).toMatchObject({
      fraction: null,
      state: 'needsgrading',
    });
  });
});

describe('E12: per-slot marks (M = 1, 1, 2, 3)', () => {
  const slots = [
    { maxMark: 1, grade: gradeResponse(trueFalse(true), { type: 'truefalse', value: true }), mark: 1 },
    {
      maxMark: 1,
      grade: gradeResponse(multichoice([answer('A', 1), answer('B', 0.5)]), mc([1])),
      mark: 0.5,
    },
    {
      maxMark: 2,
      grade: gradeResponse(multichoice([answer('A', 1), answer('D', -0.3333333)]), mc([1])),
      mark: -0.6666666,
    },
    {
      maxMark: 3,
      grade: gradeResponse(
        multichoice([answer('C1', 0.3333333), answer('C2', 0.3333333), answer('C3', 0.3333333), answer('W', -0.5)], {
          single: false,
        }),
        mc([0, 1, 2]),
      ),
      mark: 2.9999997,
    },
  ];

  it.each(slots.map((s, i) => [i + 1, s] as const))('slot %i', (_, slot) => {
    expect(slot.grade.fraction! * slot.maxMark).toBeCloseTo(slot.mark, FRACTION_DIGITS);
  });

  it('the marks add up to 3.8333331', () => {
    const total = slots.reduce((sum, s) => sum + s.grade.fraction! * s.maxMark, 0);
    expect(total).toBeCloseTo(3.8333331, FRACTION_DIGITS);
  });
});
