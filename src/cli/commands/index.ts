// Every command of the CLI.
import type { Command } from 'commander';
import { statsCommand } from './stats.js';

export function registerCommands(program: Command): void {
  statsCommand(program);
}
