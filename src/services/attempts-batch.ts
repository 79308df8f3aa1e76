// Group commit: the write jobs that arrive during one turn of the event loop run one after another inside a
// single write transaction, each in its own savepoint. A job's writes are all or nothing, as if it had its own
// transaction; the commit (the costly part with a disk under it) is shared. Nobody hears of a job's success
// before the commit that makes it durable.
import type { Store } from '../storage/index.js';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly store: Store,
    /** Called once a batch is over, committed or not (e.g. to forget what was read under its lock). */
    private readonly afterBatch: () => void = () => {},
  ) {}

  /** Runs `job` in the next batch's write transaction; settles after that transaction commits. */
  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) setImmediate(() => this.flush());
    else this.scheduled = false;

    const settled: Settled[] = [];
    try {
      this.store.transaction(() => {
        for (const job of batch) {
          try {
            // Nested: a savepoint, rolled back alone when the job throws.
            settled.push({ ok: true, value: this.store.transaction(job.run) });
          } catch (error) {
            settled.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is stored.
      for (const job of batch) job.reject(error);
      return;
    } finally {
      this.afterBatch();
    }
    batch.forEach((job, i) => {
      const outcome = settled[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
