// The versioned bank as admins edit it: create, read, list, replace (a new version) and retire questions.
import type { Question, QuestionType } from '../model/index.js';
import type {
  ChoiceIds,
  QuestionRecord,
  QuestionVersionRecord,
  QuestionWithVersions,
  Store,
  VersionSummary,
} from '../storage/index.js';
import { CategoryService } from './categories.js';
import { assignChoiceIds } from './choice-ids.js';
import { invalid, notFound } from './errors.js';
import { checkQuestion } from './question-rules.js';

/** A bank entry as listed: its current version's identity, no answers. */
export interface QuestionSummary {
  id: number;
  categoryId: number;
  category: string;
  idnumber: string | null;
  type: QuestionType;
  name: string;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}

/** A bank entry in full: the current version with its answer key, the opaque ids and every version. */
export interface QuestionDetail extends QuestionSummary {
  versionId: number;
  question: Question;
  choiceIds: ChoiceIds;
  versions: VersionSummary[];
}

/** One stored version, current or not. */
export interface QuestionVersionDetail extends VersionSummary {
  questionId: number;
  current: boolean;
  question: Question;
  choiceIds: ChoiceIds;
}

export interface QuestionListFilter {
  category?: string;
  includeSubcategories?: boolean;
  type?: QuestionType;
  tag?: string;
  idnumber?: string;
  includeRetired?: boolean;
  limit: number;
  offset: number;
}

export interface QuestionPage {
  items: QuestionSummary[];
  total: number;
  limit: number;
  offset: number;
}

export class BankService {
  private readonly categories: CategoryService;

  constructor(private readonly store: Store) {
    this.categories = new CategoryService(store);
  }

  /** Adds a question (version 1) in the category its `category` path names (created if needed). */
  create(input: Question): QuestionDetail {
    const question = checked(input);
    const id = this.store.transaction(() => {
      const category = this.categories.resolve(question.category);
      const stored = { ...question, category: category.path };
      return this.store.questions.createQuestion({
        question: stored,
        categoryId: category.id,
        choiceIds: assignChoiceIds(stored),
      }).id;
    });
    return this.get(id);
  }

  /** The entry with its current version in full and the list of its versions. */
  get(id: number): QuestionDetail {
    const record = this.store.questions.getQuestion(id);
    if (!record) throw notFound(`Question ${id} does not exist.`);
    return this.detail(record);
  }

  /** One version of an entry by its number (1, 2, …). */
  getVersion(id: number, version: number): QuestionVersionDetail {
    const record = this.get(id);
    const summary = record.versions.find((v) => v.version === version);
    const stored = summary ? this.store.questions.getQuestionVersion(summary.versionId) : null;
    if (!stored) throw notFound(`Question ${id} has no version ${version}.`);
    return versionDetail(stored);
  }

  list(filter: QuestionListFilter): QuestionPage {
    const empty = { items: [], total: 0, limit: filter.limit, offset: filter.offset };
    let categoryId: number | undefined;
    if (filter.category !== undefined) {
      const category = this.categories.find(filter.category);
      if (!category) return empty;
      categoryId = category.id;
    }
    const page = this.store.questions.listQuestions({
      ...(categoryId !== undefined ? { categoryId, includeSubcategories: filter.includeSubcategories ?? false } : {}),
      ...(filter.type !== undefined ? { type: filter.type } : {}),
      ...(filter.tag !== undefined ? { tag: filter.tag } : {}),
      ...(filter.idnumber !== undefined ? { idnumber: filter.idnumber } : {}),
      includeRetired: filter.includeRetired ?? false,
      limit: filter.limit,
      offset: filter.offset,
    });
    const paths = this.categories.pathsById();
    return {
      items: page.items.map((r) => summary(r, paths.get(r.categoryId) ?? '')),
      total: page.total,
      limit: filter.limit,
      offset: filter.offset,
    };
  }

  /**
   * Replaces the question with a new version; attempts keep the version they used. Choices and stems whose
   * text is unchanged keep their ids. A `category` moves the entry; null leaves it where it is.
   */
  update(id: number, input: Question): QuestionDetail {
    const question = checked(input);
    this.store.transaction(() => {
      const previous = this.store.questions.getQuestion(id);
      if (!previous) throw notFound(`Question ${id} does not exist.`);
      const category =
        question.category === null
          ? this.store.categories.getCategory(previous.categoryId)!
          : this.categories.resolve(question.category);
      const stored = { ...question, category: category.path };
      this.store.questions.updateQuestion(id, {
        question: stored,
        categoryId: category.id,
        choiceIds: assignChoiceIds(stored, { question: previous.question, ids: previous.choiceIds }),
      });
    });
    return this.get(id);
  }

  /** Retires the entry: it leaves listings and quizzes cannot take it any more; its history stays. */
  retire(id: number): QuestionDetail {
    if (!this.store.questions.getQuestion(id)) throw notFound(`Question ${id} does not exist.`);
    this.store.questions.retireQuestion(id);
    return this.get(id);
  }

  private detail(record: QuestionWithVersions): QuestionDetail {
    const path = this.store.categories.getCategory(record.categoryId)?.path ?? '';
    return {
      ...summary(record, path),
      versionId: record.versionId,
      question: { ...record.question, category: path },
      choiceIds: record.choiceIds,
      versions: record.versions,
    };
  }
}

function checked(input: Question): Question {
  const question = structuredClone(input);
  const problems = checkQuestion(question);
  if (problems.length > 0) throw invalid('The question cannot be saved as it is.', problems);
  return question;
}

function summary(record: QuestionRecord, category: string): QuestionSummary {
  return {
    id: record.id,
    categoryId: record.categoryId,
    category,
    idnumber: record.idnumber,
    type: record.type,
    name: record.name,
    tags: record.question.tags,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    retiredAt: record.retiredAt,
  };
}

function versionDetail(v: QuestionVersionRecord): QuestionVersionDetail {
  return {
    versionId: v.versionId,
    version: v.version,
    type: v.type,
    name: v.name,
    createdAt: v.createdAt,
    questionId: v.questionId,
    current: v.current,
    question: v.question,
    choiceIds: v.choiceIds,
  };
}
