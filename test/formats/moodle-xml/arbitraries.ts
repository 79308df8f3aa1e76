// Random questions of every type, with every field of the model, in the canonical form a Moodle XML import
// produces (texts trimmed, grades from Moodle's list, defaults Moodle would apply made explicit), so that
// writing one and reading it back must give exactly the same question.
import fc from 'fast-check';
import { writeMoodleXmlQuestion } from '../../../src/formats/moodle-xml/index.js';
import {
  GRADE_OPTIONS,
  phpTrim,
  TEXT_FORMATS,
  type Answer,
  type Category,
  type EmbeddedFile,
  type Hint,
  type Question,
  type QuestionBase,
  type RichText,
  type TextFormat,
  type UnsupportedQuestion,
} from '../../../src/model/index.js';
import { htmlIsBlank } from '../../../src/formats/php-text.js';

/** Pieces of text that stress the writer: CDATA ends, markup, entities, quotes, GIFT's specials, Russian, TeX. */
const TOKENS = [
  ']]>', ']]', '<', '>', '&', '"', "'", '\\', '~', '=', '#', '{', '}', ':', 'a', 'Z', '7', ' ', '\n', '\t',
  'Рекуррентная', 'нейросеть', 'ёж', '$$\\sum_{t=1}^{T} h_t$$', '\\(x^2 < y\\)', '<p>', '</p>', '<b>x</b>',
  '&amp;', '&nbsp;', '&#160;', '<![CDATA[', '@@PLUGINFILE@@/a.png', '%50%', '{1:SA:=x}', '—', 'é', '日本',
];
const PLAIN_TOKENS = TOKENS.filter((t) => !t.includes('<'));

/** Records with Object.prototype, like the parser's objects (fast-check may otherwise build null-prototype ones). */
function record<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

function textFrom(tokens: readonly string[], maxLength = 6): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...tokens), { maxLength }).map((parts) => phpTrim(parts.join('')));
}

/** Any text Moodle keeps as it is: trimmed (Moodle trims every text it reads). */
export const textArb = textFrom(TOKENS);
const nonEmptyText = textArb.filter((t) => t !== '');
/** Names lose their tags on import (PARAM_TEXT), so they are drawn without `<`. */
const nameArb = textFrom(PLAIN_TOKENS);
const nonEmptyPlain = nameArb.filter((t) => t !== '');
const formatArb: fc.Arbitrary<TextFormat> = fc.constantFrom(...TEXT_FORMATS);

const fileArb: fc.Arbitrary<EmbeddedFile> = record({
  name: fc.constantFrom('a.png', 'схема сети.svg', 'R&D "notes".pdf', "it's.txt", 'x<y>.gif'),
  path: fc.constantFrom('/', '/myfolder/', '/a & b/'),
  content: fc.base64String({ maxLength: 16 }),
});
const filesArb = fc.uniqueArray(fileArb, { selector: (f) => f.path + f.name, maxLength: 2 });

function richArb(text: fc.Arbitrary<string> = textArb, withFiles = true): fc.Arbitrary<RichText> {
  return record({ text, format: formatArb, files: withFiles ? filesArb : fc.constant<EmbeddedFile[]>([]) });
}

function hintsArb(withParts: boolean, withOptions = false): fc.Arbitrary<Hint[]> {
  const hint: fc.Arbitrary<Hint> = record<Hint>({
    text: richArb(),
    showNumCorrect: withParts ? fc.boolean() : fc.constant(false),
    clearWrong: withParts ? fc.boolean() : fc.constant(false),
    options: withOptions ? fc.constantFrom('', '1') : fc.constant(''),
  })
    // Moodle empties a hint text with nothing but markup, and drops a hint with nothing at all.
    .map((h) => (htmlIsBlank(h.text.text) ? { ...h, text: { ...h.text, text: '' } } : h))
    .filter((h) => h.text.text !== '' || h.showNumCorrect || h.clearWrong || h.options !== '');
  return fc.array(hint, { maxLength: 2 });
}

const baseArb: fc.Arbitrary<QuestionBase> = record({
  name: nameArb,
  text: richArb(),
  generalFeedback: richArb(),
  defaultMark: fc.constantFrom(0, 0.5, 1, 2, 3.5, 10, 100),
  // Away from 0.3333333, which Moodle's import snaps anything within 0.005 of.
  penalty: fc.constantFrom(0, 0.1, 0.25, 0.3333333, 0.5, 1),
  idnumber: fc.option(textFrom(TOKENS.concat([' ', ' '])).filter((s) => s !== ''), { nil: null }),
  tags: fc.array(nonEmptyText, { maxLength: 3 }),
  hints: fc.constant([]),
  category: fc.constant(null),
});

function answerArb(fraction: number, html: boolean): fc.Arbitrary<Answer> {
  return record({
    text: nonEmptyText,
    format: formatArb,
    files: html ? filesArb : fc.constant<EmbeddedFile[]>([]),
    fraction: fc.constant(fraction),
    feedback: richArb(),
  });
}

