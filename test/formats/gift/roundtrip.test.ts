// Property: a question GIFT can carry comes back unchanged from writing and reading it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGift, serializeGift } from '../../../src/formats/gift/index.js';
import type { Question } from '../../../src/model/index.js';
import { giftCategoryPath, giftQuestion } from './arbitraries.js';

const errorsOf = (r: ReturnType<typeof parseGift>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('GIFT round trip', () => {
  it('reads back every question it writes', () => {
    fc.assert(
      fc.property(giftQuestion(), (q) => {
        const written = serializeGift({ questions: [q] });
        expect(written.warnings).toEqual([]);
        const r = parseGift(written.text);
        expect(errorsOf(r)).toEqual([]);
        expect(r.questions).toEqual([q]);
        expect(r.categories.map((c) => c.path)).toEqual(q.category === null ? [] : [q.category]);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back a bank of questions in categories', () => {
    const bank = fc
      .boolean()
      .chain((inCategories) =>
        fc.array(giftQuestion(inCategories ? giftCategoryPath : fc.constant(null)), { minLength: 1, maxLength: 6 }),
      )
      .map((questions) => {
        // Moodle drops an idnumber already used in the same category.
        const used = new Set<string>();
        return questions.map((q): Question => {
          const key = `${q.category}\u0000${q.idnumber}`;
          if (q.idnumber === null || !used.has(key)) {
            used.add(key);
            return q;
          }
          return { ...q, idnumber: null };
        });
      });
    fc.assert(
      fc.property(bank, (questions) => {
        const written = serializeGift({ questions }, { ids: questions.map((_, i) => i + 1) });
        expect(written.warnings).toEqual([]);
        const r = parseGift(written.text);
        expect(errorsOf(r)).toEqual([]);
        expect(r.questions).toEqual(questions);
        const paths = [...new Set(questions.map((q) => q.category).filter((c) => c !== null))];
        expect(r.categories).toEqual(paths.map((path) => ({ path, info: { text: '', format: 'moodle', files: [] }, idnumber: null })));
        expect(r.positions).toHaveLength(questions.length);
      }),
      { numRuns: 100 },
    );
  });
});
