// The RNN quiz 4.1 in a store, from the shipped bank file, a helper that finds the opaque choice ids a
// client would send, and the responses that score full marks.
import { readFileSync } from 'node:fs';
import { formatDiagnostics, hasErrors } from '../../src/formats/diagnostics.js';
import { parseMoodleXml } from '../../src/formats/moodle-xml/index.js';
import type { Question } from '../../src/model/index.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import type { Store } from '../../src/storage/index.js';

export const CORRECT = 'Ваш ответ верный.';
export const PARTIAL = 'Ваш ответ частично правильный.';
export const INCORRECT = 'Ваш ответ неправильный.';
export const CATEGORY = '$course$/top/Рекуррентные нейросети';

/** The bank as shipped: items/rnn-4.1.xml read with the Moodle XML parser, the twelve items in file order. */
export function rnnQuestions(): Question[] {
  const parsed = parseMoodleXml(readFileSync(new URL('../../items/rnn-4.1.xml', import.meta.url)));
  if (hasErrors(parsed.diagnostics)) throw new Error(formatDiagnostics('items/rnn-4.1.xml', parsed.diagnostics));
  return parsed.questions;
}

export interface RnnQuiz {
  quizId: number;
  /** idnumber → bank entry id. */
  ids: Record<string, number>;
}

/** Stores the bank in its category and creates the quiz `rnn-4.1` with the items in order (max mark = default mark). */
export function createRnnQuiz(store: Store, questions: Question[] = rnnQuestions()): RnnQuiz {
  const categoryId = store.categories.ensureCategoryPath(CATEGORY).id;
  const created = store.questions.insertQuestions(
    questions.map((question) => ({ question, categoryId, choiceIds: assignChoiceIds(question) })),
  );
  const quiz = store.quizzes.createQuiz({
    name: '4.1 Рекуррентные нейросети',
    idnumber: 'rnn-4.1',
    slots: created.map((c, i) => ({ questionId: c.id, maxMark: questions[i]!.defaultMark })),
  });
  const ids: Record<string, number> = {};
  created.forEach((c, i) => (ids[questions[i]!.idnumber!] = c.id));
  return { quizId: quiz.id, ids };
}

/**
 * The choice ids of a multichoice entry's current version whose answer text contains each of `fragments`, in
 * the order given; fails loudly when a fragment names no answer or several.
 */
export function choiceIds(store: Store, questionId: number, ...fragments: string[]): string[] {
  const record = store.questions.getQuestion(questionId)!;
  const q = record.question;
  if (q.type !== 'multichoice') throw new Error(`question ${questionId} is not a multichoice`);
  return fragments.map((fragment) => {
    const found = q.answers.flatMap((a, i) => (a.text.includes(fragment) ? [i] : []));
    if (found.length !== 1) throw new Error(`"${fragment}" names ${found.length} answers of question ${questionId}`);
    return record.choiceIds.choices[found[0]!]!;
  });
}

/** Choice ids of a question, by its idnumber and fragments of the choices' texts, in the order given. */
export type ChoicePicker = (idnumber: string, ...fragments: string[]) => string[];

/** The responses that are right on every graded item, in the wire form; `pick` finds the choice ids. */
export function rightResponses(pick: ChoicePicker): Record<string, unknown> {
  return {
    'rnn-q1': pick('rnn-q1', 'очередной элемент')[0],
    'rnn-q2': pick('rnn-q2', 'x_1', 'h_4'),
    'rnn-q3': pick('rnn-q3', '\\cdot\\frac{\\partial g}{\\partial f}\\cdot')[0],
    'rnn-q4': '12528',
    'rnn-q5': pick('rnn-q5', 'Малое', '< 1'),
    'rnn-q6': pick('rnn-q6', 'Нет')[0],
    'rnn-q7': pick('rnn-q7', '[3]'),
  };
}
