// The two formats against each other: what GIFT carries survives a trip through Moodle XML, Moodle's GIFT
// fixtures read the same once written as Moodle XML, and the RNN bank keeps in GIFT every field GIFT has a place
// for, with a warning for each field it loses.
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../src/formats/diagnostics.js';
import { parseGift, serializeGift } from '../../src/formats/gift/index.js';
import { parseMoodleXml, serializeMoodleXml } from '../../src/formats/moodle-xml/index.js';
import { GRADE_OPTIONS, type Category, type Question, type RichText } from '../../src/model/index.js';
import { giftQuestion } from './gift/arbitraries.js';
import { FIXTURES } from './gift/moodle-fields.js';

const errorsOf = (r: ParseResult) => r.diagnostics.filter((d) => d.severity === 'error');

/**
 * Moodle XML refuses a several-answer question whose positive grades do not add up to 100% (Moodle 5 checks them
 * as its editing form does); GIFT takes it. Such a question gets its 100% shared equally among its positive
 * answers (or given to its first answer), so that both formats accept it.
 */
function acceptedByBoth(q: Question): Question {
  if (q.type !== 'multichoice' || q.single) return q;
  const positive = q.answers.filter((a) => a.fraction > 0);
  const total = Math.round(positive.reduce((sum, a) => sum + a.fraction, 0) * 100) / 100;
  if (total === 1) return q;
  if (positive.length === 0) return { ...q, answers: q.answers.map((a, i) => (i === 0 ? { ...a, fraction: 1 } : a)) };
  // 1, 0.5, 0.3333333, 0.25 …: the listed grade nearest to an equal share.
  const share = GRADE_OPTIONS.reduce((best, g) =>
    Math.abs(g - 1 / positive.length) < Math.abs(best - 1 / positive.length) ? g : best,
  );
  return { ...q, answers: q.answers.map((a) => (a.fraction > 0 ? { ...a, fraction: share } : a)) };
}

describe('GIFT → Moodle XML → GIFT', () => {
  it('gives the same GIFT text and the same questions', () => {
    fc.assert(
      fc.property(giftQuestion().map(acceptedByBoth), (q) => {
        const gift = serializeGift({ questions: [q] });
        expect(gift.warnings).toEqual([]);
        const fromGift = parseGift(gift.text);
        expect(errorsOf(fromGift)).toEqual([]);
        expect(fromGift.questions).toEqual([q]);

        const xml = serializeMoodleXml(fromGift);
        expect(xml.warnings).toEqual([]);
        const fromXml = parseMoodleXml(xml.text);
        expect(fromXml.diagnostics).toEqual([]);
        expect(fromXml.questions).toStrictEqual(fromGift.questions);
        expect(fromXml.categories).toStrictEqual(fromGift.categories);

        const again = serializeGift(fromXml);
        expect(again.warnings).toEqual([]);
        expect(again.text).toBe(gift.text);
      }),
      { numRuns: 200 },
    );
  });
});

/** Moodle's GIFT fixture files that are UTF-8 (the others are there to be refused). */
function utf8Fixtures(): string[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .filter((name) => {
      try {
        decoder.decode(readFileSync(new URL(name, FIXTURES)));
        return true;
      } catch {
        return false;
      }
    })
    .sort();
}

describe("Moodle's GIFT fixtures written as Moodle XML", () => {
  const names = utf8Fixtures();

  it('are found', () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  it.each(names)('%s reads back as the same questions and categories', (name) => {
    const fromGift = parseGift(readFileSync(new URL(name, FIXTURES)));
    expect(errorsOf(fromGift)).toEqual([]);
    expect(fromGift.questions.length).toBeGreaterThan(0);
    const xml = serializeMoodleXml(fromGift);
    expect(xml.warnings).toEqual([]);
    const fromXml = parseMoodleXml(xml.text);
    expect(errorsOf(fromXml)).toEqual([]);
    expect(fromXml.questions).toStrictEqual(fromGift.questions);
    expect(fromXml.categories).toStrictEqual(fromGift.categories);
  });
});

const RNN_FILE = new URL('../../items/rnn-4.1.xml', import.meta.url);

/** The fields a GIFT file has a place for: text fields with their formats, answers with grades and feedback. */
function giftFields(q: Question): Record<string, unknown> {
  const common = {
    type: q.type,
    name: q.name,
    text: q.text,
    generalFeedback: q.generalFeedback,
    idnumber: q.idnumber,
    tags: q.tags,
    category: q.category,
  };
  switch (q.type) {
    case 'multichoice':
      return { ...common, single: q.single, answers: q.answers };
    case 'shortanswer':
    case 'numerical':
      return { ...common, answers: q.answers };
    case 'truefalse':
      return { ...common, correct: q.correctAnswer, feedbackTrue: q.feedbackTrue, feedbackFalse: q.feedbackFalse };
    case 'match':
      return { ...common, subquestions: q.subquestions };
    default:
      return common;
  }
}

const isBlankText = (v: unknown): boolean =>
  v === null || (typeof v === 'object' && (v as RichText).text === '' && (v as RichText).files?.length === 0);

/** The fields that differ between two versions of a record; an empty text and no text count as the same. */
function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !isDeepStrictEqual(a[k], b[k]) && !(isBlankText(a[k]) && isBlankText(b[k])));
}

