// API keys: random secrets shown once, stored only as their sha256. Every request authenticates, so the keys
// found are remembered for a few seconds: a change made through this service forgets them at once, a key revoked
// by another process on the same database stops working within KEY_CACHE_MS.
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, type ApiKeyRecord, type Role, type Store } from '../storage/index.js';
import { notFound, ServiceError } from './errors.js';

export interface IssuedKey {
  id: number;
  role: Role;
  name: string | null;
  /** The secret, shown once: it cannot be read back later. */
  key: string;
}

export function hashKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new random key `qbk_<43 base64url chars>` (256 bits). */
export function newSecret(): string {
  return `qbk_${randomBytes(32).toString('base64url')}`;
}

/** How long a key found by its secret is trusted without asking the database again. */
export const KEY_CACHE_MS = 5_000;
/** At most this many keys are remembered; the one found longest ago goes first. */
const KEY_CACHE_SIZE = 1_000;

interface Known {
  principal: { keyId: number; role: Role };
  until: number;
}

export class KeyService {
  /** Secret hash → the key it authenticated, until a time of the clock. */
  private readonly known = new Map<string, Known>();

  constructor(
    private readonly store: Store,
    /** Milliseconds, for the cache; tests may fix it. */
    private readonly clock: () => number = Date.now,
  ) {}

  /** Creates a key with a fresh secret (or the given one, e.g. QBANK_ADMIN_KEY) and returns the secret once. */
  issue(role: Role, name: string | null = null, secret: string = newSecret()): IssuedKey {
    this.known.clear();
    const record = this.store.keys.createKey({ role, name, keyHash: hashKey(secret), prefix: secret.slice(0, 8) });
    return { id: record.id, role, name, key: secret };
  }

  /**
   * The key behind a secret, or null when it is unknown or revoked. Only keys found are remembered: a key created
   * anywhere works at once.
   */
  authenticate(secret: string): { keyId: number; role: Role } | null {
    const hash = hashKey(secret);
    const now = this.clock();
    const hit = this.known.get(hash);
    if (hit !== undefined && hit.until > now) return hit.principal;
    this.known.delete(hash);
    const record = this.store.keys.findKeyByHash(hash);
    if (!record) return null;
    const principal = { keyId: record.id, role: record.role };
    if (this.known.size >= KEY_CACHE_SIZE) this.known.delete(this.known.keys().next().value!);
    this.known.set(hash, { principal, until: now + KEY_CACHE_MS });
    return principal;
  }

  /** Makes `secret` an admin key when it is not one already (QBANK_ADMIN_KEY). */
  ensureAdminSecret(secret: string): void {
    this.store.transaction(() => {
      const existing = this.store.keys.findKeyByHash(hashKey(secret));
      if (existing?.role === 'admin') return;
      if (existing) throw new ServiceError('conflict', 'QBANK_ADMIN_KEY is already a client key; choose another value.');
      try {
        this.issue('admin', 'QBANK_ADMIN_KEY', secret);
      } catch (error) {
        // Only a revoked key can have the same hash and not be found above.
        if (error instanceof ConflictError) throw new ServiceError('conflict', 'QBANK_ADMIN_KEY was revoked; choose another value.');
        throw error;
      }
    });
  }

  /** Every key (never its secret), revoked ones included. */
  list(): ApiKeyRecord[] {
    return this.store.keys.listKeys();
  }

  /** Revokes a key; the last admin key stays, so that the bank cannot be locked. */
  revoke(id: number): ApiKeyRecord {
    this.known.clear();
    return this.store.transaction(() => {
      const key = this.store.keys.getKey(id);
      if (!key) throw notFound(`Key ${id} does not exist.`);
      if (key.revokedAt === null && key.role === 'admin' && this.store.keys.countKeys('admin') === 1) {
        throw new ServiceError('conflict', 'This is the last admin key; create another admin key before revoking it.');
      }
      return this.store.keys.revokeKey(id);
    });
  }
}
