// zod validation of every body, query and path parameter; failures become a 422 naming each path.
import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { ServiceError } from '../services/errors.js';
import { HttpProblem, type ProblemItem } from './problem.js';

function issuesToItems(where: string, error: z.ZodError): ProblemItem[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The parsed value or a 422 problem listing every issue with its path (`body.items.0.questionId`). */
export function parseOr422<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpProblem(422, `The request ${where} is not valid.`, issuesToItems(where, parsed.error));
  }
  return parsed.data;
}

/** A 415 problem unless the request's body is in one of the given media types; checked on every route that takes a body. */
export function checkContentType(req: Request, types: readonly string[]): void {
  if (!req.is(types as string[])) {
    const got = req.get('content-type') ?? 'none';
    throw new HttpProblem(415, `Content-Type ${got} is not accepted here; send ${types.join(' or ')}.`);
  }
}

/** The body parsers of the app, with its size limits: JSON, and the raw bytes of an uploaded file. */
export interface BodyParsers {
  json: RequestHandler;
  raw: RequestHandler;
}

/** Runs a use case on the request body: the paths of its problems (`items.2.questionId`) are made `body.…`. */
export function inBody<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ServiceError) {
      const items = error.items.map((item) => (item.path === undefined ? item : { ...item, path: `body.${item.path}` }));
      throw new ServiceError(error.code, error.message, items);
    }
    throw error;
  }
}
