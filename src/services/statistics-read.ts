// Reading a quiz's attempts for the statistics report: in full (with the attempts graded on earlier versions
// of its questions carried over to the current versions' response classes), or only the rows added since.
// Both read a chunk of rows at a time into compact columns, and yield between chunks (see src/stats/steps.ts).
import { responseParts } from '../grading/index.js';
import { isGradable, type ResponsePart } from '../model/index.js';
import type { Steps } from '../stats/index.js';
import type { AttemptRowChunk, Store, StatsState } from '../storage/index.js';
import { AttemptColumnStore } from './statistics-columns.js';
import type { QuizLayout } from './statistics-layout.js';
import { classMapping, sameParts, UNMATCHED } from './statistics-versions.js';

/** A slot's earlier question version that some stored attempts of the quiz were graded on. */
export interface OlderVersion {
  /** The slot's place among the graded slots. */
  slotIndex: number;
  versionId: number;
  /** The version's number (1, 2, …). */
  version: number;
  attempts: number;
  /** Its response classes are the current version's: the stored indices count as they are. */
  sameClasses: boolean;
  /** Responses in a class the current version does not have: left out of the analysis of responses. */
  unmatchedResponses: number;
  parts: ResponsePart[];
  /** Per part and class of this version: the current (part << 16 | class), or UNMATCHED. */
  mapping: Int32Array[];
}

/** The repositories a report reads: the store's own, or those of its read-only connection. */
export type StatsSource = Pick<Store, 'quizzes' | 'questions' | 'statistics'>;

/** New users whose numbers are looked up between two yields. */
const USERS_PER_STEP = 1024;
/** Attempt ids whose rows are counted between two yields. */
const COUNT_SPAN = 1 << 17;

/** A quiz's attempts in memory and what it took to read them. */
export interface LoadedAttempts {
  columns: AttemptColumnStore;
  /** Users are numbered 0 … userCount − 1 in the columns; their ids are not kept (see readNewAttempts). */
  userCount: number;
  olderVersions: OlderVersion[];
  /** Every earlier version of the graded slots' questions: an answer on one of them after the read needs a new full read. */
  olderVersionIds: number[];
  /** Attempts whose stored row could not be read with the quiz's layout (see QuizStatisticsReport.shapeMismatches). */
  shapeMismatches: number;
  /** The state the columns reflect. */
  state: StatsState;
}

/** The earlier versions of each graded slot's question, and the attempts of the quiz graded on them. */
function olderVersions(
  store: StatsSource,
  layout: QuizLayout,
  state: StatsState,
): { found: OlderVersion[]; ids: number[]; byAttempt: Map<number, Map<number, OlderVersion>> } {
  const found: OlderVersion[] = [];
  const ids: number[] = [];
  const byAttempt = new Map<number, Map<number, OlderVersion>>();
  layout.graded.forEach((slot, slotIndex) => {
    const entry = store.questions.getQuestion(slot.stats.questionId);
    for (const summary of entry?.versions ?? []) {
      if (summary.versionId === slot.versionId) continue;
      ids.push(summary.versionId);
      const attempts = store.statistics.attemptsOnVersion(layout.quizId, slot.stats.slot, summary.versionId, state.lastAttemptId);
      if (attempts.length === 0) continue;
      const record = store.questions.getQuestionVersion(summary.versionId)!;
      const parts = isGradable(record.question) ? responseParts(record.question) : [];
      const older: OlderVersion = {
        slotIndex,
        versionId: summary.versionId,
        version: summary.version,
        attempts: attempts.length,
        sameClasses: sameParts(parts, slot.stats.parts),
        unmatchedResponses: 0,
        parts,
        mapping: classMapping(parts, slot.stats.parts),
      };
      found.push(older);
      if (older.sameClasses) continue;
      for (const id of attempts) {
        let slots = byAttempt.get(id);
        if (slots === undefined) byAttempt.set(id, (slots = new Map()));
        slots.set(slotIndex, older);
      }
    }
  });
  return { found, ids, byAttempt };
}

/**
 * Writes one attempt's classes, laid out for the versions it was graded on, into row `row` of the current
 * columns. Returns false when the blob does not have that layout's length (nothing is written).
 */
function carryClasses(
  rows: AttemptRowChunk,
  row: number,
  whole: Int16Array,
  layout: QuizLayout,
  versions: Map<number, OlderVersion>,
): boolean {
  const sizes = layout.graded.map((slot, j) => versions.get(j)?.parts.length ?? slot.stats.parts.length);
  if (sizes.reduce((a, b) => a + b, 0) !== whole.length) return false;
  let offset = 0;
  sizes.forEach((size, j) => {
    const older = versions.get(j);
    for (let k = 0; k < size; k++) {
      const c = whole[offset + k]!;
      if (c === -1) continue;
      if (older === undefined) {
        rows.classes[j]![k]![row] = c;
        continue;
      }
      const target = c >= 0 && c < older.mapping[k]!.length ? older.mapping[k]![c]! : UNMATCHED;
      if (target === UNMATCHED) older.unmatchedResponses++;
      else rows.classes[j]![target >> 16]![row] = target & 0xffff;
    }
    offset += size;
  });
  return true;
}

