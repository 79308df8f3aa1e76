// Import and export: Moodle files in and out of the bank. An import stores the whole file or nothing.
import { parseCategoryPath, type Category, type Question, type QuestionType } from '../model/index.js';
import { getFormat, hasErrors, type Diagnostic, type FormatName, type SourcePosition } from '../formats/index.js';
import { ConflictError, type CategoryRecord, type NewQuestion, type Store } from '../storage/index.js';
import { CategoryService, DEFAULT_CATEGORY, nestCategoryPath } from './categories.js';
import { assignChoiceIds } from './choice-ids.js';
import { ImportError, invalid, notFound } from './errors.js';

export interface ImportOptions {
  format: FormatName;
  /** The target category: the file's categories are created below it, questions the file puts in none go into it.
   * Without one, the file's own categories are used (questions in none go into the default category). */
  category?: string | null | undefined;
  /** Called as questions are stored, with how many are done out of how many. */
  onProgress?: (stored: number, total: number) => void;
}

export interface CreatedItem {
  id: number;
  name: string;
  type: QuestionType;
  idnumber: string | null;
  category: string;
}

export interface ImportResult {
  created: CreatedItem[];
  /** Warnings of the parser and of storing (e.g. a category idnumber already taken). */
  warnings: Diagnostic[];
}

export interface ExportOptions {
  format: FormatName;
  /** A category path: its questions and those of every category below it. */
  category?: string | undefined;
  /** A quiz id or idnumber: its questions in slot order. */
  quiz?: string | undefined;
}

export interface ExportResult {
  text: string;
  fileName: string;
  mediaType: string;
  /** What the format cannot carry. */
  warnings: string[];
  count: number;
}

/** Questions are stored in chunks so that a long import can report progress. */
const CHUNK = 200;
const START: SourcePosition = { line: 1, column: 1 };

function problem(at: SourcePosition, code: string, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { severity, line: at.line, column: at.column, code, message };
}

export class TransferService {
  private readonly categories: CategoryService;

  constructor(
    private readonly store: Store,
    private readonly maxBytes: number,
    private readonly now: () => Date,
  ) {
    this.categories = new CategoryService(store);
  }

  /** Parses the file and stores every question in it, or throws an ImportError and stores nothing. */
  importFile(input: string | Uint8Array, options: ImportOptions): ImportResult {
    const format = getFormat(options.format);
    const parsed = format.parse(input, { maxBytes: this.maxBytes });
    const warnings = parsed.diagnostics.filter((d) => d.severity === 'warning');
    if (hasErrors(parsed.diagnostics)) {
      throw new ImportError(
        `The ${format.label} file has errors; nothing was imported.`,
        parsed.diagnostics.filter((d) => d.severity === 'error'),
      );
    }
    if (parsed.questions.length === 0 && parsed.categories.length === 0) {
      throw new ImportError('The file holds no questions; nothing was imported.', [
        problem(START, 'noquestionsinfile', 'There are no questions in the import file.'),
      ]);
    }
    return this.store.transaction(() => {
      const target = options.category ? this.categories.resolve(options.category) : null;
      const placed = new Placement(this.categories, target);
      const firstUse = (path: string): SourcePosition => {
        const i = parsed.questions.findIndex((q) => q.category === path);
        return parsed.positions[i] ?? START;
      };
      for (const c of parsed.categories) {
        const path = placed.path(c.path);
        if (path === null) continue;
        try {
          placed.remember(c.path, this.store.categories.ensureCategoryPath(path, { info: c.info, idnumber: c.idnumber }));
        } catch (error) {
          if (!(error instanceof ConflictError) || error.constraint !== 'category_idnumber') throw error;
          // Moodle drops a category idnumber that is taken in the context; so do we, and say so.
          placed.remember(c.path, this.store.categories.ensureCategoryPath(path, { info: c.info }));
          warnings.push(
            problem(
              firstUse(c.path),
              'categoryidnumbertaken',
              `The category idnumber "${c.idnumber}" is already used; the category ${path} is imported without it.`,
              'warning',
            ),
          );
        }
      }
      const inputs = this.prepare(parsed.questions, parsed.positions, placed);
      const created: CreatedItem[] = [];
      for (let k = 0; k < inputs.length; k += CHUNK) {
        const chunk = inputs.slice(k, k + CHUNK);
        this.store.questions.insertQuestions(chunk).forEach((c, j) => {
          const q = chunk[j]!.question;
          created.push({ id: c.id, name: q.name, type: q.type, idnumber: q.idnumber || null, category: q.category! });
        });
        options.onProgress?.(created.length, inputs.length);
      }
      return { created, warnings };
    });
  }

