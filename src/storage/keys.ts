// API keys: only the hash of a secret is stored; a key is found by that hash.
import type { Database } from './db.js';
import { NotFoundError, translating } from './errors.js';
import type { ApiKeyRecord, NewApiKey, Role } from './types.js';
import { isoNow } from './values.js';

interface KeyRow {
  id: number;
  name: string | null;
  role: Role;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

const COLUMNS = 'id, name, role, prefix, created_at, revoked_at';

export class KeyRepository {
  private readonly insert;
  private readonly byId;
  private readonly byHash;
  private readonly all;
  private readonly countActive;
  private readonly countActiveRole;
  private readonly revoke;

  constructor(
    db: Database,
    private readonly now: () => string = isoNow,
  ) {
    this.insert = db.prepare<[string | null, Role, string, string, string]>(
      'INSERT INTO api_keys (name, role, key_hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare<[number], KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`);
    this.byHash = db.prepare<[string], KeyRow>(
      `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`,
    );
    this.all = db.prepare<[], KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY id`);
    this.countActive = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL');
    this.countActiveRole = db.prepare<[Role], { n: number }>(
      'SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL AND role = ?',
    );
    this.revoke = db.prepare<[string, number]>('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  }

  /** Stores a key by the SHA-256 hex of its secret; a hash stored before is a conflict (key_hash). */
  createKey(input: NewApiKey): ApiKeyRecord {
    const result = translating(() =>
      this.insert.run(input.name ?? null, input.role, input.keyHash, input.prefix, this.now()),
    );
    return this.getKey(Number(result.lastInsertRowid))!;
  }

  /** The key with this hash, unless it is revoked. */
  findKeyByHash(keyHash: string): ApiKeyRecord | null {
    const row = this.byHash.get(keyHash);
    return row ? toRecord(row) : null;
  }

  getKey(id: number): ApiKeyRecord | null {
    const row = this.byId.get(id);
    return row ? toRecord(row) : null;
  }

  /** Every key, revoked ones included, in creation order. */
  listKeys(): ApiKeyRecord[] {
    return this.all.all().map(toRecord);
  }

  /** How many keys are not revoked, of one role or of both. */
  countKeys(role?: Role): number {
    return (role === undefined ? this.countActive.get() : this.countActiveRole.get(role))!.n;
  }

  revokeKey(id: number): ApiKeyRecord {
    this.revoke.run(this.now(), id);
    const record = this.getKey(id);
    if (!record) throw new NotFoundError('key', id);
    return record;
  }
}

function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
