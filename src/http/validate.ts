// zod validation of every body, query and path parameter; failures become a 422 naming each path.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
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

/** Requires one of the given media types (a 415 otherwise); used on every route that takes a body. */
export function requireContentType(...types: string[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.is(types)) {
      const got = req.get('content-type') ?? 'none';
      throw new HttpProblem(415, `Content-Type ${got} is not accepted here; send ${types.join(' or ')}.`);
    }
    next();
  };
}
