// Import and export: Moodle files in and out of the bank. An import stores the whole file or nothing.
import type { Diagnostic, FormatName } from '../formats/index.js';
import type { QuestionType } from '../model/index.js';
import type { Store } from '../storage/index.js';
import { CategoryService } from './categories.js';
import { exportFile } from './export-file.js';
import { importFile } from './import-file.js';

export interface ImportOptions {
  format: FormatName;
  /** The target category: the file's categories are created below it, questions the file puts in none go into it.
   * Without one, the file's own categories are used (questions in none go into the default category). */
  category?: string | null | undefined;
  /**
   * A question whose idnumber is already used in its category replaces that question as a new version (or is
   * left out when it is the same), instead of being an error. Moodle has no such mode; it keeps items files and
   * the bank in step.
   */
  update?: boolean | undefined;
  /** Called as questions are stored, with how many are done out of how many. */
  onProgress?: (stored: number, total: number) => void;
}

export interface ImportedItem {
  id: number;
  name: string;
  type: QuestionType;
  idnumber: string | null;
  category: string;
  /** The version the file's question is now: 1 when created. */
  version: number;
}

export interface ImportResult {
  /** New questions, in file order. */
  created: ImportedItem[];
  /** With `update`: questions that got a new version, in file order. */
  updated: ImportedItem[];
  /** With `update`: questions the file holds exactly as the bank does; nothing was stored for them. */
  unchanged: ImportedItem[];
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
    return importFile(this.store, this.categories, input, { ...options, maxBytes: this.maxBytes });
  }

  /** The questions of a quiz, a category (with its subcategories) or the whole bank, as a file. */
  exportFile(options: ExportOptions): ExportResult {
    return exportFile(this.store, this.categories, options, this.now());
  }
}
