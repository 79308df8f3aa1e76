// Moodle's own GIFT unit tests (giftformat_test.php), replayed from the shared vectors.
import { describe, expect, it } from 'vitest';
import { extractIdnumberAndTags, readGiftQuestion, writeGiftQuestion } from '../../../src/formats/gift/index.js';
import { fromMoodleData, loadVectors, looseDifferences, toMoodleFields, vectorName } from './moodle-fields.js';

const vectors = loadVectors();
const lf = (s: string): string => s.replace(/\r\n?/g, '\n');

describe('Moodle GIFT vectors', () => {
  it('are all here', () => {
    expect(vectors).toHaveLength(38);
  });

  describe('readquestion', () => {
    for (const v of vectors.filter((x) => x.entry === 'readquestion')) {
      it(vectorName(v), () => {
        const numbering = v.config?.['qtype_multichoice/answernumbering'];
        const read = readGiftQuestion(v.lines!, numbering ? { answerNumbering: numbering } : {});
        expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(read.question).not.toBeNull();
        expect(looseDifferences(v.expected, toMoodleFields(read.question!))).toEqual([]);
      });
    }
  });

  describe('extract_idnumber_and_tags_from_comment', () => {
    for (const v of vectors.filter((x) => x.entry === 'extract_idnumber_and_tags_from_comment')) {
      it(vectorName(v), () => {
        expect(extractIdnumberAndTags(v.gift)).toEqual(v.expected);
      });
    }
  });

  describe('writequestion', () => {
    for (const v of vectors.filter((x) => x.entry === 'writequestion')) {
      it(vectorName(v), () => {
        const q = fromMoodleData(v.question!);
        expect(lf(writeGiftQuestion(q, v.question!.id))).toBe(lf(v.expected.gift as string));
      });
    }
  });
});
