// Starting and stopping the HTTP service: open the store, build the app, listen, and on SIGTERM/SIGINT stop
// accepting, let in-flight requests finish, then close the database.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp } from './http/app.js';
import { routeModules } from './http/routes/index.js';
import type { Services } from './services/index.js';

export const VERSION = '0.1.0';

/** How long in-flight requests may take to finish after a stop signal. */
const DRAIN_MS = 10_000;

export function listen(services: Services, config: Config, logger: Logger): Promise<Server> {
  const app = createApp({
    logger,
    lookup: (secret) => services.keys.authenticate(secret),
    ping: () => services.store.ping(),
    maxJsonBytes: config.maxJsonBytes,
    maxImportBytes: config.maxImportBytes,
    version: VERSION,
    modules: routeModules(services),
  });
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, config.host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops on the first SIGTERM/SIGINT: no new connections, in-flight requests drain, then the database closes. */
export function stopOnSignals(server: Server, services: Services, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: draining in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    force.unref();
    server.close(() => {
      services.store.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
