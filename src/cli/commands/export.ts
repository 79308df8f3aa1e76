// `qbank export --format …`: a quiz, a category or the whole bank from QBANK_DB as a file.
import type { Command } from 'commander';
import type { FormatName } from '../../formats/index.js';
import { ServiceError } from '../../services/index.js';
import { withServices } from '../context.js';
import { CliError } from '../errors.js';
import { writeOutput } from '../files.js';
import type { CliIO } from '../io.js';
import { formatOption, plural, printWarnings } from './shared.js';

interface ExportOptions {
  format: FormatName;
  category?: string;
  quiz?: string;
  output?: string;
}

export function exportCommand(program: Command, io: CliIO): void {
  program
    .command('export')
    .description('export questions from the bank (QBANK_DB): a quiz, a category with its subcategories, or everything')
    .addOption(formatOption('--format <format>', 'gift or moodlexml').makeOptionMandatory())
    .option('--category <path>', 'a category path, e.g. "$course$/top/Рекуррентные нейросети"')
    .option('--quiz <idnumber>', "a quiz's idnumber (or id): its questions in order")
    .option('-o, --output <out>', 'write here instead of standard output')
    .action(async (options: ExportOptions) => {
      await withServices(io, async (services) => {
        let file;
        try {
          file = services.transfer.exportFile({ format: options.format, category: options.category, quiz: options.quiz });
        } catch (error) {
          if (error instanceof ServiceError) throw new CliError(`qbank: ${error.message}`, error.code === 'invalid' ? 2 : 1);
          throw error;
        }
        printWarnings(io, options.output ?? file.fileName, file.warnings);
        await writeOutput(io, options.output, file.text);
        io.stderr.write(`qbank: exported ${plural(file.count, 'question')}${options.output ? ` to ${options.output}` : ''}\n`);
      });
    });
}
