// The report as plain text for a terminal, with numbers rounded as Moodle shows them: percentages and marks
// to 2 decimals, skewness and kurtosis to 4 (Moodle's decimalpoints + 2), ratios beyond Moodle to 4.
import {
  type FigureKind,
  QUESTION_BEYOND_COLUMNS,
  QUESTION_COLUMNS,
  quizBeyondFigures,
  quizFigures,
  WHICH_LABEL,
} from './labels.js';
import { formatFixed } from './round.js';
import type { QuestionStatistics, QuizStatistics } from './types.js';

const NAME_WIDTH = 40;

export function statisticsToTable(stats: QuizStatistics): string {
  const { quiz, questions } = stats;
  const out: string[] = [`Quiz statistics (for ${WHICH_LABEL[quiz.whichAttempts]})`, ''];

  out.push('Quiz information');
  out.push(...layout(['', ''], quizFigures(quiz).map((f) => [f.label, show(f.value, f.kind)]), [false, true], false));
  out.push('');

  out.push('Quiz structure analysis');
  const headers = ['Q#', 'Question type', 'Question name', ...QUESTION_COLUMNS.map((c) => c.header)];
  const rows = questions.map((q, i) => [
    String(i + 1),
    clean(q.type),
    `${shorten(clean(q.name))}${q.dubious ? ' *' : ''}`,
    ...QUESTION_COLUMNS.map((c) => show(c.value(q), c.kind)),
  ]);
  out.push(...layout(headers, rows, [true, false, false, ...QUESTION_COLUMNS.map(() => true)]));
  if (questions.some((q) => q.dubious)) out.push('* dubious: discriminative efficiency below 15%');
  const negative = questions.flatMap((q, i) => (q.negativeCovariance ? [`Q${i + 1}`] : []));
  if (negative.length > 0) {
    out.push(`Negative covariance of grade with total attempt grade (no effective weight): ${negative.join(', ')}`);
  }

  questions.forEach((q, i) => {
    if (q.responses.length === 0) return;
    out.push('', `Analysis of responses for Q${i + 1} "${shorten(clean(q.name))}" (${q.attempts} attempts)`);
    out.push(...responseTable(q));
  });

  out.push('', 'Beyond Moodle (classical test theory)');
  out.push(...layout(['', ''], quizBeyondFigures(quiz).map((f) => [f.label, show(f.value, f.kind)]), [false, true], false));
  out.push('');
  out.push(
    ...layout(
      ['Q#', 'Question name', ...QUESTION_BEYOND_COLUMNS.map((c) => c.header)],
      questions.map((q, i) => [
        String(i + 1),
        shorten(clean(q.name)),
        ...QUESTION_BEYOND_COLUMNS.map((c) => show(c.value(q), c.kind)),
      ]),
      [true, false, ...QUESTION_BEYOND_COLUMNS.map(() => true)],
    ),
  );
  questions.forEach((q, i) => {
    const rows = q.beyondMoodle.distractors;
    if (!rows || rows.length === 0) return;
    out.push('', `Distractors of Q${i + 1} "${shorten(clean(q.name))}"`);
    out.push(
      ...layout(
        ['Response', 'Count', 'Mean total', 'Rest r'],
        rows.map((d) => [
          shorten(clean(d.response)),
          String(d.count),
          show(d.meanTotal, 'marks'),
          show(d.restCorrelation, 'ratio'),
        ]),
        [false, true, true, true],
      ),
    );
  });
  return `${out.join('\n')}\n`;
}

function responseTable(q: QuestionStatistics): string[] {
  const withParts = q.responses.some((r) => r.part !== '');
  let previousPart = -1;
  const rows = q.responses.map((r) => {
    // As Moodle's table, the part is named on its first row only.
    const part = r.partIndex === previousPart ? '' : shorten(clean(r.part));
    previousPart = r.partIndex;
    const cells = [shorten(clean(r.response)), show(r.partialCredit, 'percent'), String(r.count), show(r.frequency, 'percent')];
    return withParts ? [part, ...cells] : cells;
  });
  const headers = ['Response', 'Partial credit', 'Count', 'Frequency'];
  const right = [false, true, true, true];
  return withParts ? layout(['Part of question', ...headers], rows, [false, ...right]) : layout(headers, rows, right);
}

/** A figure as the report shows it; '' for null. */
function show(value: number | null, kind: FigureKind): string {
  if (value === null) return '';
  switch (kind) {
    case 'count':
      return String(value);
    case 'percent':
      return `${formatFixed(value, 2)}%`;
    case 'marks':
      return formatFixed(value, 2);
    case 'plain':
    case 'ratio':
      return formatFixed(value, 4);
  }
}

/** Text on one line: control characters (newlines, tabs) become spaces, runs of spaces shrink to one. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length <= NAME_WIDTH ? text : `${chars.slice(0, NAME_WIDTH - 1).join('')}…`;
}

function width(text: string): number {
  return Array.from(text).length;
}

/** Aligned columns two spaces apart, indented by two; `right` marks right-aligned columns. */
function layout(headers: string[], rows: string[][], right: boolean[], withHeader = true): string[] {
  const all = withHeader ? [headers, ...rows] : rows;
  const widths = headers.map((_, c) => Math.max(0, ...all.map((r) => width(r[c] ?? ''))));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c]! - width(cell));
        return right[c] ? pad + cell : cell + pad;
      })
      .join('  ')}`.trimEnd();
  return all.map(line);
}
