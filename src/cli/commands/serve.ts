// `qbank serve`: the HTTP service, exactly as `npm start`.
import type { Command } from 'commander';
import { ConfigError } from '../../config.js';
import { StartError, startService } from '../../start.js';
import { CliError } from '../errors.js';
import type { CliIO } from '../io.js';

export function serveCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the HTTP service (the same as npm start)')
    .action(async () => {
      try {
        await startService({ env: io.env, print: (text) => io.stdout.write(`${text}\n`) });
      } catch (error) {
        if (error instanceof StartError) throw new CliError(`qbank: ${error.message}`, error.cause instanceof ConfigError ? 2 : 1);
        throw error;
      }
    });
}
