import { describe, expect, it } from 'vitest';
import { richText } from '../../src/model/index.js';
import { ConflictError, InvalidInputError } from '../../src/storage/index.js';
import { useStore } from '../helpers/store.js';

const { store } = useStore();

describe('ensureCategoryPath', () => {
  it('creates the top of the context and every missing category, reading // as a slash in a name', () => {
    const { categories } = store();
    const c = categories.ensureCategoryPath('$course$/top/Unit 1//2/Week 3');
    expect(c).toMatchObject({ context: '$course$', name: 'Week 3', path: '$course$/top/Unit 1//2/Week 3' });
    const parent = categories.getCategory(c.parentId!)!;
    expect(parent).toMatchObject({ name: 'Unit 1/2', path: '$course$/top/Unit 1//2' });
    const top = categories.getCategory(parent.parentId!)!;
    expect(top).toMatchObject({ name: 'top', parentId: null, path: '$course$/top' });
    expect(categories.listCategories().map((x) => x.path)).toEqual([
      '$course$/top',
      '$course$/top/Unit 1//2',
      '$course$/top/Unit 1//2/Week 3',
    ]);
  });

  it('finds existing categories instead of creating them again', () => {
    const { categories } = store();
    const first = categories.ensureCategoryPath('$course$/top/A/B');
    const again = categories.ensureCategoryPath('$course$/top/A/B');
    const sibling = categories.ensureCategoryPath('$course$/top/A/C');
    expect(again.id).toBe(first.id);
    expect(sibling.parentId).toBe(first.parentId);
    expect(categories.listCategories()).toHaveLength(4);
  });

  it('drops a leading top and uses $course$ when the path names no context', () => {
    const { categories } = store();
    const a = categories.ensureCategoryPath('A/B');
    expect(a.path).toBe('$course$/top/A/B');
    expect(categories.ensureCategoryPath('top/A/B').id).toBe(a.id);
    expect(categories.ensureCategoryPath('$course$/A/B').id).toBe(a.id);
    expect(categories.ensureCategoryPath(' A / B ').id).toBe(a.id);
  });

  it('keeps each context a tree of its own', () => {
    const { categories } = store();
    const course = categories.ensureCategoryPath('$course$/top/A');
    const module = categories.ensureCategoryPath('$module$/top/A');
    expect(module.id).not.toBe(course.id);
    expect(module.path).toBe('$module$/top/A');
    expect(categories.ensureCategoryPath('A', { defaultContext: '$module$' }).id).toBe(module.id);
  });

  it('names the top for a path with no category', () => {
    const { categories } = store();
    const top = categories.ensureCategoryPath('$module$/top');
    expect(top).toMatchObject({ name: 'top', parentId: null, context: '$module$' });
    expect(categories.ensureCategoryPath('$module$').id).toBe(top.id);
  });

  it('puts info and idnumber on the last category only', () => {
    const { categories } = store();
    const info = richText('<p>About C</p>', 'html');
    const c = categories.ensureCategoryPath('A/B/C', { info, idnumber: 'c-1' });
    expect(c.info).toEqual(info);
    expect(c.idnumber).toBe('c-1');
    const b = categories.getCategory(c.parentId!)!;
    expect(b.info.text).toBe('');
    expect(b.idnumber).toBeNull();
  });

  it('fills the empty info and idnumber of an existing category and never overwrites them', () => {
    const { categories } = store();
    categories.ensureCategoryPath('A/B/C');
    const b = categories.ensureCategoryPath('A/B', { info: richText('About B', 'markdown'), idnumber: 'b' });
    expect(b.info).toEqual(richText('About B', 'markdown'));
    expect(b.idnumber).toBe('b');
    const again = categories.ensureCategoryPath('A/B', { info: richText('Other', 'html'), idnumber: 'other' });
    expect(again.info).toEqual(richText('About B', 'markdown'));
    expect(again.idnumber).toBe('b');
    expect(categories.ensureCategoryPath('A/B', { info: richText(''), idnumber: '' }).info.text).toBe('About B');
  });

  it('keeps a category idnumber unique within its context', () => {
    const { categories } = store();
    categories.ensureCategoryPath('A', { idnumber: 'same' });
    expect(categories.ensureCategoryPath('$module$/B', { idnumber: 'same' }).idnumber).toBe('same');
    let error: unknown;
    try {
      categories.ensureCategoryPath('B', { idnumber: 'same' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).constraint).toBe('category_idnumber');
    expect((error as Error).message).not.toMatch(/UNIQUE|constraint failed|categories\./);
    // the failed call left no half-made category behind
    expect(categories.findCategoryByPath('B')).toBeNull();
  });

  it('refuses a default context that is not a context token', () => {
    expect(() => store().categories.ensureCategoryPath('A', { defaultContext: 'course' })).toThrow(InvalidInputError);
  });
});

describe('reading categories', () => {
  it('finds a category by its path and answers null for a missing one', () => {
    const { categories } = store();
    const c = categories.ensureCategoryPath('$course$/top/A//B/C');
    expect(categories.findCategoryByPath('$course$/top/A//B/C')?.id).toBe(c.id);
    expect(categories.findCategoryByPath('A//B/C')?.id).toBe(c.id);
    expect(categories.findCategoryByPath('A/B/C')).toBeNull();
    expect(categories.findCategoryByPath('$module$/top/A//B/C')).toBeNull();
    expect(categories.getCategory(9999)).toBeNull();
  });

  it('lists every category with its full path', () => {
    const { categories } = store();
    categories.ensureCategoryPath('$course$/top/Рекуррентные нейросети');
    categories.ensureCategoryPath('$module$/top/X/Y');
    const listed = categories.listCategories();
    expect(listed.map((c) => c.path)).toEqual([
      '$course$/top',
      '$course$/top/Рекуррентные нейросети',
      '$module$/top',
      '$module$/top/X',
      '$module$/top/X/Y',
    ]);
    for (const c of listed) expect(categories.getCategory(c.id)).toEqual(c);
  });
});
