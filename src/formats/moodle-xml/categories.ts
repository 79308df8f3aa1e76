// Category pseudo-questions: reading them, and telling two spellings of one category apart from two categories.
import { parseCategoryPath, type Category } from '../../model/index.js';
import type { QuestionContext } from './context.js';
import { child } from './nodes.js';
import { readFormat, readIdnumber, readText } from './read-common.js';

/** A category pseudo-question (import_category), or null when it names no category. */
export function readCategory(ctx: QuestionContext, q: unknown): Category | null {
  const path = readText(ctx, child(q, 'category'));
  if (path === '') {
    ctx.warning('emptycategory', 'A category pseudo-question without a category path is ignored.');
    return null;
  }
  let info: Category['info'] = { text: '', format: 'moodle', files: [] };
  const infoNode = child(q, 'info');
  if (infoNode !== undefined) {
    // Moodle reads an <info> without a format attribute as HTML.
    info = { text: readText(ctx, infoNode), format: readFormat(ctx, infoNode, 'html'), files: [] };
  }
  return { path, info, idnumber: readIdnumber(ctx, q) };
}

/**
 * Adds a category to the file's list (`byKey` indexes that list by categoryKey); a second description of the same
 * category only fills in what the first left empty, as Moodle does when a child category came first.
 */
export function addCategory(categories: Category[], byKey: Map<string, Category>, read: Category): void {
  const key = categoryKey(read.path);
  const known = byKey.get(key);
  if (!known) {
    categories.push(read);
    byKey.set(key, read);
    return;
  }
  if (known.info.text === '' && read.info.text !== '') known.info = read.info;
  if (known.idnumber === null && read.idnumber !== null) known.idnumber = read.idnumber;
}

function keyOf(context: string | null, names: readonly string[]): string {
  return `${context ?? ''}/${names.join('\u0000')}`;
}

/** One key per category, whatever the spelling of its path (`$course$/top/A` and `$course$/A` are the same). */
export function categoryKey(path: string): string {
  const { context, names } = parseCategoryPath(path);
  return keyOf(context, names);
}

/** Keys of the categories above `path`, the topmost first. */
export function ancestorKeys(path: string): string[] {
  const { context, names } = parseCategoryPath(path);
  const keys: string[] = [];
  for (let k = 1; k < names.length; k++) keys.push(keyOf(context, names.slice(0, k)));
  return keys;
}
