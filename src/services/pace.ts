// Long computations on the one thread that also serves requests: run their steps (src/stats/steps.ts) in
// slices, and between slices let the event loop answer whatever came in meanwhile.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Steps } from '../stats/index.js';

/** How long one slice may hold the event loop, in milliseconds. */
export const SLICE_MS = 10;

/** Runs the steps to the end, pausing for a turn of the event loop whenever a slice of `sliceMs` is used up. */
export async function pace<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
