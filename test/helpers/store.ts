// A fresh, migrated SQLite store for each test, in a temporary folder per test file.
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../src/storage/index.js';
import { useTempDir } from './service.js';

let counter = 0;

/** `store()` returns the current test's store, `path()` its file; the store is closed after each test. */
export function useStore(prefix = 'qbank-storage-'): { store: () => Store; path: () => string } {
  const dir = useTempDir(prefix);
  let current: Store | undefined;
  let path = '';
  beforeEach(() => {
    path = join(dir(), `test-${process.pid}-${++counter}.db`);
    current = openStore(path).store;
  });
  afterEach(() => {
    current?.close();
    current = undefined;
  });
  return { store: () => current!, path: () => path };
}
