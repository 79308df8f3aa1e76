// One declaration per endpoint: the same spec mounts the express handler (auth, content type, zod on
// params, query and body) and registers the path in the OpenAPI document, so the two cannot drift.
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { IRouter, NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { authorize, type KeyLookup, type Principal, type Role } from './auth.js';
import { ProblemSchema } from './schemas/problem.js';
import { checkContentType, parseOr422, type BodyParsers } from './validate.js';

type ZObject = z.ZodObject<z.ZodRawShape>;

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omit for an empty body. */
  schema?: z.ZodType;
  /** Media type of a non-JSON body (exports). */
  mediaType?: string;
  /** Other media types the same response may come in, each a string body: media type → description. */
  alternatives?: Record<string, string>;
}

export interface RouteSpec<P extends ZObject, Q extends ZObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express syntax (`/api/v1/questions/:id`, a wildcard `*file`); converted to `{id}`, `{file}` for OpenAPI. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed; null = no key needed. */
  roles: Role[] | null;
  params?: P;
  query?: Q;
  /** A JSON body validated by the schema. */
  body?: B;
  /** A quick check true only for bodies the schema accepts unchanged: those skip the schema's parse. */
  plainBody?: (body: unknown) => boolean;
  /** A raw body (file upload) in one of these media types, handed over as a Buffer. */
  rawBody?: { mediaTypes: string[]; description: string };
  headers?: ZObject;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<P, Q, B>) => unknown;
}

export interface RouteContext<P extends ZObject, Q extends ZObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** The raw upload for rawBody routes. */
  raw: Buffer;
  /** The authenticated key (undefined on public routes). */
  principal: Principal;
  req: Request;
  res: Response;
}

const empty = z.object({});

/** The problem responses a route can give, from its spec, so every path documents them. */
function problemResponses(spec: RouteSpec<ZObject, ZObject, z.ZodType>): RouteConfig['responses'] {
  const statuses = new Set<number>();
  if (spec.roles) statuses.add(401).add(403);
  if (spec.params || spec.query || spec.body) statuses.add(422);
  if (spec.body || spec.rawBody) statuses.add(413).add(415);
  const out: RouteConfig['responses'] = {};
  for (const status of statuses) {
    out[status] = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: ProblemSchema } } };
  }
  return out;
}

/** Where route modules declare their endpoints: the router, the OpenAPI registry, the key check, the body parsers. */
export interface Routes {
  /** The app itself: a nested router would cost every request another dispatch. */
  router: IRouter;
  registry: OpenAPIRegistry;
  lookup: KeyLookup;
  bodyParsers: BodyParsers;
}

export function defineRoute<P extends ZObject = typeof empty, Q extends ZObject = typeof empty, B extends z.ZodType = z.ZodUndefined>(
  routes: Routes,
  spec: RouteSpec<P, Q, B>,
): void {
  const generic = spec as unknown as RouteSpec<ZObject, ZObject, z.ZodType>;
  const responses: RouteConfig['responses'] = problemResponses(generic);
  for (const [status, r] of Object.entries(spec.responses)) {
    const response: RouteConfig['responses'][string] = r.schema
      ? { description: r.description, content: { [r.mediaType ?? 'application/json']: { schema: r.schema } } }
      : r.mediaType
        ? { description: r.description, content: { [r.mediaType]: { schema: { type: 'string' } } } }
        : { description: r.description };
    for (const [type, description] of Object.entries(r.alternatives ?? {})) {
      response.content = { ...response.content, [type]: { schema: { type: 'string', description } } };
    }
    responses[status] = response;
  }
  const request: RouteConfig['request'] = {};
  if (spec.params) request.params = spec.params;
  if (spec.query) request.query = spec.query;
  if (spec.headers) request.headers = spec.headers;
  if (spec.body) request.body = { required: true, content: { 'application/json': { schema: spec.body } } };
  if (spec.rawBody) {
    request.body = {
      required: true,
      description: spec.rawBody.description,
      content: Object.fromEntries(spec.rawBody.mediaTypes.map((t) => [t, { schema: { type: 'string' } }])),
    };
  }
  routes.registry.registerPath({
    method: spec.method,
    path: spec.path.replace(/[:*](\w+)/g, '{$1}'),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(spec.roles ? { security: [{ bearer: [] }] } : {}),
    request,
    responses,
  });

  // One express handler per endpoint. Who may ask is checked first, then what was sent: a body is read only for a
  // caller allowed to send it.
  const roles = spec.roles;
  const mediaTypes = spec.body ? ['application/json'] : spec.rawBody?.mediaTypes;
  const parser = spec.body ? routes.bodyParsers.json : spec.rawBody ? routes.bodyParsers.raw : null;
  const handle = async (req: Request, res: Response, principal: Principal | undefined): Promise<void> => {
    const ctx = {
      // A route without a params or query schema takes none: what was sent is ignored, unread.
      params: spec.params ? parseOr422(spec.params, req.params, 'path') : {},
      query: spec.query ? parseOr422(spec.query, req.query, 'query') : {},
      body: spec.body ? (spec.plainBody?.(req.body) ? req.body : parseOr422(spec.body, req.body, 'body')) : undefined,
      raw: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      principal,
      req,
      res,
    } as RouteContext<P, Q, B>;
    await spec.handler(ctx);
  };
  routes.router[spec.method](spec.path, (req: Request, res: Response, next: NextFunction) => {
    const principal = roles ? authorize(routes.lookup, roles, req.get('authorization')) : undefined;
    if (parser === null) return handle(req, res, principal);
    checkContentType(req, mediaTypes!);
    parser(req, res, (error?: unknown) => {
      if (error) next(error);
      else handle(req, res, principal).catch(next);
    });
  });
}
