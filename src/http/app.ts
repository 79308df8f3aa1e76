// The express application: logging, security headers, body limits, the routes of each module, the
// OpenAPI document and docs page, and problem+json for every error. Never listens by itself.
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import type { KeyLookup } from './auth.js';
import { buildOpenApiDocument, newRegistry } from './openapi.js';
import { errorHandler, notFound, sendProblem } from './problem.js';
import { requestLog } from './request-log.js';
import { sendJson } from './respond.js';
import { pageHeaders, setApiHeaders } from './security-headers.js';
import { defineRoute, type Routes } from './route.js';

/** A module of endpoints, declared through defineRoute. */
export type RouteModule = (routes: Routes) => void;

export interface AppOptions {
  logger: Logger;
  lookup: KeyLookup;
  /** True when the database answers. */
  ping: () => boolean;
  maxJsonBytes: number;
  maxImportBytes: number;
  version: string;
  modules: RouteModule[];
}

/** Media types of uploaded question files; their bodies reach handlers as raw bytes. */
export const FILE_MEDIA_TYPES = ['text/plain', 'application/xml', 'text/xml', 'application/octet-stream'];

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Every request is logged and gets the API's headers; one middleware for both, as each layer costs a dispatch.
  const log = requestLog(options.logger);
  app.use((req, res, next) => {
    log(req, res);
    setApiHeaders(res);
    next();
  });
  const routes: Routes = {
    router: app,
    registry: newRegistry(),
    lookup: options.lookup,
    // Bodies are read per route, after the key and the media type are checked (see defineRoute).
    bodyParsers: {
      json: express.json({ limit: options.maxJsonBytes, type: () => true }),
      raw: express.raw({ limit: options.maxImportBytes, type: () => true }),
    },
  };

  defineRoute(routes, {
    method: 'get',
    path: '/health',
    summary: 'Liveness and database check',
    tag: 'service',
    roles: null,
    responses: {
      200: { description: 'The service and its database answer', schema: z.object({ status: z.literal('ok') }) },
      503: { description: 'The database does not answer' },
    },
    handler: ({ res }) => {
      if (options.ping()) sendJson(res, 200, { status: 'ok' });
      else sendProblem(res, 503, 'The database does not answer.');
    },
  });
  for (const register of options.modules) register(routes);

  const document = buildOpenApiDocument(routes.registry, options.version);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', pageHeaders, swaggerUi.serve);
  app.get('/docs', swaggerUi.setup(document, { customSiteTitle: 'qbank API' }));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
