// The CLI as a function of its arguments and io, returning the exit code: 0 success, 1 the input has errors,
// 2 usage error.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../server.js';
import { registerCommands } from './commands/index.js';
import { CliError } from './errors.js';
import type { CliIO } from './io.js';

export function buildProgram(io: CliIO): Command {
  const program = new Command('qbank')
    .description('A question bank that speaks Moodle: GIFT and Moodle XML, graded attempts, quiz statistics.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(text),
    });
  // Subcommands inherit exitOverride and the output settings because they are set before the commands are added.
  registerCommands(program, io);
  return program;
}

/** Runs one command line (`argv` without node and the script) and returns its exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      if (error.message) io.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
