// Graded attempts: submitting a whole attempt (validated, graded with Moodle's rules and stored in one
// transaction), idempotent retries, reading attempts back, and teachers' grades for essays.
import { GradingError, gradeManually } from '../grading/index.js';
import type { Feedback, QuestionState, QuestionType, Response } from '../model/index.js';
import {
  ConflictError,
  roundDecimal,
  type AttemptRecord,
  type AttemptState,
  type AttemptSummary,
  type NewAttemptQuestion,
  type Role,
  type Store,
} from '../storage/index.js';
import { findFeedbackFile, withFeedbackUrls } from './attempt-files.js';
import { clientFile, type ClientFile } from './embedded-files.js';
import { invalid, notFound, quizNotFound, ServiceError, type ErrorItem } from './errors.js';
import { attemptTotals, fractionsBlob, gradeSlot, shownFeedback, type SlotGrade } from './attempts-grading.js';
import { GroupCommit } from './attempts-batch.js';
import { submissionHash } from './attempts-hash.js';
import { regradeQuiz, type RegradeReport } from './attempts-regrade.js';
import { AttemptViews, slotByRef, type QuizView, type SlotView, type VersionView } from './attempts-view.js';
import { toModelResponse, toWireResponse, type WireResponse } from './responses.js';

/** Who is asking: the API key behind the request. */
export interface Caller {
  keyId: number;
  role: Role;
}

export interface Submission {
  userId: string;
  /** Question id or idnumber → response in its wire form. */
  responses: Record<string, unknown>;
}

export interface AttemptQuestionOutput {
  questionId: number;
  idnumber: string | null;
  slot: number;
  type: QuestionType;
  /** The question version the attempt was graded on. */
  versionId: number;
  /** The response as submitted (choice ids, text, …); null when the question was left out. */
  response: WireResponse;
  fraction: number | null;
  mark: number | null;
  maxMark: number;
  state: QuestionState;
  feedback: Feedback;
  rightAnswer: string;
  /** The teacher's comment with a manual grade. */
  comment: string | null;
}

export interface AttemptSummaryOutput {
  id: number;
  quizId: number;
  userId: string;
  attemptNumber: number;
  state: AttemptState;
  submittedAt: string;
  sumGrades: number | null;
  maxGrade: number;
}

export interface AttemptOutput extends AttemptSummaryOutput {
  questions: AttemptQuestionOutput[];
}

export interface SubmitResult {
  attempt: AttemptOutput;
  /** True when an idempotency key matched an earlier identical submission: nothing new was stored. */
  replayed: boolean;
}

export interface AttemptPage {
  items: AttemptSummaryOutput[];
  total: number;
  limit: number;
  offset: number;
}

export interface ManualGradeInput {
  /** The question id or idnumber. */
  questionId: string;
  fraction: number;
  comment?: string | null;
}

const DIGITS = /^[1-9]\d{0,15}$/;

function summaryOutput(a: AttemptSummary): AttemptSummaryOutput {
  return {
    id: a.id,
    quizId: a.quizId,
    userId: a.userId,
    attemptNumber: a.attemptNumber,
    state: a.state,
    submittedAt: a.submittedAt,
    sumGrades: a.sumGrades,
    maxGrade: a.maxGrade,
  };
}

/**
 * One question of an attempt in its wire form. The idnumber and type are the graded version's (a stored row reads
 * them from the same version), and the feedback's file references point at the attempt's file route.
 */
function questionOutput(
  attemptId: number,
  q: NewAttemptQuestion,
  version: VersionView,
  shown: { feedback: Feedback; rightAnswer: string },
  comment: string | null,
): AttemptQuestionOutput {
  return {
    questionId: q.questionId,
    idnumber: version.question.idnumber,
    slot: q.slot,
    type: version.question.type,
    versionId: q.questionVersionId,
    response: toWireResponse(version, q.response),
    fraction: q.fraction,
    mark: q.mark,
    maxMark: q.maxMark,
    state: q.state,
    feedback: withFeedbackUrls(attemptId, q.slot, version, shown.feedback),
    rightAnswer: shown.rightAnswer,
    comment,
  };
}

