// fast-check arbitraries of questions GIFT can carry whole: only fields GIFT has a place for, with the
// canonical values Moodle's import gives back (trimmed text, listed fractions, default formats for empty
// text, names Moodle keeps as they are …), and text full of GIFT's special characters.
import fc from 'fast-check';
import {
  DEFAULT_PENALTY,
  GRADE_OPTIONS,
  newDescription,
  newEssay,
  phpTrim,
  type Answer,
  type CombinedFeedback,
  type NumericalAnswer,
  type Question,
  type QuestionBase,
  type RichText,
  type TextFormat,
} from '../../../src/model/index.js';
import { hasPlaceholderText } from '../../../src/formats/gift/escapes.js';
import { cleanQuestionName } from '../../../src/formats/php-text.js';

/** Pieces of text that GIFT must escape or that trip naive parsers. */
const TRICKY = [
  '\\', '~', '=', '#', '{', '}', ':', '::', '####', ']]>', '<', '&', '&amp;', '->', '%', '%50%', '[', ']', '[html]', '[moodle]',
  '\n', '//', ' ', '  ', '0', '1', '.', '..', '*', '$CATEGORY:', 'Привет', 'ёж', '\\(\\frac{a}{b}\\)', '$$x^2$$', '<b>b</b>',
  'a', 'b', 'Z', 'word', 'T', 'TRUE', '"', "'", '`', '\t', '😀', '\\n', '\\\\', '\u00a0',
];
const PLAIN = ['a', 'b', 'c', 'x', 'Y', 'z', ' ', '1', '2', '.', '-', '_', '(', ')', 'Ж', 'ñ', '?', '!', ',', '/'];

const tokens = (alphabet: readonly string[], max: number) =>
  fc.array(fc.constantFrom(...alphabet), { maxLength: max }).map((parts) => parts.join(''));

/** Text as the import leaves it: trimmed, with no placeholder text Moodle would decode. */
const canonical = (s: string): boolean => s === phpTrim(s) && !hasPlaceholderText(s) && !s.includes('\r');

export const trickyText = (max = 12): fc.Arbitrary<string> => tokens(TRICKY, max).map(phpTrim).filter(canonical);
export const nonEmptyTrickyText = (max = 12): fc.Arbitrary<string> => trickyText(max).filter((s) => s !== '');

/** The formats GIFT can tag. */
export const giftFormat: fc.Arbitrary<TextFormat> = fc.constantFrom('moodle', 'html', 'plain', 'markdown');

/** A text field: empty text always has the default format (an empty field gets no tag). */
export const richField = (defaultFormat: TextFormat, max = 12): fc.Arbitrary<RichText> =>
  fc.record({ text: trickyText(max), format: giftFormat }).map(({ text, format }) => ({
    text,
    format: text === '' ? defaultFormat : format,
    files: [],
  }));

/** Names Moodle keeps as written (its cleaning would change anything else). */
export const giftName: fc.Arbitrary<string> = tokens(
  TRICKY.filter((t) => !t.includes('<') && !t.includes('\t')),
  8,
)
  .map(phpTrim)
  .filter((s) => canonical(s) && cleanQuestionName(s) === s);

const safeToken = tokens([...PLAIN, ']', '\\', 'Ю', '[', ':'], 8)
  .map(phpTrim)
  .filter((s) => s !== '' && !s.includes('[id:') && !s.includes('[tag:'));

/** Tags as Moodle reads them back: no control characters, no < > `, trimmed, distinct ignoring case. */
export const giftTags: fc.Arbitrary<string[]> = fc.uniqueArray(safeToken, {
  maxLength: 3,
  selector: (t) => t.toLowerCase(),
});

export const giftIdnumber: fc.Arbitrary<string | null> = fc.option(safeToken, { nil: null });

export const listedFraction: fc.Arbitrary<number> = fc.constantFrom(...GRADE_OPTIONS);

const blankCombined = (format: TextFormat): CombinedFeedback => ({
  correct: { text: '', format, files: [] },
  partiallyCorrect: { text: '', format, files: [] },
  incorrect: { text: '', format, files: [] },
  showNumCorrect: false,
});

/** The fields every question has, as a GIFT import gives them back. */
const baseFields = (category: fc.Arbitrary<string | null>) =>
  fc
    .record({
      name: giftName,
      text: fc.record({ text: trickyText(16), format: giftFormat }),
      gf: fc.record({ text: trickyText(8), format: giftFormat }),
      idnumber: giftIdnumber,
      tags: giftTags,
      category,
    })
    .map(({ name, text, gf, idnumber, tags, category }): QuestionBase => {
      const format: TextFormat = text.text === '' ? 'moodle' : text.format;
      return {
        name,
        text: { text: text.text, format, files: [] },
        generalFeedback: { text: gf.text, format: gf.text === '' ? format : gf.format, files: [] },
        defaultMark: 1,
        penalty: DEFAULT_PENALTY,
        idnumber,
        tags,
        hints: [],
        category,
      };
    });

