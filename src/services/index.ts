// The use cases of qbank, shared by the HTTP API and the CLI: the only place that combines storage with
// formats, grading and statistics.
import type { Config } from '../config.js';
import type { Store } from '../storage/index.js';
import { AttemptService } from './attempts.js';
import { BankService } from './bank.js';
import { CategoryService } from './categories.js';
import { KeyService } from './keys.js';
import { QuizFileService } from './quiz-files.js';
import { QuizService } from './quizzes.js';
import { StatisticsService } from './statistics.js';
import { TransferService } from './transfer.js';

export interface Services {
  store: Store;
  config: Config;
  /** The clock for submission times and export file names; tests may fix it. */
  now: () => Date;
  keys: KeyService;
  bank: BankService;
  categories: CategoryService;
  transfer: TransferService;
  quizzes: QuizService;
  quizFiles: QuizFileService;
  statistics: StatisticsService;
  attempts: AttemptService;
}

export function createServices(store: Store, config: Config, now: () => Date = () => new Date()): Services {
  return {
    store,
    config,
    now,
    keys: new KeyService(store),
    bank: new BankService(store),
    categories: new CategoryService(store),
    transfer: new TransferService(store, config.maxImportBytes, now),
    quizzes: new QuizService(store),
    quizFiles: new QuizFileService(store),
    statistics: new StatisticsService(store),
    attempts: new AttemptService(store, now),
  };
}

export { ImportError, ServiceError, type ErrorItem, type ServiceErrorCode } from './errors.js';
