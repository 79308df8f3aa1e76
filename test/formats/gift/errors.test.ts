// Every error the GIFT import reports, with where it points and what it says.
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/formats/gift/index.js';

const OK = '::ok::A good question{T}\n\n';

/** [name, file, line, column, code, message] */
const cases: [string, string, number, number, string, string][] = [
  ['a { without }', `${OK}::bad::Lone brace {\n   =a`, 3, 19, 'braceerror', 'Could not find {...} around answers'],
  ['a } without {', `${OK}// c\n  ::bad::Text =a}`, 4, 17, 'braceerror', 'Could not find {...} around answers'],
  ['} before {', `${OK}a } b {=c =d}`, 3, 3, 'braceorder', 'Could not find {...} around answers: a } comes before the first {.'],
  ['multiple choice with one answer', `${OK}Q {~only}`, 3, 3, 'importminerror', 'There is an error in the question. There are not enough answers for this question type'],
  ['matching with one pair', `${OK}Q\n{\n=a -> b\n}`, 4, 1, 'importminerror', 'There is an error in the question. There are not enough answers for this question type'],
  ['short answer with no answer', `${OK}Q{0}`, 3, 2, 'importminerror', 'There is an error in the question. There are not enough answers for this question type'],
  ['matching pair without ->', `${OK}Match {\n  =a -> 1\n  =b 2\n}`, 5, 4, 'giftmatchingformat', 'Matching question answers are improperly formatted: b 2 has no ->.'],
  ['numerical without answers', `${OK}N {#~#wrong}`, 3, 3, 'giftnonumericalanswers', 'No answers found for numerical question'],
  ['numerical tolerance not a number', `${OK}N {#\n  =5:1 \n  =%50%5:x\n}`, 5, 8, 'errornotnumbers', 'Error - answers must be numeric: the tolerance x is not a number.'],
  ['weight not in the list', `${OK}::w::Q {\n ~%33%a\n ~%67%b\n ~c\n}`, 4, 3, 'invalidgradequestion', "Grades (0.33, 0.67) do not match grade options - question 'w' skipped."],
  ['weight %1000%', `${OK}::w::Q{=%1000%a =b}`, 3, 9, 'invalidgradequestion', "Grades (10) do not match grade options - question 'w' skipped."],
  ['weight with two minus signs', `${OK}Q{~%--50%a ~b}`, 3, 4, 'weightnotnumber', 'The weight %--50% is not a number (Moodle stops the import with a PHP error here).'],
  ['range with words', `${OK}Q{#\n=a..b}`, 4, 2, 'rangenotnumber', 'The range a..b has an end that is not a number (Moodle stops the import with a PHP error here).'],
  ['short answer without 100%', `${OK}Q {=%50%a =%50%b}`, 3, 3, 'fractionsnomax', 'One of the answers should have a score of 100% so it is possible to get full marks for this question.'],
  ['multiple choice left with one answer', `${OK}Q {~a ~}`, 3, 3, 'notenoughanswers', 'This type of question requires at least 2 choices'],
  ['matching stem without answer', `${OK}Q {\n=a -> 1\n=b ->\n}`, 5, 2, 'nomatchinganswer', "You must specify an answer matching the question 'b'."],
  ['ordering question', `${OK}Q {>2 ALL\nx\ny}`, 3, 4, 'unsupportedqtype', 'This is an ordering question ({>…}), a type qbank cannot import from GIFT.'],
];

describe('GIFT import errors', () => {
  it.each(cases)('%s', (_name, gift, line, column, code, message) => {
    const r = parseGift(gift);
    expect(r.questions).toEqual([]);
    expect(r.positions).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([{ severity: 'error', line, column, code, message }]);
  });

  it('reports every bad question, not only the first', () => {
    const r = parseGift('Q{=a\n\nR =b}\n\nS{#}');
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, 'braceerror'],
      [3, 'braceerror'],
      [5, 'giftnonumericalanswers'],
    ]);
  });

  it('refuses a file with nothing in it', () => {
    for (const empty of ['', '\n\n', '// only a comment\n', '0\n0']) {
      expect(parseGift(empty).diagnostics).toEqual([
        { severity: 'error', line: 1, column: 1, code: 'noquestionsinfile', message: 'There are no questions in the import file' },
      ]);
    }
  });

  it('accepts a file holding only a category switch', () => {
    const r = parseGift('$CATEGORY: $course$/top/Empty\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.categories.map((c) => c.path)).toEqual(['$course$/top/Empty']);
  });

  it('refuses a file over the size limit', () => {
    const r = parseGift('Q{T}\n'.repeat(100), { maxBytes: 100 });
    expect(r.diagnostics).toEqual([
      { severity: 'error', line: 1, column: 1, code: 'toolarge', message: 'The file is 500 bytes; the limit is 100 bytes.' },
    ]);
  });

  it('counts the size of a text in UTF-8 bytes, not characters', () => {
    const text = `${'Ж'.repeat(60)}{T}`; // 63 characters, 123 bytes
    expect(parseGift(text, { maxBytes: 123 }).diagnostics).toEqual([]);
    expect(parseGift(text, { maxBytes: 122 }).diagnostics).toEqual([
      { severity: 'error', line: 1, column: 1, code: 'toolarge', message: 'The file is 123 bytes; the limit is 122 bytes.' },
    ]);
  });

  it('refuses bytes that are not UTF-8, pointing at the first bad byte', () => {
    const bytes = new Uint8Array([...Buffer.from('Q{T}\n\nCaf'), 0xe9, ...Buffer.from('{F}\n')]);
    expect(parseGift(bytes).diagnostics).toEqual([
      {
        severity: 'error',
        line: 3,
        column: 4,
        code: 'importwrongfileencoding',
        message: 'The file you selected does not use UTF-8 character encoding. GIFT format files must use UTF-8.',
      },
    ]);
  });

  it('keeps the categories of a file it refuses, and no questions', () => {
    const r = parseGift('$CATEGORY: A\n\nQ{T}\n\nR{=a');
    expect(r.questions).toEqual([]);
    expect(r.categories.map((c) => c.path)).toEqual(['A']);
  });
});
