// The report as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF).
// Three sections, each a title line and a header row: quiz information, questions, responses. Numbers are
// unrounded; a null figure is an empty cell. No byte order mark.
import { QUESTION_BEYOND_COLUMNS, QUESTION_COLUMNS, quizBeyondFigures, quizFigures } from './labels.js';
import type { QuizStatistics } from './types.js';

type Cell = string | number | boolean | null;

export function statisticsToCsv(stats: QuizStatistics): string {
  const lines: string[] = [];
  const row = (cells: readonly Cell[]) => lines.push(cells.map(csvField).join(','));

  row(['Quiz information']);
  row(['Statistic', 'Value']);
  for (const f of quizFigures(stats.quiz)) row([f.label, f.value]);
  for (const f of quizBeyondFigures(stats.quiz)) row([`Beyond Moodle: ${f.label}`, f.value]);

  row([]);
  row(['Quiz structure analysis']);
  row([
    'Q#',
    'Slot',
    'Question ID',
    'ID number',
    'Question type',
    'Question name',
    'Maximum mark',
    ...QUESTION_COLUMNS.map((c) => c.header),
    'Negative covariance',
    'Dubious',
    ...QUESTION_BEYOND_COLUMNS.map((c) => `Beyond Moodle: ${c.header}`),
  ]);
  stats.questions.forEach((q, i) =>
    row([
      i + 1,
      q.slot,
      q.questionId,
      q.idnumber,
      q.type,
      q.name,
      q.maxMark,
      ...QUESTION_COLUMNS.map((c) => c.value(q)),
      q.negativeCovariance,
      q.dubious,
      ...QUESTION_BEYOND_COLUMNS.map((c) => c.value(q)),
    ]),
  );

  row([]);
  row(['Analysis of responses']);
  row([
    'Q#',
    'Slot',
    'Question name',
    'Part of question',
    'Response',
    'Partial credit',
    'Count',
    'Frequency',
    'Beyond Moodle: Mean total',
    'Beyond Moodle: Rest r',
  ]);
  stats.questions.forEach((q, i) => {
    for (const r of q.responses) {
      const d = q.beyondMoodle.distractors?.[r.classIndex] ?? null;
      const beyond = [d?.meanTotal ?? null, d?.restCorrelation ?? null];
      row([i + 1, q.slot, q.name, r.part, r.response, r.partialCredit, r.count, r.frequency, ...beyond]);
    }
  });
  return lines.map((line) => `${line}\r\n`).join('');
}

/** One RFC 4180 field: null is empty, numbers are written in full (shortest round-trip form). */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
