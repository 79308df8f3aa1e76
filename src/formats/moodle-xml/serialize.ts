// A whole bank as a Moodle XML file: the questions in order, each category announced before its first question.
import type { Category } from '../../model/index.js';
import type { Bank, SerializeOptions, SerializeResult } from '../diagnostics.js';
import { TextSink } from '../text-sink.js';
import { ancestorKeys, categoryKey } from './categories.js';
import { reportLosses, writeCategoryQuestion, writeMoodleXmlQuestion } from './write.js';

/** A category path's key and its ancestors' keys, worked out once per distinct path of the bank. */
interface PathKeys {
  key: string;
  ancestors: string[];
}

function pathKeysCache(): (path: string) => PathKeys {
  const cache = new Map<string, PathKeys>();
  return (path) => {
    let keys = cache.get(path);
    if (keys === undefined) {
      keys = { key: categoryKey(path), ancestors: ancestorKeys(path) };
      cache.set(path, keys);
    }
    return keys;
  };
}

export function serializeMoodleXml(bank: Bank, options: SerializeOptions = {}): SerializeResult {
  const warnings: string[] = [];
  const categories = bank.categories ?? [];
  const keysOf = pathKeysCache();
  const described = new Map<string, Category>();
  for (const c of categories) {
    const { key } = keysOf(c.path);
    if (!described.has(key)) described.set(key, c);
  }
  const withQuestions = new Set<string>();
  for (const q of bank.questions) if (q.category !== null) withQuestions.add(keysOf(q.category).key);

  const written = new Set<string>();
  const out = new TextSink();
  const writeCategory = (key: string, category: Category): void => {
    if (category.info.files.length) {
      warnings.push(`Category '${category.path}': Moodle XML has no place for files in a category description.`);
    }
    out.add(`${writeCategoryQuestion(category)}\n`);
    written.add(key);
  };
  const lost = (message: string): void => {
    warnings.push(message);
  };

  let current: string | null = null;
  for (let i = 0; i < bank.questions.length; i++) {
    const q = bank.questions[i]!;
    if (q.category !== null) {
      const { key, ancestors } = keysOf(q.category);
      // Like Moodle, empty parent categories are written first so that their descriptions survive.
      for (const ancestor of ancestors) {
        const parent = described.get(ancestor);
        if (parent && !written.has(ancestor) && !withQuestions.has(ancestor)) writeCategory(ancestor, parent);
      }
      if (key !== current) {
        const blank: Category = { path: q.category, info: { text: '', format: 'moodle', files: [] }, idnumber: null };
        writeCategory(key, described.get(key) ?? blank);
        current = key;
      }
    } else if (current !== null) {
      warnings.push(`Question '${q.name}' has no category; a Moodle import puts it in the category written before it.`);
    }
    reportLosses(q, lost);
    out.add(`${writeMoodleXmlQuestion(q, options.ids?.[i] ?? 0)}\n`);
  }
  // Described categories no question is in are written last, so that importing the file creates them too.
  for (const [key, category] of described) if (!written.has(key)) writeCategory(key, category);
  const body = out.text();
  if (body === '') warnings.push('There is nothing to export: Moodle refuses to import a file without questions.');

  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${body}</quiz>`, warnings };
}
