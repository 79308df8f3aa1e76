// Small key/value settings of the instance (for example, whether the first start has run).
import type { Database } from './db.js';

export class SettingsRepository {
  private readonly get;
  private readonly put;
  private readonly remove;
  private readonly all;

  constructor(db: Database) {
    this.get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.put = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
    this.all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key');
  }

  getSetting(key: string): string | null {
    return this.get.get(key)?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.put.run(key, value);
  }

  /** True when the key was there. */
  deleteSetting(key: string): boolean {
    return this.remove.run(key).changes > 0;
  }

  listSettings(): Record<string, string> {
    return Object.fromEntries(this.all.all().map((row) => [row.key, row.value]));
  }
}
