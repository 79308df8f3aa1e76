// What grading a quiz's attempts needs, parsed once and kept in memory: each question version with its
// choice-id maps, and each quiz's slots on their current versions. Versions never change once stored, so a
// version is cached by its id; a quiz view is keyed by its slots' current version ids and max marks, so an
// edit to any of its questions makes the next submission build a fresh view.
import { responseParts } from '../grading/index.js';
import { isGradable, matchChoices, matchStems, type Question } from '../model/index.js';
import { roundDecimal, type ChoiceIds, type QuizSlot, type Store } from '../storage/index.js';

export interface VersionView {
  versionId: number;
  questionId: number;
  question: Question;
  choiceIds: ChoiceIds;
  /** Choice id → index: an answer of a multichoice, a choice (matchChoices order) of a match. */
  choiceIndex: ReadonlyMap<string, number>;
  /** Stem id → index in matchStems order. */
  stemIndex: ReadonlyMap<string, number>;
  /** The number of parts of Moodle's response analysis: the length of a classification. */
  parts: number;
  /** False for descriptions (and unsupported types): no response, no mark. */
  gradable: boolean;
}

export interface SlotView {
  slot: number;
  questionId: number;
  /** The entry's current idnumber. */
  idnumber: string | null;
  maxMark: number;
  version: VersionView;
  /** The slot's place among the graded slots (its place in an attempt), -1 for a description. */
  index: number;
}

export interface QuizView {
  quizId: number;
  /** The slots' current version ids and max marks: the view is valid while they stay the same. */
  key: string;
  slots: SlotView[];
  /** The slots that carry a mark, in slot order: what an attempt holds. */
  graded: SlotView[];
  bySlot: ReadonlyMap<number, SlotView>;
  byQuestionId: ReadonlyMap<number, SlotView>;
  /** Two questions of a quiz may share an idnumber when they sit in different categories. */
  byIdnumber: ReadonlyMap<string, SlotView[]>;
  /** Moodle's quiz sumgrades: the sum of the max marks. */
  maxGrade: number;
  /** The sum of the graded slots' parts: the length of an attempt's classes blob. */
  totalParts: number;
}

const MAX_VERSIONS = 10_000;
const MAX_QUIZZES = 1_000;
const DIGITS = /^[1-9]\d{0,15}$/;

function slotKey(slots: readonly Pick<QuizSlot, 'versionId' | 'maxMark'>[]): string {
  let key = '';
  for (const s of slots) key += `${s.versionId}:${s.maxMark},`;
  return key;
}

function indexOf(ids: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  return map;
}

/** Checks that the stored ids cover what the question shows, so that a response can always be mapped. */
function checkedIds(question: Question, ids: ChoiceIds, versionId: number): ChoiceIds {
  const choices =
    question.type === 'multichoice' ? question.answers.length : question.type === 'match' ? matchChoices(question).length : 0;
  const stems = question.type === 'match' ? matchStems(question).length : 0;
  if (ids.choices.length < choices || ids.stems.length < stems) {
    throw new Error(`question version ${versionId} has fewer choice ids than choices`);
  }
  return ids;
}

export function versionView(versionId: number, questionId: number, question: Question, ids: ChoiceIds): VersionView {
  const choiceIds = checkedIds(question, ids, versionId);
  const gradable = isGradable(question);
  return {
    versionId,
    questionId,
    question,
    choiceIds,
    choiceIndex: indexOf(choiceIds.choices),
    stemIndex: indexOf(choiceIds.stems),
    parts: gradable ? responseParts(question).length : 0,
    gradable,
  };
}

/** Map#set with a bound: the entry set longest ago goes first. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  if (!map.delete(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

export class AttemptViews {
  private readonly quizzes = new Map<number, QuizView>();
  private readonly versions = new Map<number, VersionView>();

  constructor(private readonly store: Store) {}

  /** The quiz (by id or idnumber) on its current versions, or null when there is no such quiz. */
  quiz(ref: number | string): QuizView | null {
    const quiz = this.store.quizzes.getQuiz(ref);
    if (!quiz) return null;
    const cached = this.quizzes.get(quiz.id);
    if (cached !== undefined && cached.key === slotKey(quiz.slots)) return cached;
    return remember(this.quizzes, quiz.id, this.build(quiz.id), MAX_QUIZZES);
  }

  /** A stored version, current or not, or null when there is none. */
  version(versionId: number): VersionView | null {
    const cached = this.versions.get(versionId);
    if (cached !== undefined) return cached;
    const record = this.store.questions.getQuestionVersion(versionId);
    if (!record) return null;
    const view = versionView(versionId, record.questionId, record.question, record.choiceIds);
    return remember(this.versions, versionId, view, MAX_VERSIONS);
  }

  private build(quizId: number): QuizView {
    // Read in full once more: the view is keyed by what it was built from, even if an edit landed in between.
    const rows = this.store.quizzes.getQuizQuestions(quizId);
    const slots: SlotView[] = rows.map((row) => ({
      slot: row.slot,
      questionId: row.questionId,
      idnumber: row.idnumber,
      maxMark: row.maxMark,
      version:
        this.versions.get(row.versionId) ??
        remember(
          this.versions,
          row.versionId,
          versionView(row.versionId, row.questionId, row.question, row.choiceIds),
          MAX_VERSIONS,
        ),
      index: -1,
    }));
    const graded = slots.filter((s) => s.version.gradable);
    graded.forEach((s, i) => (s.index = i));
    const byIdnumber = new Map<string, SlotView[]>();
    for (const s of slots) {
      if (s.idnumber === null) continue;
      const list = byIdnumber.get(s.idnumber);
      if (list) list.push(s);
      else byIdnumber.set(s.idnumber, [s]);
    }
    return {
      quizId,
      key: slotKey(rows),
      slots,
      graded,
      bySlot: new Map(slots.map((s) => [s.slot, s])),
      byQuestionId: new Map(slots.map((s) => [s.questionId, s])),
      byIdnumber,
      maxGrade: roundDecimal(rows.reduce((sum, s) => sum + s.maxMark, 0), 5),
      totalParts: graded.reduce((sum, s) => sum + s.version.parts, 0),
    };
  }
}

/** The slot a response key names: a question id (all digits) of the quiz first, else an idnumber. */
export function slotByRef(view: QuizView, ref: string): SlotView | SlotView[] | undefined {
  if (DIGITS.test(ref)) {
    const slot = view.byQuestionId.get(Number(ref));
    if (slot !== undefined) return slot;
  }
  const named = view.byIdnumber.get(ref);
  if (named === undefined) return undefined;
  return named.length === 1 ? named[0] : named;
}
