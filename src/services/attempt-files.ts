// Files embedded in the feedback shown with a graded attempt. The feedback's texts refer to their files as
// `@@PLUGINFILE@@/<path><name>`; in the attempt's wire form each reference becomes a URL of the attempt's file
// route, by slot and area. An area names where the text comes from without telling more than the attempt does:
// the opaque id of a multichoice choice for its feedback, `true` or `false` for a true/false value's feedback,
// `answer` for the feedback of the short or numerical answer the response matched, `correct`,
// `partiallycorrect` or `incorrect` for the combined feedback, `general` for the general feedback. Only the
// areas the attempt shows are served (Moodle's check_file_access): the feedback of a choice not chosen, of an
// outcome not reached, hints and grader information are the same 404 as a file that does not exist.
import type { EmbeddedFile, Feedback, RichText } from '../model/index.js';
import type { VersionView } from './attempts-view.js';
import { findFile, hasFileRefs, rewriteFileRefs } from './embedded-files.js';

export const GENERAL_AREA = 'general';
/** The feedback of the short-answer or numerical answer a response matched: at most one per slot. */
export const ANSWER_AREA = 'answer';

type Version = Pick<VersionView, 'question' | 'choiceIds'>;

/** Where a slot's feedback files of `area` are served from, relative to the server root, with a trailing slash. */
export function attemptFileAreaUrl(attemptId: number, slot: number, area: string): string {
  return `/api/v1/attempts/${attemptId}/files/${slot}/${area}/`;
}

/** The area of a specific feedback text (a chosen answer's or value's), or null when it is none of the question's. */
function specificArea(version: Version, text: RichText): string | null {
  const q = version.question;
  switch (q.type) {
    case 'multichoice': {
      const i = q.answers.findIndex((a) => a.feedback === text);
      return i >= 0 ? (version.choiceIds.choices[i] ?? null) : null;
    }
    case 'truefalse':
      return text === q.feedbackTrue ? 'true' : text === q.feedbackFalse ? 'false' : null;
    case 'shortanswer':
    case 'numerical':
      return q.answers.some((a) => a.feedback === text) ? ANSWER_AREA : null;
    default:
      return null;
  }
}

/** The area of the combined feedback shown, by the outcome whose field it is. */
function combinedArea(version: Version, text: RichText): string | null {
  const q = version.question;
  if (q.type !== 'multichoice' && q.type !== 'match') return null;
  const c = q.combinedFeedback;
  return text === c.correct ? 'correct' : text === c.partiallyCorrect ? 'partiallycorrect' : text === c.incorrect ? 'incorrect' : null;
}

/**
 * Each text of the feedback shown with its area. Grading hands back the question's own text objects, so a text
 * is placed by identity; a text of no area (a fixed message such as the numerical "unit incorrect") has no files.
 */
export function feedbackAreas(version: Version, feedback: Feedback): { area: string; text: RichText }[] {
  const out: { area: string; text: RichText }[] = [];
  for (const text of feedback.specific) {
    const area = specificArea(version, text);
    if (area !== null) out.push({ area, text });
  }
  if (feedback.combined !== null) {
    const area = combinedArea(version, feedback.combined);
    if (area !== null) out.push({ area, text: feedback.combined });
  }
  if (feedback.general !== null && feedback.general === version.question.generalFeedback) {
    out.push({ area: GENERAL_AREA, text: feedback.general });
  }
  return out;
}

function anyFileRefs(feedback: Feedback): boolean {
  for (const text of feedback.specific) if (hasFileRefs(text.text)) return true;
  return (feedback.combined !== null && hasFileRefs(feedback.combined.text)) || (feedback.general !== null && hasFileRefs(feedback.general.text));
}

/**
 * The feedback with every file reference rewritten to the attempt's file route. Feedback that refers to no file
 * is returned as it is, the same object: the common case costs a few `includes`.
 */
export function withFeedbackUrls(attemptId: number, slot: number, version: Version, feedback: Feedback): Feedback {
  if (!anyFileRefs(feedback)) return feedback;
  const areas = new Map<RichText, string>();
  for (const { area, text } of feedbackAreas(version, feedback)) areas.set(text, area);
  const rewrite = (text: RichText): RichText => {
    const area = areas.get(text);
    if (area === undefined || !hasFileRefs(text.text)) return text;
    return { ...text, text: rewriteFileRefs(text.text, attemptFileAreaUrl(attemptId, slot, area)) };
  };
  return {
    specific: feedback.specific.map(rewrite),
    combined: feedback.combined === null ? null : rewrite(feedback.combined),
    numCorrect: feedback.numCorrect,
    general: feedback.general === null ? null : rewrite(feedback.general),
  };
}

/** The file `ref` (decoded: `dir/a b.png`) of one area of the feedback shown, or null. */
export function findFeedbackFile(version: Version, feedback: Feedback, area: string, ref: string): EmbeddedFile | null {
  for (const shown of feedbackAreas(version, feedback)) {
    if (shown.area !== area) continue;
    const file = findFile(shown.text.files, ref);
    if (file !== null) return file;
  }
  return null;
}
