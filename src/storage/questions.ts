// The versioned bank: an entry per question, a new version for every change, old versions kept.
import type { Question, QuestionType } from '../model/index.js';
import type { Database } from './db.js';

type Statement = ReturnType<Database['prepare']>;
import { ConflictError, NotFoundError, translating } from './errors.js';
import type {
  ChoiceIds,
  CreatedQuestion,
  NewQuestion,
  Page,
  QuestionFilter,
  QuestionRecord,
  QuestionUpdate,
  QuestionVersionRecord,
  QuestionWithVersions,
  VersionSummary,
} from './types.js';
import { isoNow } from './values.js';

interface EntryRow {
  id: number;
  category_id: number;
  idnumber: string | null;
  created_at: string;
  retired_at: string | null;
  version_id: number;
  version: number;
  type: QuestionType;
  name: string;
  question: string;
  choice_ids: string;
  updated_at: string;
}

interface VersionRow {
  id: number;
  question_id: number;
  version: number;
  type: QuestionType;
  name: string;
  question: string;
  choice_ids: string;
  created_at: string;
  current: number;
}

const ENTRY_COLUMNS = `q.id, q.category_id, q.idnumber, q.created_at, q.retired_at, v.id AS version_id, v.version,
  v.type, v.name, v.question, v.choice_ids, v.created_at AS updated_at`;
const ENTRY_FROM = 'FROM questions q JOIN question_versions v ON v.id = q.current_version_id';

function idnumberOf(question: Question): string | null {
  return question.idnumber === null || question.idnumber === '' ? null : question.idnumber;
}

