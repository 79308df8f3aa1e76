import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../../src/storage/index.js';
import { useStore } from '../helpers/store.js';

const { store } = useStore();

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

describe('api keys', () => {
  it('stores a key by its hash and finds it again', () => {
    const { keys } = store();
    const key = keys.createKey({ name: 'ci', role: 'admin', keyHash: hash('qb_secret_1'), prefix: 'qb_secr' });
    expect(key).toMatchObject({ name: 'ci', role: 'admin', prefix: 'qb_secr', revokedAt: null });
    expect(Object.keys(key).sort()).toEqual(['createdAt', 'id', 'name', 'prefix', 'revokedAt', 'role']);
    expect(keys.findKeyByHash(hash('qb_secret_1'))).toEqual(key);
    expect(keys.findKeyByHash(hash('qb_secret_2'))).toBeNull();
    expect(keys.getKey(key.id)).toEqual(key);
  });

  it('lists and counts keys by role', () => {
    const { keys } = store();
    keys.createKey({ role: 'admin', keyHash: hash('a'), prefix: 'a' });
    keys.createKey({ role: 'client', keyHash: hash('b'), prefix: 'b' });
    keys.createKey({ name: 'c', role: 'client', keyHash: hash('c'), prefix: 'c' });
    expect(keys.listKeys().map((k) => [k.name, k.role])).toEqual([
      [null, 'admin'],
      [null, 'client'],
      ['c', 'client'],
    ]);
    expect(keys.countKeys()).toBe(3);
    expect(keys.countKeys('admin')).toBe(1);
    expect(keys.countKeys('client')).toBe(2);
  });

  it('no longer finds or counts a revoked key', () => {
    const { keys } = store();
    const key = keys.createKey({ role: 'admin', keyHash: hash('a'), prefix: 'a' });
    const revoked = keys.revokeKey(key.id);
    expect(revoked.revokedAt).not.toBeNull();
    expect(keys.revokeKey(key.id).revokedAt).toBe(revoked.revokedAt);
    expect(keys.findKeyByHash(hash('a'))).toBeNull();
    expect(keys.countKeys('admin')).toBe(0);
    expect(keys.listKeys()).toEqual([revoked]);
    expect(() => keys.revokeKey(999)).toThrow(NotFoundError);
  });

  it('refuses a hash stored before, a hash that is not SHA-256 hex and an unknown role', () => {
    const { keys } = store();
    keys.createKey({ role: 'client', keyHash: hash('a'), prefix: 'a' });
    try {
      keys.createKey({ role: 'admin', keyHash: hash('a'), prefix: 'a' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).constraint).toBe('key_hash');
    }
    expect(() => keys.createKey({ role: 'admin', keyHash: 'qb_plain_secret', prefix: 'q' })).toThrow(InvalidInputError);
    expect(() => keys.createKey({ role: 'admin', keyHash: hash('b').toUpperCase(), prefix: 'q' })).toThrow(
      InvalidInputError,
    );
    expect(() => keys.createKey({ role: 'root' as 'admin', keyHash: hash('c'), prefix: 'q' })).toThrow(
      /missing or out of range/,
    );
    expect(keys.countKeys()).toBe(1);
  });
});
