import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/model/index.js';
import { ConflictError, NotFoundError, type Store } from '../../src/storage/index.js';
import { useStore } from '../helpers/store.js';
import { essay, multichoice, NO_IDS, trueFalse } from './helpers.js';

const { store } = useStore();

function expectConflict(fn: () => unknown, constraint: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConflictError);
  expect((error as ConflictError).constraint).toBe(constraint);
  expect((error as Error).message).not.toMatch(/UNIQUE|constraint failed|SQLITE/);
}

function setup(s: Store) {
  const category = s.categories.ensureCategoryPath('$course$/top/RNN');
  const other = s.categories.ensureCategoryPath('$course$/top/RNN/Deeper');
  return { category: category.id, other: other.id };
}

describe('creating and versioning', () => {
  it('stores version 1 with the whole question and its choice ids', () => {
    const s = store();
    const { category } = setup(s);
    const question = multichoice('Q1', [1, -0.5, 0]);
    const choiceIds = { choices: ['c-a', 'c-b', 'c-c'], stems: [] };
    const created = s.questions.createQuestion({ question, categoryId: category, choiceIds });
    expect(created.version).toBe(1);
    const read = s.questions.getQuestion(created.id)!;
    expect(read).toMatchObject({
      id: created.id,
      categoryId: category,
      version: 1,
      versionId: created.versionId,
      type: 'multichoice',
      name: 'Q1',
      retiredAt: null,
    });
    expect(read.question).toEqual(question);
    expect(read.choiceIds).toEqual(choiceIds);
    expect(read.versions).toEqual([
      { versionId: created.versionId, version: 1, type: 'multichoice', name: 'Q1', createdAt: read.createdAt },
    ]);
  });

  it('adds version 2 on update and keeps version 1 unchanged and readable', () => {
    const s = store();
    const { category } = setup(s);
    const v1 = multichoice('Before', [1, 0]);
    const ids1 = { choices: ['a', 'b'], stems: [] };
    const created = s.questions.createQuestion({ question: v1, categoryId: category, choiceIds: ids1 });
    const v2 = { ...multichoice('After', [0.5, 0.5, 0]), idnumber: 'rnn-1' };
    const ids2 = { choices: ['x', 'y', 'z'], stems: [] };
    const updated = s.questions.updateQuestion(created.id, { question: v2, choiceIds: ids2 });
    expect(updated).toMatchObject({ id: created.id, version: 2 });
    expect(updated.versionId).not.toBe(created.versionId);

    const current = s.questions.getQuestion(created.id)!;
    expect(current).toMatchObject({ version: 2, versionId: updated.versionId, name: 'After', idnumber: 'rnn-1' });
    expect(current.question).toEqual(v2);
    expect(current.versions.map((v) => [v.version, v.name])).toEqual([
      [1, 'Before'],
      [2, 'After'],
    ]);

    const old = s.questions.getQuestionVersion(created.versionId)!;
    expect(old).toMatchObject({ questionId: created.id, version: 1, current: false, name: 'Before' });
    expect(old.question).toEqual(v1);
    expect(old.choiceIds).toEqual(ids1);
    expect(s.questions.getQuestionVersion(updated.versionId)!.current).toBe(true);
    expect(s.questions.getQuestionVersion(9999)).toBeNull();
  });

  it('lets a new version change the type and move the entry to another category', () => {
    const s = store();
    const { category, other } = setup(s);
    const { id } = s.questions.createQuestion({ question: trueFalse('T'), categoryId: category, choiceIds: NO_IDS });
    s.questions.updateQuestion(id, { question: essay('E'), choiceIds: NO_IDS, categoryId: other });
    expect(s.questions.getQuestion(id)).toMatchObject({ type: 'essay', categoryId: other, version: 2 });
    expect(s.questions.listQuestions({ type: 'truefalse' }).total).toBe(0);
    expect(s.questions.listQuestions({ type: 'essay' }).items.map((q) => q.id)).toEqual([id]);
  });

  it('refuses an unknown category or question', () => {
    const s = store();
    const { category } = setup(s);
    expect(() => s.questions.createQuestion({ question: trueFalse('T'), categoryId: 999, choiceIds: NO_IDS })).toThrow(
      NotFoundError,
    );
    expect(() => s.questions.updateQuestion(999, { question: trueFalse('T'), choiceIds: NO_IDS })).toThrow(NotFoundError);
    const { id } = s.questions.createQuestion({ question: trueFalse('T'), categoryId: category, choiceIds: NO_IDS });
    expect(() => s.questions.updateQuestion(id, { question: trueFalse('T'), choiceIds: NO_IDS, categoryId: 999 })).toThrow(
      NotFoundError,
    );
    expect(s.questions.getQuestion(id)!.versions).toHaveLength(1);
    expect(s.questions.getQuestion(999)).toBeNull();
    expect(() => s.questions.retireQuestion(999)).toThrow(NotFoundError);
  });
});

