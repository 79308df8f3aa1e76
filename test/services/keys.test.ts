// Keys found by their secret are remembered for KEY_CACHE_MS: a change made through the same service is seen at
// once, one made by another process on the same database within that time.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_CACHE_MS, KeyService } from '../../src/services/keys.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { useTempDir } from '../helpers/service.js';

const dir = useTempDir('qbank-keys-');
let open: Store[] = [];
let seq = 0;

afterEach(() => {
  for (const store of open) store.close();
  open = [];
});

/** Two "processes" (connections with their own services) on one database file, with a clock the test moves. */
function twoProcesses() {
  const path = join(dir(), `keys-${++seq}.db`);
  const clock = { now: 1_000_000 };
  const [a, b] = [openStore(path).store, openStore(path).store];
  open.push(a, b);
  return { clock, here: new KeyService(a, () => clock.now), there: new KeyService(b, () => clock.now) };
}

describe('the key cache', () => {
  it('sees a revoke made through the same service at once, though the key was just used', () => {
    const { here } = twoProcesses();
    here.issue('admin', 'keeper');
    const key = here.issue('client', 'bot');
    expect(here.authenticate(key.key)).toEqual({ keyId: key.id, role: 'client' });
    here.revoke(key.id);
    expect(here.authenticate(key.key)).toBeNull();
  });

  it("trusts a key another process revoked for at most KEY_CACHE_MS, then refuses it", () => {
    const { clock, here, there } = twoProcesses();
    there.issue('admin', 'keeper');
    const key = there.issue('client', 'bot');
    expect(here.authenticate(key.key)?.keyId).toBe(key.id);
    there.revoke(key.id);
    expect(there.authenticate(key.key)).toBeNull();
    clock.now += KEY_CACHE_MS - 1;
    expect(here.authenticate(key.key)?.keyId).toBe(key.id);
    clock.now += 1;
    expect(here.authenticate(key.key)).toBeNull();
    clock.now += 10 * KEY_CACHE_MS;
    expect(here.authenticate(key.key)).toBeNull();
  });

  it('remembers no unknown secret: a key another process creates works at once', () => {
    const { here, there } = twoProcesses();
    const secret = 'qbk_made-elsewhere-0123456789abcdef0123456789ab';
    expect(here.authenticate(secret)).toBeNull();
    const key = there.issue('client', 'elsewhere', secret);
    expect(here.authenticate(secret)).toEqual({ keyId: key.id, role: 'client' });
    expect(here.authenticate('qbk_never-issued')).toBeNull();
  });
});
