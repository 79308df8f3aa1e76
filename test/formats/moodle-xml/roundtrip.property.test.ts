// Writing any question (or bank) as Moodle XML and reading the file back gives exactly what was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMoodleXml, serializeMoodleXml } from '../../../src/formats/moodle-xml/index.js';
import { bankArb, questionArb } from './arbitraries.js';

describe('Moodle XML round trip', () => {
  it('parseMoodleXml(serializeMoodleXml(q).text) gives q back, for questions of every type', () => {
    fc.assert(
      fc.property(questionArb, (q) => {
        const { text, warnings } = serializeMoodleXml({ questions: [q] });
        expect(warnings).toEqual([]);
        const result = parseMoodleXml(text);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.questions).toStrictEqual([q]);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps categories, their descriptions and which question is in which', () => {
    fc.assert(
      fc.property(bankArb, (bank) => {
        const { text, warnings } = serializeMoodleXml(bank);
        expect(warnings).toEqual([]);
        const result = parseMoodleXml(text);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.questions).toStrictEqual(bank.questions);
        for (const category of bank.categories) expect(result.categories).toContainEqual(category);
        // A second round changes nothing.
        expect(serializeMoodleXml({ questions: result.questions, categories: result.categories }).text).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
