// Moodle's reading rules that its vectors do not cover one by one: defaults per type, yes/no spellings,
// snapping, raw values, legacy forms and categories.
import { describe, expect, it } from 'vitest';
import { parseMoodleXml, writeMoodleXmlQuestion } from '../../../src/formats/moodle-xml/index.js';
import type { Question } from '../../../src/model/index.js';
import { inQuiz } from './helpers.js';

function one(questionXml: string): Question {
  const result = parseMoodleXml(inQuiz(questionXml));
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.questions[0]!;
}

const name = '<name><text>Q</text></name>';
const twoChoices = '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>';

describe('defaults and spellings', () => {
  it('question text is HTML when unmarked; every other text takes the question text format', () => {
    const plain = one(`<question type="multichoice">${name}${twoChoices}<hint><text>h</text></hint></question>`);
    expect(plain.text.format).toBe('html');
    const md = one(`<question type="multichoice">${name}<questiontext format="markdown"><text>**x**</text></questiontext>` +
      `<generalfeedback><text>g</text></generalfeedback>${twoChoices}<hint><text>h</text></hint></question>`);
    expect(md.type).toBe('multichoice');
    if (md.type !== 'multichoice') return;
    expect([md.generalFeedback.format, md.answers[0]!.format, md.answers[0]!.feedback.format, md.combinedFeedback.correct.format, md.hints[0]!.text.format])
      .toEqual(['markdown', 'markdown', 'markdown', 'markdown', 'markdown']);
  });

  it('shuffling defaults to off for multiple choice and on for matching', () => {
    expect(one(`<question type="multichoice">${name}${twoChoices}</question>`)).toMatchObject({ shuffleAnswers: false, single: true, answerNumbering: 'abc', showStandardInstruction: true });
    expect(one(`<question type="matching">${name}</question>`)).toMatchObject({ shuffleAnswers: true });
  });

  it('"False" means yes: only false, 0 and nothing mean no', () => {
    const single = (value: string) => one(`<question type="multichoice">${name}<single>${value}</single>${twoChoices}</question>`);
    expect(['False', 'FALSE', 'no', 'yes', '1'].map((v) => (single(v) as { single: boolean }).single)).toEqual([true, true, true, true, true]);
    expect(['false', '0', ' false ', ''].map((v) => (single(v) as { single: boolean }).single)).toEqual([false, false, false, false]);
  });

  it('a penalty near 1/3 snaps to 0.3333333; no penalty is 0.3333333; a description has no mark', () => {
    expect(one(`<question type="description">${name}<penalty>0.33</penalty><defaultgrade>5</defaultgrade></question>`)).toMatchObject({ penalty: 0.3333333, defaultMark: 0 });
    expect(one(`<question type="truefalse">${name}</question>`)).toMatchObject({ penalty: 0.3333333, defaultMark: 1, correctAnswer: false });
  });

  it('grades within 0.001% of a listed one become that one', () => {
    const answers = '<answer fraction="100"><text>1</text></answer><answer fraction="33.3333"><text>2</text></answer><answer fraction="14.285714"><text>3</text></answer>';
    for (const type of ['shortanswer', 'numerical', 'multichoice']) {
      const q = one(`<question type="${type}">${name}<single>true</single>${answers}</question>`);
      expect('answers' in q && q.answers.map((a) => a.fraction)).toEqual([1, 0.3333333, 0.1428571]);
    }
  });

  it('numerical: no units, no unit options, no instructions unless the file has them', () => {
    const bare = one(`<question type="numerical">${name}<answer fraction="100"><text>4</text></answer></question>`);
    expect(bare).toMatchObject({ units: [], unitOptions: null, instructions: null });
    const withUnits = one(`<question type="numerical">${name}<answer fraction="100"><text>4 cm</text><tolerance></tolerance></answer>` +
      '<units><unit><unit_name> cm </unit_name><multiplier>100</multiplier></unit><unit><unit_name></unit_name></unit></units><unitsleft>1</unitsleft><instructions/></question>');
    expect(withUnits).toMatchObject({
      units: [{ name: 'cm', multiplier: 100 }],
      unitOptions: { unitGradingType: 0, unitPenalty: 0.1, showUnits: 0, unitsLeft: true },
      instructions: { text: '', format: 'html', files: [] },
    });
    expect(withUnits.type === 'numerical' && withUnits.answers[0]!.tolerance).toBe(0);
  });

  it('essay defaults', () => {
    expect(one(`<question type="essay">${name}</question>`)).toMatchObject({
      responseFormat: 'editor', responseRequired: true, responseFieldLines: 15, minWordLimit: null, maxWordLimit: null,
      attachments: 0, attachmentsRequired: 0, maxBytes: null, fileTypesList: null,
    });
  });

  it('idnumber is kept as written, spaces included; an empty one is none', () => {
    expect(one(`<question type="description">${name}<idnumber> x &amp; y </idnumber></question>`).idnumber).toBe(' x & y ');
    expect(one(`<question type="description">${name}<idnumber>  </idnumber></question>`).idnumber).toBeNull();
  });

  it('names lose their tags (PARAM_TEXT) but keep lone < and &', () => {
    expect(one('<question type="description"><name><text><![CDATA[<b>Bold</b> x < 2 & y]]></text></name></question>').name).toBe('Bold x < 2 & y');
  });

  it('tags and course tags are both read, course tags first, empty ones dropped', () => {
    expect(one(`<question type="description">${name}<tags><tag><text> a </text></tag><tag><text></text></tag></tags><coursetags><tag><text>c</text></tag></coursetags></question>`).tags)
      .toEqual(['c', 'a']);
  });

  it('answers Moodle would not store are dropped: empty choices, blank short answers, blank matching pairs', () => {
    const mc = one(`<question type="multichoice">${name}${twoChoices}<answer fraction="0"><text> </text></answer></question>`);
    expect(mc.type === 'multichoice' && mc.answers.length).toBe(2);
    const match = one(`<question type="matching">${name}<subquestion><text></text><answer><text></text></answer></subquestion><subquestion><text></text><answer><text>d</text></answer></subquestion></question>`);
    expect(match.type === 'match' && match.subquestions.map((s) => s.answer)).toEqual(['d']);
  });
});

