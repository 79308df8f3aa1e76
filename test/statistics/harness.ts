// A real SQLite file per test, the services over it and the real express app, with an admin and a client key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { routeModules } from '../../src/http/routes/index.js';
import { VERSION } from '../../src/server.js';
import { createServices, type Services } from '../../src/services/index.js';
import { openStore, type Store } from '../../src/storage/index.js';

export interface Harness {
  dir: string;
  path: string;
  store: Store;
  services: Services;
  app: Express;
  adminKey: string;
  clientKey: string;
}

let counter = 0;

/** A fresh database, services and app for each test; the folder goes after the file's last test. */
export function useHarness(): () => Harness {
  let dir = '';
  let current: Harness | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qbank-statistics-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    const path = join(dir, `test-${process.pid}-${++counter}.db`);
    const { store } = openStore(path);
    const config = loadConfig({ QBANK_DB: path, QBANK_LOG_LEVEL: 'silent' });
    const services = createServices(store, config);
    const app = createApp({
      logger: pino({ level: 'silent' }),
      lookup: (secret) => services.keys.authenticate(secret),
      ping: () => store.ping(),
      maxJsonBytes: config.maxJsonBytes,
      maxImportBytes: config.maxImportBytes,
      version: VERSION,
      modules: routeModules(services),
    });
    const adminKey = services.keys.issue('admin', 'test admin').key;
    const clientKey = services.keys.issue('client', 'test client').key;
    current = { dir, path, store, services, app, adminKey, clientKey };
  });
  afterEach(() => {
    current?.store.close();
    current = undefined;
  });
  return () => current!;
}