/** How the GIFT writer's warnings name each field it cannot write. */
const WARNED_AS: Readonly<Record<string, RegExp>> = {
  showStandardInstruction: /"show standard instruction"/,
  combinedFeedback: /combined feedback/,
  penalty: /the penalty/,
  defaultMark: /the default mark/,
  hints: /hints/,
  units: /units/,
  unitOptions: /units/,
  instructions: /unit instructions/,
  info: /category description/,
  idnumber: /idnumber/,
};

/** Which of `lost` no warning names, and which warnings name nothing in `lost`. */
function unmatched(lost: string[], warnings: string[]): { unwarned: string[]; unfounded: string[] } {
  const names = (field: string, warning: string) => WARNED_AS[field]?.test(warning) ?? false;
  return {
    unwarned: lost.filter((field) => !warnings.some((w) => names(field, w))),
    unfounded: warnings.filter((w) => !lost.some((field) => names(field, w))),
  };
}

/** Every string inside a value. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(textsOf);
}

describe('the RNN bank (items/rnn-4.1.xml)', () => {
  const file = readFileSync(RNN_FILE, 'utf8');
  const bank = parseMoodleXml(file);
  const gift = serializeGift(bank);
  const back = parseGift(gift.text);

  it('is read from Moodle XML and from its GIFT without a problem', () => {
    expect(bank.diagnostics).toEqual([]);
    expect(bank.questions).toHaveLength(12);
    expect(back.diagnostics).toEqual([]);
    expect(back.questions).toHaveLength(bank.questions.length);
  });

  it('keeps in GIFT every field GIFT carries', () => {
    expect(back.questions.map(giftFields)).toStrictEqual(bank.questions.map(giftFields));
    expect(back.categories.map((c) => c.path)).toEqual(bank.categories.map((c) => c.path));
  });

  it('warns of exactly the fields GIFT loses', () => {
    const names = bank.questions.map((q) => q.name);
    expect(new Set(names).size).toBe(names.length);
    let lostCount = 0;
    bank.questions.forEach((q, i) => {
      const lost = changedFields(q, back.questions[i]!);
      lostCount += lost.length;
      const warnings = gift.warnings.filter((w) => w.startsWith(`Question '${q.name}': `));
      const expected = { question: q.idnumber, unwarned: [], unfounded: [] };
      expect({ question: q.idnumber, ...unmatched(lost, warnings) }).toEqual(expected);
    });
    bank.categories.forEach((c: Category) => {
      const lost = changedFields(c, back.categories.find((b) => b.path === c.path)!);
      lostCount += lost.length;
      const warnings = gift.warnings.filter((w) => w.startsWith(`Category '${c.path}': `));
      const expected = { category: c.path, unwarned: [], unfounded: [] };
      expect({ category: c.path, ...unmatched(lost, warnings) }).toEqual(expected);
    });
    // Combined feedback, penalties, units and the category description do not fit in GIFT.
    expect(lostCount).toBeGreaterThan(0);
    const accounted = gift.warnings.filter((w) => /^(Question|Category) '/.test(w));
    expect(accounted).toEqual(gift.warnings);
  });

  it('is byte-stable in Moodle XML after one round', () => {
    const once = serializeMoodleXml(bank).text;
    const twice = serializeMoodleXml(parseMoodleXml(once)).text;
    expect(twice).toBe(once);
    expect(parseMoodleXml(once).questions).toStrictEqual(bank.questions);
  });

  it('keeps its Russian text and its TeX byte for byte, in Moodle XML and in GIFT', () => {
    const tex = [...file.matchAll(/\\\(.*?\\\)|\\\[.*?\\\]/gs)].map((m) => m[0]);
    const russian = file.match(/\p{Script=Cyrillic}[\p{Script=Cyrillic}\s,.—«»-]*\p{Script=Cyrillic}/gu) ?? [];
    expect(tex.length).toBeGreaterThan(10);
    expect(russian.length).toBeGreaterThan(100);
    const once = serializeMoodleXml(bank).text;
    for (const piece of [...tex, ...russian]) expect(once).toContain(piece);
    // In GIFT, every piece of the fields GIFT carries (combined feedback and the category description it cannot).
    const carried = (r: ParseResult) => textsOf(r.questions.map(giftFields)).join('\n');
    const inGift = [...tex, ...russian].filter((piece) => carried(bank).includes(piece));
    expect(inGift.length).toBeGreaterThan(100);
    for (const piece of inGift) expect(carried(back)).toContain(piece);
  });
});
