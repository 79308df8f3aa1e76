// Grading one slot and adding up an attempt, with Moodle's storage precision: fractions to 7 decimals
// (NUMBER(12,7)), the total to 5 (NUMBER(10,5), rounded by storage), mark = fraction × max mark.
import { classifyResponse, gradeManually, gradeResponse } from '../grading/index.js';
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

interface Outcome {
  fraction: number | null;
  state: QuestionState;
  feedback: Feedback;
  rightAnswer: string;
  classes: readonly number[];
}

/** Per version, the outcome of each choice response seen: a question with choices has few distinct responses. */
const memo = new WeakMap<VersionView, Map<string, Outcome>>();
const MEMO_SIZE = 512;

/** A key for a response made of choices only; null for free text (numbers, short answers, essays), graded each time. */
function choiceKey(response: Response | null): string | null {
  if (response === null) return '';
  switch (response.type) {
    case 'multichoice':
      return response.selected.join(',');
    case 'truefalse':
      return response.value ? 't' : 'f';
    case 'match':
      return response.selected.map((choice) => (choice === null ? '' : String(choice))).join(',');
    default:
      return null;
  }
}

function evaluate(version: VersionView, response: Response | null): Outcome {
  const grade = gradeResponse(version.question, response);
  return {
    fraction: grade.fraction === null ? null : roundDecimal(grade.fraction, 7),
    state: grade.state,
    feedback: grade.feedback,
    rightAnswer: grade.rightAnswer,
    classes: version.parts === 0 ? [] : classifyResponse(version.question, response),
  };
}

/** The grade and response classes of a response (null: left out) on a version; grading is pure, so choices are memoised. */
function outcome(version: VersionView, response: Response | null): Outcome {
  const key = choiceKey(response);
  if (key === null) return evaluate(version, response);
  let seen = memo.get(version);
  if (seen === undefined) memo.set(version, (seen = new Map()));
  let found = seen.get(key);
  if (found === undefined) {
    found = evaluate(version, response);
    if (seen.size < MEMO_SIZE) seen.set(key, found);
  }
  return found;
}

/**
 * The feedback and right answer of a stored slot, derived as Moodle renders them when an attempt is reviewed:
 * from the version (never changed once stored) and the stored response, or for an essay a teacher has graded,
 * from its grade. Grading is pure, so this is what was shown when the slot was graded.
 */
export function shownFeedback(
  version: VersionView,
  response: Response | null,
  fraction: number | null,
): { feedback: Feedback; rightAnswer: string } {
  if (version.question.type === 'essay' && fraction !== null) return gradeManually(version.question, fraction);
  return outcome(version, response);
}

/**
 * fraction × max mark; a question left out (gave up) has no fraction and scores 0, as the contract says; one
 * waiting for a manual grade has no mark yet.
 */
export function markOf(fraction: number | null, state: QuestionState, maxMark: number): number | null {
  if (fraction !== null) return fraction * maxMark;
  return state === 'gaveup' ? 0 : null;
}

/**
 * Grades a response on a version as stored, and writes its response classes at `offset` of the statistics blob
 * `classes` (exactly `version.parts` entries, -1 where the classification says nothing).
 */
export function gradeSlot(
  version: VersionView,
  maxMark: number,
  response: Response | null,
  classes?: Int16Array,
  offset = 0,
): SlotGrade {
  const o = outcome(version, response);
  if (classes !== undefined) {
    for (let k = 0; k < version.parts; k++) classes[offset + k] = o.classes[k] ?? -1;
  }
  return {
    fraction: o.fraction,
    mark: markOf(o.fraction, o.state, maxMark),
    state: o.state,
    feedback: o.feedback,
    rightAnswer: o.rightAnswer,
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

/** Writes the response classes of one slot at `offset` (see gradeSlot) and returns the offset after them. */
export function writeClasses(out: Int16Array, offset: number, version: VersionView, response: Response | null): number {
  const o = outcome(version, response);
  for (let k = 0; k < version.parts; k++) out[offset + k] = o.classes[k] ?? -1;
  return offset + version.parts;
}
