// Why an attempt operation was refused. The HTTP layer turns the kind into a status (404, 409, 422); the
// messages are written for API clients.

export type AttemptErrorKind = 'not-found' | 'conflict' | 'invalid';

/** One problem with the input, at a path relative to the request body (`responses.rnn-q1`). */
export interface AttemptIssue {
  path: string;
  message: string;
}

export class AttemptError extends Error {
  constructor(
    readonly kind: AttemptErrorKind,
    message: string,
    readonly issues: AttemptIssue[] = [],
  ) {
    super(message);
    this.name = 'AttemptError';
  }
}
