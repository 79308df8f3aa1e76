// Attempts graded on an earlier version of a question (the question was edited after they were submitted,
// and not regraded): their fractions count as they are, and their response classes are carried over to the
// current version's classes by label, since class indices are only meaningful for the version that made them.
import type { ResponsePart } from '../model/index.js';

/** True when both versions sort responses into the same parts and classes: indices mean the same thing. */
export function sameParts(a: readonly ResponsePart[], b: readonly ResponsePart[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (part, k) =>
        part.label === b[k]!.label &&
        part.classes.length === b[k]!.classes.length &&
        part.classes.every((c, i) => c.label === b[k]!.classes[i]!.label && c.fraction === b[k]!.classes[i]!.fraction),
    )
  );
}

/** Marks a class with no counterpart in the current version. */
export const UNMATCHED = -1;

/**
 * For each part and class of the earlier version, the current version's (part << 16 | class) with the same
 * labels, or UNMATCHED. Parts pair up by label and then classes within them by label, each in order of
 * appearance, so repeated labels pair first with first: a choice keeps its count when its text is unchanged,
 * wherever it moved; a choice whose text changed no longer matches.
 */
export function classMapping(from: readonly ResponsePart[], to: readonly ResponsePart[]): Int32Array[] {
  const usedParts = new Set<number>();
  return from.map((part) => {
    const target = to.findIndex((p, i) => !usedParts.has(i) && p.label === part.label);
    if (target < 0) return new Int32Array(part.classes.length).fill(UNMATCHED);
    usedParts.add(target);
    const usedClasses = new Set<number>();
    const classes = to[target]!.classes;
    return Int32Array.from(part.classes, (cls) => {
      const c = classes.findIndex((x, i) => !usedClasses.has(i) && x.label === cls.label);
      if (c < 0) return UNMATCHED;
      usedClasses.add(c);
      return (target << 16) | c;
    });
  });
}
