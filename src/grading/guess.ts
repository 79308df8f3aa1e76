import type { Question } from '../model/index.js';
import { rulesFor } from './dispatch.js';

/**
 * Moodle's random guess score: the expected fraction of a random response, or null where Moodle leaves it
 * blank (several-answer and all-or-nothing multichoice, descriptions, unsupported types).
 */
export function randomGuessScore(question: Question): number | null {
  return rulesFor(question).randomGuessScore(question);
}
