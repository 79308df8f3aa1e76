import type { RichText } from './text.js';

/**
 * A question category as a Moodle file describes it. `path` is written as Moodle writes it:
 * names separated by `/`, a `/` inside a name doubled, an optional `$course$`-style context first,
 * e.g. `$course$/top/Рекуррентные нейросети`.
 */
export interface Category {
  path: string;
  info: RichText;
  idnumber: string | null;
}

const CONTEXT = /^\$[a-z0-9]+\$$/;

/** The names of a category path, with `//` read back as `/` (Moodle's split_category_path). */
export function splitCategoryPath(path: string): string[] {
  return path
    .trim()
    .split(/(?<!\/)\/(?!\/)/)
    .map((name) => name.replaceAll('//', '/').trim());
}

/** The inverse of splitCategoryPath: `/` inside a name doubled, names that start or end with `/` padded. */
export function joinCategoryPath(names: readonly string[]): string {
  return names
    .map((name) => {
      let escaped = name.replaceAll('/', '//');
      if (escaped.startsWith('/')) escaped = ` ${escaped}`;
      if (escaped.endsWith('/')) escaped = `${escaped} `;
      return escaped;
    })
    .join('/');
}

/** A path split into its context token (`$course$`, `$module$`, … or null) and its category names below `top`. */
export function parseCategoryPath(path: string): { context: string | null; names: string[] } {
  const parts = splitCategoryPath(path).filter((name) => name !== '');
  let context: string | null = null;
  if (parts.length > 0 && CONTEXT.test(parts[0]!)) context = parts.shift()!;
  // Moodle keeps every category under a hidden `top`; a leading or repeated `top` is not a category of its own.
  while (parts[0] === 'top') parts.shift();
  return { context, names: parts };
}
