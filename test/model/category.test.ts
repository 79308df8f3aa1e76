import { describe, expect, it } from 'vitest';
import { joinCategoryPath, matchGradeOption, parseCategoryPath, splitCategoryPath } from '../../src/model/index.js';

describe('category paths', () => {
  it('reads a doubled slash as a slash inside a name', () => {
    expect(splitCategoryPath('$course$/top/A//B/C')).toEqual(['$course$', 'top', 'A/B', 'C']);
  });
  it('joins names back to the same path', () => {
    const names = ['$course$', 'top', 'A/B', 'C'];
    expect(splitCategoryPath(joinCategoryPath(names))).toEqual(names);
  });
  it('separates the context and drops top', () => {
    expect(parseCategoryPath('$module$/top/Рекуррентные нейросети')).toEqual({
      context: '$module$',
      names: ['Рекуррентные нейросети'],
    });
    expect(parseCategoryPath('tom/dick')).toEqual({ context: null, names: ['tom', 'dick'] });
  });
});

describe('Moodle grade options', () => {
  it.each([
    [0.33333, 0.3333333],
    [0.3333333333, 0.3333333],
    [-0.5, -0.5],
    [0.14286, 0.1428571],
    [0.3333, null],
    [0.33, null],
    [10, null],
  ])('%s → %s', (f, option) => {
    expect(matchGradeOption(f)).toBe(option);
  });
});
