// The vocabulary of Moodle's "Analysis of responses": how grading sorts a response into classes and
// how statistics counts them. Grading produces these; statistics only counts indices.

/** One class of responses to a part of a question: a choice, a matched answer, "[No response]" … */
export interface ResponseClass {
  label: string;
  /** The credit a response in this class earns for the part (Moodle's "partial credit"), or null. */
  fraction: number | null;
}

/**
 * A part of a question whose responses are counted separately: the whole question for one-answer types,
 * each choice of a several-answer multichoice (counted only when selected), each stem of a match.
 */
export interface ResponsePart {
  /** '' for a question with a single part; the choice or stem text otherwise. */
  label: string;
  classes: ResponseClass[];
}

/** For each part of a question, the index of the class a response falls in, or -1 when it adds nothing there. */
export type ResponseClassification = number[];
