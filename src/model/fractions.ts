// Moodle's list of allowed answer grades (question_bank::fraction_options_full), as the 7-decimal values
// Moodle stores: 0.3333333, never 1/3.

const POSITIVE = [
  1, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2, 0.1666667,
  0.1428571, 0.125, 0.1111111, 0.1, 0.05,
] as const;

/** Every fraction Moodle accepts on import: 0, the positive list and its negatives. */
export const GRADE_OPTIONS: readonly number[] = [0, ...POSITIVE, ...POSITIVE.map((f) => -f)];

/** Moodle's tolerance when matching an imported fraction to the list (match_grade_options). */
const GRADE_MATCH_TOLERANCE = 0.00001;

/** The listed grade a fraction stands for (33.333% → 0.3333333), or null when it matches none. */
export function matchGradeOption(fraction: number): number | null {
  for (const option of GRADE_OPTIONS) {
    if (Math.abs(fraction - option) < GRADE_MATCH_TOLERANCE) return option;
  }
  return null;
}

/** Moodle's thresholds around 0 and 1 (question_state::graded_state_for_fraction). */
export const FRACTION_EPSILON = 0.000001;
