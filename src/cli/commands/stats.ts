// `qbank stats <quiz>`: the quiz statistics report from QBANK_DB, through the same service as the HTTP API.
import { Option, type Command } from 'commander';
import { DEFAULT_WHICH_ATTEMPTS, QuizNotFoundError, type QuizStatisticsReport } from '../../services/statistics.js';
import { statisticsToCsv, statisticsToTable, WHICH_ATTEMPTS, type WhichAttempts } from '../../stats/index.js';
import { withServices } from '../context.js';
import { CliError } from '../errors.js';
import type { CliIO } from '../io.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type StatsFormat = (typeof FORMATS)[number];

interface StatsOptions {
  attempts: WhichAttempts;
  format: StatsFormat;
}

function render(report: QuizStatisticsReport, format: StatsFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') return statisticsToCsv(report);
  return statisticsToTable(report);
}

/** Says on stderr when some stored responses could not be counted under the current questions. */
function warnings(report: QuizStatisticsReport): string[] {
  const lines: string[] = [];
  for (const older of report.olderVersions) {
    if (older.unmatchedResponses === 0) continue;
    lines.push(
      `qbank: warning: slot ${older.slot}: ${older.unmatchedResponses} responses graded on version ${older.version} ` +
        'name a choice or answer the current version no longer has; they are left out of the analysis of responses',
    );
  }
  if (report.shapeMismatches > 0) {
    lines.push(`qbank: warning: ${report.shapeMismatches} stored attempts do not fit the quiz's questions; their responses are left out`);
  }
  return lines;
}

export function statsCommand(program: Command, io: CliIO): void {
  program
    .command('stats')
    .description("print Moodle's quiz statistics report for a quiz of the bank (QBANK_DB)")
    .argument('<quiz>', "the quiz's idnumber (or id)")
    .addOption(
      new Option('--attempts <which>', "which attempts of each user to use (Moodle's default for a quiz graded by its highest attempt)")
        .choices(WHICH_ATTEMPTS)
        .default(DEFAULT_WHICH_ATTEMPTS),
    )
    .addOption(new Option('--format <format>', 'table (text), json or csv').choices(FORMATS).default('table'))
    .action(async (quiz: string, options: StatsOptions) => {
      await withServices(io, async (services) => {
        let report;
        try {
          report = await services.statistics.report(quiz, options.attempts);
        } catch (error) {
          if (error instanceof QuizNotFoundError) throw new CliError(`qbank: ${error.message}`, 1);
          throw error;
        }
        for (const line of warnings(report)) io.stderr.write(`${line}\n`);
        io.stdout.write(render(report, options.format));
      });
    });
}
