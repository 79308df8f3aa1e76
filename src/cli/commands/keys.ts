// `qbank keys create`: a new API key, printed once.
import { Option, type Command } from 'commander';
import type { Role } from '../../storage/index.js';
import { withServices } from '../context.js';
import type { CliIO } from '../io.js';

export function keysCommand(program: Command, io: CliIO): void {
  const keys = program.command('keys').description('manage API keys');
  keys
    .command('create')
    .description('create an API key and print it (it is shown only this once)')
    .addOption(new Option('--role <role>', 'what the key may do').choices(['admin', 'client']).makeOptionMandatory())
    .option('--name <name>', 'a name to tell the key apart')
    .action(async (options: { role: Role; name?: string }) => {
      await withServices(io, (services) => {
        const issued = services.keys.issue(options.role, options.name ?? null);
        const named = issued.name ? ` (${issued.name})` : '';
        io.stderr.write(`qbank: created ${issued.role} key ${issued.id}${named}; it is shown only this once:\n`);
        io.stdout.write(`${issued.key}\n`);
      });
    });
}
