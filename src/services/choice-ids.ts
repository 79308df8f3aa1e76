// Opaque ids for the choices and stems a client sees: random, so they reveal neither the authoring order
// nor which choices are right; kept with each question version so they are stable.
import { randomBytes } from 'node:crypto';
import { matchChoices, matchStems, type Question } from '../model/index.js';
import type { ChoiceIds } from '../storage/index.js';

function newId(): string {
  return randomBytes(6).toString('base64url');
}

/**
 * Ids for a new version of `question`. Entries whose text is unchanged keep the previous version's ids, so a
 * client holding a quiz while an admin fixes a typo elsewhere still submits valid ids.
 */
export function assignChoiceIds(question: Question, previous?: { question: Question; ids: ChoiceIds }): ChoiceIds {
  const texts = choiceTexts(question);
  const old = previous ? choiceTexts(previous.question) : { choices: [], stems: [] };
  const reuse = (oldTexts: string[], oldIds: string[] | undefined, text: string, used: Set<string>) => {
    const i = oldTexts.indexOf(text);
    const id = i >= 0 ? oldIds?.[i] : undefined;
    return id !== undefined && !used.has(id) ? id : undefined;
  };
  const pick = (list: string[], oldTexts: string[], oldIds: string[] | undefined) => {
    const used = new Set<string>();
    return list.map((text) => {
      let id = reuse(oldTexts, oldIds, text, used) ?? newId();
      while (used.has(id)) id = newId();
      used.add(id);
      return id;
    });
  };
  return {
    choices: pick(texts.choices, old.choices, previous?.ids.choices),
    stems: pick(texts.stems, old.stems, previous?.ids.stems),
  };
}

/** The texts ids are assigned to: multichoice answers; match choices (matchChoices order) and stems (matchStems order). */
function choiceTexts(question: Question): { choices: string[]; stems: string[] } {
  if (question.type === 'multichoice') return { choices: question.answers.map((a) => a.text), stems: [] };
  if (question.type === 'match') {
    return {
      choices: matchChoices(question),
      stems: matchStems(question).map((i) => question.subquestions[i]!.text.text),
    };
  }
  return { choices: [], stems: [] };
}