function attemptNotFound(id: number): ServiceError {
  return notFound(`There is no attempt ${id}.`);
}

export class AttemptService {
  private readonly views: AttemptViews;
  private readonly writes: GroupCommit;
  /** Quiz views checked against the database during the current write batch (it holds the write lock). */
  private readonly checked = new Map<string | number, QuizView | null>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.views = new AttemptViews(store);
    this.writes = new GroupCommit(store, () => this.checked.clear());
  }

  /**
   * Grades and stores a whole attempt. With an idempotency key, a repeat of the same submission (same quiz,
   * same body) by the same API key returns the attempt stored the first time; another body is a conflict.
   * Submissions arriving together share one commit (see GroupCommit); each is stored whole or not at all, and
   * the promise settles once its attempt is committed.
   */
  submit(quizRef: string | number, submission: Submission, caller: Caller, idempotencyKey?: string): Promise<SubmitResult> {
    return this.writes.run(() => this.submitNow(quizRef, submission, caller, idempotencyKey));
  }

  /**
   * Runs inside the write transaction: the quiz's current versions, the idempotency lookup and the insert are
   * read and written under one lock, so no other writer can come between them.
   */
  private submitNow(
    quizRef: string | number,
    submission: Submission,
    caller: Caller,
    idempotencyKey: string | undefined,
  ): SubmitResult {
    const view = this.batchView(quizRef);
    if (view === null) throw quizNotFound(quizRef);
    let requestHash: string | null = null;
    if (idempotencyKey !== undefined) {
      requestHash = submissionHash(view.quizId, submission);
      const earlier = this.replay(caller.keyId, idempotencyKey, requestHash);
      if (earlier !== null) return earlier;
    }
    const responses = this.readResponses(view, submission.responses);

    const graded = view.graded;
    const questions = new Array<NewAttemptQuestion>(graded.length);
    const shown = new Array<SlotGrade>(graded.length);
    const classes = new Int16Array(view.totalParts);
    let offset = 0;
    for (let i = 0; i < graded.length; i++) {
      const slot = graded[i]!;
      const response = responses[i] ?? null;
      const grade = gradeSlot(slot.version, slot.maxMark, response, classes, offset);
      offset += slot.version.parts;
      shown[i] = grade;
      questions[i] = {
        slot: slot.slot,
        questionId: slot.questionId,
        questionVersionId: slot.version.versionId,
        response,
        fraction: grade.fraction,
        mark: grade.mark,
        maxMark: slot.maxMark,
        state: grade.state,
      };
    }
    const totals = attemptTotals(questions);
    try {
      const stored = this.store.attempts.insertAttempt({
        quizId: view.quizId,
        userId: submission.userId,
        state: totals.state,
        submittedAt: this.now().toISOString(),
        sumGrades: totals.sumGrades,
        maxGrade: view.maxGrade,
        keyId: caller.keyId,
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        questions,
        fractions: fractionsBlob(questions),
        classes,
      });
      return { attempt: this.newOutput(stored, graded, questions, shown), replayed: false };
    } catch (error) {
      // The lookup above runs under the write lock, so this is a safety net: whoever stored the key first wins
      // by the unique index, and its attempt answers.
      if (error instanceof ConflictError && error.constraint === 'attempt_idempotency_key' && requestHash !== null) {
        const earlier = this.replay(caller.keyId, idempotencyKey!, requestHash);
        if (earlier !== null) return earlier;
      }
      throw error;
    }
  }

  /** The attempt, for an admin or for the key that submitted it; anyone else gets "not found", never "forbidden". */
  get(id: number, caller: Caller): AttemptOutput {
    return this.output(this.readable(id, caller));
  }

  /** The stored attempt if the caller may read it (an admin, or the key that submitted it); else "not found". */
  private readable(id: number, caller: Caller): AttemptRecord {
    const record = this.store.attempts.getAttempt(id);
    if (record === null || (caller.role !== 'admin' && record.keyId !== caller.keyId)) throw attemptNotFound(id);
    return record;
  }

  /**
   * A file of the feedback the attempt shows (see attempt-files.ts), for whoever may read the attempt; a 404 for
   * anything else, whatever it is. The files are the version's the slot was graded on.
   */
  file(id: number, caller: Caller, slot: number, area: string, ref: string): ClientFile {
    const q = this.readable(id, caller).questions.find((x) => x.slot === slot);
    const version = q === undefined ? null : this.views.version(q.questionVersionId);
    const file =
      q === undefined || version === null
        ? null
        : findFeedbackFile(version, shownFeedback(version, q.response, q.fraction).feedback, area, ref);
    // One message for a missing slot, area or file and for a file the attempt does not show.
    if (file === null) throw notFound(`Attempt ${id} has no such file in slot ${slot}, area ${area}.`);
    return clientFile(file);
  }

  /** A quiz's attempts (one user's when `userId` is given), without their questions. */
  list(quizRef: string | number, options: { userId?: string; limit: number; offset: number }): AttemptPage {
    const quiz = this.store.quizzes.getQuiz(quizRef);
    if (quiz === null) throw quizNotFound(quizRef);
    const page = this.store.attempts.listAttempts(quiz.id, options);
    return { items: page.items.map(summaryOutput), total: page.total, limit: options.limit, offset: options.offset };
  }

  /**
   * A teacher's grade for an essay. The question's fraction, state and feedback, then the attempt's total, state
   * and statistics row are updated in one transaction. Other types are graded automatically and refuse it.
   */
  grade(attemptId: number, input: ManualGradeInput): AttemptOutput {
    const attempt = this.store.attempts.getAttempt(attemptId);
    if (attempt === null) throw attemptNotFound(attemptId);
    const target = this.questionOf(attempt, input.questionId);
    const version = this.views.version(target.questionVersionId)!;
    if (version.question.type !== 'essay') {
      throw new ServiceError(
        'conflict',
        `Question ${input.questionId} is a ${version.question.type} question, graded automatically; only essays take a manual grade.`,
      );
    }
    let grade;
    try {
      grade = gradeManually(version.question, input.fraction);
    } catch (error) {
      if (error instanceof GradingError && error.code === 'grade-out-of-range') {
        const message = `must be between 0 and 1 for this question, got ${input.fraction}`;
        throw invalid('The grade is out of range.', [{ path: 'fraction', message }]);
      }
      throw error;
    }
    const fraction = roundDecimal(input.fraction, 7);
    const record = this.store.attempts.setManualGrade(
      attemptId,
      target.slot,
      {
        fraction,
        mark: fraction * target.maxMark,
        state: grade.state,
        gradedAt: this.now().toISOString(),
        ...(input.comment !== undefined ? { comment: input.comment } : {}),
      },
      (now) => ({ ...attemptTotals(now.questions), fractions: fractionsBlob(now.questions) }),
    );
    return this.output(record);
  }

  /** Regrades a quiz's stored responses on its questions' current versions (see attempts-regrade.ts). */
  regrade(quizRef: string | number, dryRun: boolean): RegradeReport {
    return regradeQuiz(this.store, this.views, quizRef, dryRun, this.now().toISOString());
  }

  /**
   * The stored attempt in its wire form; feedback and the right answer are derived from what is stored, and the
   * feedback's file references point at the attempt's file route.
   */
  output(record: AttemptRecord): AttemptOutput {
    const questions = record.questions.map((q) => {
      const version = this.views.version(q.questionVersionId)!;
      return questionOutput(record.id, q, version, shownFeedback(version, q.response, q.fraction), q.comment);
    });
    return { ...summaryOutput(record), questions };
  }

  /** A new attempt in its wire form, from what was inserted: the same as reading it back, without the read. */
  private newOutput(
    stored: AttemptSummary,
    graded: readonly SlotView[],
    questions: readonly NewAttemptQuestion[],
    grades: readonly SlotGrade[],
  ): AttemptOutput {
    const out = new Array<AttemptQuestionOutput>(questions.length);
    for (let i = 0; i < questions.length; i++) out[i] = questionOutput(stored.id, questions[i]!, graded[i]!.version, grades[i]!, null);
    return { ...summaryOutput(stored), questions: out };
  }

  /** The quiz's view, checked once per write batch: nothing can change it while the batch holds the lock. */
  private batchView(quizRef: string | number): QuizView | null {
    let view = this.checked.get(quizRef);
    if (view === undefined) {
      view = this.views.quiz(quizRef);
      this.checked.set(quizRef, view);
    }
    return view;
  }

  private replay(keyId: number, idempotencyKey: string, requestHash: string): SubmitResult | null {
    const earlier = this.store.attempts.findAttemptByIdempotencyKey(keyId, idempotencyKey);
    if (earlier === null) return null;
    if (earlier.requestHash !== requestHash) {
      throw new ServiceError(
        'conflict',
        'This Idempotency-Key was already used with a different request (another quiz or body). ' +
          'Send a new key for a new attempt, or repeat the original request exactly.',
      );
    }
    return { attempt: this.output(earlier), replayed: true };
  }

  /** The model response of each graded slot (by its place in `view.graded`); every problem is a 422 issue. */
  private readResponses(view: QuizView, given: Record<string, unknown>): (Response | null)[] {
    const responses = new Array<Response | null>(view.graded.length).fill(null);
    const issues: ErrorItem[] = [];
    const seen = new Map<number, string>();
    for (const key of Object.keys(given)) {
      const path = `responses.${key}`;
      const slot = slotByRef(view, key);
      if (slot === undefined) {
        issues.push({ path, message: this.whyUnknown(key) });
      } else if (Array.isArray(slot)) {
        const ids = slot.map((s) => s.questionId).join(', ');
        issues.push({ path, message: `several questions of this quiz have the idnumber ${key} (ids ${ids}); use the id` });
      } else if (!slot.version.gradable) {
        issues.push({ path, message: `question ${key} is a ${slot.version.question.type}: it takes no response` });
      } else if (seen.has(slot.slot)) {
        issues.push({ path, message: `question ${key} is already answered as ${seen.get(slot.slot)}` });
      } else {
        seen.set(slot.slot, key);
        const response = toModelResponse(slot.version, given[key], path, issues);
        if (response !== undefined) responses[slot.index] = response;
      }
    }
    if (issues.length > 0) throw invalid('The responses do not fit this quiz.', issues);
    return responses;
  }

  /** Unknown to the quiz: say whether the bank has such a question at all. */
  private whyUnknown(key: string): string {
    const inBank =
      (DIGITS.test(key) && this.store.questions.getQuestion(Number(key)) !== null) ||
      this.store.questions.listQuestions({ idnumber: key, limit: 1, includeRetired: true }).total > 0;
    return inBank ? `question ${key} is not in this quiz` : `there is no question with the id or idnumber ${key}`;
  }

  /** The attempt's question named by id or idnumber; a description of the quiz is a conflict, anything else 404. */
  private questionOf(attempt: AttemptRecord, ref: string) {
    const byId = DIGITS.test(ref) ? attempt.questions.find((q) => q.questionId === Number(ref)) : undefined;
    const matches = byId ? [byId] : attempt.questions.filter((q) => q.idnumber === ref);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1) {
      const message = `several questions of this attempt have the idnumber ${ref}; use the id`;
      throw invalid('The question is ambiguous.', [{ path: 'questionId', message }]);
    }
    const view = this.views.quiz(attempt.quizId);
    const slot = view === null ? undefined : slotByRef(view, ref);
    if (slot !== undefined && !Array.isArray(slot) && !slot.version.gradable) {
      throw new ServiceError('conflict', `Question ${ref} is a ${slot.version.question.type}: it carries no mark.`);
    }
    throw notFound(`Attempt ${attempt.id} has no question ${JSON.stringify(ref)}.`);
  }
}
