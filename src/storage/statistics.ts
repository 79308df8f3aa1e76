// The read path of the statistics report: where a quiz's rows stand, ranged reads of its compact attempt rows
// into typed columns (statistics-rows.ts), and the attempts graded on earlier question versions.
import type { Database } from './db.js';
import { AttemptRowReader } from './statistics-rows.js';
import type { AttemptRowChunk, AttemptRowsRequest, StatsState, UserPage } from './types.js';

export class StatisticsReader {
  private readonly rows;
  private readonly state;
  private readonly onVersion;
  private readonly answeredSince;
  private readonly firstAttempt;

  constructor(private readonly db: Database) {
    this.rows = new AttemptRowReader(db);
    this.state = db.prepare<[number, number], StatsState>(
      `SELECT (SELECT coalesce(max(attempt_id), 0) FROM attempt_stats WHERE quiz_id = ?) AS lastAttemptId,
         coalesce((SELECT changes FROM attempt_stats_changes WHERE quiz_id = ?), 0) AS changes,
         (SELECT coalesce(max(id), 0) FROM attempt_questions) AS lastAnswerId`,
    );
    // Both run only for questions edited since attempts were made. There is no index on the version (it made every
    // submission slower): the first walks the quiz's attempts by their (attempt_id, slot) key, the second the
    // answers stored since the last report by rowid.
    this.onVersion = db
      .prepare<[number, number, number, number], number>(
        `SELECT a.id FROM attempts a JOIN attempt_questions aq ON aq.attempt_id = a.id AND aq.slot = ?
         WHERE a.quiz_id = ? AND a.id <= ? AND aq.question_version_id = ?
         ORDER BY a.id`,
      )
      .pluck(true);
    this.answeredSince = db
      .prepare<[number, number], number>('SELECT 1 FROM attempt_questions WHERE id > ? AND question_version_id = ? LIMIT 1')
      .pluck(true);
    this.firstAttempt = db
      .prepare<[number, string], number>('SELECT id FROM attempts WHERE quiz_id = ? AND user_id = ? ORDER BY attempt_number LIMIT 1')
      .pluck(true);
  }

  /** Runs `fn` in one read transaction: everything it reads comes from the same committed state, and no writer waits. */
  snapshot<T>(fn: () => T): T {
    return this.db.transaction(fn).deferred();
  }

  /** Where the quiz's statistics rows stand (see StatsState). */
  readState(quizId: number): StatsState {
    return this.state.get(quizId, quizId)!;
  }

  /** The number of the quiz's rows with attempt ids in (afterAttemptId, throughAttemptId]. */
  countAttemptRows(quizId: number, afterAttemptId: number, throughAttemptId: number): number {
    return this.rows.countRows(quizId, afterAttemptId, throughAttemptId);
  }

  /**
   * The quiz's rows with attempt ids in (afterAttemptId, throughAttemptId], as columns laid out by `shape`, a
   * chunk of a few hundred rows at a time, so that a caller can pause between chunks and keep only compact
   * copies. Each chunk's arrays are reused for the next one. A row whose fractions or classes blob does not have
   * the shape's length gets NaN / -1 there and is counted in `shapeMismatches`; the classes of `rawClassesFor`
   * attempts are handed over instead, unless their fractions do not fit either. Without `users`, the chunks'
   * users are 0: number them with attemptUserPages over the same range.
   */
  attemptRowChunks(quizId: number, request: AttemptRowsRequest): Generator<AttemptRowChunk, void, void> {
    return this.rows.chunks(quizId, request);
  }

  /**
   * The users of the quiz's attempts in (afterAttemptId, throughAttemptId], numbered from 0 in user-id order,
   * a page of users at a time (the pages' arrays are reused).
   */
  attemptUserPages(quizId: number, afterAttemptId: number, throughAttemptId: number): Generator<UserPage, void, void> {
    return this.rows.userPages(quizId, afterAttemptId, throughAttemptId);
  }

  /** The attempts of the quiz, up to an attempt id, that answered a slot on the given question version, in id order. */
  attemptsOnVersion(quizId: number, slot: number, versionId: number, throughAttemptId: number): number[] {
    return this.onVersion.all(slot, quizId, throughAttemptId, versionId);
  }

  /** The id of the user's lowest-numbered attempt at the quiz, or null when there is none. */
  firstAttemptOf(quizId: number, userId: string): number | null {
    return this.firstAttempt.get(quizId, userId) ?? null;
  }

  /** True when an answer stored after `afterAnswerId` was graded on one of these question versions. */
  answeredOnVersionsSince(versionIds: readonly number[], afterAnswerId: number): boolean {
    return versionIds.some((id) => this.answeredSince.get(afterAnswerId, id) !== undefined);
  }
}