const answerOf = (format: TextFormat, text: fc.Arbitrary<string>, answerFormat: fc.Arbitrary<TextFormat>) =>
  fc.record({ text, format: answerFormat, fraction: listedFraction, feedback: richField(format, 8) });

function multichoice(b: QuestionBase): fc.Arbitrary<Question> {
  const format = b.text.format;
  return fc
    .record({
      single: fc.boolean(),
      answers: fc.array(answerOf(format, nonEmptyTrickyText(8), giftFormat), { minLength: 2, maxLength: 5 }),
    })
    .map(({ single, answers }) => {
      const list: Answer[] = answers.map((a) => ({ ...a, files: [] }));
      // A one-answer question reads back as such only with a 100% answer.
      if (single && !list.some((a) => a.fraction === 1)) list[0]!.fraction = 1;
      return {
        ...b,
        type: 'multichoice' as const,
        single,
        allOrNothing: false,
        shuffleAnswers: true,
        answerNumbering: 'abc',
        showStandardInstruction: false,
        answers: list,
        combinedFeedback: blankCombined(format),
      };
    });
}

function trueFalse(b: QuestionBase): fc.Arbitrary<Question> {
  const format = b.text.format;
  return fc
    .record({ correctAnswer: fc.boolean(), feedbackTrue: richField(format), feedbackFalse: richField(format) })
    .map((t) => ({ ...b, penalty: 1, type: 'truefalse' as const, ...t, answerFormat: 'moodle' as const }));
}

function shortAnswer(b: QuestionBase): fc.Arbitrary<Question> {
  const format = b.text.format;
  const noArrow = (s: string) => !s.includes('->');
  return fc
    .array(
      answerOf(format, nonEmptyTrickyText(6).filter(noArrow), fc.constant('moodle')).filter((a) => noArrow(a.feedback.text)),
      { minLength: 1, maxLength: 4 },
    )
    .map((answers) => {
      const list: Answer[] = answers.map((a) => ({ ...a, files: [] }));
      if (!list.some((a) => a.fraction === 1)) list[0]!.fraction = 1;
      return { ...b, type: 'shortanswer' as const, useCase: false, answers: list };
    });
}

const numberText = fc.constantFrom('0', '3', '-5', '2.5', '1822', '1e3', '0.001', '-0.25', '.5', '5.', '+7', '3.1415');
const tolerance = fc.constantFrom(0, 0.5, 1, 2, 0.0005, 0.00001, 100, 1e-7);

function numerical(b: QuestionBase): fc.Arbitrary<Question> {
  const format = b.text.format;
  return fc
    .record({
      answers: fc.array(
        fc.record({ text: numberText, fraction: listedFraction, feedback: richField(format, 8), tolerance }),
        { minLength: 1, maxLength: 3 },
      ),
      any: fc.option(richField(format, 8), { nil: null }),
    })
    .map(({ answers, any }) => {
      const list: NumericalAnswer[] = answers.map((a) => ({ ...a, format: 'moodle', files: [] }));
      // The "any other answer" (*) can only be the last answer, with 0%.
      if (any) list.push({ text: '*', format: 'moodle', files: [], fraction: 0, feedback: any, tolerance: 0 });
      return { ...b, type: 'numerical' as const, answers: list, units: [], unitOptions: null, instructions: null };
    });
}

function match(b: QuestionBase): fc.Arbitrary<Question> {
  const format = b.text.format;
  const stem = richField(format, 8).filter((s) => !s.text.includes('->'));
  return fc
    .array(fc.record({ text: stem, answer: trickyText(6) }), { minLength: 2, maxLength: 5 })
    .map((pairs) =>
      // A stem needs an answer, and a pair with neither is dropped by Moodle.
      pairs.map((p) => ({ text: p.text, answer: p.answer === '' ? 'answer' : p.answer })),
    )
    .map((subquestions) => ({
      ...b,
      type: 'match' as const,
      shuffleAnswers: true,
      subquestions,
      combinedFeedback: blankCombined(format),
    }));
}

// GIFT carries none of an essay's own settings: they read back as the model's defaults.
function essay(b: QuestionBase): fc.Arbitrary<Question> {
  return fc.constant(newEssay(b));
}

function description(b: QuestionBase): fc.Arbitrary<Question> {
  // A description has no answer block, so no general feedback.
  const generalFeedback: RichText = { text: '', format: b.text.format, files: [] };
  return fc.constant({ ...newDescription(b), generalFeedback });
}

/** Category paths GIFT writes and reads back unchanged. */
export const giftCategoryPath: fc.Arbitrary<string> = fc.constantFrom(
  '$course$/top/Рекуррентные нейросети',
  '$course$/top/Default for Course',
  'tom/dick/harry',
  '$module$/top/A//B',
  'Week 1',
);

/** A question of any GIFT type that a GIFT file carries whole. */
export const giftQuestion = (
  category: fc.Arbitrary<string | null> = fc.option(giftCategoryPath, { nil: null }),
): fc.Arbitrary<Question> =>
  baseFields(category).chain((b) =>
    fc.oneof(multichoice(b), trueFalse(b), shortAnswer(b), numerical(b), match(b), essay(b), description(b)),
  );
