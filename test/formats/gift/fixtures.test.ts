// Moodle's own GIFT fixture files, read as a whole.
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/formats/gift/index.js';
import type { Question } from '../../../src/model/index.js';
import { readFixture } from './moodle-fields.js';

const errors = (r: ReturnType<typeof parseGift>) => r.diagnostics.filter((d) => d.severity === 'error');
function byName<T extends Question['type']>(qs: Question[], name: string, type: T): Extract<Question, { type: T }> {
  const q = qs.find((x) => x.name === name && x.type === type);
  if (!q) throw new Error(`no ${type} named ${name}`);
  return q as Extract<Question, { type: T }>;
}

describe('questions.gift.txt', () => {
  const r = parseGift(readFixture('questions.gift.txt'));

  it('imports the 9 questions of Moodle\'s behat test', () => {
    expect(errors(r)).toEqual([]);
    expect(r.questions.map((q) => q.type)).toEqual([
      'essay',
      'match',
      'multichoice',
      'multichoice',
      'numerical',
      'shortanswer',
      'truefalse',
      'truefalse',
      'truefalse',
    ]);
    expect(r.positions.map((p) => p.line)).toEqual([1, 4, 13, 21, 30, 33, 40, 45, 48]);
  });

  it('reads the matching question with its distractor and per-stem formats', () => {
    const q = byName(r.questions, 'Moodle activities', 'match');
    expect(q.text).toEqual({ text: 'Match the <b>activity</b> to the description.', format: 'html', files: [] });
    expect(q.subquestions.map((s) => [s.text.format, s.answer])).toEqual([
      ['html', 'Forum'],
      ['moodle', 'Choice'],
      ['plain', 'Database'],
      ['markdown', 'Wiki'],
      ['html', 'Chat'],
    ]);
    expect(q.subquestions[4]!.text.text).toBe('');
  });

  it('turns the stray "; after a closing brace into a missing-word question', () => {
    const q = byName(r.questions, 'Q5', 'numerical');
    expect(q.text.text).toBe('What is a number from 1 to 5? _____";');
    expect(q.answers.map((a) => [a.text, a.tolerance, a.fraction])).toEqual([
      ['3', 2, 1],
      ['*', 0, 0],
    ]);
    const tf = byName(r.questions, 'Q1', 'truefalse');
    expect(tf.correctAnswer).toBe(false);
    expect(tf.generalFeedback.text).toBe("This is, of course, a Hitchiker's Guide to the Galaxy reference.");
  });

  it('keeps weights and feedback of the several-answer question', () => {
    const q = byName(r.questions, 'colours', 'multichoice');
    expect(q.single).toBe(false);
    expect(q.answers.map((a) => [a.text, a.fraction, a.feedback.text])).toEqual([
      ['yellow', 0.5, 'right; good!'],
      ['red', -1, 'wrong'],
      ['off-beige', 0.5, 'right; good!'],
      ['blue', -1, 'wrong'],
    ]);
  });
});

describe('questions_in_category.gift.txt', () => {
  const r = parseGift(readFixture('questions_in_category.gift.txt'));

  it('imports 4 questions, all in the file\'s category', () => {
    expect(errors(r)).toEqual([]);
    expect(r.questions).toHaveLength(4);
    expect(r.categories).toEqual([
      { path: '$course$/Default for New Features', info: { text: '', format: 'moodle', files: [] }, idnumber: null },
    ]);
    expect(r.questions.every((q) => q.category === '$course$/Default for New Features')).toBe(true);
  });

  it('decodes escapes inside HTML', () => {
    const q = byName(r.questions, 'Greeting', 'multichoice');
    expect(q.text.text).toBe(
      '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">Listen to this greeting:</a><br /><br />What language is being spoken?',
    );
    expect(q.answers.find((a) => a.fraction === 1)!.text).toBe('French');
    const sa = byName(r.questions, 'Moodle user', 'shortanswer');
    expect(sa.answers).toEqual([{ text: 'Moodler', format: 'moodle', files: [], fraction: 1, feedback: { text: '', format: 'html', files: [] } }]);
  });
});

describe('questions_encoding_windows-1252.gift.txt', () => {
  it('is refused with Moodle\'s message and nothing else', () => {
    const r = parseGift(readFixture('questions_encoding_windows-1252.gift.txt'));
    expect(r.questions).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        line: 15,
        column: 7,
        code: 'importwrongfileencoding',
        message: 'The file you selected does not use UTF-8 character encoding. GIFT format files must use UTF-8.',
      },
    ]);
  });
});

describe('examples.txt', () => {
  const r = parseGift(readFixture('examples.txt'));

  it('parses without errors', () => {
    expect(errors(r)).toEqual([]);
    expect(r.questions).toHaveLength(43);
    expect(r.positions).toHaveLength(43);
  });

  it('reads the examples as Moodle does', () => {
    const tomb = r.questions[0]!;
    expect(tomb.type).toBe('multichoice');
    expect(tomb.name).toBe("Who's buried in Grant's tomb?");
    expect(r.positions[0]).toEqual({ line: 8, column: 1 });

    const pi = r.questions.filter((q) => q.type === 'numerical' && q.text.text.startsWith('What is the value of pi'));
    expect(pi.map((q) => q.type === 'numerical' && [q.text.text, q.answers[0]!.text, q.answers[0]!.tolerance])).toEqual([
      ['What is the value of pi (to 3 decimal places)? _____.', '3.1415', 0.0005],
      ['What is the value of pi (to 3 decimal places)? _____.', '3.1415', 0.00050000000000017],
    ]);

    const md = byName(r.questions, "Who's buried in **Grant's tomb**?", 'shortanswer');
    expect(md.text.format).toBe('markdown');

    const special = byName(r.questions, 'GIFT Control Characters', 'multichoice');
    expect(special.answers.map((a) => a.text)).toEqual(['~', '=', '#', '{', '}', '\\']);
    expect(special.answers[5]!.feedback.text).toBe(
      'Correct! \\ (backslash) is not a control character. BUT,\nit is used to escape the control characters. So, to specify\na literal backslash, you must escape it with a backslash\n(as shown in this example).',
    );

    const kanji = byName(r.questions, 'Kanji Origins', 'shortanswer');
    expect(kanji.text.text).toBe('Japanese characters originally\ncame from what country?');

    const hometown = r.questions.filter((q) => q.name === "Jesus' hometown");
    expect(hometown.map((q) => q.type)).toEqual(['multichoice', 'shortanswer']);
    const sa = hometown[1]!;
    expect(sa.type === 'shortanswer' && sa.answers.map((a) => a.fraction)).toEqual([1, 0.75, 0.25]);

    const born = byName(r.questions, 'Numerical example', 'numerical');
    expect(born.answers.map((a) => [a.text, a.tolerance, a.fraction])).toEqual([
      ['1822', 0, 1],
      ['1822', 2, 0.5],
    ]);
    expect(born.answers[1]!.feedback.text).toBe('He was born in 1822.\nYou get 50% credit for being close.');
  });
});
