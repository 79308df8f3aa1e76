// Quizzes: an ordered list of bank questions with their marks, shown in full to admins and as a paper to clients.
import { isGradable, type Question } from '../model/index.js';
import type { ChoiceIds, QuizRecord, Store } from '../storage/index.js';
import { invalid, notFound, type ErrorItem } from './errors.js';
import { withFileUrls } from './quiz-files.js';
import { clientItem, type ClientQuizItem } from './quiz-view.js';

export interface NewQuizInput {
  name: string;
  idnumber?: string | null | undefined;
  /** Moodle's maximum grade of the quiz (default 10). */
  grade?: number | undefined;
  items: { questionId: number; maxMark?: number | undefined }[];
}

export interface QuizListItem {
  id: number;
  idnumber: string | null;
  name: string;
}

export interface QuizPage {
  items: QuizListItem[];
  total: number;
  limit: number;
  offset: number;
}

export interface ClientQuizView {
  id: number;
  idnumber: string | null;
  name: string;
  grade: number;
  /** The sum of the items' max marks (Moodle's sumgrades). */
  sumGrades: number;
  items: ClientQuizItem[];
}

export interface AdminQuizItem extends ClientQuizItem {
  version: number;
  versionId: number;
  retired: boolean;
  /** The current version in full, answer key included. */
  question: Question;
  /** The ids of `question`'s answers (or match choices) and stems, in the author's order. */
  choiceIds: ChoiceIds;
}

export interface AdminQuizView extends Omit<ClientQuizView, 'items'> {
  createdAt: string;
  items: AdminQuizItem[];
}

export type QuizViewName = 'admin' | 'client';

export class QuizService {
  constructor(private readonly store: Store) {}

  /**
   * Creates a quiz of existing, live, gradable-or-description questions, each once. A max mark left out is the
   * question's default mark; descriptions carry no mark (Moodle gives their slots 0).
   */
  create(input: NewQuizInput): AdminQuizView {
    const problems: ErrorItem[] = [];
    const firstSlot = new Map<number, number>();
    const slots = input.items.map((item, i) => {
      const path = `items.${i}`;
      const record = this.store.questions.getQuestion(item.questionId);
      const slot = { questionId: item.questionId, maxMark: item.maxMark ?? 0 };
      if (!record) {
        problems.push({ path: `${path}.questionId`, message: `Question ${item.questionId} does not exist.` });
        return slot;
      }
      const earlier = firstSlot.get(item.questionId);
      if (earlier !== undefined) {
        problems.push({ path: `${path}.questionId`, message: `Question ${item.questionId} is already item ${earlier}.` });
      }
      firstSlot.set(item.questionId, earlier ?? i);
      if (record.retiredAt !== null) {
        problems.push({ path: `${path}.questionId`, message: `Question ${item.questionId} is retired.` });
      }
      const question = record.question;
      if (question.type === 'unsupported') {
        problems.push({
          path: `${path}.questionId`,
          message: `Question ${item.questionId} is of the type ${question.qtype}, which qbank keeps but cannot grade.`,
        });
      } else if (!isGradable(question) && item.maxMark !== undefined && item.maxMark !== 0) {
        problems.push({ path: `${path}.maxMark`, message: `Question ${item.questionId} is a description, which carries no mark.` });
      }
      slot.maxMark = isGradable(question) ? (item.maxMark ?? question.defaultMark) : 0;
      return slot;
    });
    if (problems.length > 0) throw invalid('The quiz cannot be created as it is.', problems);
    const quiz = this.store.quizzes.createQuiz({
      name: input.name,
      idnumber: input.idnumber ?? null,
      ...(input.grade !== undefined ? { grade: input.grade } : {}),
      slots,
    });
    return this.adminView(quiz);
  }

  list(page: { limit: number; offset: number }): QuizPage {
    const { items, total } = this.store.quizzes.listQuizzes(page);
    return { items: items.map(({ id, idnumber, name }) => ({ id, idnumber, name })), total, ...page };
  }

  /** The quiz by id or idnumber, as an admin or as a client sees it. */
  get(ref: string | number, view: 'admin'): AdminQuizView;
  get(ref: string | number, view: 'client'): ClientQuizView;
  get(ref: string | number, view: QuizViewName): AdminQuizView | ClientQuizView;
  get(ref: string | number, view: QuizViewName): AdminQuizView | ClientQuizView {
    const quiz = this.store.quizzes.getQuiz(ref);
    if (!quiz) throw notFound(`Quiz ${ref} does not exist.`);
    return view === 'admin' ? this.adminView(quiz) : this.clientView(quiz);
  }

  private clientView(quiz: QuizRecord): ClientQuizView {
    return {
      id: quiz.id,
      idnumber: quiz.idnumber,
      name: quiz.name,
      grade: quiz.grade,
      sumGrades: quiz.sumGrades,
      items: this.store.quizzes.getQuizQuestions(quiz.id).map((slot) => withFileUrls(quiz.id, clientItem(slot))),
    };
  }

  /** Admins see the texts as Moodle has them, `@@PLUGINFILE@@` references included. */
  private adminView(quiz: QuizRecord): AdminQuizView {
    return {
      id: quiz.id,
      idnumber: quiz.idnumber,
      name: quiz.name,
      grade: quiz.grade,
      sumGrades: quiz.sumGrades,
      createdAt: quiz.createdAt,
      items: this.store.quizzes.getQuizQuestions(quiz.id).map((slot) => ({
        ...clientItem(slot),
        version: slot.version,
        versionId: slot.versionId,
        retired: slot.retired,
        question: slot.question,
        choiceIds: slot.choiceIds,
      })),
    };
  }
}
