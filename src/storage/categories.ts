// Question categories: Moodle's tree of named categories under one hidden `top` per context.
import { joinCategoryPath, parseCategoryPath, type RichText, type TextFormat } from '../model/index.js';
import type { Database } from './db.js';
import { InvalidInputError, NotFoundError, translating } from './errors.js';
import type { CategoryInfo, CategoryRecord } from './types.js';

export const DEFAULT_CONTEXT = '$course$';
const CONTEXT = /^\$[a-z0-9]+\$$/;
const TOP = 'top';

interface CategoryRow {
  id: number;
  parent_id: number | null;
  context: string;
  name: string;
  info: string;
  info_format: string;
  info_files: string;
  idnumber: string | null;
}

const COLUMNS = 'id, parent_id, context, name, info, info_format, info_files, idnumber';

function emptyToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

export class CategoryRepository {
  private readonly byId;
  private readonly top;
  private readonly child;
  private readonly insert;
  private readonly fill;
  private readonly ancestors;
  private readonly all;
  private readonly ensureTx;

  constructor(private readonly db: Database) {
    this.byId = db.prepare<[number], CategoryRow>(`SELECT ${COLUMNS} FROM categories WHERE id = ?`);
    this.top = db.prepare<[string], { id: number }>(
      'SELECT id FROM categories WHERE context = ? AND parent_id IS NULL',
    );
    this.child = db.prepare<[number, string], CategoryRow>(
      `SELECT ${COLUMNS} FROM categories WHERE parent_id = ? AND name = ?`,
    );
    this.insert = db.prepare<{
      parent: number | null;
      context: string;
      name: string;
      info: string;
      format: string;
      files: string;
      idnumber: string | null;
    }>(
      `INSERT INTO categories (parent_id, context, name, info, info_format, info_files, idnumber)
       VALUES (@parent, @context, @name, @info, @format, @files, @idnumber)`,
    );
    this.fill = db.prepare<{ id: number; info: string; format: string; files: string; idnumber: string | null }>(
      `UPDATE categories SET info = @info, info_format = @format, info_files = @files, idnumber = @idnumber
       WHERE id = @id`,
    );
    this.ancestors = db.prepare<[number], { name: string }>(
      `WITH RECURSIVE chain (id, parent_id, name, depth) AS (
         SELECT id, parent_id, name, 0 FROM categories WHERE id = ?
         UNION ALL
         SELECT c.id, c.parent_id, c.name, chain.depth + 1 FROM categories c JOIN chain ON c.id = chain.parent_id
       )
       SELECT name FROM chain ORDER BY depth DESC`,
    );
    this.all = db.prepare<[], CategoryRow>(`SELECT ${COLUMNS} FROM categories ORDER BY id`);
    this.ensureTx = db.transaction((path: string, options: CategoryInfo) => this.ensure(path, options));
  }

  /**
   * The category a Moodle path names, created with any missing ancestors (Moodle's create_category_path):
   * `//` is a `/` inside a name, a leading `$context$` picks the context, a leading `top` is dropped.
   * `info` and `idnumber` go on the last category when it is created, or fill its empty ones when it exists.
   * An empty path names the context's top.
   */
  ensureCategoryPath(path: string, options: CategoryInfo = {}): CategoryRecord {
    return translating(() => this.ensureTx.immediate(path, options));
  }

  getCategory(id: number): CategoryRecord | null {
    const row = this.byId.get(id);
    if (!row) return null;
    const names = this.ancestors.all(id).map((a) => a.name);
    return toRecord(row, joinCategoryPath([row.context, ...names]));
  }

  /** The category a path names, or null when any part of it does not exist. */
  findCategoryByPath(path: string, defaultContext: string = DEFAULT_CONTEXT): CategoryRecord | null {
    const { context, names } = this.parse(path, defaultContext);
    const top = this.top.get(context);
    if (!top) return null;
    let id = top.id;
    for (const name of names) {
      const row = this.child.get(id, name);
      if (!row) return null;
      id = row.id;
    }
    return this.getCategory(id);
  }

  /** Every category (tops included) with its full path, in creation order. */
  listCategories(): CategoryRecord[] {
    const rows = this.all.all();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const paths = new Map<number, string[]>();
    const namesOf = (row: CategoryRow): string[] => {
      const known = paths.get(row.id);
      if (known) return known;
      const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
      const names = parent ? [...namesOf(parent), row.name] : [row.context, row.name];
      paths.set(row.id, names);
      return names;
    };
    return rows.map((row) => toRecord(row, joinCategoryPath(namesOf(row))));
  }

  private parse(path: string, defaultContext: string): { context: string; names: string[] } {
    const parsed = parseCategoryPath(path);
    const context = parsed.context ?? defaultContext;
    if (!CONTEXT.test(context)) throw new InvalidInputError(`category context ${context} is not like $course$`);
    return { context, names: parsed.names };
  }

  private ensure(path: string, options: CategoryInfo): CategoryRecord {
    const { context, names } = this.parse(path, options.defaultContext ?? DEFAULT_CONTEXT);
    const info = options.info;
    const idnumber = emptyToNull(options.idnumber);
    let id = this.top.get(context)?.id;
    if (id === undefined) {
      id = Number(
        this.insert.run({ parent: null, context, name: TOP, info: '', format: 'moodle', files: '[]', idnumber: null })
          .lastInsertRowid,
      );
    }
    names.forEach((name, index) => {
      const last = index === names.length - 1;
      const existing = this.child.get(id!, name);
      if (!existing) {
        const withInfo = last && info !== undefined && info.text !== '';
        id = Number(
          this.insert.run({
            parent: id!,
            context,
            name,
            info: withInfo ? info.text : '',
            format: withInfo ? info.format : 'moodle',
            files: withInfo ? JSON.stringify(info.files) : '[]',
            idnumber: last ? idnumber : null,
          }).lastInsertRowid,
        );
        return;
      }
      id = existing.id;
      if (!last) return;
      const fillInfo = info !== undefined && info.text !== '' && existing.info === '';
      const fillIdnumber = idnumber !== null && existing.idnumber === null;
      if (fillInfo || fillIdnumber) {
        this.fill.run({
          id: existing.id,
          info: fillInfo ? info.text : existing.info,
          format: fillInfo ? info.format : existing.info_format,
          files: fillInfo ? JSON.stringify(info.files) : existing.info_files,
          idnumber: fillIdnumber ? idnumber : existing.idnumber,
        });
      }
    });
    const record = this.getCategory(id);
    if (!record) throw new NotFoundError('category', id);
    return record;
  }
}

function toRecord(row: CategoryRow, path: string): CategoryRecord {
  const info: RichText = {
    text: row.info,
    format: row.info_format as TextFormat,
    files: JSON.parse(row.info_files) as RichText['files'],
  };
  return { id: row.id, parentId: row.parent_id, context: row.context, name: row.name, path, info, idnumber: row.idnumber };
}
