// A real SQLite file per test, in a temporary folder per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  baseQuestion,
  newEssay,
  newMultichoice,
  newTrueFalse,
  richText,
  type MultichoiceQuestion,
  type Question,
} from '../../src/model/index.js';
import { openStore, type ChoiceIds, type NewAttempt, type Store } from '../../src/storage/index.js';

/** A temporary folder for this test file, removed after its last test. */
export function useTempDir(): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qbank-storage-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

let counter = 0;

/** A fresh, migrated store in the file's temporary folder for each test; `store()` returns the current one. */
export function useStore(): { store: () => Store; path: () => string } {
  const dir = useTempDir();
  let current: Store | undefined;
  let path = '';
  beforeEach(() => {
    path = join(dir(), `test-${process.pid}-${++counter}.db`);
    current = openStore(path).store;
  });
  afterEach(() => {
    current?.close();
    current = undefined;
  });
  return { store: () => current!, path: () => path };
}

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
