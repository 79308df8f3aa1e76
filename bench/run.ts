// `npm run bench -- <name>`: runs bench/<name>.ts, each exporting `run(): Promise<void>`.
const BENCHMARKS = ['formats', 'submit', 'stats'];

const name = process.argv[2];
if (name === undefined || !BENCHMARKS.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <${BENCHMARKS.join('|')}>\n`);
  process.exit(2);
}
const bench = (await import(`./${name}.js`)) as { run(): Promise<void> };
await bench.run();
