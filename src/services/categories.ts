// Where questions live: Moodle category paths, resolved (and created) in the store.
import { joinCategoryPath, parseCategoryPath } from '../model/index.js';
import type { CategoryRecord, Store } from '../storage/index.js';
import { invalid } from './errors.js';

/** Where a question goes when neither the request nor the file names a category. */
export const DEFAULT_CATEGORY = '$course$/top/Default';

export interface CategoryView {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  idnumber: string | null;
  info: CategoryRecord['info'];
}

export class CategoryService {
  constructor(private readonly store: Store) {}

  /**
   * The category a path names, created with its missing parents; the default category for null.
   * A context's `top` cannot hold questions (as in Moodle), so a path naming only a top is refused.
   */
  resolve(path: string | null, what = 'category'): CategoryRecord {
    const wanted = path ?? DEFAULT_CATEGORY;
    if (parseCategoryPath(wanted).names.length === 0) {
      throw invalid(`The ${what} "${wanted}" names a context's top category, which cannot hold questions.`, [
        { path: what, message: 'name a category below top, e.g. $course$/top/Week 1' },
      ]);
    }
    return this.store.categories.ensureCategoryPath(wanted);
  }

  /** An existing category, or null. */
  find(path: string): CategoryRecord | null {
    return this.store.categories.findCategoryByPath(path);
  }

  /** Every category below a context's top, in creation order. */
  list(): CategoryView[] {
    return this.store.categories
      .listCategories()
      .filter((c) => c.parentId !== null)
      .map(({ id, parentId, path, name, idnumber, info }) => ({ id, parentId, path, name, idnumber, info }));
  }

  /** Paths of every category by id, tops included, for labelling listings. */
  pathsById(): Map<number, string> {
    return new Map(this.store.categories.listCategories().map((c) => [c.id, c.path]));
  }
}

/**
 * A file's category path moved below an import target: `$course$/top/A/B` into `$course$/top/T` is
 * `$course$/top/T/A/B` (the file's context is dropped: the target's wins); a file path naming only a top is
 * the target itself.
 */
export function nestCategoryPath(target: CategoryRecord, filePath: string): string {
  const { names } = parseCategoryPath(filePath);
  return names.length === 0 ? target.path : `${target.path}/${joinCategoryPath(names)}`;
}