describe('older forms', () => {
  it('Moodle 2.0 hints (<hintcontent>), and <correctresponsesfeedback>', () => {
    const q = one(`<question type="multichoice">${name}${twoChoices}<correctresponsesfeedback>1</correctresponsesfeedback>` +
      '<hint><hintcontent><text>Old hint</text></hintcontent><statenumberofcorrectresponses>1</statenumberofcorrectresponses>' +
      '<clearincorrectresponses>0</clearincorrectresponses><showfeedbacktoresponses>1</showfeedbacktoresponses></hint></question>');
    expect(q.type === 'multichoice' && q.combinedFeedback.showNumCorrect).toBe(true);
    expect(q.hints).toEqual([{ text: { text: 'Old hint', format: 'html', files: [] }, showNumCorrect: true, clearWrong: false, options: '' }]);
  });

  it('a numerical grade in a <fraction> element (0–1, not a percentage)', () => {
    const q = one(`<question type="numerical">${name}<answer><text>1</text><fraction>1</fraction></answer></question>`);
    expect(q.type === 'numerical' && q.answers[0]!.fraction).toBe(1);
  });

  it('all-or-nothing answers marked by <correctanswer>', () => {
    const q = one(`<question type="multichoiceset">${name}<answer fraction="0"><text>a</text><correctanswer>1</correctanswer></answer><answer><text>b</text></answer></question>`);
    expect(q).toMatchObject({ allOrNothing: true, single: false, shuffleAnswers: true });
    expect(q.type === 'multichoice' && q.answers.map((a) => a.fraction)).toEqual([1, 0]);
  });
});

