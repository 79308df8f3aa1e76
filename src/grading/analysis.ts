import type { Question, Response, ResponseClassification, ResponsePart } from '../model/index.js';
import { rulesFor } from './dispatch.js';

/**
 * The parts and response classes of Moodle's "Analysis of responses" for a question. Their order and labels are
 * stable for a given question: statistics store class indices. Descriptions, unsupported types and essays
 * (which Moodle does not analyse) have none.
 */
export function responseParts(question: Question): ResponsePart[] {
  return rulesFor(question).responseParts(question);
}

/**
 * For each part of `responseParts(question)`, the index of the class the response falls in, or -1 when it adds
 * nothing to that part (an unselected choice of a several-answer multichoice, an index that names no choice).
 * `null` is a question left out: "[No response]" where the part has that class.
 */
export function classifyResponse(question: Question, response: Response | null): ResponseClassification {
  return rulesFor(question).classifyResponse(question, response);
}
