// `npm run bench -- <name> [args…]`: runs the `run()` of bench/<name>.ts (formats, submit, stats).
const BENCHMARKS = ['formats', 'submit', 'stats'];

const name = process.argv[2];
if (name === undefined || !BENCHMARKS.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${BENCHMARKS.join('|')}> [args…]\n`);
  process.exit(2);
}
const benchmark = (await import(`./${name}.js`)) as { run: () => Promise<void> };
await benchmark.run();
