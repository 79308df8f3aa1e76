// `npm run bench -- <name>…`: runs the named benchmarks (all when none is named). Each bench/<name>.ts
// exports run(), which prints its own table.
const NAMES = ['formats', 'submit', 'stats'];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !NAMES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${NAMES.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : NAMES) {
  console.log(`\n## ${name}\n`);
  const bench = (await import(`./${name}.js`)) as { run: () => Promise<void> };
  await bench.run();
}
