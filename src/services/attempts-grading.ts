// Grading one slot and adding up an attempt, with Moodle's storage precision: fractions to 7 decimals
// (NUMBER(12,7)), the total to 5 (NUMBER(10,5), rounded by storage), mark = fraction × max mark.
import { classifyResponse, gradeResponse } from '../grading/index.js';
import type { Feedback, QuestionState, Response } from '../model/index.js';
import { roundDecimal, type AttemptState } from '../storage/index.js';
import type { VersionView } from './attempts-view.js';

export interface SlotGrade {
  fraction: number | null;
  mark: number | null;
  state: QuestionState;
  feedback: Feedback;
  rightAnswer: string;
}

/** A response (null: left out) graded on a version, as stored. */
export function gradeSlot(version: VersionView, maxMark: number, response: Response | null): SlotGrade {
  const grade = gradeResponse(version.question, response);
  const fraction = grade.fraction === null ? null : roundDecimal(grade.fraction, 7);
  return {
    fraction,
    mark: fraction === null ? null : fraction * maxMark,
    state: grade.state,
    feedback: grade.feedback,
    rightAnswer: grade.rightAnswer,
  };
}

interface Graded {
  fraction: number | null;
  maxMark: number;
  state: QuestionState;
}

/**
 * Moodle's attempt total: Σ fraction × max mark with a missing fraction counted as 0, no clamping; null (and the
 * attempt `needsgrading`) while a question that carries marks waits for a manual grade.
 */
export function attemptTotals(questions: readonly Graded[]): { sumGrades: number | null; state: AttemptState } {
  let sum = 0;
  for (const q of questions) {
    if (q.state === 'needsgrading' && q.maxMark > 0) return { sumGrades: null, state: 'needsgrading' };
    if (q.fraction !== null) sum += q.fraction * q.maxMark;
  }
  return { sumGrades: roundDecimal(sum, 5), state: 'finished' };
}

/** The statistics blob of fractions: one per graded slot in slot order, NaN for none. */
export function fractionsBlob(questions: readonly { fraction: number | null }[]): Float64Array {
  const out = new Float64Array(questions.length);
  for (let i = 0; i < questions.length; i++) out[i] = questions[i]!.fraction ?? Number.NaN;
  return out;
}

/**
 * Writes the response classes of one slot at `offset` of the statistics blob (exactly `version.parts` entries,
 * -1 where the classification says nothing) and returns the offset after them.
 */
export function writeClasses(out: Int16Array, offset: number, version: VersionView, response: Response | null): number {
  const parts = version.parts;
  if (parts === 0) return offset;
  const classes = classifyResponse(version.question, response);
  for (let k = 0; k < parts; k++) out[offset + k] = classes[k] ?? -1;
  return offset + parts;
}
