// Bounded fuzzing: whatever the input, the GIFT reader returns a result, never throws, and places every
// diagnostic on a real line and column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../src/formats/diagnostics.js';
import { parseGift, readGiftQuestion } from '../../../src/formats/gift/index.js';
import { readFixture } from './moodle-fields.js';

function checkResult(r: ParseResult): void {
  expect(Array.isArray(r.questions) && Array.isArray(r.categories) && Array.isArray(r.positions)).toBe(true);
  expect(r.positions).toHaveLength(r.questions.length);
  for (const d of r.diagnostics) {
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    // An 'internal' diagnostic would mean an exception was caught: a bug, not a property of the input.
    expect(d.code).not.toBe('internal');
  }
  if (r.diagnostics.some((d) => d.severity === 'error')) expect(r.questions).toEqual([]);
}

const SPECIAL = ['{', '}', '~', '=', '#', ':', '::', '\\', '%', '-', '>', '[', ']', '/', '\n', '\r', ' ', '0', '.', '&&058;', '\u00a0', 'T', '$CATEGORY:', '[id:', '[tag:', '####', '%--5%', '..', 'é', '😀'];

const fixtures = ['questions.gift.txt', 'questions_in_category.gift.txt', 'examples.txt'].map((f) =>
  readFixture(f).toString('utf8'),
);

/** A fixture with a few random edits: characters GIFT cares about inserted, deleted or replaced. */
const mutated = fc
  .record({
    file: fc.constantFrom(...fixtures),
    edits: fc.array(
      fc.record({ at: fc.nat(), cut: fc.nat({ max: 6 }), insert: fc.constantFrom(...SPECIAL) }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ file, edits }) =>
    edits.reduce((text, e) => {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }, file),
  );

describe('GIFT fuzzing', () => {
  it('survives random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkResult(parseGift(bytes))),
      { numRuns: 2000 },
    );
  });

  it('survives random text made of GIFT syntax', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SPECIAL, 'a', 'b', 'F'), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        checkResult(parseGift(text));
        const single = readGiftQuestion(text.split('\n'));
        for (const d of single.diagnostics) expect(d.line >= 1 && d.column >= 1 && d.code !== 'internal').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('survives mutations of Moodle\'s fixture files', () => {
    fc.assert(
      fc.property(mutated, (text) => checkResult(parseGift(text))),
      { numRuns: 2000 },
    );
  });
});
