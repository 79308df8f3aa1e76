// What the statistics report needs to know about a quiz: its graded slots on their current versions, as the
// StatsSlot list of src/stats, and the layout of the attempts' statistics blobs.
import { randomGuessScore, responseParts } from '../grading/index.js';
import { isGradable } from '../model/index.js';
import type { StatsSlot } from '../stats/index.js';
import type { AttemptShape, QuizQuestion, QuizRecord } from '../storage/index.js';

export interface GradedSlot {
  stats: StatsSlot;
  /** The current version: the one new attempts are graded on. */
  versionId: number;
}

export interface QuizLayout {
  quizId: number;
  idnumber: string | null;
  name: string;
  /** Moodle's quiz.sumgrades: the sum of every slot's max mark (descriptions weigh 0). */
  quizSumGrades: number;
  /** The slots that carry a mark (not descriptions), in slot order: the statistics slots. */
  graded: GradedSlot[];
  shape: AttemptShape;
  /** Identifies how the stored blobs are read: while it stays the same, cached columns stay valid. */
  columnsKey: string;
  /** Identifies everything the report shows besides the attempts: names, marks, versions. */
  reportKey: string;
}

export function quizLayout(quiz: QuizRecord, questions: readonly QuizQuestion[]): QuizLayout {
  const graded = questions
    .filter((q) => isGradable(q.question))
    .map(
      (q): GradedSlot => ({
        stats: {
          slot: q.slot,
          questionId: q.questionId,
          idnumber: q.idnumber,
          name: q.name,
          type: q.type,
          maxMark: q.maxMark,
          randomGuessScore: randomGuessScore(q.question),
          parts: responseParts(q.question),
        },
        versionId: q.versionId,
      }),
    );
  const columnsKey = graded.map((g) => `${g.stats.slot}:${g.versionId}`).join(',');
  const reportKey = JSON.stringify([
    quiz.name,
    quiz.idnumber,
    quiz.sumGrades,
    graded.map((g) => [g.stats.slot, g.versionId, g.stats.maxMark, g.stats.idnumber]),
  ]);
  return {
    quizId: quiz.id,
    idnumber: quiz.idnumber,
    name: quiz.name,
    quizSumGrades: quiz.sumGrades,
    graded,
    shape: { slots: graded.length, parts: graded.map((g) => g.stats.parts.length) },
    columnsKey,
    reportKey,
  };
}
