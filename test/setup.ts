// Property tests explore new random cases on every local run; in CI (CI=true) they replay one fixed seed, so
// a red build always means a change broke something, and the case can be replayed.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261126 });
