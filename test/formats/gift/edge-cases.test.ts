// The edge cases of the GIFT research notes (§9): what Moodle's import makes of tricky input.
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../../src/formats/gift/index.js';
import type { Question, RichText, TextFormat } from '../../../src/model/index.js';

const rich = (text: string, format: TextFormat = 'moodle'): RichText => ({ text, format, files: [] });

/** Each case: the file, then what the import gives (questions as partial objects, or an error code). */
const cases: [string, string, { questions?: Partial<Question>[]; error?: string; warning?: string; categories?: string[] }][] = [
  ['tf-lowercase', 'Is it?{true}', { questions: [{ type: 'shortanswer', answers: [{ text: 'true', format: 'moodle', files: [], fraction: 1, feedback: rich('') }] }], warning: 'truefalsecase' }],
  ['tf-spaces', 'Is it?{ T }', { questions: [{ type: 'truefalse', correctAnswer: true }] }],
  ['tf-feedback-order', 'Sky is green.{F#Wrong: it is blue.#Right!}', { questions: [{ type: 'truefalse', correctAnswer: false, feedbackTrue: rich('Wrong: it is blue.'), feedbackFalse: rich('Right!') }] }],
  ['tf-three-hashes', 'Q{T#a#b#c}', { questions: [{ type: 'truefalse', correctAnswer: true, feedbackFalse: rich('a'), feedbackTrue: rich('b#c') }] }],
  ['missingword-trailing-dot', 'What is pi? {#3.1415:0.0005}.', { questions: [{ type: 'numerical', text: rich('What is pi? _____.') }] }],
  ['mc-eq-in-feedback', 'Q{=a#x=y ~b}', { questions: [{ type: 'multichoice', single: true, answers: [
    { text: 'a', format: 'moodle', files: [], fraction: 1, feedback: rich('x') },
    { text: 'y', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
  ] }] }],
  ['sa-tilde-in-feedback', 'Q{=Paris#yes ~ right}', { questions: [{ type: 'multichoice', answers: [
    { text: 'Paris', format: 'moodle', files: [], fraction: 1, feedback: rich('yes') },
    { text: 'right', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
  ] }] }],
  ['mc-eq-with-weight', 'Q{=%50%a ~b ~c}', { questions: [{ type: 'multichoice', answers: [
    { text: '%50%a', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
    { text: 'c', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
  ] }], warning: 'weightafterequals' }],
  ['mc-weight-33.33', 'Q{~%33.33%a ~%33.33%b ~%33.33%c ~d}', { error: 'invalidgradequestion' }],
  ['mc-weight-33.333', 'Q{~%33.333%a ~%33.333%b ~%33.333%c ~d}', { questions: [{ type: 'multichoice', single: false }] }],
  ['mc-weight-100.0', 'Q{~%100.0%a ~b}', { questions: [{ type: 'multichoice', answers: [
    { text: '%100.0%a', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
  ] }], warning: 'notaweight' }],
  ['mc-multi-one-right', 'Q{~%100%a ~b ~c}', { questions: [{ type: 'multichoice', single: false }] }],
  ['mc-junk-before-first', 'Q{junk ~a =b}', { questions: [{ type: 'multichoice', answers: [
    { text: 'junk', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
    { text: 'a', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
  ] }], warning: 'answerbeforemarker' }],
  ['mc-only-equals-is-shortanswer', 'Q{=a =b}', { questions: [{ type: 'shortanswer', answers: [
    { text: 'a', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
  ] }] }],
  ['sa-no-equals', 'Capital of France?{Paris}', { questions: [{ type: 'shortanswer', answers: [{ text: 'Paris', format: 'moodle', files: [], fraction: 1, feedback: rich('') }] }] }],
  ['sa-partial-only', 'Q{=%50%a =%50%b}', { error: 'fractionsnomax' }],
  ['num-nonnumeric', 'Q{#abc}', { questions: [{ type: 'numerical', answers: [{ text: '*', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0 }] }], warning: 'notanumber' }],
  ['num-comma', 'Q{#1,5}', { questions: [{ type: 'numerical', answers: [{ text: '*', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0 }] }], warning: 'commadecimal' }],
  ['num-bad-tolerance', 'Q{#5:x}', { error: 'errornotnumbers' }],
  ['num-range', 'Q{#1..5}', { questions: [{ type: 'numerical', answers: [{ text: '3', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 2 }] }] }],
  ['num-range-float', 'Q{#3.141..3.142}', { questions: [{ type: 'numerical', answers: [{ text: '3.1415', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0.00050000000000017 }] }] }],
  ['num-range-nonnumeric', 'Q{#a..b}', { error: 'rangenotnumber' }],
  // PHP: "-0.0" is the float -0.0, so ($max + $min) / 2 is -0.0 and is stored as "-0"; "-0" is the int 0.
  ['num-range-negative-zero', 'Q{#-0.0..-0.0}', { questions: [{ type: 'numerical', answers: [{ text: '-0', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0 }] }] }],
  ['num-range-int-zero', 'Q{#-0..-0}', { questions: [{ type: 'numerical', answers: [{ text: '0', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0 }] }] }],
  ['num-tilde-only', 'Q{#3~}', { questions: [{ type: 'numerical', answers: [
    { text: '3', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 0 },
    { text: '*', format: 'moodle', files: [], fraction: 0, feedback: rich(''), tolerance: 0 },
  ] }] }],
  ['num-empty', 'Q{#}', { error: 'giftnonumericalanswers' }],
  ['num-zero-is-empty', 'Q{#0}', { error: 'giftnonumericalanswers' }],
  ['match-hash-in-answer', 'Q{=a -> 1#x =b -> 2 =c -> 3}', { questions: [{ type: 'match', subquestions: [
    { text: rich('a'), answer: '1#x' },
    { text: rich('b'), answer: '2' },
    { text: rich('c'), answer: '3' },
  ] }] }],
  ['match-arrow-twice', 'Q{=a -> b -> c =d -> e}', { questions: [{ type: 'match', subquestions: [
    { text: rich('a'), answer: 'b -> c' },
    { text: rich('d'), answer: 'e' },
  ] }] }],
  ['match-no-arrow', 'Q{=a -> 1 =b}', { error: 'giftmatchingformat' }],
  ['only-open-brace', 'Q{=a', { error: 'braceerror' }],
  ['only-close-brace', 'Q =a}', { error: 'braceerror' }],
  ['close-before-open', 'a } b {=c =d}', { error: 'braceorder' }],
  ['two-blocks', 'A {=x} and {=y}', { questions: [{ type: 'shortanswer', name: 'A  and {=y}', text: rich('A  and {=y}') }], warning: 'secondblock' }],
  ['name-unclosed', '::Title without end {T}', { questions: [{ type: 'truefalse', name: 'Title without end', text: rich('Title without end') }], warning: 'unclosedname' }],
  ['name-default-long', 'This is a rather long question text that goes on and on well past the eighty character limit of names{T}', { questions: [{ name: 'This is a rather long question text that goes on and on well past the eighty ...' }] }],
  ['name-default-html', '[html]<p>Hello <b>world</b></p>{T}', { questions: [{ name: 'Hello world', text: rich('<p>Hello <b>world</b></p>', 'html') }] }],
  ['name-default-empty', '{T}', { questions: [{ name: 'Question name', text: rich('') }] }],
  ['name-default-missing-word', 'The sun rises in the {=east} every day', { questions: [{ name: 'The sun rises in the _____ every day' }] }],
  ['name-with-html', '::<b>Bold</b> name::Q{T}', { questions: [{ name: 'Bold name' }] }],
  ['url-line-dropped', 'See\n//example.com/x\n{T}', { questions: [{ text: rich('See') }], warning: 'commentdropped' }],
  ['comment-after-text-same-line', 'Q // not a comment {T}', { questions: [{ text: rich('Q // not a comment') }] }],
  ['comment-between-answers', 'Q{\n// c\n=a\n~b\n}', { questions: [{ type: 'multichoice', text: rich('Q') }] }],
  ['comment-between-text-lines', 'What?\n// c\nMore{T}', { questions: [{ text: rich('What?\n \nMore') }], warning: 'commentdropped' }],
  ['zero-line-is-separator', 'Q1{T}\n0\nQ2{F}', { questions: [{ name: 'Q1' }, { name: 'Q2' }] }],
  ['indent-stripped', '[markdown]Code:\n    indented line\n{}', { questions: [{ type: 'essay', text: rich('Code:\nindented line', 'markdown') }] }],
  ['nbsp-line-is-not-blank', 'Q1{T}\n\u00a0\nQ2{F}', { questions: [{ type: 'truefalse', text: rich('Q1\n\u00a0\nQ2{F}') }], warning: 'blanklookalike' }],
  ['category-no-blank', '$CATEGORY: tom/dick\nQ{T}', { categories: ['tom/dick\nQ{T}'], warning: 'categoryswallow' }],
  ['category-escaped', '$CATEGORY: a\\:b', { categories: ['a&&058;b'], warning: 'categoryescape' }],
  ['format-uppercase', '[HTML]<b>x</b>{T}', { questions: [{ text: rich('[HTML]<b>x</b>') }], warning: 'formattag' }],
  ['newline-escape', 'Line1\\nLine2{T}', { questions: [{ text: rich('Line1\nLine2') }] }],
  ['double-backslash-n', 'a\\\\nb{T}', { questions: [{ text: rich('a\\nb') }] }],
  ['escaped-brace-at-end', 'Q {T} \\}', { questions: [{ text: rich('Q _____ }') }] }],
  ['five-hashes', 'Q{T#####gf}', { questions: [{ type: 'truefalse', generalFeedback: rich('gf'), feedbackTrue: rich(''), feedbackFalse: rich('') }] }],
  ['ids-tags-separated', '// [id:Q-1] [tag:alpha]\n\n::n::Q{T}', { questions: [{ idnumber: null, tags: [] }] }],
  ['placeholder-literal', 'Q &&058; x{T}', { questions: [{ text: rich('Q : x') }], warning: 'placeholder' }],
  ['format-then-weight', 'Q{~[html]%50%x ~y}', { questions: [{ type: 'multichoice', answers: [
    { text: '%50%x', format: 'html', files: [], fraction: 0, feedback: rich('') },
    { text: 'y', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
  ] }] }],
  ['empty-name', '::::Text{T}', { questions: [{ name: '', text: rich('Text') }] }],
  ['tag-with-angle', '// [tag:a<b] [tag:ok]\nQ{T}', { questions: [{ tags: ['ok'] }], warning: 'tagignored' }],
  ['mc-weight-double-minus', 'Q{~%--50%a ~b}', { error: 'weightnotnumber' }],
  ['gf-space-format', 'Q{T#### [html]<b>gf</b>}', { questions: [{ generalFeedback: rich('[html]<b>gf</b>') }] }],
  ['cr-only-file', 'Q1{T}\r\rQ2{F}\r', { questions: [{ name: 'Q1' }, { name: 'Q2' }] }],
  ['crlf-file', '::a::Q1\r\nmore{T}\r\n\r\n::b::Q2{F}\r\n', { questions: [{ name: 'a', text: rich('Q1\nmore') }, { name: 'b' }] }],
  ['bom', '\ufeff::a::Q{T}', { questions: [{ name: 'a' }] }],
  ['format-tag-without-bracket', '[moodlex{T}', { questions: [{ text: rich('moodlex') }] }],
  ['empty-first-piece-zero', 'Q{0}', { error: 'importminerror' }],
  ['ordering-plugin', 'Q{>3 ALL VERTICAL\na\nb\nc}', { error: 'unsupportedqtype' }],
  ['mc-empty-answer-dropped', 'Q{~a ~ ~=b}', { questions: [{ type: 'multichoice', answers: [
    { text: 'a', format: 'moodle', files: [], fraction: 0, feedback: rich('') },
    { text: 'b', format: 'moodle', files: [], fraction: 1, feedback: rich('') },
  ] }], warning: 'emptyanswer' }],
  ['match-distractor-with-nothing', 'Q{=a -> 1 =b -> 2 = -> }', { questions: [{ type: 'match', subquestions: [
    { text: rich('a'), answer: '1' },
    { text: rich('b'), answer: '2' },
  ] }], warning: 'emptyanswer' }],
  ['duplicate-idnumber', '// [id:x]\n::a::Q{T}\n\n// [id:x]\n::b::Q{F}', { questions: [{ name: 'a', idnumber: 'x' }, { name: 'b', idnumber: null }], warning: 'duplicateidnumber' }],
  ['range-leading-number', 'Q{#1..5x}', { questions: [{ type: 'numerical', answers: [{ text: '3', format: 'moodle', files: [], fraction: 1, feedback: rich(''), tolerance: 2 }] }], warning: 'rangeleadingnumber' }],
];

describe('GIFT edge cases (research notes §9 and more)', () => {
  it.each(cases)('%s', (_name, gift, expected) => {
    const r = parseGift(gift);
    const codes = r.diagnostics.map((d) => d.code);
    if (expected.error) {
      expect(r.questions).toEqual([]);
      expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([expected.error]);
      return;
    }
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (expected.questions) {
      expect(r.questions).toHaveLength(expected.questions.length);
      expected.questions.forEach((q, i) => expect(r.questions[i]).toMatchObject(q));
    }
    if (expected.categories) expect(r.categories.map((c) => c.path)).toEqual(expected.categories);
    if (expected.warning) expect(codes).toContain(expected.warning);
    else expect(r.diagnostics).toEqual([]);
  });
});
