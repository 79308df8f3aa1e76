// `[id:…]` and `[tag:…]` in a question's comment lines (qformat_gift::extract_idnumber_and_tags_from_comment).
// Moodle uses two regular expressions; they are matched here by a scan that gives the same results in linear
// time (the expressions can backtrack quadratically on long lines full of `[id:`).

import { phpTrim } from '../../model/index.js';

const isControl = (c: number): boolean => c < 0x20 || c === 0x7f;
const isTagExcluded = (c: number): boolean => c === 0x3c || c === 0x3e || c === 0x60; // < > `
const nothingExcluded = (): boolean => false;

interface Token {
  /** The captured value, before trimming and unescaping. */
  raw: string;
  end: number;
}

/**
 * One match of `\[KEY:((?:\\\]|[^\]EXCLUDED])+)\]` (or `*` for tags) with its capture starting at `p`.
 * Inside the value `\]` is a pair; the value stops at a `]` not preceded by `\`, or at an excluded character.
 * When it stops on anything but `]`, the engine would backtrack into the last `\]` pair and end there.
 * Returns the match, or where the next attempt may start.
 */
function matchAt(s: string, p: number, excluded: (c: number) => boolean, allowEmpty: boolean): Token | number {
  let q = p;
  while (q < s.length) {
    const c = s.charCodeAt(q);
    if (c === 0x5d /* ] */ && (q === p || s.charCodeAt(q - 1) !== 0x5c)) break;
    if (c !== 0x5d && (isControl(c) || excluded(c))) break;
    q++;
  }
  if (q < s.length && s.charCodeAt(q) === 0x5d) {
    if (q === p && !allowEmpty) return q + 1;
    return { raw: s.slice(p, q), end: q + 1 };
  }
  const lastBracket = q > p ? s.lastIndexOf(']', q - 1) : -1;
  // No match; every later start before the stop would end at the same stop and fail too.
  if (lastBracket < p) return q;
  return { raw: s.slice(p, lastBracket), end: lastBracket + 1 };
}

const unescape = (raw: string): string => {
  const value = phpTrim(raw);
  return value.includes('\\') ? value.replaceAll('\\]', ']') : value;
};

/** The idnumber ('' when none) and tags Moodle reads from a question's comment lines. */
export function extractIdnumberAndTags(comment: string): { idnumber: string; tags: string[] } {
  let idnumber = '';
  for (let at = comment.indexOf('[id:'); at !== -1; ) {
    const m = matchAt(comment, at + 4, nothingExcluded, false);
    if (typeof m !== 'number') {
      idnumber = unescape(m.raw);
      break;
    }
    at = comment.indexOf('[id:', Math.max(at + 1, m));
  }
  const tags: string[] = [];
  let from = 0;
  for (let at = comment.indexOf('[tag:'); at !== -1; at = comment.indexOf('[tag:', from)) {
    const m = matchAt(comment, at + 5, isTagExcluded, true);
    if (typeof m !== 'number') {
      tags.push(unescape(m.raw));
      from = m.end;
    } else from = Math.max(at + 1, m);
  }
  return { idnumber, tags };
}