  /** The questions ready to store, or an ImportError naming each idnumber that clashes with the bank or the file. */
  private prepare(questions: Question[], positions: SourcePosition[], placed: Placement): NewQuestion[] {
    const errors: Diagnostic[] = [];
    const seen = new Map<string, number>();
    const inputs = questions.map((q, i) => {
      const category = placed.category(q.category);
      const at = positions[i] ?? START;
      if (q.idnumber) {
        const key = `${category.id}\u0000${q.idnumber}`;
        const first = seen.get(key);
        const existing = this.store.questions.findQuestionByIdnumber(category.id, q.idnumber);
        if (first !== undefined) {
          const line = (positions[first] ?? START).line;
          errors.push(
            problem(at, 'duplicateidnumber', `The idnumber "${q.idnumber}" is also used by the question at line ${line} in the category ${category.path}.`),
          );
        } else if (existing) {
          errors.push(
            problem(at, 'idnumberused', `The idnumber "${q.idnumber}" is already used by question ${existing.id} in the category ${category.path}.`),
          );
        }
        seen.set(key, first ?? i);
      }
      const stored = { ...q, category: category.path };
      return { question: stored, categoryId: category.id, choiceIds: assignChoiceIds(stored) };
    });
    if (errors.length > 0) throw new ImportError('The file clashes with the bank; nothing was imported.', errors);
    return inputs;
  }

  /** The questions of a quiz, a category (with its subcategories) or the whole bank, as a file. */
  exportFile(options: ExportOptions): ExportResult {
    const format = getFormat(options.format);
    if (options.category !== undefined && options.quiz !== undefined) {
      throw invalid('Export a category or a quiz, not both.', [{ path: 'quiz', message: 'leave out either quiz or category' }]);
    }
    const selection = options.quiz !== undefined ? this.quizSelection(options.quiz) : this.categorySelection(options.category);
    const { text, warnings } = format.serialize(
      { questions: selection.questions.map((s) => s.question), categories: selection.categories },
      { ids: selection.questions.map((s) => s.id) },
    );
    return {
      text,
      warnings,
      fileName: `questions-${slug(selection.scope)}-${stamp(this.now())}${format.extension}`,
      mediaType: format.mediaType,
      count: selection.questions.length,
    };
  }

  private quizSelection(ref: string): Selection {
    const quiz = this.store.quizzes.getQuiz(ref);
    if (!quiz) throw notFound(`Quiz ${ref} does not exist.`);
    const byId = new Map(this.store.categories.listCategories().map((c) => [c.id, c]));
    const used = new Map<number, CategoryRecord>();
    const questions = this.store.quizzes.getQuizQuestions(quiz.id).map((slot) => {
      const category = byId.get(this.store.questions.getQuestion(slot.questionId)!.categoryId)!;
      used.set(category.id, category);
      return { id: slot.questionId, question: { ...slot.question, category: category.path } };
    });
    return { scope: quiz.idnumber ?? `quiz-${quiz.id}`, questions, categories: [...used.values()].map(toCategory) };
  }

  private categorySelection(path: string | undefined): Selection {
    const all = this.store.categories.listCategories();
    let inScope = all.filter((c) => c.parentId !== null);
    let root: CategoryRecord | null = null;
    if (path !== undefined) {
      root = this.categories.find(path);
      if (!root) throw notFound(`Category ${path} does not exist.`);
      const below = new Set([root.id]);
      // Parents are created before their children, so one pass in id order finds the whole subtree.
      for (const c of all) if (c.parentId !== null && below.has(c.parentId)) below.add(c.id);
      inScope = all.filter((c) => below.has(c.id) && c.parentId !== null);
    }
    const order = new Map(all.map((c, i) => [c.id, i]));
    const byId = new Map(all.map((c) => [c.id, c]));
    const records = this.store.questions.listQuestions(root ? { categoryId: root.id, includeSubcategories: true } : {}).items;
    records.sort((a, b) => order.get(a.categoryId)! - order.get(b.categoryId)! || a.id - b.id);
    return {
      scope: root ? root.name : 'all',
      questions: records.map((r) => ({ id: r.id, question: { ...r.question, category: byId.get(r.categoryId)!.path } })),
      categories: inScope.map(toCategory),
    };
  }
}

interface Selection {
  scope: string;
  questions: { id: number; question: Question }[];
  categories: Category[];
}

/** Where the questions of one import go: the file's paths, moved below the target when there is one. */
class Placement {
  private readonly byFilePath = new Map<string, CategoryRecord>();
  private fallback: CategoryRecord | null = null;

  constructor(
    private readonly categories: CategoryService,
    private readonly target: CategoryRecord | null,
  ) {}

  /** The path a file's category path becomes, or null when it names only a top (which holds no questions). */
  path(filePath: string): string | null {
    if (parseCategoryPath(filePath).names.length === 0) return null;
    return this.target ? nestCategoryPath(this.target, filePath) : filePath;
  }

  remember(filePath: string, category: CategoryRecord): void {
    this.byFilePath.set(filePath, category);
  }

  /** The category a question the file put under `filePath` (or under none) goes into. */
  category(filePath: string | null): CategoryRecord {
    const path = filePath === null ? null : this.path(filePath);
    if (path === null) {
      this.fallback ??= this.target ?? this.categories.resolve(DEFAULT_CATEGORY);
      return this.fallback;
    }
    let category = this.byFilePath.get(filePath!);
    if (!category) {
      category = this.categories.resolve(path);
      this.byFilePath.set(filePath!, category);
    }
    return category;
  }
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
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}-${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}
