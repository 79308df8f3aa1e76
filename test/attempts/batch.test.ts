// Group commit: jobs queued together share one transaction, and a failing job takes only its own writes back.
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/services/attempts-batch.js';
import { useStore } from '../helpers/store.js';

const { store } = useStore('qbank-batch-');

const settings = () => store().settings.listSettings();

describe('GroupCommit', () => {
  it('runs the jobs of one turn in order; a job that throws leaves nothing behind, the others commit', async () => {
    const writes = new GroupCommit(store());
    const order: string[] = [];
    const first = writes.run(() => {
      order.push('first');
      store().settings.setSetting('first', '1');
      return 'one';
    });
    const failing = writes.run(() => {
      order.push('failing');
      store().settings.setSetting('failing', 'x');
      throw new Error('refused');
    });
    const last = writes.run(() => {
      order.push('last');
      // Sees the writes of the jobs before it in the same transaction.
      return store().settings.getSetting('first');
    });
    await expect(first).resolves.toBe('one');
    await expect(failing).rejects.toThrow('refused');
    await expect(last).resolves.toBe('1');
    expect(order).toEqual(['first', 'failing', 'last']);
    expect(settings()).toEqual({ first: '1' });
  });

  it('calls back after every batch, and later jobs form new batches', async () => {
    let batches = 0;
    const writes = new GroupCommit(store(), () => batches++);
    await Promise.all([writes.run(() => 1), writes.run(() => 2)]);
    expect(batches).toBe(1);
    await writes.run(() => 3);
    expect(batches).toBe(2);
  });
});
