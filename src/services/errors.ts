// Errors of the use cases, by domain code; the HTTP layer maps codes to statuses in one place and the CLI
// to exit codes. Messages are written for the person who sent the input.
import type { Diagnostic } from '../formats/index.js';

/** `not_found`: the thing asked for does not exist; `conflict`: it clashes with what is stored;
 * `invalid`: the input is well-formed but cannot be accepted (each problem in `items`). */
export type ServiceErrorCode = 'not_found' | 'conflict' | 'invalid';

/** One problem: where in the input (a JSON path like `items.2.questionId`, or a line and column) and what. */
export interface ErrorItem {
  path?: string;
  line?: number;
  column?: number;
  message: string;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly items: ErrorItem[] = [],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** A file that cannot be imported: every error with its line and column; nothing was stored. */
export class ImportError extends ServiceError {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[],
  ) {
    super(
      'invalid',
      message,
      diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message })),
    );
    this.name = 'ImportError';
  }
}

export function notFound(message: string): ServiceError {
  return new ServiceError('not_found', message);
}

export function quizNotFoundMessage(ref: string | number): string {
  return `There is no quiz with the id or idnumber ${JSON.stringify(String(ref))}.`;
}

export function quizNotFound(ref: string | number): ServiceError {
  return notFound(quizNotFoundMessage(ref));
}

export function invalid(message: string, items: ErrorItem[] = []): ServiceError {
  return new ServiceError('invalid', message, items);
}
