// Exporting: a quiz, a category with its subcategories, or the whole bank, as a GIFT or Moodle XML file.
import type { Category, Question } from '../model/index.js';
import { getFormat } from '../formats/index.js';
import type { CategoryRecord, Store } from '../storage/index.js';
import type { CategoryService } from './categories.js';
import { invalid, notFound } from './errors.js';
import type { ExportOptions, ExportResult } from './transfer.js';

/** The questions of a quiz, a category (with its subcategories) or the whole bank, as a file. */
export function exportFile(store: Store, categories: CategoryService, options: ExportOptions, now: Date): ExportResult {
  const format = getFormat(options.format);
  if (options.category !== undefined && options.quiz !== undefined) {
    throw invalid('Export a category or a quiz, not both.', [{ path: 'quiz', message: 'leave out either quiz or category' }]);
  }
  const selection =
    options.quiz !== undefined ? quizSelection(store, options.quiz) : categorySelection(store, categories, options.category);
  const { text, warnings } = format.serialize(
    { questions: selection.questions.map((s) => s.question), categories: selection.categories },
    { ids: selection.questions.map((s) => s.id) },
  );
  return {
    text,
    warnings,
    fileName: `questions-${slug(selection.scope)}-${stamp(now)}${format.extension}`,
    mediaType: format.mediaType,
    count: selection.questions.length,
  };
}

function quizSelection(store: Store, ref: string): Selection {
  const quiz = store.quizzes.getQuiz(ref);
  if (!quiz) throw notFound(`Quiz ${ref} does not exist.`);
  const byId = new Map(store.categories.listCategories().map((c) => [c.id, c]));
  const used = new Map<number, CategoryRecord>();
  const questions = store.quizzes.getQuizQuestions(quiz.id).map((slot) => {
    const category = byId.get(store.questions.getQuestion(slot.questionId)!.categoryId)!;
    used.set(category.id, category);
    return { id: slot.questionId, question: { ...slot.question, category: category.path } };
  });
  return { scope: quiz.idnumber ?? `quiz-${quiz.id}`, questions, categories: [...used.values()].map(toCategory) };
}

function categorySelection(store: Store, categories: CategoryService, path: string | undefined): Selection {
  const all = store.categories.listCategories();
  let inScope = all.filter((c) => c.parentId !== null);
  let root: CategoryRecord | null = null;
  if (path !== undefined) {
    root = categories.find(path);
    if (!root) throw notFound(`Category ${path} does not exist.`);
    const below = new Set([root.id]);
    // Parents are created before their children, so one pass in id order finds the whole subtree.
    for (const c of all) if (c.parentId !== null && below.has(c.parentId)) below.add(c.id);
    inScope = all.filter((c) => below.has(c.id) && c.parentId !== null);
  }
  const order = new Map(all.map((c, i) => [c.id, i]));
  const byId = new Map(all.map((c) => [c.id, c]));
  const records = store.questions.listQuestions(root ? { categoryId: root.id, includeSubcategories: true } : {}).items;
  records.sort((a, b) => order.get(a.categoryId)! - order.get(b.categoryId)! || a.id - b.id);
  return {
    scope: root ? root.name : 'all',
    questions: records.map((r) => ({ id: r.id, question: { ...r.question, category: byId.get(r.categoryId)!.path } })),
    categories: inScope.map(toCategory),
  };
}

interface Selection {
  scope: string;
  questions: { id: number; question: Question }[];
  categories: Category[];
}

function toCategory(c: CategoryRecord): Category {
  return { path: c.path, info: c.info, idnumber: c.idnumber };
}

/** A file-name part: letters and digits of any script kept, everything else a single dash. */
function slug(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}_]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'questions'
  );
}

/** Moodle's export file names end in the time: YYYYMMDD-HHMM (UTC here). */
function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
  return `${day}-${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}
