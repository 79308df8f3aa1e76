// The RNN bank file keeps the layout of Moodle's own XML export, so a teacher can upload it as it is and a diff
// of one edit touches one line. These checks read the file as text; rnn-bank.test.ts reads its content.
import { describe, expect, it } from 'vitest';
import { readItemsBytes, readItemsText } from './bank-files.js';

const xml = readItemsText();
const lines = xml.split('\n');

/** The `<question>` blocks, each with its type and lines. */
function questionBlocks(): { type: string; lines: string[] }[] {
  const blocks: { type: string; lines: string[] }[] = [];
  let current: { type: string; lines: string[] } | null = null;
  for (const line of lines) {
    const open = /^ {2}<question type="([a-z]+)">$/.exec(line);
    if (open) current = { type: open[1]!, lines: [] };
    else if (line === '  </question>') {
      if (current) blocks.push(current);
      current = null;
    } else if (current) current.lines.push(line);
  }
  return blocks;
}

/** The element names a block opens at its top level (four spaces in), in order. */
function topLevelElements(block: string[]): string[] {
  return block.flatMap((line) => {
    const m = /^ {4}<([a-z]+)[ />]/.exec(line);
    return m ? [m[1]!] : [];
  });
}

const COMMON = ['name', 'questiontext', 'generalfeedback', 'defaultgrade', 'penalty', 'hidden', 'idnumber'];
const COMBINED = ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback', 'shownumcorrect'];

describe('items/rnn-4.1.xml as Moodle writes it', () => {
  it('is UTF-8 with no byte-order mark and the XML declaration Moodle writes', () => {
    const bytes = readItemsBytes();
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    expect(lines.slice(0, 3)).toEqual(['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>', '<!-- question: 0  -->']);
    expect(xml.trimEnd().endsWith('\n\n</quiz>')).toBe(true);
  });

  it('has LF line ends, no tabs and two-space indentation', () => {
    expect(xml).not.toContain('\r');
    expect(xml).not.toContain('\t');
    for (const line of lines) expect(line.length - line.trimStart().length, line).toSatisfy((n: number) => n % 2 === 0);
  });

  it('opens each question with its comment and separates questions with one blank line', () => {
    const comments = lines.filter((line) => line.startsWith('<!--'));
    expect(comments).toHaveLength(13);
    expect(new Set(comments)).toEqual(new Set(['<!-- question: 0  -->']));
    lines.forEach((line, i) => {
      if (line === '<!-- question: 0  -->' && i > 2) expect(lines[i - 1]).toBe('');
      if (line === '  </question>') expect(lines[i + 1]).toBe('');
    });
  });

  it('writes the category first, then the twelve items', () => {
    expect(questionBlocks().map((b) => b.type)).toEqual([
      'category',
      'multichoice',
      'description',
      'multichoice',
      'description',
      'multichoice',
      'description',
      'numerical',
      'description',
      'multichoice',
      'multichoice',
      'description',
      'multichoice',
    ]);
    const category = questionBlocks()[0]!;
    expect(topLevelElements(category.lines)).toEqual(['category', 'info', 'idnumber']);
    expect(category.lines).toContain('      <text>$course$/top/Рекуррентные нейросети</text>');
    expect(category.lines).toContain('    <info format="html">');
  });

  it('writes every field, in the order of Moodle’s export', () => {
    for (const { type, lines: block } of questionBlocks().slice(1)) {
      const elements = topLevelElements(block);
      if (type === 'multichoice') {
        const answers = elements.filter((e) => e === 'answer').length;
        expect(answers).toBeGreaterThanOrEqual(2);
        expect(elements).toEqual([
          ...COMMON,
          'single',
          'shuffleanswers',
          'answernumbering',
          'showstandardinstruction',
          ...COMBINED,
          ...Array<string>(answers).fill('answer'),
          'tags',
        ]);
      } else if (type === 'numerical') {
        expect(elements).toEqual([
          ...COMMON,
          'answer',
          'unitgradingtype',
          'unitpenalty',
          'showunits',
          'unitsleft',
          'instructions',
          'tags',
        ]);
      } else {
        expect(elements).toEqual([...COMMON, 'tags']);
      }
    }
  });

  it('writes numbers as the database holds them', () => {
    for (const { type, lines: block } of questionBlocks().slice(1)) {
      const graded = type !== 'description';
      expect(block).toContain(`    <defaultgrade>${graded ? '1.0000000' : '0.0000000'}</defaultgrade>`);
      expect(block).toContain(`    <penalty>${graded ? '0.3333333' : '0.0000000'}</penalty>`);
      expect(block).toContain('    <hidden>0</hidden>');
    }
    const fractions = [...xml.matchAll(/<answer fraction="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(fractions)).toEqual(new Set(['100', '0', '50', '-50', '-33.33333']));
  });

  it('uses CDATA exactly where the text holds & < > or "', () => {
    const texts = [...xml.matchAll(/<text>(.*?)<\/text>/gs)].map((m) => m[1]!);
    expect(texts.length).toBeGreaterThan(100);
    let cdata = 0;
    for (const raw of texts) {
      const m = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(raw);
      if (m) {
        cdata++;
        expect(m[1], raw).toMatch(/[&<>"]/);
        expect(m[1]).not.toContain(']]>');
      } else {
        expect(raw, raw).not.toMatch(/[&<>"]/);
      }
    }
    expect(cdata).toBeGreaterThan(12);
  });

  it('keeps texts tidy: no doubled spaces, no space at either end', () => {
    for (const [, raw] of xml.matchAll(/<text>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?<\/text>/gs)) {
      expect(raw, raw).not.toMatch(/ {2}/);
      expect(raw, raw).toBe(raw!.trim());
    }
  });

  it('writes tags the way Moodle does, the closing tag on its own line', () => {
    const tagLines = lines.filter((line) => line.includes('<tag>'));
    expect(tagLines.length).toBeGreaterThan(12);
    for (const line of tagLines) expect(line).toMatch(/^ {6}<tag><text>[a-z-]+<\/text>$/);
    expect(lines.filter((line) => line === '</tag>')).toHaveLength(tagLines.length);
  });
});
