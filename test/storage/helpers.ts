// Questions and attempts for the storage tests (the store itself: test/helpers/store.ts).
import {
  baseQuestion,
  newEssay,
  newMultichoice,
  newTrueFalse,
  richText,
  type MultichoiceQuestion,
  type Question,
} from '../../src/model/index.js';
import type { ChoiceIds, NewAttempt } from '../../src/storage/index.js';

export const NO_IDS: ChoiceIds = { choices: [], stems: [] };

export function trueFalse(name: string, extra: Partial<Question> = {}): Question {
  return { ...newTrueFalse(baseQuestion(name, `${name}?`), true), ...extra } as Question;
}

export function multichoice(name: string, fractions: number[] = [1, 0, 0]): MultichoiceQuestion {
  const q = newMultichoice(baseQuestion(name, `Pick one: ${name}`), true);
  q.answers = fractions.map((fraction, i) => ({
    text: `choice ${i}`,
    format: 'html',
    files: [],
    fraction,
    feedback: richText(`feedback ${i}`),
  }));
  return q;
}

export function essay(name: string): Question {
  return newEssay(baseQuestion(name, `Write about ${name}`));
}

/** A two-slot attempt (a multichoice and an essay waiting for a grade) as a service would hand it over. */
export function twoSlotAttempt(
  quizId: number,
  userId: string,
  versions: [number, number, number, number],
  extra: Partial<NewAttempt> = {},
): NewAttempt {
  const [q1, v1, q2, v2] = versions;
  return {
    quizId,
    userId,
    state: 'needsgrading',
    submittedAt: '2025-03-01T10:00:00.000Z',
    sumGrades: null,
    maxGrade: 3,
    keyId: null,
    questions: [
      {
        slot: 1,
        questionId: q1,
        questionVersionId: v1,
        response: { type: 'multichoice', selected: [0] },
        fraction: 1,
        mark: 1,
        maxMark: 1,
        state: 'gradedright',
      },
      {
        slot: 2,
        questionId: q2,
        questionVersionId: v2,
        response: { type: 'essay', text: 'Some words.' },
        fraction: null,
        mark: null,
        maxMark: 2,
        state: 'needsgrading',
      },
    ],
    fractions: new Float64Array([1, Number.NaN]),
    classes: new Int16Array([0, -1]),
    ...extra,
  };
}

/** An attempt with only its statistics row (no question rows): enough for the report's reads. */
export function statsOnlyAttempt(
  quizId: number,
  userId: string,
  maxGrade: number,
  sumGrades: number | null,
  fractions: number[],
  classes: number[],
): NewAttempt {
  return {
    quizId,
    userId,
    state: sumGrades === null ? 'needsgrading' : 'finished',
    submittedAt: '2025-03-01T00:00:00.000Z',
    sumGrades,
    maxGrade,
    keyId: null,
    questions: [],
    fractions: new Float64Array(fractions),
    classes: new Int16Array(classes),
  };
}
