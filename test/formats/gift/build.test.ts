// The GIFT reader builds questions with object literals for speed; they must equal the model's factories.
import { describe, expect, it } from 'vitest';
import {
  buildDescription,
  buildEssay,
  buildMatch,
  buildMultichoice,
  buildNumerical,
  buildShortAnswer,
  buildTrueFalse,
} from '../../../src/formats/gift/build.js';
import {
  baseQuestion,
  newDescription,
  newEssay,
  newMatch,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  newTrueFalse,
  richText,
  type QuestionBase,
} from '../../../src/model/index.js';

describe('GIFT question builders', () => {
  for (const format of ['moodle', 'html', 'markdown'] as const) {
    const b: QuestionBase = { ...baseQuestion('Name', 'Text', format), idnumber: 'id', tags: ['t'], category: 'c' };
    it(`match the model's factories (${format})`, () => {
      expect(buildMultichoice(b, false, true, 'abc', [])).toEqual({ ...newMultichoice(b, false), showStandardInstruction: false });
      const onTrue = richText('yes', format);
      const onFalse = richText('no', format);
      expect(buildTrueFalse(b, true, onTrue, onFalse)).toEqual({ ...newTrueFalse(b, true), feedbackTrue: onTrue, feedbackFalse: onFalse });
      expect(buildShortAnswer(b, [])).toEqual(newShortAnswer(b));
      expect(buildNumerical(b, [])).toEqual(newNumerical(b));
      expect(buildMatch(b, true, [])).toEqual(newMatch(b));
      expect(buildEssay(b)).toEqual(newEssay(b));
      expect(buildDescription(b)).toEqual(newDescription(b));
    });
  }
});
