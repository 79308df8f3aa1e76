// Importing a file: parse it, place its questions in categories, and store all of them or none.
import { isDeepStrictEqual } from 'node:util';
import { parseCategoryPath, type Question } from '../model/index.js';
import { getFormat, hasErrors, type Diagnostic, type ParseResult, type SourcePosition } from '../formats/index.js';
import {
  ConflictError,
  type CategoryRecord,
  type NewQuestion,
  type QuestionRecord,
  type Store,
} from '../storage/index.js';
import { DEFAULT_CATEGORY, nestCategoryPath, type CategoryService } from './categories.js';
import { assignChoiceIds } from './choice-ids.js';
import { ImportError } from './errors.js';
import type { ImportedItem, ImportOptions, ImportResult } from './transfer.js';

/** Questions are stored in chunks so that a long import can report progress. */
const CHUNK = 200;
const START: SourcePosition = { line: 1, column: 1 };

function problem(at: SourcePosition, code: string, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { severity, line: at.line, column: at.column, code, message };
}

/** Parses the file and stores every question in it, or throws an ImportError and stores nothing. */
export function importFile(
  store: Store,
  categories: CategoryService,
  input: string | Uint8Array,
  options: ImportOptions & { maxBytes: number },
): ImportResult {
  const format = getFormat(options.format);
  const parsed = format.parse(input, { maxBytes: options.maxBytes });
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
  return store.transaction(() => {
    const target = options.category ? categories.resolve(options.category) : null;
    const placed = new Placement(categories, target);
    createFileCategories(store, parsed, placed, warnings);
    const plan = prepare(store, parsed.questions, parsed.positions, placed, options.update ?? false);
    return { ...storePlan(store, plan, options.onProgress), warnings };
  });
}

/** A question of the file, ready to store: new, or (in update mode) replacing the live question with its idnumber. */
interface Planned {
  input: NewQuestion;
  replaces: QuestionRecord | null;
}

function storePlan(store: Store, plan: Planned[], onProgress: ImportOptions['onProgress']): Omit<ImportResult, 'warnings'> {
  const item = (id: number, version: number, q: Question): ImportedItem => ({
    id,
    name: q.name,
    type: q.type,
    idnumber: q.idnumber || null,
    category: q.category!,
    version,
  });
  const result: Omit<ImportResult, 'warnings'> = { created: [], updated: [], unchanged: [] };
  let done = 0;
  const inserts = plan.filter((p) => p.replaces === null).map((p) => p.input);
  for (let k = 0; k < inserts.length; k += CHUNK) {
    const chunk = inserts.slice(k, k + CHUNK);
    store.questions.insertQuestions(chunk).forEach((c, j) => result.created.push(item(c.id, c.version, chunk[j]!.question)));
    onProgress?.((done += chunk.length), plan.length);
  }
  for (const { input, replaces } of plan) {
    if (replaces === null) continue;
    // Compared as stored (JSON), so that fields left undefined by a parser do not count as changes.
    if (isDeepStrictEqual(replaces.question, JSON.parse(JSON.stringify(input.question)))) {
      result.unchanged.push(item(replaces.id, replaces.version, input.question));
    } else {
      const saved = store.questions.updateQuestion(replaces.id, input);
      result.updated.push(item(saved.id, saved.version, input.question));
    }
    if (++done % CHUNK === 0 || done === plan.length) onProgress?.(done, plan.length);
  }
  return result;
}

/** The categories the file describes, with their info and idnumber (a taken idnumber is dropped, as Moodle does). */
function createFileCategories(store: Store, parsed: ParseResult, placed: Placement, warnings: Diagnostic[]): void {
  const firstUse = (path: string): SourcePosition =>
    parsed.positions[parsed.questions.findIndex((q) => q.category === path)] ?? START;
  for (const c of parsed.categories) {
    const path = placed.path(c.path);
    if (path === null) continue;
    try {
      placed.remember(c.path, store.categories.ensureCategoryPath(path, { info: c.info, idnumber: c.idnumber }));
    } catch (error) {
      if (!(error instanceof ConflictError) || error.constraint !== 'category_idnumber') throw error;
      placed.remember(c.path, store.categories.ensureCategoryPath(path, { info: c.info }));
      const message = `The category idnumber "${c.idnumber}" is already used; the category ${path} is imported without it.`;
      warnings.push(problem(firstUse(c.path), 'categoryidnumbertaken', message, 'warning'));
    }
  }
}

/**
 * The questions ready to store, or an ImportError naming each idnumber that clashes with the file or (unless
 * updating) with the bank.
 */
function prepare(
  store: Store,
  questions: Question[],
  positions: SourcePosition[],
  placed: Placement,
  update: boolean,
): Planned[] {
  const errors: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const plan = questions.map((q, i) => {
    const category = placed.category(q.category);
    const at = positions[i] ?? START;
    let replaces: QuestionRecord | null = null;
    if (q.idnumber) {
      const key = `${category.id}\u0000${q.idnumber}`;
      const first = seen.get(key);
      replaces = store.questions.findQuestionByIdnumber(category.id, q.idnumber);
      if (first !== undefined) {
        const line = (positions[first] ?? START).line;
        const message = `The idnumber "${q.idnumber}" is also used by the question at line ${line} in the category ${category.path}.`;
        errors.push(problem(at, 'duplicateidnumber', message));
      } else if (replaces && !update) {
        const message =
          `The idnumber "${q.idnumber}" is already used by question ${replaces.id} in the category ${category.path} ` +
          '(import with update to make the file a new version of it).';
        errors.push(problem(at, 'idnumberused', message));
      }
      seen.set(key, first ?? i);
    }
    const stored = { ...q, category: category.path };
    // A new version keeps the ids of the choices whose texts it keeps.
    const previous = replaces ? { question: replaces.question, ids: replaces.choiceIds } : undefined;
    return { input: { question: stored, categoryId: category.id, choiceIds: assignChoiceIds(stored, previous) }, replaces };
  });
  if (errors.length > 0) throw new ImportError('The file clashes with the bank; nothing was imported.', errors);
  return plan;
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
