// Numerical (qtype_numerical): Moodle's number reading, nominal tolerance, units and unit penalty.
import {
  phpFloat,
  phpTrim,
  richText,
  stateForFraction,
  type Grade,
  type NumericalAnswer,
  type NumericalQuestion,
  type RichText,
} from '../model/index.js';
import { gaveUp, generalOnly, graded } from './feedback.js';
import { readMoodleNumber, unitMultipliers, type MoodleNumber } from './moodle-number.js';
import { responseFor, type TypeRules } from './rules.js';
import { correctAnswerIs, DID_NOT_MATCH, NO_RESPONSE, UNIT_INCORRECT } from './strings.js';
import { phpTruthy } from './text.js';

/** 10^-precision with PHP's default precision of 14: the slack Moodle adds to every tolerance (MDL-3225). */
const EPSILON = 1e-14;

/** qtype_numerical's unit display and grading constants. */
const UNIT_NONE = 3;
const UNIT_GRADED_OUT_OF_MARK = 1;
const UNIT_GRADED_OUT_OF_MAX = 2;

/**
 * The unit settings Moodle stores. A question whose file had none is stored as an import without unit options:
 * units ungraded, penalty 1 (save_unit_options' default), shown as text input if a base unit exists, else none.
 */
function unitSettings(q: NumericalQuestion) {
  const options = q.unitOptions;
  return {
    gradingType: options?.unitGradingType ?? 0,
    penalty: options?.unitPenalty ?? 1,
    display: options?.showUnits ?? (baseUnit(q) === null ? UNIT_NONE : 0),
    unitsLeft: options?.unitsLeft ?? false,
  };
}

/** get_default_numerical_unit: the first unit whose multiplier is 1 (within 1e-14). */
function baseUnit(q: NumericalQuestion): string | null {
  return q.units.find((u) => Math.abs(u.multiplier - 1) < EPSILON)?.name ?? null;
}

/** PHP's reading of a numeric string in arithmetic: its leading number, or null when it has none. */
function answerValue(answer: NumericalAnswer): number | null {
  const match = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(answer.text);
  return match === null ? null : Number(match[0]);
}

/** The nominal tolerance interval a ± (t + ε·max(|t|, |a|, ε)), both ends inclusive; null for '*' or no number. */
export function toleranceInterval(answer: NumericalAnswer): [number, number] | null {
  if (answer.text === '*') return null;
  const a = answerValue(answer);
  if (a === null) return null;
  const t = Math.abs(answer.tolerance);
  const tolerance = t + EPSILON * Math.max(t, Math.abs(a), EPSILON);
  return [a - tolerance, a + tolerance];
}

function withinTolerance(answer: NumericalAnswer, value: number): boolean {
  if (answer.text === '*') return true;
  const interval = toleranceInterval(answer);
  return interval !== null && interval[0] <= value && value <= interval[1];
}

interface Match {
  index: number;
  unitIsRight: boolean;
}

/** get_matching_answer: per answer, the value in the base unit first, then the value as typed (unit wrong). */
function matchingAnswer(q: NumericalQuestion, read: MoodleNumber): Match | null {
  const scaled = read.multiplier === null ? read.value : read.value * read.multiplier;
  for (const [index, answer] of q.answers.entries()) {
    if (withinTolerance(answer, scaled)) return { index, unitIsRight: read.multiplier !== null };
    if (withinTolerance(answer, read.value)) return { index, unitIsRight: false };
  }
  return null;
}

/** apply_unit_penalty; the floor at 0 applies whenever the unit is not right, so without units too. */
function applyUnitPenalty(q: NumericalQuestion, fraction: number, unitIsRight: boolean): number {
  if (unitIsRight) return fraction;
  const { gradingType, penalty } = unitSettings(q);
  let result = fraction;
  if (gradingType === UNIT_GRADED_OUT_OF_MARK) result -= penalty * fraction;
  else if (gradingType === UNIT_GRADED_OUT_OF_MAX) result -= penalty;
  return Math.max(result, 0);
}

function read(q: NumericalQuestion, text: string): MoodleNumber | null {
  return readMoodleNumber(text, q.units, unitSettings(q).unitsLeft);
}

/** `answer unit` (or `unit answer`); unchanged without a unit. */
function withUnit(q: NumericalQuestion, answer: string, unit: string | null): string {
  if (unit === null || unit === '') return answer;
  return unitSettings(q).unitsLeft ? `${unit} ${answer}` : `${answer} ${unit}`;
}

function rightAnswer(q: NumericalQuestion): string {
  const right = q.answers.find((a) => stateForFraction(a.fraction) === 'gradedright');
  if (!right) return '';
  // The renderer adds the answer processor's default unit, which is the first unit listed.
  const firstUnit = unitMultipliers(q.units).keys().next().value ?? null;
  const shown = unitSettings(q).display === UNIT_NONE ? right.text : withUnit(q, right.text, firstUnit);
  return correctAnswerIs(shown);
}

export const numericalRules: TypeRules<NumericalQuestion> = {
  grade(q, response): Grade {
    const r = responseFor(q, response, 'numerical');
    const sentence = rightAnswer(q);
    const text = r === null ? '' : phpTrim(r.text);
    const number = text === '' ? null : read(q, text);
    const match = number === null ? null : matchingAnswer(q, number);
    const answer = match === null ? undefined : q.answers[match.index]!;

    const specific: RichText[] = answer && phpTruthy(answer.feedback.text) ? [answer.feedback] : [];
    // The renderer adds this whenever units are graded and the unit read is not one of the question's,
    // even when nothing was typed.
    if (unitSettings(q).gradingType !== 0 && !unitMultipliers(q.units).has(number?.unit ?? '')) {
      specific.push(richText(UNIT_INCORRECT, 'plain'));
    }

    if (text === '') return gaveUp(q, sentence, { specific }); // "0" is an answer
    // An unreadable response is graded wrong, not given up (deferred feedback grades any gradable response).
    const fraction = match === null ? 0 : applyUnitPenalty(q, answer!.fraction, match.unitIsRight);
    return graded(fraction, { specific, combined: null, numCorrect: null }, q, sentence);
  },

  rightAnswer,

  minFraction() {
    return 0;
  },

  manualFeedback(q) {
    return generalOnly(q);
  },

  randomGuessScore(q) {
    const star = q.answers.find((a) => phpTrim(a.text) === '*');
    return star ? Math.max(star.fraction - unitSettings(q).penalty, 0) : 0;
  },

  responseParts(q) {
    const unit = baseUnit(q);
    return [
      {
        label: '',
        classes: [
          ...q.answers.map((a) => {
            const interval = toleranceInterval(a);
            if (a.text === '*' || interval === null) return { label: a.text, fraction: a.fraction };
            const label = `${withUnit(q, a.text, unit)} (${phpFloat(interval[0])}..${phpFloat(interval[1])})`;
            return { label, fraction: a.fraction };
          }),
          { label: DID_NOT_MATCH, fraction: 0 },
          { label: NO_RESPONSE, fraction: null },
        ],
      },
    ];
  },

  classifyResponse(q, response) {
    const r = responseFor(q, response, 'numerical');
    const noResponse = q.answers.length + 1;
    const text = r === null ? '' : phpTrim(r.text);
    const number = text === '' ? null : read(q, text);
    // Moodle counts an unreadable number under "[No response]" (showing what was typed).
    if (number === null) return [noResponse];
    const match = matchingAnswer(q, number);
    return [match === null ? q.answers.length : match.index];
  },
};
