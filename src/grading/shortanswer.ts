// Short answer (qtype_shortanswer): answers tried in order, the first match wins.
import { phpTrim, stateForFraction, type Grade, type ShortAnswerQuestion } from '../model/index.js';
import { gaveUp, generalOnly, graded } from './feedback.js';
import { responseFor, type TypeRules } from './rules.js';
import { correctAnswerIs, DID_NOT_MATCH, NO_RESPONSE } from './strings.js';
import { phpTruthy } from './text.js';

/** Characters with a meaning in a JavaScript regular expression with the `u` flag. */
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * Moodle's compare_string_with_wildcard: both strings NFC-normalised, the response trimmed (PHP trim), the
 * pattern anchored at both ends; an unescaped run of `*` matches any text on one line (PCRE's `.` stops at a
 * line feed), `\*` is a literal asterisk and everything else is literal.
 */
export function matchesWildcard(response: string, pattern: string, ignoreCase: boolean): boolean {
  const bits = pattern.normalize('NFC').split(/(?<!\\)\*+/);
  const source = bits.map((bit) => bit.replaceAll('\\*', '*').replace(REGEX_SYNTAX, '\\$&')).join('[^\\n]*');
  const regex = new RegExp(`^${source}$`, ignoreCase ? 'iu' : 'u');
  return regex.test(phpTrim(response.normalize('NFC')));
}

/** The index of the first answer the response matches, or -1. */
function matchingAnswer(q: ShortAnswerQuestion, response: string): number {
  return q.answers.findIndex((a) => matchesWildcard(response, a.text, !q.useCase));
}

/** Moodle's clean_response: the wildcards of an answer turned into spaces, `\*` unescaped, trimmed. */
function cleanAnswer(text: string): string {
  return phpTrim(
    text
      .split(/(?<!\\)\*/)
      .map((bit) => bit.replaceAll('\\*', '*'))
      .join(' '),
  );
}

function rightAnswer(q: ShortAnswerQuestion): string {
  // Moodle cleans the first fully right answer, then shows the (cleaned) first answer that response matches.
  const right = q.answers.find((a) => stateForFraction(a.fraction) === 'gradedright');
  if (!right) return '';
  const shown = matchingAnswer(q, cleanAnswer(right.text));
  return shown === -1 ? '' : correctAnswerIs(cleanAnswer(q.answers[shown]!.text));
}

export const shortAnswerRules: TypeRules<ShortAnswerQuestion> = {
  grade(q, response): Grade {
    const r = responseFor(q, response, 'shortanswer');
    const sentence = rightAnswer(q);
    const text = r === null ? '' : phpTrim(r.text); // Moodle cleans the field with PARAM_RAW_TRIMMED
    if (text === '') return gaveUp(q, sentence); // "0" is an answer
    const index = matchingAnswer(q, text);
    const answer = index === -1 ? undefined : q.answers[index]!;
    const specific = answer && phpTruthy(answer.feedback.text) ? [answer.feedback] : [];
    return graded(answer?.fraction ?? 0, { specific, combined: null, numCorrect: null }, q, sentence);
  },

  rightAnswer,

  minFraction() {
    return 0;
  },

  manualFeedback(q) {
    return generalOnly(q);
  },

  randomGuessScore(q) {
    const star = q.answers.find((a) => phpTrim(a.text) === '*');
    return star ? star.fraction : 0;
  },

  responseParts(q) {
    return [
      {
        label: '',
        classes: [
          ...q.answers.map((a) => ({ label: a.text, fraction: a.fraction })),
          { label: DID_NOT_MATCH, fraction: 0 },
          { label: NO_RESPONSE, fraction: null },
        ],
      },
    ];
  },

  classifyResponse(q, response) {
    const r = responseFor(q, response, 'shortanswer');
    const text = r === null ? '' : phpTrim(r.text);
    // Moodle tests empty($response['answer']) here, so a lone "0" is counted as no response (though graded).
    if (text === '' || text === '0') return [q.answers.length + 1];
    const index = matchingAnswer(q, text);
    return [index === -1 ? q.answers.length : index];
  },
};