/**
 * Replaces class indices that name no class of the current version by -1 (they cannot come from it) and
 * returns the number of rows that had one, so that one odd row cannot stop the report.
 */
function dropForeignClasses(rows: AttemptRowChunk, layout: QuizLayout): number {
  let flagged: Uint8Array | undefined;
  for (let j = 0; j < layout.graded.length; j++) {
    const parts = layout.graded[j]!.stats.parts;
    for (let k = 0; k < parts.length; k++) {
      const column = rows.classes[j]![k]!;
      const size = parts[k]!.classes.length;
      for (let i = 0; i < rows.length; i++) {
        const c = column[i]!;
        if (c >= -1 && c < size) continue;
        column[i] = -1;
        flagged ??= new Uint8Array(rows.length);
        flagged[i] = 1;
      }
    }
  }
  return flagged === undefined ? 0 : flagged.reduce((n, f) => n + f, 0);
}

/**
 * Reads every attempt of the quiz up to `state` (inside one storage snapshot), into the arrays of `reuse` where
 * they fit: the quiz's columns of an earlier read, which the caller drops.
 */
export function* readAllAttempts(
  store: StatsSource,
  layout: QuizLayout,
  state: StatsState,
  reuse?: AttemptColumnStore,
): Steps<LoadedAttempts> {
  const older = olderVersions(store, layout, state);
  yield;
  // The columns are made at their size at once, from a count of the rows taken a range of ids at a time.
  let count = 0;
  for (let after = 0; after < state.lastAttemptId; after += COUNT_SPAN) {
    count += store.statistics.countAttemptRows(layout.quizId, after, Math.min(state.lastAttemptId, after + COUNT_SPAN));
    yield;
  }
  const classSizes = layout.graded.map((slot) => slot.stats.parts.map((part) => part.classes.length));
  const columns = new AttemptColumnStore(classSizes, count, reuse);
  let shapeMismatches = 0;
  const chunks = store.statistics.attemptRowChunks(layout.quizId, {
    shape: layout.shape,
    afterAttemptId: 0,
    throughAttemptId: state.lastAttemptId,
    rawClassesFor: new Set(older.byAttempt.keys()),
  });
  for (const chunk of chunks) {
    shapeMismatches += chunk.shapeMismatches;
    for (const [row, whole] of chunk.rawClasses) {
      if (!carryClasses(chunk, row, whole, layout, older.byAttempt.get(chunk.attemptId[row]!)!)) shapeMismatches++;
    }
    shapeMismatches += dropForeignClasses(chunk, layout);
    columns.append(chunk);
    yield;
  }
  // Users numbered in user-id order from the attempts index, without a string per attempt.
  let userCount = 0;
  if (columns.length > 0) {
    const rowOf = columns.rowFinder();
    for (const page of store.statistics.attemptUserPages(layout.quizId, 0, columns.lastAttemptId)) {
      for (let i = 0; i < page.length; i++) {
        const row = rowOf(page.attemptId[i]!);
        if (row >= 0) columns.user[row] = page.user[i]!;
      }
      userCount = page.userCount;
      yield;
    }
  }
  return {
    columns,
    userCount,
    olderVersions: older.found,
    olderVersionIds: older.ids,
    shapeMismatches,
    state,
  };
}

/**
 * Appends the attempts stored since `loaded.state` (inside one storage snapshot, after checking that no row
 * changed and no answer on an earlier version arrived: such attempts need a full read). A user of the new rows
 * who has an earlier attempt keeps the number that attempt's row has; the others get new numbers. So the cache
 * needs no map of user ids, which would cost more memory than the columns' users themselves. When it throws,
 * `loaded` is left half changed: drop it.
 */
export function* readNewAttempts(store: StatsSource, layout: QuizLayout, loaded: LoadedAttempts, state: StatsState): Steps<void> {
  if (state.lastAttemptId > loaded.state.lastAttemptId) {
    const { columns } = loaded;
    const start = columns.length;
    const users = new Map<string, number>();
    const chunks = store.statistics.attemptRowChunks(layout.quizId, {
      shape: layout.shape,
      afterAttemptId: loaded.state.lastAttemptId,
      throughAttemptId: state.lastAttemptId,
      users,
    });
    for (const chunk of chunks) {
      loaded.shapeMismatches += chunk.shapeMismatches + dropForeignClasses(chunk, layout);
      columns.append(chunk);
      yield;
    }
    const numbers = new Int32Array(users.size);
    let looked = 0;
    for (const [userId, local] of users) {
      const first = store.statistics.firstAttemptOf(layout.quizId, userId);
      const row = first !== null && first <= loaded.state.lastAttemptId ? columns.rowOf(first) : -1;
      numbers[local] = row >= 0 ? columns.user[row]! : loaded.userCount++;
      if (++looked % USERS_PER_STEP === 0) yield;
    }
    for (let i = start; i < columns.length; i++) columns.user[i] = numbers[columns.user[i]!]!;
  }
  loaded.state = state;
}
