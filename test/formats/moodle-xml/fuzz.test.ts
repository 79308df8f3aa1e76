// Random text and random damage to Moodle's fixture files: the parser never throws, never hangs, and every
// diagnostic points at a real place (line and column from 1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoodleXml } from '../../../src/formats/moodle-xml/index.js';
import { fixtureText } from './helpers.js';

const FIXTURES = [
  'multichoice.xml',
  'truefalse.xml',
  'multianswer.xml',
  'broken_cloze_questions.xml',
  'nested_categories_with_questions.xml',
  'partial_invalid_export.xml',
  'sample_questions_with_old_image_tag.xml',
  'error_invalid_grades.xml',
].map(fixtureText);

/** Pieces that make damage interesting: markup, entities, Cloze syntax, declarations. */
const PIECES = [
  '<', '>', '/', '&', ';', '"', "'", '=', ']]>', '<![CDATA[', '<!--', '-->', '<?', '?>', '<!DOCTYPE', '<!ENTITY',
  '&amp;', '&nbsp;', '&#0;', '&#x1F600;', '<question type="cloze">', '</question>', '<text>', '</text>',
  '<answer fraction="33">', '</answer>', '{1:MULTICHOICE:', '~', '#', '}', '%50%', '\r\n', '\u0000', '\uFEFF', '日本',
];

function check(input: string): void {
  const result = parseMoodleXml(input, { maxDepth: 32 });
  // The last-resort diagnostic of an internal failure must never be needed.
  expect(result.diagnostics.filter((d) => d.code === 'internal')).toEqual([]);
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(typeof d.message).toBe('string');
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) expect(result.questions).toEqual([]);
  expect(result.positions).toHaveLength(result.questions.length);
}

const damage = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 3 }),
});

describe('fuzz', () => {
  it('random strings', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        check(`<quiz>${parts.join('')}</quiz>`);
        check(parts.join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('damaged fixture files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES), fc.array(damage, { minLength: 1, maxLength: 4 }), (file, cuts) => {
        let text = file;
        for (const cut of cuts) {
          const at = Math.floor(cut.at * text.length);
          text = text.slice(0, at) + cut.insert.join('') + text.slice(at + cut.remove);
        }
        check(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('bytes that are not text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const result = parseMoodleXml(bytes);
        for (const d of result.diagnostics) expect(Math.min(d.line, d.column)).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
