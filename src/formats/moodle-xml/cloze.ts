// The checks Moodle makes before it imports an embedded-answers (Cloze) question
// (qtype_multianswer_extract_question and qtype_multianswer_validate_question). qbank does not grade Cloze
// questions, but it refuses the ones Moodle refuses. Moodle finds the `{n:TYPE:…}` parts with a backtracking
// regular expression that can take exponential time on hostile input; this is a linear scan with the same
// delimiters and escapes.
import { phpTrim } from '../../model/index.js';
import { MESSAGES } from './messages.js';

const START =
  /\{([0-9]*):((NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|(MULTICHOICE_S|MCS)|(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)):/g;
const PERCENT = /%(-?[0-9]+(?:[.,][0-9]*)?)%/y;
const NUMBER = '-?(?:(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?)';
const NUMERICAL_ALTERNATIVE = new RegExp(`^(${NUMBER})(?::${NUMBER})?$`, 's');
const VALID_NUMBER = /^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

type Kind = 'numerical' | 'shortanswer' | 'multichoice' | 'multiresponse';

interface Subquestion {
  kind: Kind;
  weight: number;
  answers: { text: string; fraction: number }[];
  /** Offset of the opening `{`. */
  start: number;
  /** Offset of the closing `}`. */
  end: number;
}

function kindOf(m: RegExpExecArray): Kind {
  if (m[3]) return 'numerical';
  if (m[7] || m[8]) return 'shortanswer';
  if (m[12] || m[13] || m[14] || m[15]) return 'multiresponse';
  return 'multichoice';
}

function isEscaped(text: string, i: number): boolean {
  return text[i - 1] === '\\';
}

/** Where an answer may end: before `~ # }` that does not follow `\`, `&` or `&amp;`. */
function answerEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if ((c === '~' || c === '#' || c === '}') && !isEscaped(text, j) && text[j - 1] !== '&' && !text.endsWith('&amp;', j)) {
      return j;
    }
  }
  return -1;
}

/** Where a feedback ends: before `~` or `}` that does not follow `\`. */
function feedbackEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if ((c === '~' || c === '}') && !isEscaped(text, j)) return j;
  }
  return -1;
}

/** The subquestion that starts with `m` (`{n:TYPE:` already matched), or null when it is not well formed. */
function readSubquestion(text: string, m: RegExpExecArray): Subquestion | null {
  const kind = kindOf(m);
  const answers: { text: string; fraction: number }[] = [];
  let pos = m.index + m[0].length;
  for (;;) {
    let fraction = 0;
    if (text[pos] === '=') {
      fraction = 1;
      pos++;
    } else {
      PERCENT.lastIndex = pos;
      const p = PERCENT.exec(text);
      if (p) {
        fraction = Number(p[1]!.replace(',', '.')) / 100;
        pos += p[0].length;
      }
    }
    const end = answerEnd(text, pos + 1);
    if (end < 0) return null;
    let answer = text.slice(pos, end);
    if (kind === 'numerical') {
      const n = NUMERICAL_ALTERNATIVE.exec(answer);
      if (n) answer = n[1]!;
    }
    answers.push({ text: answer, fraction });
    pos = end;
    if (text[pos] === '#') {
      pos = feedbackEnd(text, pos + 1);
      if (pos < 0) return null;
    }
    if (text[pos] === '}') break;
    pos++; // past '~'
  }
  if (kind === 'multiresponse') {
    // Positive grades are scaled to add up to 1, as Moodle does; only their sign matters below.
    const total = answers.reduce((sum, a) => (a.fraction > 0 ? sum + a.fraction : sum), 0);
    if (total) for (const a of answers) if (a.fraction > 0) a.fraction /= total;
  }
  const weight = m[1] === '' ? 1 : Number(m[1]);
  return { kind, weight, answers, start: m.index, end: pos };
}

/** The embedded subquestions of a Cloze text, in order. */
function extract(text: string): Subquestion[] {
  const subquestions: Subquestion[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const sub = readSubquestion(text, m);
    // A part that does not close means that no later one does either: stopping keeps the scan linear.
    if (!sub) break;
    subquestions.push(sub);
    // Moodle replaces each part it finds by `{#n}` before it looks for the next one.
    START.lastIndex = sub.end + 1;
  }
  return subquestions;
}

/** The text with each part replaced by `{#1}`, `{#2}` …, as Moodle's qtype_multianswer_extract_question leaves it. */
function withPlaceholders(text: string, subquestions: readonly Subquestion[]): string {
  let out = '';
  let from = 0;
  subquestions.forEach((sub, i) => {
    out += `${text.slice(from, sub.start)}{#${i + 1}}`;
    from = sub.end + 1;
  });
  return out + text.slice(from);
}

/**
 * Moodle's verdict on a Cloze question text: its mark (the sum of the weights) or the error that refuses it, and
 * the text with placeholders for its parts.
 */
export function checkCloze(text: string): { defaultMark: number; error: string | null; placeholders: string } {
  const subquestions = extract(text);
  if (subquestions.length === 0) {
    return { defaultMark: 0, error: MESSAGES.invalidmultianswerquestion(MESSAGES.questionsmissing), placeholders: text };
  }
  // Keyed like Moodle's error array: a later error for the same field replaces the earlier one in place.
  const errors = new Map<string, string>();
  subquestions.forEach((sub, i) => {
    const prefix = `sub_${i + 1}_`;
    let count = 0;
    let hasMax = false;
    sub.answers.forEach((answer, key) => {
      const trimmed = phpTrim(answer.text);
      if (trimmed === '') return;
      count++;
      if (sub.kind === 'numerical' && !(VALID_NUMBER.test(trimmed) || trimmed === '*')) {
        errors.set(`${prefix}answer[${key}]`, MESSAGES.answermustbenumberorstar);
      }
      if (answer.fraction === 1 || (sub.kind === 'multiresponse' && answer.fraction > 0)) hasMax = true;
    });
    const choices = sub.kind === 'multichoice' || sub.kind === 'multiresponse';
    if (choices && count < 2) errors.set(`${prefix}answer[0]`, MESSAGES.notenoughanswersMultichoice(2));
    else if (count === 0) errors.set(`${prefix}answer[0]`, MESSAGES.notenoughanswers(1));
    if (!hasMax) errors.set(`${prefix}fraction[0]`, MESSAGES.fractionsnomax);
  });
  const defaultMark = subquestions.reduce((sum, sub) => sum + sub.weight, 0);
  const error = errors.size ? MESSAGES.invalidmultianswerquestion([...errors.values()].join(' ')) : null;
  return { defaultMark, error, placeholders: withPlaceholders(text, subquestions) };
}
