// The composition root shared by `npm start`, `qbank serve` and the CLI commands that use the database:
// configuration, database and migrations, the first start, and (for the service) the HTTP server.
import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config.js';
import { listen, serverUrl, stopOnSignals } from './server.js';
import { firstStart, SeedError, type FirstStartResult } from './services/first-start.js';
import { createServices, ServiceError, type Services } from './services/index.js';
import { MigrationError, openStore } from './storage/index.js';

/** Why qbank cannot start; the message is meant to be printed as it is, after `qbank: `. */
export class StartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartError';
  }
}

export interface OpenOptions {
  env?: NodeJS.ProcessEnv;
  /** The migrations folder (the repository's by default). */
  migrationsDir?: string;
  /** Where first-start progress (and, for the service, the new admin key) is written. */
  print?: (text: string) => void;
  /** Create and print an admin key when there is none (the service does; CLI commands do not). */
  createAdminKey?: boolean;
}

export interface Opened {
  config: Config;
  services: Services;
  firstStart: FirstStartResult;
}

/** Reads the configuration, opens and migrates the database and runs the first start. */
export function openServices(options: OpenOptions = {}): Opened {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  let config: Config;
  try {
    config = loadConfig(options.env ?? process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new StartError(error.message, { cause: error });
    throw error;
  }
  let store;
  try {
    store = openStore(config.dbPath, options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}).store;
  } catch (error) {
    if (error instanceof MigrationError) throw new StartError(`${config.dbPath}: ${error.message}`, { cause: error });
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StartError(`cannot open the database ${config.dbPath}: ${reason}`, { cause: error });
  }
  const services = createServices(store, config);
  try {
    const result = firstStart(services, {
      itemsDir: config.itemsDir,
      adminKey: config.adminKey,
      print,
      createAdminKey: options.createAdminKey ?? false,
    });
    return { config, services, firstStart: result };
  } catch (error) {
    store.close();
    if (error instanceof SeedError || error instanceof ServiceError) throw new StartError(error.message, { cause: error });
    throw error;
  }
}

export interface Running extends Opened {
  server: Server;
  url: string;
  logger: Logger;
}

/** `npm start`: everything `openServices` does, then the HTTP service, stopped cleanly by SIGTERM or SIGINT. */
export async function startService(options: OpenOptions = {}): Promise<Running> {
  const opened = openServices({ ...options, createAdminKey: true });
  const { config, services } = opened;
  const logger = pino({ level: config.logLevel });
  let server: Server;
  try {
    server = await listen(services, config, logger);
  } catch (error) {
    services.store.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartError(`cannot listen on ${config.host}:${config.port}: ${reason}`, { cause: error });
  }
  stopOnSignals(server, services, logger);
  const url = serverUrl(server, config.host);
  logger.info({ url }, `qbank listening on ${url} (API docs at ${url}/docs)`);
  return { ...opened, server, url, logger };
}
