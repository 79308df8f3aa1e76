import type { MatchQuestion } from './question.js';

/** Indices (into `subquestions`) of the real stems: subquestions whose text is not empty. */
export function matchStems(q: MatchQuestion): number[] {
  const stems: number[] = [];
  q.subquestions.forEach((sub, i) => {
    if (sub.text.text.trim() !== '') stems.push(i);
  });
  return stems;
}

/** PHP's loose == between two strings: numeric strings compare as numbers ("1" == "1.0"). */
function looseEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const numeric = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
  return numeric.test(a) && numeric.test(b) && Number(a) === Number(b);
}

/**
 * The distinct choices of a matching question, in subquestion order: identical answer texts are one choice
 * (Moodle merges them with PHP's loose ==), and answers of empty stems are extra distractors.
 */
export function matchChoices(q: MatchQuestion): string[] {
  const choices: string[] = [];
  for (const sub of q.subquestions) {
    if (sub.answer === '') continue;
    if (!choices.some((c) => looseEqual(c, sub.answer))) choices.push(sub.answer);
  }
  return choices;
}

/** The index (into matchChoices) of the right choice for the subquestion at `subIndex`. */
export function matchRightChoice(choices: readonly string[], answer: string): number {
  return choices.findIndex((c) => looseEqual(c, answer));
}
