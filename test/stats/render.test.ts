// The CSV and text renderings of the report.
import { describe, expect, it } from 'vitest';
import {
  computeQuizStatistics,
  formatFixed,
  phpRound,
  type QuizStatistics,
  statisticsToCsv,
  statisticsToTable,
} from '../../src/stats/index.js';
import { B6_MARKS, B6_MAX_MARKS, fromMarks } from './build.js';

const TRICKY_NAME = 'Name, with "quotes"\nand a newline';
const MC = [
  { label: 'A, the right one', fraction: 1 },
  { label: 'B', fraction: 0 },
  { label: '[No response]', fraction: null },
];
const STEMS = [
  { label: 'stem 1', classes: [{ label: 'x', fraction: 0.5 }, { label: 'y', fraction: 0 }] },
  { label: 'stem 2', classes: [{ label: 'x', fraction: 0 }, { label: 'y', fraction: 0.5 }] },
];

function sample(): QuizStatistics {
  const input = fromMarks(
    B6_MAX_MARKS,
    B6_MARKS,
    'all',
    (j) => ({
      name: j === 1 ? TRICKY_NAME : `Q${j + 1}`,
      idnumber: j === 0 ? 'q-1' : null,
      type: ['multichoice', 'match', 'shortanswer'][j]!,
      randomGuessScore: [0.5, 0.5, null][j]!,
      parts: [[{ label: '', classes: MC }], STEMS, []][j]!,
    }),
    [
      [[0], [0, 1], []],
      [[0], [1, 1], []],
      [[1], [0, 1], []],
      [[0], [0, 0], []],
      [[2], [-1, -1], []],
    ],
  );
  return computeQuizStatistics(input);
}

/** An RFC 4180 reader: records end with CRLF; a bare CR or LF outside quotes is an error. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\r' || ch === '\n' || ch === '"') {
      throw new Error(`stray ${JSON.stringify(ch)} at ${i}`);
    } else field += text[i++];
  }
  if (field !== '' || record.length > 0) throw new Error('last record without CRLF');
  return records;
}

describe('statisticsToCsv', () => {
  const stats = sample();
  const text = statisticsToCsv(stats);
  const records = parseCsv(text);
  const titles = records.flatMap((r, i) => (r.length === 1 && r[0] !== '' ? [[i, r[0]] as const] : []));

  it('is RFC 4180 with CRLF line ends and no byte order mark', () => {
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('has three sections, each a title, a header row and one row per figure', () => {
    expect(titles.map((t) => t[1])).toEqual(['Quiz information', 'Quiz structure analysis', 'Analysis of responses']);
    const [info, structure, responses] = titles.map((t) => t[0]);
    expect(records[info + 1]).toEqual(['Statistic', 'Value']);
    expect(records[structure - 1]).toEqual(['']); // the blank line between sections
    expect(records[structure + 1]!.slice(0, 6)).toEqual(['Q#', 'Slot', 'Question ID', 'ID number', 'Question type', 'Question name']);
    const questionRows = records.slice(structure + 2, responses - 1);
    expect(questionRows).toHaveLength(3);
    const header = records[structure + 1]!;
    for (const r of questionRows) expect(r).toHaveLength(header.length);
    // 3 classes of Q1 and 2 × 2 of Q2; Q3 has none.
    expect(records.slice(responses + 2)).toHaveLength(7);
  });

  it('writes numbers unrounded and nulls as empty cells', () => {
    const [, structure] = titles.map((t) => t[0]);
    const header = records[structure + 1]!;
    const q1 = records[structure + 2]!;
    const col = (name: string) => header.indexOf(name);
    expect(Number(q1[col('Standard deviation')])).toBe(stats.questions[0]!.standardDeviation);
    expect(q1[col('Effective weight')]).toBe(String(stats.questions[0]!.effectiveWeight));
    expect(q1[col('ID number')]).toBe('q-1');
    const q3 = records[structure + 4]!;
    expect(q3[col('ID number')]).toBe('');
    expect(q3[col('Random guess score')]).toBe('');
    const info = records.slice(titles[0]![0] + 2, titles[1]![0] - 1);
    expect(info.find((r) => r[0]!.startsWith('Score distribution kurtosis'))![1]).toBe(String(stats.quiz.kurtosis));
  });

  it('escapes commas, quotes and newlines so that the name reads back whole', () => {
    expect(text).toContain('"Name, with ""quotes""\nand a newline"');
    const [, structure, responses] = titles.map((t) => t[0]);
    expect(records[structure + 3]![5]).toBe(TRICKY_NAME);
    const q2Responses = records.slice(responses + 2).filter((r) => r[2] === TRICKY_NAME);
    expect(q2Responses.map((r) => [r[3], r[4], r[6]])).toEqual([
      ['stem 1', 'x', '3'],
      ['stem 1', 'y', '1'],
      ['stem 2', 'x', '1'],
      ['stem 2', 'y', '3'],
    ]);
    const q1Responses = records.slice(responses + 2).filter((r) => r[2] === 'Q1');
    expect(q1Responses.map((r) => r[4])).toEqual(['A, the right one', 'B', '[No response]']);
    expect(q1Responses[2]![5]).toBe(''); // no partial credit for [No response]
  });
});

describe('statisticsToTable', () => {
  const stats = sample();
  const text = statisticsToTable(stats);
  const lines = text.split('\n');

  it('shows Moodle figures rounded as Moodle does: 2 decimals and %, skewness and kurtosis with 4', () => {
    expect(lines.find((l) => l.includes('Median grade (for all attempts)'))).toMatch(/62\.50%$/);
    expect(lines.find((l) => l.includes('Score distribution skewness'))).toMatch(/-0\.6649$/);
    expect(lines.find((l) => l.includes('Coefficient of internal consistency'))).toMatch(/61\.45%$/);
    const q1 = lines.find((l) => /^\s+1\s+multichoice/.test(l))!;
    expect(q1.trim().split(/\s{2,}/)).toEqual(['1', 'multichoice', 'Q1', '5', '60.00%', '54.77%', '50.00%', '25.00%', '31.44%', '50.53%', '70.59%']);
  });

  it('puts a name with a newline on one line, and leaves null figures blank', () => {
    expect(text).not.toContain('quotes"\nand');
    const q3 = lines.find((l) => /^\s+3\s+shortanswer/.test(l))!;
    // No random guess score for Q3: its cell is blank, so the row has one cell fewer.
    expect(q3.trim().split(/\s{2,}/)).toHaveLength(10);
    expect(lines.find((l) => l.includes('[No response]'))!.trim().split(/\s{2,}/)).toEqual(['[No response]', '1', '20.00%']);
  });

  it('lists the analysis of responses and names each part once', () => {
    const start = lines.findIndex((l) => l.startsWith('Analysis of responses for Q2'));
    expect(lines[start]).toContain('Name, with "quotes" and a newline');
    expect(lines[start + 1]!.trim().split(/\s{2,}/)).toEqual(['Part of question', 'Response', 'Partial credit', 'Count', 'Frequency']);
    expect(lines[start + 2]!.trim().split(/\s{2,}/)).toEqual(['stem 1', 'x', '50.00%', '3', '60.00%']);
    expect(lines[start + 3]!.trim().split(/\s{2,}/)).toEqual(['y', '0.00%', '1', '20.00%']);
  });

  it('marks dubious questions and negative covariances', () => {
    const tweaked: QuizStatistics = {
      ...stats,
      questions: stats.questions.map((q, j) => (j === 2 ? { ...q, dubious: true, negativeCovariance: true, effectiveWeight: null } : q)),
    };
    const out = statisticsToTable(tweaked);
    expect(out).toMatch(/ Q3 \*/);
    expect(out).toContain('* dubious: discriminative efficiency below 15%');
    expect(out).toContain('Negative covariance of grade with total attempt grade (no effective weight): Q3');
  });

  it('rounds half away from zero on the decimal value, as PHP', () => {
    const edge: QuizStatistics = {
      ...stats,
      quiz: { ...stats.quiz, median: 1.005, standardDeviation: 2.675, skewness: -2.5, kurtosis: -0.00005 },
    };
    const out = statisticsToTable(edge).split('\n');
    expect(out.find((l) => l.includes('Median grade'))).toMatch(/ 1\.01%$/);
    expect(out.find((l) => l.includes('Standard deviation (for'))).toMatch(/ 2\.68%$/);
    expect(out.find((l) => l.includes('skewness'))).toMatch(/ -2\.5000$/);
    expect(out.find((l) => l.includes('kurtosis'))).toMatch(/ -0\.0001$/);
  });
});

