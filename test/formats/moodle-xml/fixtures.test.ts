// Each of Moodle's fixture files (shared/fixtures/moodle-xml, see SOURCE.md) read as Moodle reads it.
import { describe, expect, it } from 'vitest';
import { parseMoodleXml, serializeMoodleXml } from '../../../src/formats/moodle-xml/index.js';
import type { Question } from '../../../src/model/index.js';
import { fixtureBytes, fixtureText, normalise, vectors } from './helpers.js';

const read = (name: string) => parseMoodleXml(fixtureBytes(name));
const errorsOf = (name: string) => read(name).diagnostics.filter((d) => d.severity === 'error');

function only<T extends Question['type']>(q: Question | undefined, type: T): Extract<Question, { type: T }> {
  expect(q?.type).toBe(type);
  return q as Extract<Question, { type: T }>;
}

// Moodle's comparison rules for whole files (the same list every export vector gives).
const RULES = (vectors.find((v) => v.test === 'test_export_category')!.expected.normalise as [string, string][]);

describe('Moodle fixture files', () => {
  it('multichoice.xml: one single-answer question with files in its text and answers', () => {
    const r = read('multichoice.xml');
    expect(r.diagnostics).toEqual([]);
    expect(r.questions).toHaveLength(1);
    const q = only(r.questions[0], 'multichoice');
    expect(q).toMatchObject({ name: 'Greeting', single: true, shuffleAnswers: true, answerNumbering: 'abc', penalty: 0.1, defaultMark: 1 });
    expect(q.category).toBe('$course$/Default for testhead/Multichoice');
    expect(q.text.files.map((f) => [f.name, f.path])).toEqual([['bonjour.mp3', '/']]);
    expect(q.text.text).toContain('@@PLUGINFILE@@/bonjour.mp3');
    expect(q.answers.map((a) => a.fraction)).toEqual([0, 1, 0, 0]);
    expect(q.answers.map((a) => a.files[0]!.name)).toEqual(['flag-uk.jpg', 'flag-france.jpg', 'flag-german.jpg', 'flag-denmark.jpg']);
    expect(q.answers[1]!.feedback).toEqual({ text: '<p>Yes, well done!</p>', format: 'html', files: [] });
    expect(q.answers[1]!.format).toBe('html');
    expect(Buffer.from(q.text.files[0]!.content, 'base64').length).toBeGreaterThan(1000);
    expect(r.positions[0]).toEqual({ line: 12, column: 3 });
  });

  it('truefalse.xml: two true/false questions, one false and one true, with files in their feedback', () => {
    const r = read('truefalse.xml');
    expect(r.diagnostics).toEqual([]);
    const [f, t] = r.questions.map((q) => only(q, 'truefalse'));
    expect([f!.name, f!.correctAnswer, t!.name, t!.correctAnswer]).toEqual(['Moodle acronym (False)', false, 'Moodle acronym (True)', true]);
    expect(f!.penalty).toBe(1);
    expect(f!.answerFormat).toBe('moodle');
    expect(f!.feedbackTrue.files.map((x) => x.name)).toEqual(['thumbdown.jpg']);
    expect(f!.feedbackFalse.text).toContain('Your answer is correct.');
    expect(t!.generalFeedback.files.map((x) => x.name)).toEqual(['infos.jpg']);
    // The file has no-break spaces (U+00A0) in its HTML; they are kept as they are.
    expect(r.questions.some((q) => JSON.stringify(q).includes('\u00a0'))).toBe(true);
  });

  it('multianswer.xml: a Cloze question, kept whole with its files in the header fields', () => {
    const r = read('multianswer.xml');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'unsupportedtype', 12]]);
    const q = only(r.questions[0], 'unsupported');
    expect(q.qtype).toBe('cloze');
    expect(q.name).toBe('cloze with images');
    expect(q.text.files.map((f) => f.name)).toEqual(['arizona_2.png', 'california-state-flag.png']);
    expect(q.generalFeedback.files.map((f) => f.name)).toEqual(['moodle.png']);
    // Five embedded answers of weight 1.
    expect(q.defaultMark).toBe(5);
    const text = fixtureText('multianswer.xml');
    expect(q.xml).toBe(text.slice(text.indexOf('<question type="cloze">'), text.lastIndexOf('</question>') + '</question>'.length));
  });

  it('broken_cloze_questions.xml: all five refused, nothing returned', () => {
    const r = read('broken_cloze_questions.xml');
    expect(r.questions).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['invalidmultianswerquestion', 4, 3],
      ['invalidmultianswerquestion', 20, 3],
      ['invalidmultianswerquestion', 36, 3],
      ['invalidmultianswerquestion', 52, 3],
      ['invalidmultianswerquestion', 68, 3],
    ]);
  });

  it('sample_questions_with_old_image_tag.xml: the Moodle 1.9 <image> becomes a file and an <img>', () => {
    const r = read('sample_questions_with_old_image_tag.xml');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [cloze, mc] = r.questions;
    expect(only(cloze, 'unsupported').qtype).toBe('cloze');
    const q = only(mc, 'multichoice');
    expect(q.name).toBe('mcq with image');
    expect(q.text.text.endsWith(' <img src="@@PLUGINFILE@@/moodle.png" />')).toBe(true);
    expect(q.text.files).toEqual([{ name: 'moodle.png', path: '/', content: expect.stringMatching(/^iVBORw0KGgo[A-Za-z0-9+/]+=*$/) }]);
    // Of two <shuffleanswers>, Moodle reads the first ("1": true).
    expect(q.shuffleAnswers).toBe(true);
    expect(q.penalty).toBe(0.1);
  });

  it('error_invalid_grades.xml: one unlisted grade (33%), reported at its answer', () => {
    const r = read('error_invalid_grades.xml');
    expect(r.questions).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['invalidgradequestion', 38, 5]]);
    expect(fixtureText('error_invalid_grades.xml').split('\n')[37]).toMatch(/^ {4}<answer fraction="33"/);
  });

  it('error_invalid_fraction_sum.xml: the three Moodle 5 grade-sum errors', () => {
    expect(errorsOf('error_invalid_fraction_sum.xml').map((d) => d.code)).toEqual(['errfractionsaddwrong', 'errfractionsaddwrong', 'errfractionsnomax']);
  });

  it('partial_invalid_export.xml: three multiple choice questions and an unknown type kept whole', () => {
    const r = read('partial_invalid_export.xml');
    expect(r.questions.map((q) => q.type)).toEqual(['multichoice', 'multichoice', 'multichoice', 'unsupported']);
    const q = only(r.questions[0], 'multichoice');
    // <questiontext> holds bare text, not a <text> element: Moodle reads an empty text.
    expect(q.text.text).toBe('');
    expect(q.answers.map((a) => [a.text, a.fraction, a.format])).toEqual([['Wolfberries', 1, 'html'], ['Bearberries', 0, 'html'], ['Catberries', 0, 'html']]);
    expect(only(r.questions[3], 'unsupported').xml).toBe('<question type="unknownquestiontype"></question>');
    expect(r.categories).toEqual([{ path: '$module$/Default', info: { text: '', format: 'moodle', files: [] }, idnumber: null }]);
  });

  it('export_without_question.xml: no questions', () => {
    expect(errorsOf('export_without_question.xml').map((d) => d.message)).toEqual(['There are no questions in the import file']);
  });

  it('categories_reverse_order.xml: the child category first, the parent later; an essay and a short answer', () => {
    const r = read('categories_reverse_order.xml');
    expect(r.diagnostics).toEqual([]);
    expect(r.categories.map((c) => [c.path, c.info.format])).toEqual([['$module$/Sigma/Tau', 'html'], ['$module$/Sigma', 'html']]);
    const essay = only(r.questions[0], 'essay');
    expect(essay).toMatchObject({ name: 'Tau Question', responseFormat: 'editor', responseFieldLines: 15, minWordLimit: null, maxBytes: null });
    const sa = only(r.questions[1], 'shortanswer');
    expect(sa.answers.map((a) => [a.text, a.fraction])).toEqual([['yes', 1], ['no', 0], ['may be', 0]]);
  });

  it('category_with_description.xml, deprecated_category.xml, export_category.xml: one category with info and idnumber', () => {
    for (const [file, context] of [['category_with_description.xml', '$module$'], ['deprecated_category.xml', '$course$'], ['export_category.xml', '$module$']] as const) {
      const r = read(file);
      expect(r.categories).toEqual([
        { path: `${context}/Alpha`, info: { text: 'This is Alpha category for test', format: 'moodle', files: [] }, idnumber: 'alpha-idnumber' },
      ]);
      expect(r.questions.map((q) => [q.name, q.category])).toEqual([['Alpha Question', `${context}/Alpha`]]);
    }
  });

  it('html_chars_in_idnumbers.xml: idnumbers with entities', () => {
    const r = read('html_chars_in_idnumbers.xml');
    expect(r.categories[0]!.idnumber).toBe('The inequalities < & >');
    expect(r.questions[0]!.idnumber).toBe('T & F');
  });

  it('nested_categories.xml and nested_categories_with_questions.xml: nested paths', () => {
    expect(read('nested_categories.xml').categories.map((c) => c.path)).toEqual(['$module$/Delta', '$module$/Delta/Epsilon', '$module$/Delta/Epsilon/Zeta']);
    const r = read('nested_categories_with_questions.xml');
    expect(r.questions.map((q) => q.category)).toEqual(['$module$/Iota', '$module$/Iota/Kappa', '$module$/Iota/Kappa', '$module$/Iota/Kappa/Lambda', '$module$/Iota/Mu']);
    const essay = only(r.questions[1], 'essay');
    // <maxbytes>0</maxbytes> is 0; the empty <minwordlimit></minwordlimit> and <filetypeslist></filetypeslist> are none.
    expect([essay.maxBytes, essay.minWordLimit, essay.fileTypesList, essay.penalty]).toEqual([0, null, null, 0]);
  });

  it('old_format_file.xml: categories without <info> get an empty Moodle-format description', () => {
    const r = read('old_format_file.xml');
    expect(r.categories.map((c) => [c.path, c.info.text, c.info.format, c.idnumber])).toEqual([
      ['$module$/Pi', '', 'moodle', null],
      ['$module$/Pi/Rho', '', 'moodle', null],
    ]);
    expect(r.questions.map((q) => q.idnumber)).toEqual([null, null]);
  });

  it('a file with Windows line ends reads the same, and a kept question keeps them', () => {
    for (const file of ['multichoice.xml', 'sample_questions_with_old_image_tag.xml']) {
      const lf = read(file);
      const crlf = parseMoodleXml(fixtureText(file).replace(/\n/g, '\r\n'));
      expect(crlf.positions).toEqual(lf.positions);
      expect(crlf.questions.map((q) => (q.type === 'unsupported' ? { ...q, xml: q.xml.replace(/\r\n/g, '\n') } : q))).toEqual(lf.questions);
    }
    const cloze = parseMoodleXml(fixtureText('multianswer.xml').replace(/\n/g, '\r\n')).questions[0]!;
    expect(cloze.type === 'unsupported' && cloze.xml.split('\r\n').length).toBe(only(read('multianswer.xml').questions[0], 'unsupported').xml.split('\n').length);
  });

  // Files Moodle itself exported (Moodle 5): reading then writing them gives them back, under Moodle's comparison.
  for (const file of ['nested_categories.xml', 'nested_categories_with_questions.xml', 'export_category.xml', 'html_chars_in_idnumbers.xml']) {
    it(`${file} is written back as Moodle wrote it`, () => {
      const r = read(file);
      const { text, warnings } = serializeMoodleXml(r);
      expect(warnings).toEqual([]);
      expect(normalise(text, RULES)).toBe(normalise(fixtureText(file), RULES));
    });
  }
});
