// A real SQLite file per test, the services over it and the real express app, with an admin and a client key.
import { useFreshApp, type FreshApp } from '../helpers/fresh-app.js';

export interface Harness extends FreshApp {
  adminKey: string;
  clientKey: string;
}

/** A fresh database, services and app for each test; the folder goes after the file's last test. */
export function useHarness(): () => Harness {
  return useFreshApp('qbank-statistics-', ({ services }) => ({
    adminKey: services.keys.issue('admin', 'test admin').key,
    clientKey: services.keys.issue('client', 'test client').key,
  }));
}
