// Regrading a quiz: every stored response on an older version of its question is carried over to the
// question's current version by choice and stem ids and graded again. A response that no longer maps counts
// as blank and is reported. An essay's manual grade is kept while the question stays an essay.
import type { QuestionState, Response } from '../model/index.js';
import type { AttemptRecord, AttemptRegrade, RegradedQuestion, Store } from '../storage/index.js';
import { quizNotFound } from './errors.js';
import { attemptTotals, fractionsBlob, gradeSlot, writeClasses, type SlotGrade } from './attempts-grading.js';
import type { AttemptViews, QuizView, VersionView } from './attempts-view.js';
import { carryResponse } from './responses.js';

/** One question of one attempt whose grade changes (or whose response is lost) in a regrade. */
export interface RegradeChange {
  attemptId: number;
  userId: string;
  attemptNumber: number;
  slot: number;
  questionId: number;
  fromVersionId: number;
  toVersionId: number;
  oldFraction: number | null;
  newFraction: number | null;
  oldState: QuestionState;
  newState: QuestionState;
  oldSumGrades: number | null;
  newSumGrades: number | null;
  /** The response named a choice or stem the new version does not have (or the type changed): graded as blank. */
  responseLost: boolean;
  /** An essay's teacher grade carried over to the new version. */
  manualGradeKept: boolean;
}

export interface RegradeReport {
  quizId: number;
  dryRun: boolean;
  /** Attempts looked at. */
  attempts: number;
  /** Attempts with at least one question moved to a newer version. */
  attemptsUpdated: number;
  /** Questions moved to a newer version, whether or not their grade changed. */
  questionsUpdated: number;
  changes: RegradeChange[];
}

const PAGE = 500;

interface Outcome {
  version: VersionView;
  response: Response | null;
  fraction: number | null;
  maxMark: number;
  state: QuestionState;
}

/** The new grades of one attempt, or null when every question is already on its current version. */
function planAttempt(
  attempt: AttemptRecord,
  view: QuizView,
  views: AttemptViews,
  now: string,
): { update: AttemptRegrade; changes: RegradeChange[]; moved: number } | null {
  const outcomes: Outcome[] = [];
  const regraded: RegradedQuestion[] = [];
  const pending: Omit<RegradeChange, 'oldSumGrades' | 'newSumGrades'>[] = [];
  for (const q of attempt.questions) {
    const from = views.version(q.questionVersionId)!;
    const slot = view.bySlot.get(q.slot);
    // A slot whose question became a description keeps its last grade: it no longer carries a mark to regrade.
    if (slot === undefined || !slot.version.gradable || slot.version.versionId === q.questionVersionId) {
      outcomes.push({ version: from, response: q.response, fraction: q.fraction, maxMark: q.maxMark, state: q.state });
      continue;
    }
    const to = slot.version;
    const carried = carryResponse(from, to, q.response);
    const keepManual =
      from.question.type === 'essay' && to.question.type === 'essay' && q.fraction !== null && !carried.lost;
    // Feedback is derived on reading, so a carried manual grade needs only its numbers.
    let grade: Pick<SlotGrade, 'fraction' | 'mark' | 'state'>;
    let gradedAt: string | null;
    if (keepManual) {
      grade = { fraction: q.fraction, mark: q.fraction! * slot.maxMark, state: q.state };
      gradedAt = q.gradedAt;
    } else {
      grade = gradeSlot(to, slot.maxMark, carried.response);
      gradedAt = grade.state === 'needsgrading' ? null : now;
    }
    regraded.push({
      slot: q.slot,
      fraction: grade.fraction,
      mark: grade.mark,
      state: grade.state,
      questionVersionId: to.versionId,
      // Kept by index: rewritten in the new version's indices (or blank when it no longer maps).
      response: carried.response,
      maxMark: slot.maxMark,
      gradedAt,
    });
    outcomes.push({ version: to, response: carried.response, fraction: grade.fraction, maxMark: slot.maxMark, state: grade.state });
    if (carried.lost || q.fraction !== grade.fraction || q.state !== grade.state) {
      pending.push({
        attemptId: attempt.id,
        userId: attempt.userId,
        attemptNumber: attempt.attemptNumber,
        slot: q.slot,
        questionId: q.questionId,
        fromVersionId: from.versionId,
        toVersionId: to.versionId,
        oldFraction: q.fraction,
        newFraction: grade.fraction,
        oldState: q.state,
        newState: grade.state,
        responseLost: carried.lost,
        manualGradeKept: keepManual,
      });
    }
  }
  if (regraded.length === 0) return null;

  const totals = attemptTotals(outcomes);
  const classes = new Int16Array(outcomes.reduce((n, o) => n + o.version.parts, 0));
  let offset = 0;
  for (const o of outcomes) offset = writeClasses(classes, offset, o.version, o.response);
  const update: AttemptRegrade = {
    attemptId: attempt.id,
    questions: regraded,
    sumGrades: totals.sumGrades,
    state: totals.state,
    fractions: fractionsBlob(outcomes),
    classes,
    maxGrade: view.maxGrade,
  };
  const changes = pending.map((c) => ({ ...c, oldSumGrades: attempt.sumGrades, newSumGrades: totals.sumGrades }));
  return { update, changes, moved: regraded.length };
}

/**
 * Regrades every attempt of the quiz whose questions have newer versions. A dry run only reports; a real run
 * reads, regrades and stores inside one write transaction, so it sees and writes one consistent state.
 */
export function regradeQuiz(
  store: Store,
  views: AttemptViews,
  quizRef: string | number,
  dryRun: boolean,
  now: string,
): RegradeReport {
  const run = (): RegradeReport => {
    const view = views.quiz(quizRef);
    if (view === null) throw quizNotFound(quizRef);
    const updates: AttemptRegrade[] = [];
    const changes: RegradeChange[] = [];
    let attempts = 0;
    let moved = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = store.attempts.listAttempts(view.quizId, { limit: PAGE, offset });
      for (const summary of page.items) {
        attempts++;
        const plan = planAttempt(store.attempts.getAttempt(summary.id)!, view, views, now);
        if (plan === null) continue;
        updates.push(plan.update);
        changes.push(...plan.changes);
        moved += plan.moved;
      }
      if (page.items.length < PAGE) break;
    }
    if (!dryRun && updates.length > 0) store.attempts.regradeAttempts(updates);
    return { quizId: view.quizId, dryRun, attempts, attemptsUpdated: updates.length, questionsUpdated: moved, changes };
  };
  return dryRun ? run() : store.transaction(run);
}
