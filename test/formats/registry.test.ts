import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS, formatFromContent, formatFromFileName, getFormat, isFormatName } from '../../src/formats/index.js';

describe('the format registry', () => {
  it('names the two formats with their export media types and extensions', () => {
    expect(Object.keys(FORMATS)).toEqual(['gift', 'moodlexml']);
    expect(getFormat('gift')).toMatchObject({ label: 'GIFT', mediaType: 'text/plain; charset=utf-8', extension: '.txt' });
    expect(getFormat('moodlexml')).toMatchObject({ label: 'Moodle XML', mediaType: 'application/xml; charset=utf-8', extension: '.xml' });
    expect(isFormatName('moodlexml')).toBe(true);
    expect(isFormatName('xml')).toBe(false);
  });

  it('tells the format from the extension', () => {
    expect(formatFromFileName('week1.gift')).toBe('gift');
    expect(formatFromFileName('EXPORT.TXT')).toBe('gift');
    expect(formatFromFileName('/a/b/rnn-4.1.xml')).toBe('moodlexml');
    expect(formatFromFileName('notes.md')).toBeNull();
  });

  it('tells the format from the content: an XML start means Moodle XML, anything else GIFT', () => {
    expect(formatFromContent('<?xml version="1.0"?><quiz/>')).toBe('moodlexml');
    expect(formatFromContent('\uFEFF  \n<quiz>\n</quiz>')).toBe('moodlexml');
    expect(formatFromContent(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x3f, 0x78, 0x6d, 0x6c]))).toBe('moodlexml');
    expect(formatFromContent('<!-- question: 1 -->\n<quiz>')).toBe('moodlexml');
    expect(formatFromContent('::Q:: <b>bold</b> question {T}')).toBe('gift');
    expect(formatFromContent('<p>An HTML question</p> {T}')).toBe('gift');
  });

  it('prefers the named format, then the extension, then the content', () => {
    const xml = '<?xml version="1.0"?><quiz/>';
    expect(detectFormat({ from: 'gift', fileName: 'a.xml', content: xml })).toBe('gift');
    expect(detectFormat({ fileName: 'a.txt', content: xml })).toBe('gift');
    expect(detectFormat({ fileName: 'a.data', content: xml })).toBe('moodlexml');
    expect(detectFormat({ content: '::Q:: x {T}' })).toBe('gift');
  });

  it('parses and serializes by name', () => {
    const parsed = getFormat('gift').parse('::Q:: Sky is blue? {T}');
    expect(parsed.questions[0]).toMatchObject({ type: 'truefalse', correctAnswer: true });
    const xml = getFormat('moodlexml').serialize({ questions: parsed.questions }, { ids: [42] });
    expect(xml.text).toContain('<!-- question: 42  -->');
    expect(getFormat('moodlexml').parse(xml.text).questions[0]).toEqual(parsed.questions[0]);
  });
});
