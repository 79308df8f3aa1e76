// `qbank check <file>`: parse and validate only.
import type { Command } from 'commander';
import { detectFormat, getFormat, type FormatName } from '../../formats/index.js';
import { CliError } from '../errors.js';
import { inputFileName, readInput } from '../files.js';
import type { CliIO } from '../io.js';
import { formatOption, plural, printDiagnostics } from './shared.js';

export function checkCommand(program: Command, io: CliIO): void {
  program
    .command('check')
    .description('parse a GIFT or Moodle XML file and print every problem as file:line:col: severity: message')
    .argument('<file>', 'the file to check (- for standard input)')
    .addOption(formatOption('--from <format>', 'the format (default: from the extension, else the content)'))
    .action(async (file: string, options: { from?: FormatName }) => {
      const bytes = await readInput(io, file);
      const format = getFormat(detectFormat({ from: options.from, fileName: inputFileName(file), content: bytes }));
      const parsed = format.parse(bytes);
      printDiagnostics(io, file, parsed.diagnostics);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = parsed.diagnostics.length - errors;
      const problems = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
      if (errors > 0) throw new CliError(`${file}: ${format.label}: ${problems}`, 1);
      io.stdout.write(`${file}: ${format.label}: ${plural(parsed.questions.length, 'question')}, ${problems}\n`);
    });
}
