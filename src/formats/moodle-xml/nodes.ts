// Reading xml2js's tree the way Moodle's getpath reads xmlize's: a missing step gives the default.
// An element is a string when it holds only text, an object ({$: attributes, _: text, name: [children]}) otherwise.
import { phpTrim } from '../../model/index.js';

/** The value of an element that should hold text but holds elements (HTML outside CDATA, for instance). */
export const NOT_TEXT = Symbol('not text');

type Obj = Record<string, unknown>;

function isObject(node: unknown): node is Obj {
  return typeof node === 'object' && node !== null;
}

/** The `name` children of an element, in file order, or undefined when there are none. */
export function children(node: unknown, name: string): unknown[] | undefined {
  if (!isObject(node)) return undefined;
  const value = node[name];
  return Array.isArray(value) ? value : undefined;
}

/** The first `name` child of an element (Moodle's `['#'][name][0]`). */
export function child(node: unknown, name: string): unknown {
  return children(node, name)?.[0];
}

/** Whether the element has a `name` child (Moodle's array_key_exists for flags like `<shownumcorrect/>`). */
export function hasChild(node: unknown, name: string): boolean {
  return isObject(node) && Array.isArray(node[name]);
}

export function attribute(node: unknown, name: string): string | undefined {
  if (!isObject(node)) return undefined;
  const attributes = node.$;
  if (!isObject(attributes)) return undefined;
  const value = attributes[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The character data of an element, untrimmed; NOT_TEXT when it has child elements. Whitespace-only data reads
 * as '' (Moodle's parser drops whitespace-only runs), which also hides xml2js's habit of keeping them.
 */
export function textContent(node: unknown): string | typeof NOT_TEXT {
  let text: unknown = node;
  if (isObject(node)) {
    for (const key in node) if (key !== '$' && key !== '_') return NOT_TEXT;
    text = node._;
  }
  if (typeof text !== 'string') return '';
  return phpTrim(text) === '' ? '' : text;
}
