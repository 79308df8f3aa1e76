// What a client sees of a quiz item: the text to show and the opaque ids to answer with, and nothing that gives
// the answer away (no fractions, feedback, right answers, grader information, tolerances or answer order).
import { matchChoices, matchStems, type QuestionType, type TextFormat } from '../model/index.js';
import type { QuizQuestion } from '../storage/index.js';

export interface ClientChoice {
  id: string;
  text: string;
}

export interface ClientQuizItem {
  slot: number;
  questionId: number;
  idnumber: string | null;
  type: QuestionType;
  name: string;
  text: string;
  textFormat: TextFormat;
  maxMark: number;
  /** A multichoice question that takes several answers. */
  multiple?: boolean;
  /** Multichoice answers, or the choices of a matching question. */
  choices?: ClientChoice[];
  /** The stems of a matching question, in the order the author wrote them. */
  stems?: ClientChoice[];
}

/** Random ids sorted are a random order: shuffled choices are shown that way, so the order tells nothing. */
function byId(a: ClientChoice, b: ClientChoice): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The client's view of one slot. Multichoice answers are in the author's order only when the question does not
 * shuffle them (as Moodle shows them); matching choices are always in id order, because their authoring order is
 * the order of the stems they answer.
 */
export function clientItem(slot: QuizQuestion): ClientQuizItem {
  const q = slot.question;
  const item: ClientQuizItem = {
    slot: slot.slot,
    questionId: slot.questionId,
    idnumber: slot.idnumber,
    type: q.type,
    name: q.name,
    text: q.text.text,
    textFormat: q.text.format,
    maxMark: slot.maxMark,
  };
  if (q.type === 'multichoice') {
    const choices = q.answers.map((a, i) => ({ id: slot.choiceIds.choices[i]!, text: a.text }));
    item.multiple = !q.single;
    item.choices = q.shuffleAnswers ? choices.sort(byId) : choices;
  } else if (q.type === 'match') {
    item.choices = matchChoices(q)
      .map((text, i) => ({ id: slot.choiceIds.choices[i]!, text }))
      .sort(byId);
    item.stems = matchStems(q).map((sub, i) => ({ id: slot.choiceIds.stems[i]!, text: q.subquestions[sub]!.text.text }));
  }
  return item;
}
