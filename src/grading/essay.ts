// Essay (qtype_essay with the manualgraded behaviour): a complete response waits for a teacher's grade.
import type { EssayQuestion } from '../model/index.js';
import { gaveUp, generalFeedback } from './feedback.js';
import { responseFor, type TypeRules } from './rules.js';
import { decodeEntities } from './text.js';

// Close tags that do not end a word (count_words adds a space after every other close tag and after <br>).
const WORD_BREAKING_TAG = /(<\/(?!(?:a|b|del|em|i|ins|s|small|span|strong|sub|sup|u)>)\w+>|<br>|<br\s*\/>)/g;

/** Moodle's count_words: tags removed, entities decoded, words separated by Unicode separators, controls or dashes. */
export function countWords(text: string): number {
  const plain = decodeEntities(text.replace(WORD_BREAKING_TAG, '$1 ').replace(/<[^>]*>/g, ''));
  return plain.split(/[\p{Z}\p{Cc}\u2014\u2013]+/u).filter((word) => word !== '').length;
}

/** The word limits apply only when a response is required (check_input_word_count). */
function wordCountOutOfLimits(q: EssayQuestion, text: string): boolean {
  if (!q.responseRequired) return false;
  if (!q.minWordLimit && !q.maxWordLimit) return false;
  const count = countWords(text);
  return (!!q.maxWordLimit && count > q.maxWordLimit) || count < (q.minWordLimit ?? 0);
}

/**
 * is_complete_response for a response of inline text only: there is text (a 'noinline' essay has no text field),
 * its word count is within the limits, and no attachment is required (a response carries none).
 */
function isComplete(q: EssayQuestion, text: string): boolean {
  const hasInlineText = q.responseFormat !== 'noinline' && text !== '';
  if (hasInlineText && wordCountOutOfLimits(q, text)) return false;
  const meetsInlineRequirement = hasInlineText || !q.responseRequired || q.responseFormat === 'noinline';
  return hasInlineText && meetsInlineRequirement && q.attachmentsRequired <= 0;
}

export const essayRules: TypeRules<EssayQuestion> = {
  grade(q, response) {
    const r = responseFor(q, response, 'essay');
    if (r === null || !isComplete(q, r.text)) return gaveUp(q, '');
    // Once finished, the manualgraded behaviour hides every feedback but the general one.
    return {
      fraction: null,
      state: 'needsgrading',
      feedback: { specific: [], combined: null, numCorrect: null, general: generalFeedback(q) },
      rightAnswer: '',
    };
  },

  rightAnswer() {
    return '';
  },

  minFraction() {
    return 0;
  },

  manualFeedback(q) {
    return { specific: [], combined: null, numCorrect: null, general: generalFeedback(q) };
  },

  randomGuessScore() {
    return 0;
  },

  // Moodle does not analyse essay responses.
  responseParts() {
    return [];
  },

  classifyResponse(q, response) {
    responseFor(q, response, 'essay');
    return [];
  },
};
