// Every command of the CLI, in the order `qbank --help` lists them.
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { checkCommand } from './check.js';
import { convertCommand } from './convert.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { keysCommand } from './keys.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';

/** A command module adds its command to the program; it writes only through `io`. */
export type CommandModule = (program: Command, io: CliIO) => void;

const COMMANDS: CommandModule[] = [
  convertCommand,
  checkCommand,
  importCommand,
  exportCommand,
  statsCommand,
  keysCommand,
  serveCommand,
];

export function registerCommands(program: Command, io: CliIO): void {
  for (const register of COMMANDS) register(program, io);
}
