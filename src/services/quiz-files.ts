// Files embedded in what a client sees of a quiz. Moodle's texts point at their files as
// `@@PLUGINFILE@@/<path><name>`; a client gets them as URLs of qbank's file route instead, by slot and area.
// An area is `text` (the question text) or the opaque id of a multichoice answer or a matching stem, so a URL
// tells no more than the view itself. Files of anything else (feedback, hints, grader information) are never
// served here: asking for one is the same 404 as asking for a file that does not exist. (The feedback shown with
// a graded attempt has its files served with the attempt: see attempt-files.ts.)
import { matchStems, type EmbeddedFile } from '../model/index.js';
import type { QuizQuestion, Store } from '../storage/index.js';
import { clientFile, findFile, rewriteFileRefs, type ClientFile } from './embedded-files.js';
import { notFound } from './errors.js';
import type { ClientQuizItem } from './quiz-view.js';

export { fileRef, rewriteFileRefs, type ClientFile } from './embedded-files.js';

/** The area of a question's own text. Choice and stem ids are 8 characters, so they never clash with it. */
export const TEXT_AREA = 'text';

/** Where a slot's area files are served from, relative to the server root, with a trailing slash. */
export function fileAreaUrl(quizId: number, slot: number, area: string): string {
  return `/api/v1/quizzes/${quizId}/files/${slot}/${area}/`;
}

/** The client item with every reference in its question text, multichoice answers and matching stems rewritten. */
export function withFileUrls(quizId: number, item: ClientQuizItem): ClientQuizItem {
  const url = (area: string) => fileAreaUrl(quizId, item.slot, area);
  const out: ClientQuizItem = { ...item, text: rewriteFileRefs(item.text, url(TEXT_AREA)) };
  // Matching choices are plain text, which Moodle never rewrites; only multichoice answers carry files.
  if (item.choices && item.type === 'multichoice') {
    out.choices = item.choices.map((c) => ({ id: c.id, text: rewriteFileRefs(c.text, url(c.id)) }));
  }
  if (item.stems) out.stems = item.stems.map((s) => ({ id: s.id, text: rewriteFileRefs(s.text, url(s.id)) }));
  return out;
}

/** The files of one area a client sees, or null when the slot shows no such area. */
export function clientAreaFiles(slot: QuizQuestion, area: string): readonly EmbeddedFile[] | null {
  const q = slot.question;
  if (area === TEXT_AREA) return q.text.files;
  if (q.type === 'multichoice') {
    const i = slot.choiceIds.choices.indexOf(area);
    return i >= 0 && i < q.answers.length ? q.answers[i]!.files : null;
  }
  if (q.type === 'match') {
    const i = slot.choiceIds.stems.indexOf(area);
    const sub = i >= 0 ? matchStems(q)[i] : undefined;
    return sub === undefined ? null : q.subquestions[sub]!.text.files;
  }
  return null;
}

/** The file `ref` (decoded: `dir/a b.png`) of a slot's area, when a client sees that area. */
export function findClientFile(slot: QuizQuestion, area: string, ref: string): EmbeddedFile | null {
  const files = clientAreaFiles(slot, area);
  return files === null ? null : findFile(files, ref);
}

export class QuizFileService {
  constructor(private readonly store: Store) {}

  /** A file of what a client sees of the quiz (by id or idnumber); a 404 for anything else, whatever it is. */
  get(quizRef: string | number, slot: number, area: string, ref: string): ClientFile {
    const quiz = this.store.quizzes.getQuiz(quizRef);
    if (!quiz) throw notFound(`Quiz ${quizRef} does not exist.`);
    const question = this.store.quizzes.getQuizQuestion(quiz.id, slot);
    const file = question ? findClientFile(question, area, ref) : null;
    // One message for a missing slot, area or file and for a file a client may not see.
    if (!file) throw notFound(`Quiz ${quizRef} has no such file in slot ${slot}, area ${area}.`);
    return clientFile(file);
  }
}
