// The database side of the CLI: the same configuration, database and services as the HTTP service.
import { ConfigError } from '../config.js';
import type { Services } from '../services/index.js';
import { openServices, StartError } from '../start.js';
import { CliError } from './errors.js';
import type { CliIO } from './io.js';

/** Opens QBANK_DB (migrations and first start included; progress on stderr), runs `fn`, and closes it. */
export async function withServices<T>(io: CliIO, fn: (services: Services) => T | Promise<T>): Promise<T> {
  let services: Services;
  try {
    services = openServices({ env: io.env, print: (text) => io.stderr.write(`${text}\n`) }).services;
  } catch (error) {
    if (error instanceof StartError) throw new CliError(`qbank: ${error.message}`, error.cause instanceof ConfigError ? 2 : 1);
    throw error;
  }
  try {
    return await fn(services);
  } finally {
    services.store.close();
  }
}
