// The services and the app as `npm start` builds them (no listening: supertest drives it), over a fresh
// SQLite file for each test.
import type { Express } from 'express';
import { pino } from 'pino';
import { beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/server.js';
import { createServices, type Services } from '../../src/services/index.js';
import type { Store } from '../../src/storage/index.js';
import { useStore } from './store.js';

export interface FreshApp {
  path: string;
  store: Store;
  services: Services;
  app: Express;
}

/**
 * A new database, services and app before each test; `extend` adds what a suite needs on top (keys,
 * fixtures), built in the same step. `env` is added to the configuration.
 */
export function useFreshApp<T extends object>(
  prefix: string,
  extend: (fresh: FreshApp) => T,
  env: Record<string, string> = {},
): () => FreshApp & T {
  const { store, path } = useStore(prefix);
  let current: (FreshApp & T) | undefined;
  beforeEach(() => {
    const config = loadConfig({ QBANK_DB: path(), QBANK_LOG_LEVEL: 'silent', ...env });
    const services = createServices(store(), config);
    const fresh = { path: path(), store: store(), services, app: buildApp(services, pino({ level: 'silent' })) };
    current = { ...fresh, ...extend(fresh) };
  });
  return () => current!;
}
