// Details of the writer the vectors do not pin down: Moodle's layout quirks, the values qbank escapes where
// Moodle does not, the category lines, and the warnings for what a Moodle XML file cannot carry back.
import { describe, expect, it } from 'vitest';
import { parseMoodleXml, serializeMoodleXml, writeMoodleXmlQuestion, xmlEscape } from '../../../src/formats/moodle-xml/index.js';
import {
  baseQuestion,
  newEssay,
  newMultichoice,
  newNumerical,
  newShortAnswer,
  richText,
  type Category,
  type Question,
} from '../../../src/model/index.js';

function shortAnswer(name: string, category: string | null = null): Question {
  const q = newShortAnswer(baseQuestion(name, 'Text'));
  q.answers = [{ text: 'x', format: 'moodle', files: [], fraction: 1, feedback: richText('') }];
  q.category = category;
  return q;
}

const category = (path: string, info = ''): Category => ({ path, info: richText(info, 'moodle'), idnumber: null });

describe('xmlEscape', () => {
  it('splits every ]]> across two CDATA sections, not only the first', () => {
    expect(xmlEscape('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
    expect(xmlEscape("it's 0")).toBe("it's 0");
    expect(xmlEscape('"')).toBe('<![CDATA["]]>');
  });
});

describe('writeMoodleXmlQuestion', () => {
  it("writes tags with Moodle's line break before </tag>", () => {
    const q = shortAnswer('T');
    q.tags = ['a & b', 'c'];
    expect(writeMoodleXmlQuestion(q)).toContain('    <tags>\n      <tag><text><![CDATA[a & b]]></text>\n</tag>\n      <tag><text>c</text>\n</tag>\n    </tags>\n  </question>\n');
  });

  it('writes units at column 0 and escapes what Moodle writes raw', () => {
    const q = newNumerical(baseQuestion('N', 'Speed?'));
    q.answers = [{ text: '5', format: 'moodle', files: [], fraction: 1, feedback: richText(''), tolerance: 0.1 }];
    q.units = [{ name: 'm&s', multiplier: 1 }, { name: '<km>', multiplier: 0.001 }];
    q.unitOptions = { unitGradingType: 1, unitPenalty: 0.1, showUnits: 0, unitsLeft: false };
    const xml = writeMoodleXmlQuestion(q, 7);
    expect(xml.startsWith('<!-- question: 7  -->\n  <question type="numerical">\n')).toBe(true);
    expect(xml).toContain('      <tolerance>0.1</tolerance>\n    </answer>\n<units>\n  <unit>\n    <multiplier>1</multiplier>\n    <unit_name>m&amp;s</unit_name>\n  </unit>\n');
    expect(xml).toContain('    <unit_name>&lt;km&gt;</unit_name>\n  </unit>\n</units>\n    <unitgradingtype>1</unitgradingtype>\n');
    expect(parseMoodleXml(`<quiz>${xml}</quiz>`).questions[0]).toEqual(q);
  });

  it('writes files at column 0 with escaped names, answer numbering and essay values escaped', () => {
    const mc = newMultichoice(baseQuestion('M', 'See @@PLUGINFILE@@/a%26b.png'));
    mc.text.files = [{ name: 'a&b.png', path: '/', content: 'AAAA' }];
    mc.answerNumbering = 'x<y';
    const xml = writeMoodleXmlQuestion(mc);
    expect(xml).toContain('      <text>See @@PLUGINFILE@@/a%26b.png</text>\n<file name="a&amp;b.png" path="/" encoding="base64">AAAA</file>\n    </questiontext>\n');
    expect(xml).toContain('<answernumbering>x&lt;y</answernumbering>');
    const essay = newEssay(baseQuestion('E', 'Write'));
    essay.responseFormat = 'a&b';
    essay.fileTypesList = '.pdf & .doc';
    const essayXml = writeMoodleXmlQuestion(essay);
    expect(essayXml).toContain('<responseformat>a&amp;b</responseformat>');
    expect(essayXml).toContain('<filetypeslist>.pdf &amp; .doc</filetypeslist>');
    expect(essayXml).toContain('    <minwordlimit></minwordlimit>\n');
  });

  it('writes an all-or-nothing question in the multichoiceset plugin format', () => {
    const q = newMultichoice(baseQuestion('A', 'Pick'), false);
    q.allOrNothing = true;
    q.answers = [0.5, 0.5, -1].map((fraction, i) => ({ text: `c${i}`, format: 'html' as const, files: [], fraction, feedback: richText('') }));
    const xml = writeMoodleXmlQuestion(q);
    expect(xml).toContain('<question type="multichoiceset">');
    expect(xml).not.toContain('<single>');
    expect(xml).not.toContain('partiallycorrectfeedback');
    expect([...xml.matchAll(/fraction="(-?\d+)"/g)].map((m) => m[1])).toEqual(['100', '100', '0']);
    expect(xml.indexOf('<incorrectfeedback')).toBeLessThan(xml.indexOf('<answernumbering>'));
    const { warnings } = serializeMoodleXml({ questions: [q] });
    expect(warnings).toEqual([expect.stringContaining('right (100%) or wrong (0%)')]);
  });
});

describe('serializeMoodleXml', () => {
  it('announces each category before its first question, with empty parents first and the rest at the end', () => {
    const { text, warnings } = serializeMoodleXml(
      {
        questions: [shortAnswer('Q1', '$course$/top/A/B'), shortAnswer('Q2', '$course$/top/A/B'), shortAnswer('Q3', '$course$/top/C')],
        categories: [category('$course$/top/A', 'parent'), category('$course$/top/A/B', 'child'), category('$course$/top/Lonely')],
      },
      { ids: [11, 12, 13] },
    );
    expect(warnings).toEqual([]);
    const order = [...text.matchAll(/<text>(\$course\$[^<]*|Q\d)<\/text>/g)].map((m) => m[1]);
    expect(order).toEqual(['$course$/top/A', '$course$/top/A/B', 'Q1', 'Q2', '$course$/top/C', 'Q3', '$course$/top/Lonely']);
    expect(text).toContain('<!-- question: 12  -->');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<!-- question: 0  -->\n')).toBe(true);
    expect(text.endsWith('  </question>\n\n</quiz>')).toBe(true);
    const back = parseMoodleXml(text);
    expect(back.questions.map((q) => q.category)).toEqual(['$course$/top/A/B', '$course$/top/A/B', '$course$/top/C']);
    expect(back.categories.map((c) => [c.path, c.info.text])).toEqual([
      ['$course$/top/A', 'parent'],
      ['$course$/top/A/B', 'child'],
      ['$course$/top/C', ''],
      ['$course$/top/Lonely', ''],
    ]);
  });

  it('writes a category again when the questions come back to it', () => {
    const { text } = serializeMoodleXml({ questions: [shortAnswer('Q1', 'A'), shortAnswer('Q2', 'B'), shortAnswer('Q3', 'A')] });
    expect(parseMoodleXml(text).questions.map((q) => q.category)).toEqual(['A', 'B', 'A']);
  });

  it('warns about what Moodle would not read back', () => {
    const q = newEssay(baseQuestion('E', 'Write'));
    q.hints = [{ text: richText('think'), showNumCorrect: false, clearWrong: false, options: '' }];
    q.responseTemplate.files = [{ name: 'a.txt', path: '/', content: 'AA==' }];
    const { warnings } = serializeMoodleXml({ questions: [shortAnswer('S', 'A'), q] });
    expect(warnings).toEqual([
      expect.stringContaining("Question 'E' has no category"),
      expect.stringContaining('hints of essay questions'),
      expect.stringContaining('files in the response template'),
    ]);
  });

  it('warns that an empty bank makes a file Moodle refuses', () => {
    const { text, warnings } = serializeMoodleXml({ questions: [] });
    expect(text).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n</quiz>');
    expect(warnings).toEqual([expect.stringContaining('nothing to export')]);
    expect(parseMoodleXml(text).diagnostics.map((d) => d.code)).toEqual(['noquestionsinfile']);
  });

  it('writes an unsupported question back exactly as it was read', () => {
    const element = '<question type="ddwtos">\n    <name><text>Drag</text></name>\n    <dragbox><text>cat</text><group>1</group><infinite/></dragbox>\r\n  </question>';
    const read = parseMoodleXml(`<quiz>\n  ${element}\n</quiz>`);
    const q = read.questions[0]!;
    // Exactly: its CR LF stays.
    expect(q).toMatchObject({ type: 'unsupported', qtype: 'ddwtos', name: 'Drag', xml: element });
    expect(writeMoodleXmlQuestion(q, 3)).toBe(`<!-- question: 3  -->\n  ${element}\n`);
  });
});