describe('retiring', () => {
  it('keeps the entry and its versions, hides it from listings and refuses new versions', () => {
    const s = store();
    const { category } = setup(s);
    const { id, versionId } = s.questions.createQuestion({ question: trueFalse('T'), categoryId: category, choiceIds: NO_IDS });
    s.questions.updateQuestion(id, { question: trueFalse('T2'), choiceIds: NO_IDS });
    const retired = s.questions.retireQuestion(id);
    expect(retired.retiredAt).not.toBeNull();
    expect(s.questions.retireQuestion(id).retiredAt).toBe(retired.retiredAt);
    const read = s.questions.getQuestion(id)!;
    expect(read.retiredAt).toBe(retired.retiredAt);
    expect(read.versions).toHaveLength(2);
    expect(s.questions.getQuestionVersion(versionId)!.name).toBe('T');
    expect(s.questions.listQuestions().total).toBe(0);
    expect(s.questions.listQuestions({ includeRetired: true }).items.map((q) => q.id)).toEqual([id]);
    expectConflict(() => s.questions.updateQuestion(id, { question: trueFalse('T3'), choiceIds: NO_IDS }), 'question_retired');
  });
});

describe('idnumbers', () => {
  it('are unique within a category among live questions', () => {
    const s = store();
    const { category, other } = setup(s);
    const q = (idnumber: string | null) => ({ ...trueFalse('T'), idnumber }) as Question;
    const first = s.questions.createQuestion({ question: q('dup'), categoryId: category, choiceIds: NO_IDS });
    expect(s.questions.createQuestion({ question: q('dup'), categoryId: other, choiceIds: NO_IDS }).version).toBe(1);
    expectConflict(
      () => s.questions.createQuestion({ question: q('dup'), categoryId: category, choiceIds: NO_IDS }),
      'question_idnumber',
    );

    const second = s.questions.createQuestion({ question: q('free'), categoryId: category, choiceIds: NO_IDS });
    expectConflict(() => s.questions.updateQuestion(second.id, { question: q('dup'), choiceIds: NO_IDS }), 'question_idnumber');
    expect(s.questions.getQuestion(second.id)!.versions).toHaveLength(1);

    s.questions.retireQuestion(first.id);
    expect(s.questions.updateQuestion(second.id, { question: q('dup'), choiceIds: NO_IDS }).version).toBe(2);
  });

  it('treat none and empty alike, any number of times', () => {
    const s = store();
    const { category } = setup(s);
    for (const idnumber of [null, null, '', '']) {
      s.questions.createQuestion({ question: { ...trueFalse('T'), idnumber }, categoryId: category, choiceIds: NO_IDS });
    }
    expect(s.questions.listQuestions().items.map((q) => q.idnumber)).toEqual([null, null, null, null]);
  });

  it('find the live question of a category', () => {
    const s = store();
    const { category, other } = setup(s);
    const question = { ...trueFalse('T'), idnumber: 'x' };
    const { id } = s.questions.createQuestion({ question, categoryId: category, choiceIds: NO_IDS });
    expect(s.questions.findQuestionByIdnumber(category, 'x')?.id).toBe(id);
    expect(s.questions.findQuestionByIdnumber(other, 'x')).toBeNull();
    s.questions.retireQuestion(id);
    expect(s.questions.findQuestionByIdnumber(category, 'x')).toBeNull();
  });
});

