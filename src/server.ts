// The HTTP service: build the app over the services, listen, and on SIGTERM/SIGINT stop accepting, let in-flight
// requests finish, then close the database.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { createHttpServer } from './http/http-server.js';
import { routeModules } from './http/routes/index.js';
import type { Services } from './services/index.js';

export const VERSION = '0.1.0';

/** How long in-flight requests may take to finish after a stop signal before their connections are cut. */
const DRAIN_MS = 10_000;

/** The express app of the whole API over these services (it does not listen). */
export function buildApp(services: Services, logger: Logger): Express {
  return createApp({
    logger,
    lookup: (secret) => services.keys.authenticate(secret),
    ping: () => services.store.ping(),
    maxJsonBytes: services.config.maxJsonBytes,
    maxImportBytes: services.config.maxImportBytes,
    version: VERSION,
    modules: routeModules(services),
  });
}

export function listen(services: Services, config: Config, logger: Logger): Promise<Server> {
  const app = buildApp(services, logger);
  return new Promise((resolve, reject) => {
    const server = createHttpServer(app).listen(config.port, config.host);
    trackResponses(server);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** The URL the server listens on (the real port when PORT=0). */
export function serverUrl(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The responses not yet finished, so that a stop can ask their connections to close after them. */
const inFlight = new WeakMap<Server, Set<ServerResponse>>();

function trackResponses(server: Server): void {
  const responses = new Set<ServerResponse>();
  inFlight.set(server, responses);
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    responses.add(res);
    res.once('close', () => responses.delete(res));
  });
}

/** Stops accepting connections, waits for in-flight requests (cut after DRAIN_MS), then closes the database. */
export function drain(server: Server, services: Services): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      services.store.close();
      resolve();
    });
    server.closeIdleConnections();
    // A keep-alive connection would otherwise stay open, idle, until its timeout once its response is sent.
    for (const res of inFlight.get(server) ?? []) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
    }
  });
}

/** Drains and exits 0 on the first SIGTERM or SIGINT. */
export function stopOnSignals(server: Server, services: Services, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining in-flight requests');
    void drain(server, services).then(() => {
      logger.info('stopped; database closed');
      logger.flush?.();
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
