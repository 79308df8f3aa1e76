// A student's response to one question, in terms of the question model (answer and choice indices).
// The HTTP layer maps the opaque choice ids clients see to these indices.

export type Response =
  /** Indices into `answers`; exactly one for a one-answer question. */
  | { type: 'multichoice'; selected: number[] }
  | { type: 'truefalse'; value: boolean }
  | { type: 'shortanswer'; text: string }
  /** The number as typed, read the way Moodle reads it ("12 528", "12527,83", "1.2e4"). */
  | { type: 'numerical'; text: string }
  /** One entry per stem (in matchStems order): an index into matchChoices, or null when left blank. */
  | { type: 'match'; selected: (number | null)[] }
  | { type: 'essay'; text: string };

export type ResponseType = Response['type'];
