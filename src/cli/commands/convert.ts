// `qbank convert <in>`: one format to the other, without the database.
import type { Command } from 'commander';
import { detectFormat, getFormat, hasErrors, type FormatName } from '../../formats/index.js';
import { CliError } from '../errors.js';
import { inputFileName, readInput, writeOutput } from '../files.js';
import type { CliIO } from '../io.js';
import { formatOption, printDiagnostics, printWarnings } from './shared.js';

interface ConvertOptions {
  from?: FormatName;
  to?: FormatName;
  output?: string;
}

export function convertCommand(program: Command, io: CliIO): void {
  program
    .command('convert')
    .description('convert a GIFT file to Moodle XML or back, without the database')
    .argument('<in>', 'the input file (- for standard input)')
    .addOption(formatOption('--from <format>', 'input format (default: from the extension, else the content)'))
    .addOption(formatOption('--to <format>', 'output format (default: the other one)'))
    .option('-o, --output <out>', 'write here instead of standard output')
    .action(async (input: string, options: ConvertOptions) => {
      const bytes = await readInput(io, input);
      const from = detectFormat({ from: options.from, fileName: inputFileName(input), content: bytes });
      const to = options.to ?? (from === 'gift' ? 'moodlexml' : 'gift');
      const parsed = getFormat(from).parse(bytes);
      printDiagnostics(io, input, parsed.diagnostics);
      if (hasErrors(parsed.diagnostics)) throw new CliError(`qbank: ${input} has errors; nothing was written.`, 1);
      const { text, warnings } = getFormat(to).serialize({ questions: parsed.questions, categories: parsed.categories });
      printWarnings(io, options.output ?? input, warnings);
      await writeOutput(io, options.output, text);
    });
}
