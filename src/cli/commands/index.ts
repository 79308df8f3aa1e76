// Every command of the CLI.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
