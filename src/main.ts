// `npm start`: configuration, database and migrations, then the HTTP service.
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { listen, stopOnSignals } from './server.js';
import { createServices } from './services/index.js';
import { MigrationError, openStore } from './storage/index.js';

function fail(message: string): never {
  process.stderr.write(`qbank: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  let opened;
  try {
    opened = openStore(config.dbPath);
  } catch (error) {
    if (error instanceof MigrationError) fail(error.message);
    throw error;
  }
  const services = createServices(opened.store, config);
  if (opened.migrations.applied.length > 0) logger.info({ applied: opened.migrations.applied }, 'migrations applied');
  const server = await listen(services, config, logger);
  stopOnSignals(server, services, logger);
  logger.info(`qbank listening on http://${config.host}:${config.port} (API docs at /docs)`);
}

await main();