describe('a quiz without attempts', () => {
  it('renders every figure blank', () => {
    const empty = computeQuizStatistics(fromMarks([1, 2], []));
    const records = parseCsv(statisticsToCsv(empty));
    expect(records.find((r) => r[0]!.startsWith('Median grade'))).toEqual(['Median grade (for all attempts)', '']);
    expect(records.find((r) => r[0] === '1')!.slice(7, 9)).toEqual(['0', '']); // attempts, facility index
    const table = statisticsToTable(empty);
    expect(table.split('\n').find((l) => l.includes('Median grade'))!.trim()).toBe('Median grade (for all attempts)');
    expect(table).toContain('Total number of complete graded attempts');
  });
});

describe('formatFixed and phpRound: PHP number_format and round', () => {
  it.each([
    [1.005, 2, '1.01'],
    [2.675, 2, '2.68'],
    [-2.675, 2, '-2.68'],
    [-2.5, 0, '-3'],
    [2.5, 0, '3'],
    [-2.5, 2, '-2.50'],
    [1.955, 2, '1.96'],
    [0.285, 2, '0.29'],
    [99.995, 2, '100.00'],
    [-0.001, 2, '0.00'],
    [-0.005, 2, '-0.01'],
    [0, 2, '0.00'],
    [1e-20, 2, '0.00'],
    [1234.5, 0, '1235'],
    [55.00000000000001, 2, '55.00'],
    [123456789.125, 2, '123456789.13'],
  ] as const)('%s to %s places → %s', (value, places, text) => {
    expect(formatFixed(value, places)).toBe(text);
  });

  it('differs from toFixed and Math.round where they are wrong', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(Math.round(-2.5)).toBe(-2);
    expect(phpRound(1.005, 2)).toBe(1.01);
    expect(phpRound(-2.5, 0)).toBe(-3);
  });
});
