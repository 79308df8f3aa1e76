// The quiz statistics report as a use case: the quiz's graded slots on their current versions, its stored
// attempts read through a cache that reflects every committed attempt, and Moodle's figures over them.
//
// The cache keeps each quiz's attempts as compact columns with the storage state they reflect. A request reads,
// in one read transaction (writers never wait for it), the quiz and that state: the highest attempt id
// and the quiz's change counter (moved by a trigger on every update or deletion of a statistics row).
// - Same counter, same question versions: only the rows of attempts stored since are read (an indexed range
//   scan) and appended; nothing stored since means the figures computed last time are returned again.
// - The counter moved (a manual grade, a regrade, a deletion), a question has a new version, or an answer on
//   an earlier version arrived late: the quiz is read again in full.
//
// A full read and the figures over a million attempts take seconds. So that submissions are not held up
// meanwhile, requests run one at a time and their reads and computations run in slices (pace.ts) with the
// event loop free in between; the reads go through the store's read-only connection, whose read transaction
// lasts across the slices while submissions commit through the store's own. Only the figures of each
// selection are kept, never their intermediate arrays: those live in one workspace all computations share.
import {
  computeQuizStatisticsSteps,
  runSteps,
  StatisticsWorkspace,
  type QuizLevelStatistics,
  type QuizStatistics,
  type Steps,
  type WhichAttempts,
} from '../stats/index.js';
import type { StatsState, Store } from '../storage/index.js';
import { quizNotFoundMessage, ServiceError } from './errors.js';
import { pace, SLICE_MS } from './pace.js';
import { quizLayout, type QuizLayout } from './statistics-layout.js';
import { readAllAttempts, readNewAttempts, type LoadedAttempts, type StatsSource } from './statistics-read.js';

/**
 * The attempts a report uses unless asked otherwise: Moodle's report defaults to the quiz's grading method,
 * and a qbank quiz is graded like a Moodle quiz with its default method, "highest grade".
 */
export const DEFAULT_WHICH_ATTEMPTS: WhichAttempts = 'highest';

/** A slot's earlier question version that stored attempts were graded on (the question was edited since). */
export interface OlderVersionStatistics {
  slot: number;
  questionId: number;
  versionId: number;
  /** The version's number (1, 2, …). */
  version: number;
  /** Stored attempts of the quiz graded on this version (whichever attempts the report uses). */
  attempts: number;
  /** True when this version sorts responses into the same classes as the current one: they count as they are. */
  sameClasses: boolean;
  /**
   * Responses whose class (choice, answer, stem) the current version no longer has, matched by its text: left
   * out of the analysis of responses. Every other response is counted under the current class of the same text.
   */
  unmatchedResponses: number;
}

export interface QuizStatisticsReport extends QuizStatistics {
  quiz: QuizLevelStatistics & { id: number; idnumber: string | null; name: string };
  /**
   * Earlier question versions that stored attempts were graded on. Their marks count as graded; their
   * responses are counted under the current version's classes (see unmatchedResponses).
   */
  olderVersions: OlderVersionStatistics[];
  /** Stored attempts whose statistics row does not fit the quiz's questions: their responses are left out. */
  shapeMismatches: number;
}

/** The quiz named in a statistics request does not exist (a 404 for the API, exit code 1 for the CLI). */
export class QuizNotFoundError extends ServiceError {
  constructor(readonly ref: string | number) {
    super('not_found', quizNotFoundMessage(ref));
    this.name = 'QuizNotFoundError';
  }
}

interface CacheEntry {
  layout: QuizLayout;
  loaded: LoadedAttempts;
  /** Reports computed on exactly these attempts and this layout, by selection. */
  reports: Map<WhichAttempts, QuizStatisticsReport>;
}

export interface StatisticsOptions {
  /** The most bytes of attempt columns the cache keeps over all quizzes; the quiz asked for last is always kept. */
  maxCachedBytes?: number;
  /** How long a slice of reading or computing may hold the event loop, in milliseconds (see pace.ts). */
  sliceMs?: number;
}

/** About 7 million attempts of a quiz like the RNN one (7 graded questions, 16 parts). */
const DEFAULT_MAX_CACHED_BYTES = 256 * 1024 * 1024;

