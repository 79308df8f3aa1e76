// `qbank serve`: the HTTP service, exactly as `npm start`.
import type { Command } from 'commander';
import { startService } from '../../start.js';
import { startFailure } from '../context.js';
import type { CliIO } from '../io.js';

export function serveCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('run the HTTP service (the same as npm start)')
    .action(async () => {
      try {
        await startService({ env: io.env, print: (text) => io.stdout.write(`${text}\n`) });
      } catch (error) {
        throw startFailure(error);
      }
    });
}
