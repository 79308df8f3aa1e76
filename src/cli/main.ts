// `qbank <command>`: the CLI of the contract. Exit codes: 0 success, 1 the input has errors, 2 usage error.
import { processIO } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIO());
