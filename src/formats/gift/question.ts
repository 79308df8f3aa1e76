// The single-question entry point: Moodle's readquestion() on one block's lines, as Moodle's own unit tests
// call it (lines not trimmed, no blank-line splitting, no import checks).
import type { Question } from '../../model/index.js';
import type { Diagnostic } from '../diagnostics.js';
import { BlockReader, DEFAULT_SITE_SETTINGS, linesOf, type GiftSiteSettings } from './read.js';

export interface GiftQuestionRead {
  /** The question as readquestion() builds it (fractions not yet matched to Moodle's list), or null. */
  question: Question | null;
  /** The path of a `$CATEGORY:` block. */
  category?: string;
  diagnostics: Diagnostic[];
}

/** Reads one question block; `lines[i]` is line i + 1. Never throws. */
export function readGiftQuestion(
  lines: readonly string[],
  settings: Partial<GiftSiteSettings> = {},
): GiftQuestionRead {
  const diagnostics: Diagnostic[] = [];
  try {
    const read = new BlockReader(diagnostics, { ...DEFAULT_SITE_SETTINGS, ...settings }).read(linesOf(lines));
    if (!read) return { question: null, diagnostics };
    if (read.category !== undefined) return { question: null, category: read.category, diagnostics };
    return { question: read.question, diagnostics };
  } catch (e) {
    diagnostics.push({
      severity: 'error',
      line: 1,
      column: 1,
      code: 'internal',
      message: `The question could not be read: ${e instanceof Error ? e.message : String(e)}`,
    });
    return { question: null, diagnostics };
  }
}
