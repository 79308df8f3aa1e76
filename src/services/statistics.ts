// The quiz statistics report as a use case: the quiz's graded slots on their current versions, its stored
// attempts read through a cache that reflects every committed attempt, and Moodle's figures over them.
//
// The cache keeps each quiz's attempts as columns with the storage state they reflect. A request reads,
// in one read transaction (writers never wait for it), the quiz and that state: the highest attempt id
// and the quiz's change counter (moved by a trigger on every update or deletion of a statistics row).
// - Same counter, same question versions: only the rows of attempts stored since are read (an indexed range
//   scan) and appended; nothing stored since means the figures computed last time are returned again.
// - The counter moved (a manual grade, a regrade, a deletion), a question has a new version, or an answer on
//   an earlier version arrived late: the quiz is read again in full.
import { computeQuizStatistics, type QuizLevelStatistics, type QuizStatistics, type WhichAttempts } from '../stats/index.js';
import type { StatsState, Store } from '../storage/index.js';
import { ServiceError } from './errors.js';
import { quizLayout, type QuizLayout } from './statistics-layout.js';
import { readAllAttempts, readNewAttempts, type LoadedAttempts } from './statistics-read.js';

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
    super('not_found', `There is no quiz with the id or idnumber ${JSON.stringify(String(ref))}.`);
    this.name = 'QuizNotFoundError';
  }
}

interface CacheEntry {
  layout: QuizLayout;
  loaded: LoadedAttempts;
  /** Reports computed on exactly these attempts and this layout, by selection. */
  reports: Map<WhichAttempts, QuizStatisticsReport>;
  reportKey: string;
}

export interface StatisticsOptions {
  /** The most bytes of attempt columns the cache keeps over all quizzes; the quiz asked for last is always kept. */
  maxCachedBytes?: number;
}

/** About 2.5 million attempts of a quiz like the RNN one (7 graded questions, 16 parts). */
const DEFAULT_MAX_CACHED_BYTES = 256 * 1024 * 1024;

export class StatisticsService {
  /** By quiz id, least recently used first. */
  private readonly cache = new Map<number, CacheEntry>();
  private readonly maxCachedBytes: number;

  constructor(
    private readonly store: Store,
    options: StatisticsOptions = {},
  ) {
    this.maxCachedBytes = options.maxCachedBytes ?? DEFAULT_MAX_CACHED_BYTES;
  }

  /** The report on the quiz (id or idnumber) over every attempt committed before the call. */
  report(quizRef: string | number, which: WhichAttempts = DEFAULT_WHICH_ATTEMPTS): QuizStatisticsReport {
    const entry = this.store.statistics.snapshot(() => this.refreshed(quizRef));
    if (entry === null) throw new QuizNotFoundError(quizRef);
    const cached = entry.reports.get(which);
    if (cached !== undefined) return cached;
    const report = this.compute(entry, which);
    entry.reports.set(which, report);
    return report;
  }

  /** The cache entry of the quiz, brought up to the storage's current state; null for an unknown quiz. */
  private refreshed(quizRef: string | number): CacheEntry | null {
    const quiz = this.store.quizzes.getQuiz(quizRef);
    if (quiz === null) return null;
    const layout = quizLayout(quiz, this.store.quizzes.getQuizQuestions(quiz.id));
    const state = this.store.statistics.readState(quiz.id);
    let entry = this.cache.get(quiz.id);
    this.cache.delete(quiz.id);
    if (entry !== undefined && this.appended(entry, layout, state)) {
      this.cache.set(quiz.id, entry);
      this.evict();
      return entry;
    }
    // Let go of the old columns before reading the new ones, so that both are never held at once.
    entry = undefined;
    entry = { layout, loaded: readAllAttempts(this.store, layout, state), reports: new Map(), reportKey: layout.reportKey };
    this.cache.set(quiz.id, entry);
    this.evict();
    return entry;
  }

  /**
   * Brings the entry up to `state` by reading only the attempts stored since, when nothing else changed;
   * false when the quiz must be read in full.
   */
  private appended(entry: CacheEntry, layout: QuizLayout, state: StatsState): boolean {
    const prior = entry.loaded.state;
    const unchanged =
      entry.layout.columnsKey === layout.columnsKey &&
      prior.changes === state.changes &&
      prior.lastAttemptId <= state.lastAttemptId &&
      !this.store.statistics.answeredOnVersionsSince(entry.loaded.olderVersionIds, prior.lastAnswerId);
    if (!unchanged) return false;
    const grew = state.lastAttemptId !== prior.lastAttemptId;
    readNewAttempts(this.store, layout, entry.loaded, state);
    if (grew || entry.reportKey !== layout.reportKey) entry.reports.clear();
    entry.layout = layout;
    entry.reportKey = layout.reportKey;
    return true;
  }

  private compute(entry: CacheEntry, which: WhichAttempts): QuizStatisticsReport {
    const { layout, loaded } = entry;
    const stats = computeQuizStatistics({
      slots: layout.graded.map((g) => g.stats),
      attempts: loaded.columns,
      which,
      quizSumGrades: layout.quizSumGrades,
    });
    return {
      quiz: { id: layout.quizId, idnumber: layout.idnumber, name: layout.name, ...stats.quiz },
      questions: stats.questions,
      olderVersions: loaded.olderVersions.map((o) => {
        const slot = layout.graded[o.slotIndex]!;
        return {
          slot: slot.stats.slot,
          questionId: slot.questionId,
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
