// Migration 0011 stops storing feedback and the right answer: both are derived when an attempt is read. An
// attempt stored with them before the migration reads back exactly what was stored, rows and ids kept.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { gradeManually, gradeResponse } from '../../src/grading/index.js';
import { baseQuestion, newEssay, richText, type Question, type Response } from '../../src/model/index.js';
import { AttemptService } from '../../src/services/attempts.js';
import { AttemptViews } from '../../src/services/attempts-view.js';
import { assignChoiceIds } from '../../src/services/choice-ids.js';
import { openStore, type Store } from '../../src/storage/index.js';
import { useTempDir } from '../helpers/service.js';
import { createRnnQuiz } from './rnn-quiz.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/', import.meta.url));
const dir = useTempDir('qbank-lean-');
let open: Store[] = [];

afterEach(() => {
  for (const store of open) store.close();
  open = [];
});

/** A database migrated up to 0010, the schema that stored feedback and right answers. */
function before0011(path: string): Store {
  const old = join(dir(), 'migrations-0010');
  mkdirSync(old, { recursive: true });
  for (const name of readdirSync(MIGRATIONS).filter((n) => n.endsWith('.sql') && n < '0011')) {
    copyFileSync(join(MIGRATIONS, name), join(old, name));
  }
  const store = openStore(path, { migrationsDir: old }).store;
  open.push(store);
  return store;
}

/** A response of the question's type, varied by `i`; null (left out) now and then. */
function responseFor(question: Question, i: number): Response | null {
  if (i % 4 === 3) return null;
  switch (question.type) {
    case 'multichoice':
      return {
        type: 'multichoice',
        selected: question.single ? [i % question.answers.length] : [0, (i + 1) % question.answers.length],
      };
    case 'numerical':
      return { type: 'numerical', text: i % 2 === 0 ? '12 528' : '12527' };
    case 'essay':
      return { type: 'essay', text: 'Потому что производная меньше единицы.' };
    default:
      throw new Error(`no response for a ${question.type} in this test`);
  }
}

describe('migration 0011', () => {
  it('keeps every answer row and id, and an attempt reads back the feedback it was stored with', () => {
    const path = join(dir(), 'lean.db');
    const store = before0011(path);
    const rnn = createRnnQuiz(store);
    // An essay a teacher graded, whose feedback depended on the grade rather than the response.
    const essay = { ...newEssay(baseQuestion('Эссе', 'Почему градиент затухает?')), idnumber: 'essay-1' };
    essay.generalFeedback = richText('Градиент — произведение множителей меньше единицы.');
    const categoryId = store.categories.ensureCategoryPath('E').id;
    const [e] = store.questions.insertQuestions([{ question: essay, categoryId, choiceIds: assignChoiceIds(essay) }]);
    const slots = store.quizzes.getQuiz(rnn.quizId)!.slots.map((s) => ({ questionId: s.questionId, maxMark: s.maxMark }));
    slots.push({ questionId: e!.id, maxMark: 2 });
    const quizId = store.quizzes.createQuiz({ name: 'RNN and an essay', slots }).id;
    const graded = new AttemptViews(store).quiz(quizId)!.graded;

    const insertAttempt = store.db.prepare(
      `INSERT INTO attempts (quiz_id, user_id, attempt_number, state, submitted_at, sum_grades, max_grade)
       VALUES (?, ?, ?, 'finished', '2025-03-01T10:00:00.000Z', 0, 9)`,
    );
    const insertQuestion = store.db.prepare(
      `INSERT INTO attempt_questions (attempt_id, slot, question_id, question_version_id, response, fraction, mark,
         max_mark, state, feedback, right_answer, comment, graded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-03-01T10:00:00.000Z')`,
    );
    const insertStats = store.db.prepare(
      `INSERT INTO attempt_stats (quiz_id, attempt_id, user_id, attempt_number, sum_grades, fractions, classes)
       VALUES (?, ?, ?, ?, 0, x'', x'')`,
    );
    const stored = new Map<number, { feedback: unknown; rightAnswer: string; rowId: number }[]>();
    for (let n = 1; n <= 6; n++) {
      const attemptId = Number(insertAttempt.run(quizId, `student-${n % 2}`, Math.ceil(n / 2)).lastInsertRowid);
      insertStats.run(quizId, attemptId, `student-${n % 2}`, Math.ceil(n / 2));
      const rows = graded.map((slot, i) => {
        const question = slot.version.question;
        const response = responseFor(question, n + i);
        const manual = question.type === 'essay' && response !== null && n % 2 === 0;
        const grade = manual ? gradeManually(question, 0.75) : gradeResponse(question, response);
        const rowId = Number(
          insertQuestion.run(
            attemptId,
            slot.slot,
            slot.questionId,
            slot.version.versionId,
            response === null ? null : JSON.stringify(response),
            grade.fraction,
            grade.fraction === null ? (grade.state === 'gaveup' ? 0 : null) : grade.fraction * slot.maxMark,
            slot.maxMark,
            grade.state,
            JSON.stringify(grade.feedback),
            grade.rightAnswer,
            manual ? 'Хорошо.' : null,
          ).lastInsertRowid,
        );
        return { feedback: grade.feedback, rightAnswer: grade.rightAnswer, rowId };
      });
      stored.set(attemptId, rows);
    }
    store.close();
    open = [];

    const { store: migrated, migrations } = openStore(path);
    open.push(migrated);
    expect(migrations.applied).toContain('0011_lean_attempt_rows.sql');
    const ids = migrated.db.prepare('SELECT id FROM attempt_questions ORDER BY id').pluck().all();
    expect(ids).toEqual([...stored.values()].flat().map((row) => row.rowId));
    const columns = migrated.db.prepare("SELECT name FROM pragma_table_info('attempt_questions')").pluck().all();
    expect(columns).not.toContain('feedback');
    expect(columns).not.toContain('right_answer');

    const attempts = new AttemptService(migrated);
    let essaysGraded = 0;
    for (const [attemptId, rows] of stored) {
      const read = attempts.get(attemptId, { keyId: 0, role: 'admin' });
      expect(read.questions.map((q) => ({ feedback: q.feedback, rightAnswer: q.rightAnswer }))).toEqual(
        rows.map(({ feedback, rightAnswer }) => ({ feedback, rightAnswer })),
      );
      if (read.questions.at(-1)!.fraction === 0.75) essaysGraded++;
    }
    expect(essaysGraded).toBeGreaterThan(0);
  });
});
