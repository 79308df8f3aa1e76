// What every format's parser and serializer takes and returns, and the diagnostics a parser reports.
import type { Category, Question } from '../model/index.js';

export type Severity = 'error' | 'warning';

/** One problem found in an input file, at a 1-based line and column. */
export interface Diagnostic {
  severity: Severity;
  line: number;
  column: number;
  /** A stable identifier, Moodle's string id where Moodle has one (`braceerror`, `invalidgradequestion`, …). */
  code: string;
  /** What a teacher reads: Moodle's wording where Moodle has one. */
  message: string;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * What a parser returns. Parsers never throw; when any diagnostic is an error, `questions` is empty, so a
 * file with an error can never be half-stored.
 */
export interface ParseResult {
  questions: Question[];
  /** Categories the file describes (with their info and idnumber), in file order. */
  categories: Category[];
  /** Where each question starts in the file: positions[i] belongs to questions[i]. */
  positions: SourcePosition[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Largest accepted input in bytes (default 20 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** What a serializer writes: the questions in order and the categories they (and empty parents) are in. */
export interface Bank {
  questions: readonly Question[];
  /** Info and idnumber of the categories the questions name (and of empty parent categories). */
  categories?: readonly Category[];
}

export interface SerializeOptions {
  /** The ids written in Moodle's `// question: N` / `<!-- question: N  -->` comments, by position (default 0). */
  ids?: readonly number[];
}

/** What a serializer returns. */
export interface SerializeResult {
  text: string;
  /** What the format cannot carry, one message per question and field. */
  warnings: string[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A result that stores nothing: the rule for any input with an error. */
export function failedParse(diagnostics: Diagnostic[], categories: Category[] = []): ParseResult {
  return { questions: [], categories, positions: [], diagnostics };
}

/** Diagnostics as `file:line:col: severity: message` lines, the form compilers and editors understand. */
export function formatDiagnostics(file: string, diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`).join('\n');
}
