// RFC 9457 problem details: the one shape every error of the API takes.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type {} from './request-log.js'; // adds req.id and req.log
import { ServiceError, type ServiceErrorCode } from '../services/errors.js';
import { StorageError, type StorageErrorCode } from '../storage/index.js';

/** One item of a problem's `errors` list: a JSON path or a line in an uploaded file. */
export interface ProblemItem {
  path?: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemItem[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error that becomes a problem+json response with its status. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors?: ProblemItem[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export function sendProblem(res: Response, status: number, detail: string, errors?: ProblemItem[]): void {
  const body: ProblemBody = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  if (errors && errors.length > 0) body.errors = errors;
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** The 404 for any route the API does not have. */
export const notFound: RequestHandler = (req, res) => {
  sendProblem(res, 404, `No route for ${req.method} ${req.path}.`);
};

/** Body-parser error types and the status each deserves. */
const PARSER_ERRORS: Record<string, [number, string]> = {
  'entity.too.large': [413, 'The request body is larger than this endpoint accepts.'],
  'entity.parse.failed': [400, 'The request body is not valid JSON.'],
  'encoding.unsupported': [415, 'The request body uses an unsupported content encoding.'],
  'charset.unsupported': [415, 'The request body uses an unsupported charset; send UTF-8.'],
  'request.aborted': [400, 'The request was aborted.'],
};

/** The one place domain error codes become statuses. */
const DOMAIN_STATUS: Record<ServiceErrorCode | StorageErrorCode, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 422,
};

/** The last middleware: every error becomes problem+json; unexpected ones are logged and never shown. */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) return next(err);
  if (err instanceof HttpProblem) {
    if (err.headers) res.set(err.headers);
    return sendProblem(res, err.status, err.message, err.errors);
  }
  if (err instanceof ServiceError) return sendProblem(res, DOMAIN_STATUS[err.code], err.message, err.items);
  if (err instanceof StorageError) return sendProblem(res, DOMAIN_STATUS[err.code], err.message);
  // The router could not percent-decode a path parameter: the client's URL is malformed, not the server.
  if (err instanceof URIError && (err as URIError & { status?: number }).status === 400) {
    return sendProblem(res, 400, 'The request path is not valid percent-encoded UTF-8.');
  }
  const parserError = typeof err?.type === 'string' ? PARSER_ERRORS[err.type] : undefined;
  if (parserError) return sendProblem(res, parserError[0], parserError[1]);
  // Any other client error from express's stack (a compressed body that does not inflate) keeps its status;
  // `expose` is http-errors' mark of a message meant for the client.
  if (err?.expose === true && Number.isInteger(err.status) && err.status >= 400 && err.status < 500) {
    return sendProblem(res, err.status, `The request could not be served: ${String(err.message)}.`);
  }
  req.log?.error({ err, req: { id: req.id } }, 'unhandled error');
  sendProblem(res, 500, 'The server could not complete the request.');
};