/** Tags as filtered: trimmed, lower-cased (Moodle compares tag names case-insensitively), distinct. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ''))];
}

export class QuestionRepository {
  private readonly categoryExists;
  private readonly insertEntry;
  private readonly insertVersion;
  private readonly setCurrent;
  private readonly nextVersion;
  private readonly deleteTags;
  private readonly insertTag;
  private readonly retire;
  private readonly entry;
  private readonly versions;
  private readonly version;
  private readonly byIdnumber;
  private readonly createTx;
  private readonly createManyTx;
  private readonly updateTx;
  /** One pair of statements per combination of filters, prepared the first time it is used. */
  private readonly listStatements = new Map<string, { items: Statement; count: Statement }>();

  constructor(
    private readonly db: Database,
    private readonly now: () => string = isoNow,
  ) {
    this.categoryExists = db.prepare<[number], { id: number }>('SELECT id FROM categories WHERE id = ?');
    this.insertEntry = db.prepare<[number, string | null, string]>(
      'INSERT INTO questions (category_id, idnumber, created_at) VALUES (?, ?, ?)',
    );
    this.insertVersion = db.prepare<{
      questionId: number;
      version: number;
      type: string;
      name: string;
      question: string;
      choiceIds: string;
      createdAt: string;
    }>(
      `INSERT INTO question_versions (question_id, version, type, name, question, choice_ids, created_at)
       VALUES (@questionId, @version, @type, @name, @question, @choiceIds, @createdAt)`,
    );
    this.setCurrent = db.prepare<{ id: number; versionId: number; idnumber: string | null; categoryId: number }>(
      `UPDATE questions SET current_version_id = @versionId, idnumber = @idnumber, category_id = @categoryId
       WHERE id = @id`,
    );
    this.nextVersion = db.prepare<[number], { next: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM question_versions WHERE question_id = ?',
    );
    this.deleteTags = db.prepare<[number]>('DELETE FROM question_tags WHERE question_id = ?');
    this.insertTag = db.prepare<[number, string]>('INSERT INTO question_tags (question_id, tag) VALUES (?, ?)');
    this.retire = db.prepare<[string, number]>(
      'UPDATE questions SET retired_at = ? WHERE id = ? AND retired_at IS NULL',
    );
    this.entry = db.prepare<[number], EntryRow>(`SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} WHERE q.id = ?`);
    this.versions = db.prepare<[number], VersionRow>(
      `SELECT id, question_id, version, type, name, created_at FROM question_versions
       WHERE question_id = ? ORDER BY version`,
    );
    this.version = db.prepare<[number], VersionRow>(
      `SELECT v.id, v.question_id, v.version, v.type, v.name, v.question, v.choice_ids, v.created_at,
              q.current_version_id = v.id AS current
       FROM question_versions v JOIN questions q ON q.id = v.question_id WHERE v.id = ?`,
    );
    this.byIdnumber = db.prepare<[number, string], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM}
       WHERE q.category_id = ? AND q.idnumber = ? AND q.retired_at IS NULL`,
    );
    this.createTx = db.transaction((input: NewQuestion) => this.create(input));
    this.createManyTx = db.transaction((inputs: readonly NewQuestion[]) => inputs.map((input) => this.create(input)));
    this.updateTx = db.transaction((id: number, input: QuestionUpdate) => this.update(id, input));
  }

  /** Adds a bank entry with its version 1. */
  createQuestion(input: NewQuestion): CreatedQuestion {
    return translating(() => this.createTx.immediate(input));
  }

  /**
   * Adds many entries at once, all or nothing. Inside a caller's `transaction` it joins it (as a savepoint),
   * so an import can add its categories and questions in one commit.
   */
  insertQuestions(inputs: readonly NewQuestion[]): CreatedQuestion[] {
    return translating(() => this.createManyTx.immediate(inputs));
  }

  /** Replaces the question with a new version; the earlier versions stay readable. */
  updateQuestion(id: number, input: QuestionUpdate): CreatedQuestion {
    return translating(() => this.updateTx.immediate(id, input));
  }

  /** Retires the entry: it leaves listings and frees its idnumber; its versions and attempts stay. */
  retireQuestion(id: number): QuestionRecord {
    this.retire.run(this.now(), id);
    const record = this.getQuestion(id);
    if (!record) throw new NotFoundError('question', id);
    const { versions: _versions, ...entry } = record;
    return entry;
  }

  /** The entry with its current version and the list of all its versions, retired or not. */
  getQuestion(id: number): QuestionWithVersions | null {
    const row = this.entry.get(id);
    if (!row) return null;
    return { ...toRecord(row), versions: this.versions.all(id).map(toSummary) };
  }

  getQuestionVersion(versionId: number): QuestionVersionRecord | null {
    const row = this.version.get(versionId);
    if (!row) return null;
    return {
      ...toSummary(row),
      questionId: row.question_id,
      question: JSON.parse(row.question) as Question,
      choiceIds: JSON.parse(row.choice_ids) as ChoiceIds,
      current: row.current === 1,
    };
  }

  /** The live entry of a category with this idnumber. */
  findQuestionByIdnumber(categoryId: number, idnumber: string): QuestionRecord | null {
    const row = this.byIdnumber.get(categoryId, idnumber);
    return row ? toRecord(row) : null;
  }

  /** Current versions matching every given filter, in id order, with the count over all pages. */
  listQuestions(filter: QuestionFilter = {}): Page<QuestionRecord> {
    const { items, count } = this.listStatement(filter);
    const params = {
      categoryId: filter.categoryId,
      type: filter.type,
      tag: filter.tag === undefined ? undefined : normalizeTags([filter.tag])[0] ?? '',
      idnumber: filter.idnumber,
      limit: filter.limit ?? -1,
      offset: filter.offset ?? 0,
    };
    const defined = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
    const { limit, offset, ...filters } = defined;
    const rows = items.all({ ...filters, limit, offset }) as EntryRow[];
    const { n } = count.get(filters) as { n: number };
    return { items: rows.map(toRecord), total: n };
  }

  private listStatement(filter: QuestionFilter) {
    const where: string[] = [];
    if (filter.categoryId !== undefined) {
      where.push(
        filter.includeSubcategories
          ? `q.category_id IN (WITH RECURSIVE sub (id) AS (SELECT @categoryId
               UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`
          : 'q.category_id = @categoryId',
      );
    }
    if (filter.type !== undefined) where.push('v.type = @type');
    if (filter.tag !== undefined) where.push('q.id IN (SELECT question_id FROM question_tags WHERE tag = @tag)');
    if (filter.idnumber !== undefined) where.push('q.idnumber = @idnumber');
    if (!filter.includeRetired) where.push('q.retired_at IS NULL');
    const key = where.join(' AND ');
    let statements = this.listStatements.get(key);
    if (!statements) {
      const clause = where.length > 0 ? `WHERE ${key}` : '';
      statements = {
        items: this.db.prepare(
          `SELECT ${ENTRY_COLUMNS} ${ENTRY_FROM} ${clause} ORDER BY q.id LIMIT @limit OFFSET @offset`,
        ),
        count: this.db.prepare(`SELECT count(*) AS n ${ENTRY_FROM} ${clause}`),
      };
      this.listStatements.set(key, statements);
    }
    return statements;
  }

  private requireCategory(categoryId: number): void {
    if (!this.categoryExists.get(categoryId)) throw new NotFoundError('category', categoryId);
  }

  private create(input: NewQuestion): CreatedQuestion {
    this.requireCategory(input.categoryId);
    const now = this.now();
    const id = Number(this.insertEntry.run(input.categoryId, idnumberOf(input.question), now).lastInsertRowid);
    return this.addVersion(id, input.categoryId, 1, input.question, input.choiceIds, now);
  }

  private update(id: number, input: QuestionUpdate): CreatedQuestion {
    const current = this.entry.get(id);
    if (!current) throw new NotFoundError('question', id);
    if (current.retired_at !== null) {
      throw new ConflictError('question_retired', `question ${id} is retired and cannot be changed`);
    }
    const categoryId = input.categoryId ?? current.category_id;
    if (categoryId !== current.category_id) this.requireCategory(categoryId);
    const version = this.nextVersion.get(id)!.next;
    return this.addVersion(id, categoryId, version, input.question, input.choiceIds, this.now());
  }

  private addVersion(
    id: number,
    categoryId: number,
    version: number,
    question: Question,
    choiceIds: ChoiceIds,
    createdAt: string,
  ): CreatedQuestion {
    const versionId = Number(
      this.insertVersion.run({
        questionId: id,
        version,
        type: question.type,
        name: question.name,
        question: JSON.stringify(question),
        choiceIds: JSON.stringify(choiceIds),
        createdAt,
      }).lastInsertRowid,
    );
    this.setCurrent.run({ id, versionId, idnumber: idnumberOf(question), categoryId });
    this.deleteTags.run(id);
    for (const tag of normalizeTags(question.tags)) this.insertTag.run(id, tag);
    return { id, version, versionId };
  }
}

function toSummary(row: Pick<VersionRow, 'id' | 'version' | 'type' | 'name' | 'created_at'>): VersionSummary {
  return { versionId: row.id, version: row.version, type: row.type, name: row.name, createdAt: row.created_at };
}

function toRecord(row: EntryRow): QuestionRecord {
  return {
    id: row.id,
    categoryId: row.category_id,
    idnumber: row.idnumber,
    version: row.version,
    versionId: row.version_id,
    type: row.type,
    name: row.name,
    question: JSON.parse(row.question) as Question,
    choiceIds: JSON.parse(row.choice_ids) as ChoiceIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    retiredAt: row.retired_at,
  };
}
