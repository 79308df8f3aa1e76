// A long computation as a generator that yields between slices of its work, so that a caller on a busy
// thread can let others run in between. The slices are the computation's own; when to pause is the caller's.

export type Steps<T> = Generator<void, T, void>;

/** Rows per slice of a pass over every attempt (a few milliseconds of work, even before the code is optimized). */
export const BLOCK = 1 << 15;

/** Runs every step at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