describe('categories', () => {
  it('paths with //, context, info with and without a format, idnumber', () => {
    const result = parseMoodleXml(inQuiz(
      '<question type="category"><category><text> $course$/top/A//B/C </text></category><info><text>i</text></info><idnumber>c1</idnumber></question>' +
      `<question type="description">${name}</question>` +
      '<question type="category"><category><text>$course$/top/A//B</text></category></question>' +
      `<question type="description"><name><text>R</text></name></question>`,
    ));
    expect(result.categories).toEqual([
      { path: '$course$/top/A//B/C', info: { text: 'i', format: 'html', files: [] }, idnumber: 'c1' },
      { path: '$course$/top/A//B', info: { text: '', format: 'moodle', files: [] }, idnumber: null },
    ]);
    expect(result.questions.map((q) => q.category)).toEqual(['$course$/top/A//B/C', '$course$/top/A//B']);
  });

  it('a category described twice keeps the first description and fills what it lacked', () => {
    const result = parseMoodleXml(inQuiz(
      '<question type="category"><category><text>$module$/top/X</text></category></question>' +
      '<question type="category"><category><text>$module$/X</text></category><info format="html"><text>later</text></info><idnumber>x</idnumber></question>' +
      `<question type="description">${name}</question>`,
    ));
    expect(result.categories).toEqual([{ path: '$module$/top/X', info: { text: 'later', format: 'html', files: [] }, idnumber: 'x' }]);
  });
});

// Moodle's XML importer names questions with qformat_default's clean_question_name() and
// create_default_question_name(), as the GIFT importer does, and blanks hints with html_is_blank(); these are
// the cases where a rougher tag stripper and a plain cut at 252 characters gave other names.
describe('names and blank texts as qformat_default and html_is_blank make them', () => {
  const named = (text: string) => one(`<question type="description"><name><text><![CDATA[${text}]]></text></name></question>`).name;

  it('PARAM_TEXT keeps well-formed multilang spans in a name and strips other tags', () => {
    const spans = '<span lang="en" class="multilang">Owl</span><span lang="fr" class="multilang">Hibou</span>';
    expect(named(`<b>Bird</b> ${spans}`)).toBe(`Bird ${spans}`);
  });

  it("PHP's strip_tags: a quoted '>' stays inside the tag and '<' before a digit opens one (PHP 8.2 output)", () => {
    expect(named('<a title="a>b">Link</a> x<2')).toBe('Link x');
    expect(named('<<b>Bold')).toBe('');
    expect(named('Less than <2> here')).toBe('Less than  here');
  });

  it('a name over 255 characters is cut by shorten_text at a space, then gets "..."', () => {
    expect(named('word '.repeat(80).trim())).toBe(`${'word '.repeat(49)}...`);
  });

  it('a Cloze question without a name is named from its text with {#n} for each part', () => {
    const text = '<p>The {1:SHORTANSWER:=Owl} and the {1:SHORTANSWER:=Pussy-cat} went to sea</p>';
    const q = one(`<question type="cloze"><questiontext format="html"><text><![CDATA[${text}]]></text></questiontext></question>`);
    expect(q.name).toBe('The {#1} and the {#2} went to sea');
  });

  it('a hint holding only a comment is blank for html_is_blank, even with an <img> inside the comment', () => {
    const hint = '<hint format="html"><text><![CDATA[<!-- <img src="x.png"> -->]]></text></hint>';
    const kept = '<hint format="html"><text><![CDATA[<img src="x.png">]]></text></hint>';
    expect(one(`<question type="shortanswer">${name}<answer fraction="100"><text>a</text></answer>${hint}${kept}</question>`).hints
      .map((h) => h.text.text)).toEqual(['<img src="x.png">']);
  });
});

describe('numbers as PHP reads them', () => {
  // PHP reads "-0" as the int 0 (var_export("-0" + 0) is 0), and Moodle's decimal column stores 0: never "-0".
  it('<defaultgrade>-0</defaultgrade> is the mark 0, and is written back as 0', () => {
    const q = one(`<question type="truefalse">${name}<defaultgrade>-0</defaultgrade></question>`);
    expect(Object.is(q.defaultMark, 0)).toBe(true);
    expect(writeMoodleXmlQuestion(q)).toContain('<defaultgrade>0</defaultgrade>');
  });
});