const anyGrade = fc.constantFrom(...GRADE_OPTIONS);
const nonPositive = fc.constantFrom(0, -0.1, -0.25, -0.3333333, -0.5, -1);
/** Positive grades that add up to 100% once rounded to two decimals, as Moodle 5 requires. */
const fullSets = fc.constantFrom([1], [0.5, 0.5], [0.3333333, 0.3333333, 0.3333333], [0.25, 0.25, 0.5], [0.6, 0.4], [0.9, 0.1], [0.2, 0.2, 0.2, 0.2, 0.2]);

function shuffled<T>(items: T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
}

function answersArb(fractions: fc.Arbitrary<number[]>, html: boolean): fc.Arbitrary<Answer[]> {
  return fractions.chain(shuffled).chain((list) => fc.tuple(...list.map((f) => answerArb(f, html))));
}

const combinedArb = record({
  correct: richArb(),
  partiallyCorrect: richArb(),
  incorrect: richArb(),
  showNumCorrect: fc.boolean(),
});

const numberingArb = fc.constantFrom('abc', 'ABCD', '123', 'iii', 'IIII', 'none', 'a & b <c>', ' kept as is ');

const multichoiceArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.boolean(), fc.boolean(), numberingArb, fc.boolean(), combinedArb, hintsArb(true))
  .chain(([base, single, shuffleAnswers, answerNumbering, showStandardInstruction, combinedFeedback, hints]) => {
    const fractions = single
      ? fc.array(anyGrade, { minLength: 1, maxLength: 4 }).map((others) => [1, ...others])
      : fc.tuple(fullSets, fc.array(nonPositive, { minLength: 1, maxLength: 3 })).map(([pos, rest]) => [...pos, ...rest]);
    return answersArb(fractions, true).map(
      (answers): Question => ({
        ...base,
        type: 'multichoice',
        single,
        allOrNothing: false,
        shuffleAnswers,
        answerNumbering,
        showStandardInstruction,
        answers,
        combinedFeedback,
        hints,
      }),
    );
  });

/** The all-or-nothing plugin keeps right (100%) and wrong (0%) answers, no partial feedback, no instruction switch. */
const allOrNothingArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.boolean(), numberingArb, combinedArb, hintsArb(true, true))
  .chain(([base, shuffleAnswers, answerNumbering, combined, hints]) =>
    answersArb(fc.array(fc.constantFrom(0, 1), { minLength: 2, maxLength: 5 }), true).map(
      (answers): Question => ({
        ...base,
        type: 'multichoice',
        single: false,
        allOrNothing: true,
        shuffleAnswers,
        answerNumbering,
        showStandardInstruction: true,
        answers,
        combinedFeedback: { ...combined, partiallyCorrect: { text: '', format: base.text.format, files: [] } },
        hints,
      }),
    ),
  );

const trueFalseArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.boolean(), richArb(), richArb(), formatArb, hintsArb(false))
  .map(([base, correctAnswer, feedbackTrue, feedbackFalse, answerFormat, hints]) => ({
    ...base,
    type: 'truefalse',
    correctAnswer,
    feedbackTrue,
    feedbackFalse,
    answerFormat,
    hints,
  }));

const shortAnswerArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, fc.boolean(), hintsArb(false))
  .chain(([base, useCase, hints]) =>
    answersArb(fc.array(anyGrade, { maxLength: 3 }).map((others) => [1, ...others]), false).map(
      (answers): Question => ({ ...base, type: 'shortanswer', useCase, answers, hints }),
    ),
  );

const unitNameArb = fc.constantFrom('m', 'cm', 'm/s²', 'Ω', 'R&D', '<kg>', 'км в час');
const numericalArb: fc.Arbitrary<Question> = fc
  .tuple(
    baseArb,
    fc.uniqueArray(record({ name: unitNameArb, multiplier: fc.constantFrom(1, 0.001, 100, 1000, 0.5, 2.54) }), {
      selector: (u) => u.name,
      maxLength: 3,
    }),
    fc.option(
      record({
        unitGradingType: fc.constantFrom(0, 1, 2),
        unitPenalty: fc.constantFrom(0, 0.1, 0.5, 1),
        showUnits: fc.constantFrom(0, 1, 2, 3),
        unitsLeft: fc.boolean(),
      }),
      { nil: null },
    ),
    fc.option(richArb(), { nil: null }),
    hintsArb(false),
  )
  .chain(([base, units, unitOptions, instructions, hints]) => {
    const numberText = fc.constantFrom('42', '-1.5', '3e8', '0.001', '1000', '.5');
    const withUnit = units.length
      ? fc.tuple(numberText, fc.constantFrom(...units.map((u) => u.name))).map(([n, u]) => `${n} ${u}`)
      : numberText;
    const answer = (fraction: number) =>
      record({
        text: fc.oneof(fc.constant('*'), numberText, withUnit),
        format: formatArb,
        files: fc.constant<EmbeddedFile[]>([]),
        fraction: fc.constant(fraction),
        feedback: richArb(),
        tolerance: fc.constantFrom(0, 0.001, 0.5, 1, 2.5, 100),
      });
    return fc
      .array(anyGrade, { minLength: 1, maxLength: 3 })
      .chain((fractions) => fc.tuple(...fractions.map(answer)))
      .map((answers): Question => ({ ...base, type: 'numerical', answers, units, unitOptions, instructions, hints }));
  });

