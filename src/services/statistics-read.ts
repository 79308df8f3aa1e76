// Reading a quiz's attempts for the statistics report: in full (with the attempts graded on earlier versions
// of its questions carried over to the current versions' response classes), or only the rows added since.
import { responseParts } from '../grading/index.js';
import { isGradable, type ResponsePart } from '../model/index.js';
import type { AttemptRows, StatsState, Store } from '../storage/index.js';
import { AttemptColumnStore, capacityFor } from './statistics-columns.js';
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
  store: Store,
  layout: QuizLayout,
  state: StatsState,
): { found: OlderVersion[]; ids: number[]; byAttempt: Map<number, Map<number, OlderVersion>> } {
  const found: OlderVersion[] = [];
  const ids: number[] = [];
  const byAttempt = new Map<number, Map<number, OlderVersion>>();
  layout.graded.forEach((slot, slotIndex) => {
    const entry = store.questions.getQuestion(slot.questionId);
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
  rows: AttemptRows,
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
function dropForeignClasses(rows: AttemptRows, layout: QuizLayout): number {
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

/** Reads every attempt of the quiz up to `state` (call inside a storage snapshot). */
export function readAllAttempts(store: Store, layout: QuizLayout, state: StatsState): LoadedAttempts {
  const older = olderVersions(store, layout, state);
  const rows = store.statistics.readAttemptRows(layout.quizId, {
    shape: layout.shape,
    afterAttemptId: 0,
    throughAttemptId: state.lastAttemptId,
    capacity: capacityFor,
    rawClassesFor: new Set(older.byAttempt.keys()),
  });
  let shapeMismatches = rows.shapeMismatches;
  for (const [row, whole] of rows.rawClasses) {
    if (!carryClasses(rows, row, whole, layout, older.byAttempt.get(rows.attemptId[row]!)!)) shapeMismatches++;
  }
  shapeMismatches += dropForeignClasses(rows, layout);
  return {
    columns: new AttemptColumnStore(rows),
    userCount: rows.userCount,
    olderVersions: older.found,
    olderVersionIds: older.ids,
    shapeMismatches,
    state,
  };
}

/**
 * Appends the attempts stored since `loaded.state` (call inside a storage snapshot, after checking that no
 * row changed and no answer on an earlier version arrived: such attempts need a full read). A user of the new
 * rows who has an earlier attempt keeps the number that attempt's row has; the others get new numbers. So the
 * cache needs no map of user ids, which would cost more memory than the columns' users themselves.
 */
export function readNewAttempts(store: Store, layout: QuizLayout, loaded: LoadedAttempts, state: StatsState): void {
  if (state.lastAttemptId > loaded.state.lastAttemptId) {
    const users = new Map<string, number>();
    const rows = store.statistics.readAttemptRows(layout.quizId, {
      shape: layout.shape,
      afterAttemptId: loaded.state.lastAttemptId,
      throughAttemptId: state.lastAttemptId,
      users,
    });
    const numbers = new Int32Array(users.size);
    for (const [userId, local] of users) {
      const first = store.statistics.firstAttemptOf(layout.quizId, userId);
      const row = first !== null && first <= loaded.state.lastAttemptId ? loaded.columns.rowOf(first) : -1;
      numbers[local] = row >= 0 ? loaded.columns.user[row]! : loaded.userCount++;
    }
    for (let i = 0; i < rows.length; i++) rows.user[i] = numbers[rows.user[i]!]!;
    loaded.shapeMismatches += rows.shapeMismatches + dropForeignClasses(rows, layout);
    loaded.columns.append(rows);
  }
  loaded.state = state;
}
