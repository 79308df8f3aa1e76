// `qbank import <file>`: into QBANK_DB, all or nothing.
import type { Command } from 'commander';
import { detectFormat, type FormatName } from '../../formats/index.js';
import { ImportError } from '../../services/index.js';
import { withServices } from '../context.js';
import { CliError } from '../errors.js';
import { inputFileName, readInput } from '../files.js';
import type { CliIO } from '../io.js';
import { formatOption, plural, printDiagnostics } from './shared.js';

export function importCommand(program: Command, io: CliIO): void {
  program
    .command('import')
    .description('import a GIFT or Moodle XML file into the bank (QBANK_DB): every question or none')
    .argument('<file>', 'the file to import (- for standard input)')
    .option('--category <path>', "target category: the file's categories go below it, uncategorised questions into it")
    .option('--update', 'a question whose idnumber is taken in its category becomes a new version of that question')
    .addOption(formatOption('--from <format>', 'the format (default: from the extension, else the content)'))
    .action(async (file: string, options: { category?: string; from?: FormatName; update?: boolean }) => {
      const bytes = await readInput(io, file);
      const format = detectFormat({ from: options.from, fileName: inputFileName(file), content: bytes });
      await withServices(io, (services) => {
        const progress = io.stderr.isTTY
          ? (stored: number, total: number) => io.stderr.write(`\rqbank: stored ${stored} of ${total} questions`)
          : undefined;
        let result;
        try {
          result = services.transfer.importFile(bytes, {
            format,
            category: options.category,
            update: options.update ?? false,
            ...(progress ? { onProgress: progress } : {}),
          });
        } catch (error) {
          if (!(error instanceof ImportError)) throw error;
          printDiagnostics(io, file, error.diagnostics);
          throw new CliError(`qbank: ${error.message}`, 1);
        }
        if (progress) io.stderr.write('\n');
        printDiagnostics(io, file, result.warnings);
        const lists = [
          ['created', result.created],
          ['updated', result.updated],
          ['left unchanged', result.unchanged],
        ] as const;
        for (const [what, items] of lists) {
          if (items.length === 0 && what !== 'created') continue;
          io.stdout.write(`${what} ${plural(items.length, 'question')} from ${file}:\n`);
          for (const q of items) {
            io.stdout.write(`  ${q.id}\tv${q.version}\t${q.type}\t${q.idnumber ?? '-'}\t${q.name}\t(${q.category})\n`);
          }
        }
      });
    });
}
