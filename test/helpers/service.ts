// The real service on a temporary SQLite file per test file: first start included, the app built as `npm start`
// builds it (no listening: supertest drives it), keys for both roles.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server.js';
import type { FirstStartResult } from '../../src/services/first-start.js';
import type { Services } from '../../src/services/index.js';
import { openServices } from '../../src/start.js';

export interface TestService {
  app: Express;
  services: Services;
  adminKey: string;
  clientKey: string;
  dir: string;
  dbPath: string;
  firstStart: FirstStartResult;
  /** What the first start printed. */
  printed: string[];
}

export interface TestServiceOptions {
  /** Start with an empty bank (an empty items folder) instead of the shipped one. */
  empty?: boolean;
  env?: Record<string, string>;
}

/** A temporary folder for this test file, removed after its last test. */
export function useTempDir(prefix = 'qbank-test-'): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Opens a service in `dir` as `npm start` would (without listening). */
export function openTestService(dir: string, options: TestServiceOptions = {}): TestService {
  const dbPath = join(dir, 'qbank.db');
  const env: Record<string, string> = { QBANK_DB: dbPath, QBANK_LOG_LEVEL: 'silent', ...options.env };
  if (options.empty) {
    env.QBANK_ITEMS_DIR = join(dir, 'no-items');
    mkdirSync(env.QBANK_ITEMS_DIR, { recursive: true });
  }
  const printed: string[] = [];
  const opened = openServices({ env, print: (text) => printed.push(text), createAdminKey: true });
  const services = opened.services;
  const adminKey = opened.firstStart.adminKey ?? options.env?.QBANK_ADMIN_KEY ?? '';
  const clientKey = services.keys.issue('client', 'test client').key;
  const app = buildApp(services, pino({ level: 'silent' }));
  return { app, services, adminKey, clientKey, dir, dbPath, firstStart: opened.firstStart, printed };
}

/** One service for the whole test file; `service()` returns it. */
export function useService(options: TestServiceOptions = {}): () => TestService {
  const dir = useTempDir();
  let current: TestService | undefined;
  beforeAll(() => {
    current = openTestService(dir(), options);
  });
  afterAll(() => {
    current?.services.store.close();
  });
  return () => current!;
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

/** The repository's shipped bank and the seed page beside the repository. */
export const ITEMS_FILE = new URL('../../items/rnn-4.1.xml', import.meta.url);
export const SEED_DIR = new URL('../../../shared/seed/', import.meta.url);
