// The real express app over a real SQLite file, fresh for every test, with an admin key and two client keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { routeModules } from '../../src/http/routes/index.js';
import { createServices, type Services } from '../../src/services/index.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { createRnnQuiz, type RnnQuiz } from './rnn-quiz.js';

export interface Api {
  http: supertest.Agent;
  store: Store;
  services: Services;
  rnn: RnnQuiz;
  path: string;
  admin: string;
  client: string;
  otherClient: string;
  /** Headers for a key. */
  as(key: string): { Authorization: string };
}

let counter = 0;

export function useApi(options: { maxJsonBytes?: number } = {}): () => Api {
  let dir = '';
  let current: Api | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qbank-attempts-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    const path = join(dir, `api-${process.pid}-${++counter}.db`);
    const config = loadConfig({
      QBANK_DB: path,
      QBANK_LOG_LEVEL: 'silent',
      ...(options.maxJsonBytes ? { QBANK_MAX_JSON_BYTES: String(options.maxJsonBytes) } : {}),
    });
    const store = openStore(path).store;
    const services = createServices(store, config);
    const app = createApp({
      logger: pino({ level: 'silent' }),
      lookup: (secret) => services.keys.authenticate(secret),
      ping: () => store.ping(),
      maxJsonBytes: config.maxJsonBytes,
      maxImportBytes: config.maxImportBytes,
      version: 'test',
      modules: routeModules(services),
    });
    const rnn = createRnnQuiz(store);
    current = {
      http: supertest.agent(app),
      store,
      services,
      rnn,
      path,
      admin: services.keys.issue('admin', 'admin').key,
      client: services.keys.issue('client', 'client').key,
      otherClient: services.keys.issue('client', 'other').key,
      as: (key) => ({ Authorization: `Bearer ${key}` }),
    };
  });
  afterEach(() => {
    current?.store.close();
    current = undefined;
  });
  return () => current!;
}