const matchArb: fc.Arbitrary<Question> = fc
  .tuple(
    baseArb,
    fc.boolean(),
    fc.array(
      fc.oneof(
        record({ text: richArb(nonEmptyText), answer: nonEmptyText }),
        // A distractor: an answer without a stem.
        record({ text: richArb(fc.constant('')), answer: nonEmptyText }),
      ),
      { maxLength: 4 },
    ),
    combinedArb,
    hintsArb(true),
  )
  .map(([base, shuffleAnswers, subquestions, combinedFeedback, hints]) => ({
    ...base,
    type: 'match',
    shuffleAnswers,
    subquestions,
    combinedFeedback,
    hints,
  }));

const essayArb: fc.Arbitrary<Question> = fc
  .tuple(
    baseArb,
    record({
      responseFormat: fc.constantFrom('editor', 'editorfilepicker', 'plain', 'monospaced', 'noinline', 'a&b <c>'),
      responseRequired: fc.boolean(),
      responseFieldLines: fc.integer({ min: 0, max: 50 }),
      minWordLimit: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
      maxWordLimit: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null }),
      attachments: fc.integer({ min: -1, max: 3 }),
      attachmentsRequired: fc.integer({ min: 0, max: 3 }),
      maxBytes: fc.option(fc.constantFrom(0, 1024, 52428800), { nil: null }),
      fileTypesList: fc.option(fc.constantFrom('.pdf,.zip.,.docx', 'document', 'image & "audio"'), { nil: null }),
      graderInfo: richArb(),
      // Moodle XML has no place for files in the response template.
      responseTemplate: richArb(textArb, false),
    }),
  )
  .map(([base, essay]) => ({ ...base, ...essay, type: 'essay' }));

const descriptionArb: fc.Arbitrary<Question> = baseArb.map((base) => ({ ...base, type: 'description', defaultMark: 0 }));

/** A type qbank does not grade, in the form a Moodle export writes its header; its own elements vary too. */
const unsupportedArb: fc.Arbitrary<Question> = fc
  .tuple(baseArb, hintsArb(true), fc.constantFrom('ddwtos', 'gapselect', 'calculated', 'ordering', 'stack', 'formulas'), nonEmptyPlain)
  .map(([base, hints, qtype, extra]): UnsupportedQuestion => {
    const header = writeMoodleXmlQuestion({ ...base, hints, type: 'description' });
    const element = header
      .slice(header.indexOf('<question'), header.lastIndexOf('</question>'))
      .replace('type="description"', `type="${qtype}"`);
    const plugin = `    <${qtype}data><![CDATA[${extra.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${qtype}data>\n  `;
    return { ...base, hints, type: 'unsupported', qtype, xml: `${element}${plugin}</question>` };
  });

/** A question of any type qbank reads from Moodle XML, with no category. */
export const questionArb: fc.Arbitrary<Question> = fc.oneof(
  multichoiceArb,
  allOrNothingArb,
  trueFalseArb,
  shortAnswerArb,
  numericalArb,
  matchArb,
  essayArb,
  descriptionArb,
  unsupportedArb,
);

const PATHS = ['$course$/top/Рекуррентные нейросети', '$module$/top/A//B/C & <D>', 'Plain path/Sub', '$system$/top/x "y"'];

const categoryArb = (path: string): fc.Arbitrary<Category> =>
  record({
    path: fc.constant(path),
    info: richArb(textArb, false),
    idnumber: fc.option(nonEmptyPlain, { nil: null }),
  });

/** A bank: questions, all in categories (from a few paths) or none, and descriptions of some categories. */
export const bankArb: fc.Arbitrary<{ questions: Question[]; categories: Category[] }> = fc
  .tuple(
    fc.array(questionArb, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    fc.array(fc.constantFrom(...PATHS), { minLength: 4, maxLength: 4 }),
    fc.subarray(PATHS),
  )
  .chain(([questions, inCategories, paths, described]) =>
    fc.tuple(...described.map(categoryArb)).map((categories) => ({
      questions: questions.map((q, i) => ({ ...q, category: inCategories ? paths[i]! : null })),
      categories: inCategories ? categories : [],
    })),
  );