describe('listQuestions', () => {
  function bank(s: Store) {
    const { category, other } = setup(s);
    const add = (question: Question, categoryId = category) =>
      s.questions.createQuestion({ question, categoryId, choiceIds: NO_IDS }).id;
    const ids = {
      mc: add({ ...multichoice('mc'), tags: ['RNN', 'lstm'] }),
      tf: add({ ...trueFalse('tf'), tags: ['rnn'], idnumber: 'tf-1' }),
      essay: add(essay('essay'), other),
      tf2: add({ ...trueFalse('tf2'), idnumber: 'tf-1' }, other),
    };
    return { category, other, ids };
  }

  it('filters by category, with or without its subcategories', () => {
    const s = store();
    const { category, other, ids } = bank(s);
    expect(s.questions.listQuestions({ categoryId: category }).items.map((q) => q.id)).toEqual([ids.mc, ids.tf]);
    expect(s.questions.listQuestions({ categoryId: other }).items.map((q) => q.id)).toEqual([ids.essay, ids.tf2]);
    expect(s.questions.listQuestions({ categoryId: category, includeSubcategories: true }).total).toBe(4);
    const top = s.categories.findCategoryByPath('$course$/top')!;
    expect(s.questions.listQuestions({ categoryId: top.id }).total).toBe(0);
    expect(s.questions.listQuestions({ categoryId: top.id, includeSubcategories: true }).total).toBe(4);
  });

  it('filters by type, tag (any case), idnumber, and all of them together', () => {
    const s = store();
    const { category, ids } = bank(s);
    expect(s.questions.listQuestions({ type: 'truefalse' }).items.map((q) => q.id)).toEqual([ids.tf, ids.tf2]);
    expect(s.questions.listQuestions({ tag: 'Rnn' }).items.map((q) => q.id)).toEqual([ids.mc, ids.tf]);
    expect(s.questions.listQuestions({ tag: 'LSTM' }).items.map((q) => q.id)).toEqual([ids.mc]);
    expect(s.questions.listQuestions({ idnumber: 'tf-1' }).items.map((q) => q.id)).toEqual([ids.tf, ids.tf2]);
    expect(
      s.questions.listQuestions({ categoryId: category, type: 'truefalse', tag: 'rnn', idnumber: 'tf-1' }).items.map(
        (q) => q.id,
      ),
    ).toEqual([ids.tf]);
    expect(s.questions.listQuestions({ type: 'match' })).toEqual({ items: [], total: 0 });
  });

  it('follows the tags of the current version', () => {
    const s = store();
    const { ids } = bank(s);
    s.questions.updateQuestion(ids.mc, { question: { ...multichoice('mc'), tags: ['gru'] }, choiceIds: NO_IDS });
    expect(s.questions.listQuestions({ tag: 'lstm' }).total).toBe(0);
    expect(s.questions.listQuestions({ tag: 'gru' }).items.map((q) => q.id)).toEqual([ids.mc]);
  });

  it('pages in id order and counts every match', () => {
    const s = store();
    const { category } = setup(s);
    const ids = s.questions.insertQuestions(
      Array.from({ length: 25 }, (_, i) => ({ question: trueFalse(`q${i}`), categoryId: category, choiceIds: NO_IDS })),
    ).map((q) => q.id);
    const pages = [0, 10, 20, 30].map((offset) => s.questions.listQuestions({ limit: 10, offset }));
    expect(pages.map((p) => p.total)).toEqual([25, 25, 25, 25]);
    expect(pages.flatMap((p) => p.items.map((q) => q.id))).toEqual(ids);
    expect(pages[3]!.items).toEqual([]);
    s.questions.retireQuestion(ids[0]!);
    expect(s.questions.listQuestions({ limit: 5 }).total).toBe(24);
    expect(s.questions.listQuestions({ limit: 5, includeRetired: true }).total).toBe(25);
  });
});

describe('insertQuestions', () => {
  it('stores all or none', () => {
    const s = store();
    const { category } = setup(s);
    expect(() =>
      s.questions.insertQuestions([
        { question: trueFalse('a'), categoryId: category, choiceIds: NO_IDS },
        { question: trueFalse('b'), categoryId: 12345, choiceIds: NO_IDS },
      ]),
    ).toThrow(NotFoundError);
    expect(s.questions.listQuestions({ includeRetired: true }).total).toBe(0);
    const created = s.questions.insertQuestions([
      { question: trueFalse('a'), categoryId: category, choiceIds: NO_IDS },
      { question: essay('b'), categoryId: category, choiceIds: NO_IDS },
    ]);
    expect(created.map((c) => c.version)).toEqual([1, 1]);
    expect(s.questions.listQuestions().items.map((q) => q.name)).toEqual(['a', 'b']);
  });

  it('joins the caller transaction, so the caller can undo it', () => {
    const s = store();
    expect(() =>
      s.transaction(() => {
        const category = s.categories.ensureCategoryPath('Imported');
        s.questions.insertQuestions([{ question: trueFalse('a'), categoryId: category.id, choiceIds: NO_IDS }]);
        expect(s.questions.listQuestions().total).toBe(1);
        throw new Error('the file had errors after all');
      }),
    ).toThrow('the file had errors');
    expect(s.questions.listQuestions().total).toBe(0);
    expect(s.categories.listCategories()).toEqual([]);
  });
});
