// Quizzes: a name, an optional idnumber and an ordered list of slots, each a bank entry with a max mark.
import type { Question, QuestionType } from '../model/index.js';
import type { Database } from './db.js';
import { NotFoundError, translating } from './errors.js';
import type { ChoiceIds, NewQuiz, Page, PageOptions, QuizQuestion, QuizRecord, QuizSlot, QuizSummary } from './types.js';
import { isoNow, round5, round7 } from './values.js';

interface QuizRow {
  id: number;
  idnumber: string | null;
  name: string;
  grade: number;
  created_at: string;
}

interface SlotRow {
  slot: number;
  question_id: number;
  version_id: number;
  version: number;
  max_mark: number;
  idnumber: string | null;
  type: QuestionType;
  name: string;
  retired: number;
  question?: string;
  choice_ids?: string;
}

const SLOT_COLUMNS = `s.slot, s.question_id, v.id AS version_id, v.version, s.max_mark, q.idnumber, v.type, v.name,
  q.retired_at IS NOT NULL AS retired`;
const SLOT_FROM = `FROM quiz_slots s JOIN questions q ON q.id = s.question_id
  JOIN question_versions v ON v.id = q.current_version_id`;

const DIGITS = /^[1-9]\d*$/;

export class QuizRepository {
  private readonly insertQuiz;
  private readonly insertSlot;
  private readonly questionExists;
  private readonly byId;
  private readonly byIdnumber;
  private readonly slots;
  private readonly slotsWithQuestions;
  private readonly slotWithQuestion;
  private readonly page;
  private readonly count;
  private readonly createTx;

  constructor(
    db: Database,
    private readonly now: () => string = isoNow,
  ) {
    this.insertQuiz = db.prepare<[string | null, string, number, string]>(
      'INSERT INTO quizzes (idnumber, name, grade, created_at) VALUES (?, ?, ?, ?)',
    );
    this.insertSlot = db.prepare<[number, number, number, number]>(
      'INSERT INTO quiz_slots (quiz_id, slot, question_id, max_mark) VALUES (?, ?, ?, ?)',
    );
    this.questionExists = db.prepare<[number], { id: number }>('SELECT id FROM questions WHERE id = ?');
    this.byId = db.prepare<[number], QuizRow>('SELECT id, idnumber, name, grade, created_at FROM quizzes WHERE id = ?');
    this.byIdnumber = db.prepare<[string], QuizRow>(
      'SELECT id, idnumber, name, grade, created_at FROM quizzes WHERE idnumber = ?',
    );
    this.slots = db.prepare<[number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${SLOT_FROM} WHERE s.quiz_id = ? ORDER BY s.slot`);
    this.slotsWithQuestions = db.prepare<[number], SlotRow>(
      `SELECT ${SLOT_COLUMNS}, v.question, v.choice_ids ${SLOT_FROM} WHERE s.quiz_id = ? ORDER BY s.slot`,
    );
    this.slotWithQuestion = db.prepare<[number, number], SlotRow>(
      `SELECT ${SLOT_COLUMNS}, v.question, v.choice_ids ${SLOT_FROM} WHERE s.quiz_id = ? AND s.slot = ?`,
    );
    this.page = db.prepare<[number, number], QuizRow>(
      'SELECT id, idnumber, name, grade, created_at FROM quizzes ORDER BY id LIMIT ? OFFSET ?',
    );
    this.count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quizzes');
    this.createTx = db.transaction((input: NewQuiz) => {
      const id = Number(
        this.insertQuiz.run(
          input.idnumber === undefined || input.idnumber === '' ? null : input.idnumber,
          input.name,
          round5(input.grade ?? 10)!,
          this.now(),
        ).lastInsertRowid,
      );
      input.slots.forEach((slot, index) => {
        if (!this.questionExists.get(slot.questionId)) throw new NotFoundError('question', slot.questionId);
        this.insertSlot.run(id, index + 1, slot.questionId, round7(slot.maxMark));
      });
      return id;
    });
  }

  /** Creates the quiz with its slots numbered from 1 in the given order; max marks kept to 7 decimals. */
  createQuiz(input: NewQuiz): QuizRecord {
    const id = translating(() => this.createTx.immediate(input));
    return this.getQuiz(id)!;
  }

  listQuizzes(options: PageOptions = {}): Page<QuizSummary> {
    const rows = this.page.all(options.limit ?? -1, options.offset ?? 0);
    return { items: rows.map(toSummary), total: this.count.get()!.n };
  }

  /**
   * The quiz with its slots. A number is an id; a string is an id when it is all digits and such a quiz
   * exists, otherwise an idnumber.
   */
  getQuiz(ref: number | string): QuizRecord | null {
    const row = this.find(ref);
    if (!row) return null;
    const slots = this.slots.all(row.id).map(toSlot);
    return { ...toSummary(row), slots, sumGrades: round5(slots.reduce((sum, s) => sum + s.maxMark, 0))! };
  }

  /** The slots with their current versions in full, in slot order (empty for an unknown quiz). */
  getQuizQuestions(quizId: number): QuizQuestion[] {
    return this.slotsWithQuestions.all(quizId).map(toQuizQuestion);
  }

  /** One slot with its current version in full, or null when the quiz has no such slot. */
  getQuizQuestion(quizId: number, slot: number): QuizQuestion | null {
    const row = this.slotWithQuestion.get(quizId, slot);
    return row ? toQuizQuestion(row) : null;
  }

  private find(ref: number | string): QuizRow | undefined {
    if (typeof ref === 'number') return this.byId.get(ref);
    return (DIGITS.test(ref) ? this.byId.get(Number(ref)) : undefined) ?? this.byIdnumber.get(ref);
  }
}

function toSummary(row: QuizRow): QuizSummary {
  return { id: row.id, idnumber: row.idnumber, name: row.name, grade: row.grade, createdAt: row.created_at };
}

function toQuizQuestion(row: SlotRow): QuizQuestion {
  return {
    ...toSlot(row),
    question: JSON.parse(row.question!) as Question,
    choiceIds: JSON.parse(row.choice_ids!) as ChoiceIds,
  };
}

function toSlot(row: SlotRow): QuizSlot {
  return {
    slot: row.slot,
    questionId: row.question_id,
    versionId: row.version_id,
    version: row.version,
    maxMark: row.max_mark,
    idnumber: row.idnumber,
    type: row.type,
    name: row.name,
    retired: row.retired === 1,
  };
}