export class StatisticsService {
  /** By quiz id, least recently used first. */
  private readonly cache = new Map<number, CacheEntry>();
  private readonly maxCachedBytes: number;
  private readonly sliceMs: number;
  /** The scratch arrays of the computations, sized for the largest selection so far. */
  private readonly workspace = new StatisticsWorkspace();
  /** The end of the queue of requests: each runs after the one before has settled. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    options: StatisticsOptions = {},
  ) {
    this.maxCachedBytes = options.maxCachedBytes ?? DEFAULT_MAX_CACHED_BYTES;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
  }

  /**
   * The report on the quiz (id or idnumber) over every attempt committed before the call. Requests are
   * answered one after the other, each reading and computing in slices that leave the event loop free between
   * them (all at once for an in-memory database, which has no second connection to read through).
   */
  report(quizRef: string | number, which: WhichAttempts = DEFAULT_WHICH_ATTEMPTS): Promise<QuizStatisticsReport> {
    const done = this.queue.then(() => this.answer(quizRef, which));
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async answer(quizRef: string | number, which: WhichAttempts): Promise<QuizStatisticsReport> {
    const reader = this.store.reader();
    const entry =
      reader === null
        ? this.store.statistics.snapshot(() => runSteps(this.refreshed(this.store, quizRef)))
        : await reader.readSnapshot(() => pace(this.refreshed(reader, quizRef), this.sliceMs));
    if (entry === null) throw new QuizNotFoundError(quizRef);
    const cached = entry.reports.get(which);
    if (cached !== undefined) return cached;
    const steps = this.compute(entry, which);
    const report = reader === null ? runSteps(steps) : await pace(steps, this.sliceMs);
    entry.reports.set(which, report);
    return report;
  }

  /**
   * The cache entry of the quiz, brought up to the storage's current state; null for an unknown quiz. The
   * entry is out of the cache until it is up to date, so that a failed read leaves nothing half read.
   */
  private *refreshed(source: StatsSource, quizRef: string | number): Steps<CacheEntry | null> {
    const quiz = source.quizzes.getQuiz(quizRef);
    if (quiz === null) return null;
    const layout = quizLayout(quiz, source.quizzes.getQuizQuestions(quiz.id));
    const state = source.statistics.readState(quiz.id);
    let entry = this.cache.get(quiz.id);
    this.cache.delete(quiz.id);
    if (entry !== undefined && (yield* this.appended(source, entry, layout, state))) {
      this.cache.set(quiz.id, entry);
      this.evict();
      return entry;
    }
    // The old columns' arrays take the new ones, so that two sets are never held at once.
    const loaded = yield* readAllAttempts(source, layout, state, entry?.loaded.columns);
    entry = undefined;
    const fresh: CacheEntry = { layout, loaded, reports: new Map() };
    this.cache.set(quiz.id, fresh);
    this.evict();
    return fresh;
  }

  /**
   * Brings the entry up to `state` by reading only the attempts stored since, when nothing else changed;
   * false when the quiz must be read in full.
   */
  private *appended(source: StatsSource, entry: CacheEntry, layout: QuizLayout, state: StatsState): Steps<boolean> {
    const prior = entry.loaded.state;
    const unchanged =
      entry.layout.columnsKey === layout.columnsKey &&
      prior.changes === state.changes &&
      prior.lastAttemptId <= state.lastAttemptId &&
      !source.statistics.answeredOnVersionsSince(entry.loaded.olderVersionIds, prior.lastAnswerId);
    if (!unchanged) return false;
    const grew = state.lastAttemptId !== prior.lastAttemptId;
    yield* readNewAttempts(source, layout, entry.loaded, state);
    if (grew || entry.layout.reportKey !== layout.reportKey) entry.reports.clear();
    entry.layout = layout;
    return true;
  }

  private *compute(entry: CacheEntry, which: WhichAttempts): Steps<QuizStatisticsReport> {
    const { layout, loaded } = entry;
    const stats: QuizStatistics = yield* computeQuizStatisticsSteps({
      slots: layout.graded.map((g) => g.stats),
      attempts: loaded.columns.view(),
      which,
      quizSumGrades: layout.quizSumGrades,
      workspace: this.workspace,
    });
    return {
      quiz: { id: layout.quizId, idnumber: layout.idnumber, name: layout.name, ...stats.quiz },
      questions: stats.questions,
      olderVersions: loaded.olderVersions.map((o) => {
        const slot = layout.graded[o.slotIndex]!;
        return {
          slot: slot.stats.slot,
          questionId: slot.stats.questionId,
          versionId: o.versionId,
          version: o.version,
          attempts: o.attempts,
          sameClasses: o.sameClasses,
          unmatchedResponses: o.unmatchedResponses,
        };
      }),
      shapeMismatches: loaded.shapeMismatches,
    };
  }

  /** Drops the least recently used quizzes while the cache is over its budget, keeping the latest one. */
  private evict(): void {
    let bytes = 0;
    for (const entry of this.cache.values()) bytes += entry.loaded.columns.bytes;
    for (const [quizId, entry] of this.cache) {
      if (bytes <= this.maxCachedBytes || this.cache.size === 1) break;
      bytes -= entry.loaded.columns.bytes;
      this.cache.delete(quizId);
    }
  }
}
