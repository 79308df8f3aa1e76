// A whole bank as a Moodle XML file: the questions in order, each category announced before its first question.
import type { Category, Question } from '../../model/index.js';
import { ancestorKeys, categoryKey } from './categories.js';
import { reportLosses, writeCategoryQuestion, writeMoodleXmlQuestion } from './write.js';

export interface MoodleXmlBank {
  questions: readonly Question[];
  /** Info and idnumber of the categories the questions name (and of empty parent categories). */
  categories?: readonly Category[];
}

export interface SerializeOptions {
  /** The question ids written in each `<!-- question: N  -->` comment (default 0). */
  ids?: readonly number[];
}

export function serializeMoodleXml(
  bank: MoodleXmlBank,
  options: SerializeOptions = {},
): { text: string; warnings: string[] } {
  const warnings: string[] = [];
  const categories = bank.categories ?? [];
  const described = new Map<string, Category>();
  for (const c of categories) if (!described.has(categoryKey(c.path))) described.set(categoryKey(c.path), c);
  const withQuestions = new Set<string>();
  for (const q of bank.questions) if (q.category !== null) withQuestions.add(categoryKey(q.category));

  const written = new Set<string>();
  let out = '';
  const writeCategory = (key: string, category: Category): void => {
    if (category.info.files.length) {
      warnings.push(`Category '${category.path}': Moodle XML has no place for files in a category description.`);
    }
    out += `${writeCategoryQuestion(category)}\n`;
    written.add(key);
  };

  let current: string | null = null;
  bank.questions.forEach((q, i) => {
    if (q.category !== null) {
      const key = categoryKey(q.category);
      // Like Moodle, empty parent categories are written first so that their descriptions survive.
      for (const ancestor of ancestorKeys(q.category)) {
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
    reportLosses(q, (message) => warnings.push(message));
    out += `${writeMoodleXmlQuestion(q, options.ids?.[i] ?? 0)}\n`;
  });
  // Described categories no question is in are written last, so that importing the file creates them too.
  for (const [key, category] of described) if (!written.has(key)) writeCategory(key, category);
  if (out === '') warnings.push('There is nothing to export: Moodle refuses to import a file without questions.');

  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${out}</quiz>`, warnings };
}
