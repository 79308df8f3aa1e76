// Writing GIFT: Moodle's exact layout, the places where qbank deviates so the file reads back right, and the
// warnings for everything GIFT cannot carry.
import { describe, expect, it } from 'vitest';
import { parseGift, serializeGift, writeGiftQuestion } from '../../../src/formats/gift/index.js';
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
  type Answer,
  type Question,
  type TextFormat,
} from '../../../src/model/index.js';

const base = (name: string, text: string, format: TextFormat = 'moodle') => {
  const b = baseQuestion(name, text, format);
  b.generalFeedback = richText('', format);
  return b;
};
const answer = (text: string, fraction: number, feedback = '', format: TextFormat = 'moodle'): Answer => ({
  text,
  format,
  files: [],
  fraction,
  feedback: richText(feedback, format),
});
function mc(name: string, answers: Answer[], single = true) {
  const q = newMultichoice(base(name, 'Pick'), single);
  q.showStandardInstruction = false;
  q.answers = answers;
  return q;
}
const reread = (q: Question): Question => {
  const r = parseGift(serializeGift({ questions: [q] }).text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.questions[0]!;
};

describe('Moodle\'s layout', () => {
  it('writes each type as writequestion() does', () => {
    const essay = newEssay(base('E', 'Discuss'));
    essay.generalFeedback = richText('See <b>notes</b>', 'html');
    expect(writeGiftQuestion(essay, 7)).toBe('// question: 7  name: E\n::E::Discuss{####[html]See <b>notes</b>}\n\n');

    const description = newDescription(base('D', 'Read this: now', 'html'));
    expect(writeGiftQuestion(description)).toBe('// question: 0  name: D\n::D::[html]Read this\\: now\n');

    const num = newNumerical(base('N', 'How much?'));
    num.answers = [
      { ...answer('2.5', 1), tolerance: 0.00001 },
      { ...answer('2.5', 0.3333333, 'close'), tolerance: 0.5 },
      { ...answer('*', 0, 'no'), tolerance: 0 },
    ];
    expect(writeGiftQuestion(num, 1)).toBe(
      '// question: 1  name: N\n::N::How much?{#\n\t=%100%2.5:1.0E-5#\n\t=%33.33333%2.5:0.5#close\n\t~#no\n}\n\n',
    );

    const tf = newTrueFalse(base('T', 'Sky is blue'), false);
    tf.feedbackTrue = richText('No, it is not', 'moodle');
    expect(writeGiftQuestion(tf)).toBe('// question: 0  name: T\n::T::Sky is blue{FALSE#No, it is not}\n\n');
    tf.feedbackTrue = richText('');
    tf.feedbackFalse = richText('Right', 'moodle');
    expect(writeGiftQuestion(tf)).toBe('// question: 0  name: T\n::T::Sky is blue{FALSE##Right}\n\n');

    const m = newMatch(base('M', 'Pair them'));
    m.subquestions = [
      { text: richText('a=b', 'moodle'), answer: 'x: y' },
      { text: richText('', 'moodle'), answer: 'z' },
    ];
    m.generalFeedback = richText('gf', 'moodle');
    expect(writeGiftQuestion(m)).toBe('// question: 0  name: M\n::M::Pair them{\n\t=a\\=b -> x\\: y\n\t= -> z\n\t####gf\n}\n\n');
  });

  it('writes a category switch before each new category, as Moodle does', () => {
    const q1 = newTrueFalse(base('one', 'A'), true);
    q1.category = '$course$/top/First';
    const q2 = newTrueFalse(base('two', 'B'), true);
    q2.category = '$course$/top/First';
    const q3 = newTrueFalse(base('three', 'C'), false);
    q3.category = '$course$/top/Second';
    const { text, warnings } = serializeGift({ questions: [q1, q2, q3] }, { ids: [11, 12, 13] });
    expect(warnings).toEqual([]);
    expect(text).toBe(
      '// question: 0  name: Switch category to $course$/top/First\n$CATEGORY: $course$/top/First\n\n\n' +
        '// question: 11  name: one\n::one::A{TRUE}\n\n\n' +
        '// question: 12  name: two\n::two::B{TRUE}\n\n\n' +
        '// question: 0  name: Switch category to $course$/top/Second\n$CATEGORY: $course$/top/Second\n\n\n' +
        '// question: 13  name: three\n::three::C{FALSE}\n\n\n',
    );
    const r = parseGift(text);
    expect(r.questions.map((q) => [q.name, q.category])).toEqual([
      ['one', '$course$/top/First'],
      ['two', '$course$/top/First'],
      ['three', '$course$/top/Second'],
    ]);
  });

  it('writes an empty parent category before its first child, and other empty ones at the end', () => {
    const q = newTrueFalse(base('q', 'A'), true);
    q.category = 'P/C';
    const empty = (path: string) => ({ path, info: richText('', 'moodle'), idnumber: null });
    const { text } = serializeGift({ questions: [q], categories: [empty('P'), empty('P/C'), empty('Other')] });
    expect(text.match(/^\$CATEGORY: .*$/gm)).toEqual(['$CATEGORY: P', '$CATEGORY: P/C', '$CATEGORY: Other']);
    expect(parseGift(text).categories.map((c) => c.path)).toEqual(['P', 'P/C', 'Other']);
  });

  it('writes only the header comment for a type GIFT cannot hold, and says so', () => {
    const q: Question = { ...base('Cloze', 'x'), type: 'unsupported', qtype: 'multianswer', xml: '<question/>' };
    const { text, warnings } = serializeGift({ questions: [q] });
    expect(text).toBe('// question: 0  name: Cloze\n\n\n');
    expect(warnings).toEqual([
      "Question 'Cloze': questions of type 'multianswer' cannot be written in GIFT: only a comment with its name is written.",
    ]);
  });
});

describe('deviations from Moodle\'s writer, so that the file reads back right', () => {
  it('keeps [id:, [tag: and line breaks of the name out of the header comment', () => {
    const q = newTrueFalse(base('Q [id:evil] [tag:x]\nsecond line', 'A'), true);
    const text = writeGiftQuestion(q);
    expect(text.split('\n')[0]).toBe('// question: 0  name: Q [id :evil] [tag :x] second line');
    expect(reread(q)).toEqual(q);
  });

  it('tags text that itself starts like a format tag', () => {
    const q = newEssay(base('E', '[html]<b>literal</b>'));
    expect(writeGiftQuestion(q)).toContain('::E::[moodle][html]<b>literal</b>{}');
    expect(reread(q)).toEqual(q);
  });

  it('marks a 0% answer whose text starts like a weight', () => {
    const q = mc('W', [answer('%50%half', 0), answer('right', 1)]);
    expect(writeGiftQuestion(q)).toContain('\t~%0%%50%half\n');
    expect(reread(q)).toEqual(q);
  });

  it('gives a one-answer question whose answers are all 100% a ~ so that it stays multiple choice', () => {
    const q = mc('All', [answer('a', 1), answer('b', 1)]);
    expect(writeGiftQuestion(q)).toContain('\t=a\n\t~%100%b\n');
    expect(reread(q)).toEqual(q);
  });

  it('writes feedback "0", which PHP\'s truthiness drops', () => {
    const q = newTrueFalse(base('Z', 'A'), true);
    q.feedbackFalse = richText('0', 'moodle');
    q.generalFeedback = richText('0', 'moodle');
    expect(writeGiftQuestion(q)).toContain('{TRUE#0####0}');
    expect(reread(q)).toEqual(q);
  });

  it('protects a short answer that starts like a format tag', () => {
    const q = newShortAnswer(base('S', 'Say'));
    q.answers = [answer('[html]x', 1)];
    expect(writeGiftQuestion(q)).toContain('\t=%100%[moodle][html]x#\n');
    expect(reread(q)).toEqual(q);
  });

  it('escapes a numerical answer that is not a number', () => {
    const q = newNumerical(base('N', 'Num'));
    q.answers = [{ ...answer('1}', 1), tolerance: 0 }];
    const { text, warnings } = serializeGift({ questions: [q] });
    expect(text).toContain('\t=%100%1\\}:0#\n');
    expect(warnings).toEqual([`Question 'N': answer 1 ("1}") is not a number: Moodle reads it as * (any answer).`]);
    expect(parseGift(text).diagnostics.map((d) => d.code)).toEqual(['notanumber']);
  });

  it('leaves out an idnumber or tag Moodle cannot read back', () => {
    const q = newTrueFalse(base('T', 'A'), true);
    q.idnumber = 'two\nlines';
    q.tags = ['ok', 'a<b'];
    const { text, warnings } = serializeGift({ questions: [q] });
    expect(text).toContain('\n// [tag:ok]\n');
    expect(warnings).toEqual([
      `Question 'T': the idnumber "two\\nlines" cannot be written so that Moodle reads it back; it is left out.`,
      `Question 'T': the tag "a<b" cannot be written so that Moodle reads it back; it is left out.`,
    ]);
  });

  it('puts each idnumber and tag on its own comment line when a backslash would join them', () => {
    const q = newTrueFalse(base('T', 'A'), true);
    q.idnumber = 'id\\';
    q.tags = ['t1\\', 't]2'];
    const text = writeGiftQuestion(q);
    expect(text).toContain('// [id:id\\]\n// [tag:t1\\]\n// [tag:t\\]2]\n');
    expect(reread(q)).toEqual(q);
  });

  it('keeps Moodle\'s own line when it reads back right', () => {
    const q = newTrueFalse(base('T', 'A'), true);
    q.idnumber = 'my]id';
    q.tags = ['a', 'b'];
    expect(writeGiftQuestion(q)).toContain('// [id:my\\]id] [tag:a] [tag:b]\n');
  });
});

describe('warnings for what GIFT cannot carry', () => {
  const warningsOf = (q: Question) => serializeGift({ questions: [q] }).warnings;

  it('names the question and the lost field', () => {
    const q = mc('Lossy', [answer('a', 1), answer('b', 0)]);
    q.defaultMark = 2;
    q.penalty = 0.5;
    q.hints = [{ text: richText('hint'), showNumCorrect: false, clearWrong: false, options: '' }];
    q.allOrNothing = true;
    q.shuffleAnswers = false;
    q.answerNumbering = 'iii';
    q.showStandardInstruction = true;
    q.combinedFeedback.correct = richText('Well done');
    q.text = { text: 'With a picture', format: 'html', files: [{ name: 'a.png', path: '/', content: 'AA==' }] };
    q.generalFeedback = richText('wiki text', 'wiki');
    expect(warningsOf(q)).toEqual([
      "Question 'Lossy': the default mark 2 is not kept.",
      "Question 'Lossy': the penalty 0.5 is not kept.",
      "Question 'Lossy': hints cannot be written in GIFT.",
      "Question 'Lossy': question text: embedded files cannot be written in GIFT.",
      "Question 'Lossy': general feedback: the wiki format is written as [moodle].",
      "Question 'Lossy': all-or-nothing grading cannot be written in GIFT.",
      'Question \'Lossy\': "shuffle answers: no" cannot be written in GIFT.',
      "Question 'Lossy': answer numbering 'iii' cannot be written in GIFT.",
      'Question \'Lossy\': "show standard instruction" cannot be written in GIFT.',
      "Question 'Lossy': combined feedback cannot be written in GIFT.",
    ]);
  });

  it('covers the options of each type', () => {
    const sa = newShortAnswer(base('SA', 'x'));
    sa.useCase = true;
    sa.answers = [answer('a -> b', 1)];
    expect(warningsOf(sa)).toEqual([
      "Question 'SA': case-sensitive matching cannot be written in GIFT (it is read back as case-insensitive).",
      `Question 'SA': answer 1 holds "->", which makes Moodle read the question as matching.`,
    ]);

    const num = newNumerical(base('N', 'x'));
    num.answers = [{ ...answer('*', 1), tolerance: 0 }, { ...answer('3', 1), tolerance: 0 }];
    num.units = [{ name: 'm', multiplier: 1 }];
    expect(warningsOf(num)).toEqual([
      "Question 'N': units cannot be written in GIFT.",
      `Question 'N': the grade of the "any answer" (*) answer 1 is read back as 0%.`,
      `Question 'N': answer 2 follows the "any answer" (*) answer and is not read back.`,
    ]);

    const essay = newEssay(base('E', 'x'));
    essay.responseFormat = 'plain';
    essay.attachments = 2;
    essay.graderInfo = richText('secret');
    expect(warningsOf(essay)).toEqual([
      "Question 'E': the response format 'plain' is not kept.",
      "Question 'E': attachment settings are not kept.",
      "Question 'E': information for graders is not kept.",
    ]);

    const m = newMatch(base('M', 'x'));
    m.subquestions = [
      { text: richText('a -> b', 'moodle'), answer: 'c' },
      { text: richText('d', 'moodle'), answer: '' },
    ];
    expect(warningsOf(m)).toEqual([
      `Question 'M': question 1 of the matching holds "->", which Moodle reads as the arrow.`,
      "Question 'M': question 2 of the matching has no answer: Moodle stops the import there.",
    ]);

    const d = newDescription(base('D', 'x'));
    d.generalFeedback = richText('gf', 'moodle');
    expect(warningsOf(d)).toEqual(["Question 'D': a description has no place for general feedback in GIFT."]);

    const text = newEssay(base(' padded ', ' x &&058; '));
    expect(warningsOf(text)).toEqual([
      "Question ' padded ': the name is read back cleaned (HTML tags removed, spaces trimmed, at most 255 characters).",
      "Question ' padded ': question text: spaces and line breaks at the start or end are lost.",
      'Question \' padded \': question text: text such as "&&058;" is read back by Moodle as the character it stands for.',
    ]);
  });

  it('warns about categories and questions without one', () => {
    const q1 = newTrueFalse(base('one', 'A'), true);
    q1.category = 'Cat';
    const q2 = newTrueFalse(base('two', 'B'), true);
    const { warnings } = serializeGift({
      questions: [q1, q2],
      categories: [{ path: 'Cat', info: richText('About'), idnumber: 'c1' }],
    });
    expect(warnings).toEqual([
      "Category 'Cat': the category description cannot be written in GIFT.",
      "Category 'Cat': the category idnumber cannot be written in GIFT.",
      "Question 'two': it has no category but follows category 'Cat', so it is read back into that category.",
    ]);
  });
});
