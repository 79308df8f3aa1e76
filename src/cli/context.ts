// The database side of the CLI: the same configuration, database and services as the HTTP service.
import { ConfigError } from '../config.js';
import type { Services } from '../services/index.js';
import { openServices, StartError } from '../start.js';
import { CliError } from './errors.js';
import type { CliIO } from './io.js';

/** A start that could not go ahead as the CLI reports it: exit code 2 for a bad environment variable, else 1. */
export function startFailure(error: unknown): unknown {
  if (error instanceof StartError) return new CliError(`qbank: ${error.message}`, error.cause instanceof ConfigError ? 2 : 1);
  return error;
}

/** Opens QBANK_DB (migrations and first start included; progress on stderr), runs `fn`, and closes it. */
export async function withServices<T>(io: CliIO, fn: (services: Services) => T | Promise<T>): Promise<T> {
  let services: Services;
  try {
    services = openServices({ env: io.env, print: (text) => io.stderr.write(`${text}\n`) }).services;
  } catch (error) {
    throw startFailure(error);
  }
  try {
    return await fn(services);
  } finally {
    services.store.close();
  }
}
