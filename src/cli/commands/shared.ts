// Option parsing and printing shared by the commands.
import { Option } from 'commander';
import { FORMAT_NAMES, formatDiagnostics, type Diagnostic } from '../../formats/index.js';
import type { CliIO } from '../io.js';

/** A `--<name> gift|moodlexml` option; commander refuses any other value as a usage error. */
export function formatOption(flags: string, description: string): Option {
  return new Option(flags, description).choices(FORMAT_NAMES);
}

/** Every diagnostic as `file:line:col: severity: message` on stderr. */
export function printDiagnostics(io: CliIO, file: string, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length > 0) io.stderr.write(`${formatDiagnostics(file, diagnostics)}\n`);
}

/** Warnings that have no position (what an export cannot carry), as `file: warning: message`. */
export function printWarnings(io: CliIO, file: string, warnings: readonly string[]): void {
  for (const warning of warnings) io.stderr.write(`${file}: warning: ${warning}\n`);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
