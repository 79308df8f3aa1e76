// How Moodle reads a typed number (qtype_numerical_answer_processor::apply_units), with its unit.
import { phpTrim, type NumericalUnit } from '../model/index.js';

/** A number as Moodle read it from a response. */
export interface MoodleNumber {
  /** The number as typed, before any unit is applied. */
  value: number;
  /** The text left beside the number, spaces removed ('' when none). */
  unit: string;
  /** 1 / (the unit's multiplier) when `unit` is a unit of the question, else null. */
  multiplier: number | null;
}

// `e`, `E`, and `x10^`, `*10^`, `×10^` (or `**` instead of `^`) before an integer are all exponents.
const EXPONENT = /(?:e|E|(?:x|\*|×)10(?:\^|\*\*))([+-]?\d+)/g;
const NUMBER = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[-+]?\\d+)?';
const NUMBER_FIRST = new RegExp(`^${NUMBER}`);
const NUMBER_LAST = new RegExp(`${NUMBER}$`);

/**
 * Reads `text` the way Moodle reads a numerical response: the field trimmed as PARAM_RAW_TRIMMED does, ASCII
 * spaces removed (so "12 528" is 12528, but a no-break space is kept and ends the number), exponents normalised,
 * commas dropped as thousands separators when the text has a point or several commas (else a single comma is the
 * decimal point), then the longest number at the start (at the end when `unitsLeft`); the rest is the unit.
 * Returns null when there is no number. `units` are the question's units (the base unit has multiplier 1).
 */
export function readMoodleNumber(
  text: string,
  units: readonly NumericalUnit[] = [],
  unitsLeft = false,
): MoodleNumber | null {
  let response = phpTrim(text).replaceAll(' ', '').replace(EXPONENT, 'e$1');
  if (response.includes('.') || response.split(',').length - 1 > 1) response = response.replaceAll(',', '');
  else response = response.replaceAll(',', '.');

  const match = (unitsLeft ? NUMBER_LAST : NUMBER_FIRST).exec(response);
  if (match === null) return null;
  const number = match[0];
  const unit = unitsLeft ? response.slice(0, response.length - number.length) : response.slice(number.length);
  const known = unitMultipliers(units).get(unit);
  return { value: Number(number), unit, multiplier: known === undefined ? null : 1 / known };
}

/** Unit name → multiplier, as Moodle keys them (a repeated name keeps its first place and its last multiplier). */
export function unitMultipliers(units: readonly NumericalUnit[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const unit of units) map.set(unit.name, unit.multiplier);
  return map;
}
