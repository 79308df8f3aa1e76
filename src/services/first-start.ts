// What `npm start` does to a new database: load the bank shipped in items/, create the course's quiz, and make
// sure someone can log in as admin. Later starts change nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDiagnostics, formatFromFileName } from '../formats/index.js';
import { ImportError } from './errors.js';
import type { Services } from './index.js';

/** The quiz the shipped bank is for: every item of its file, in file order. */
export const SEED_QUIZ = { file: 'rnn-4.1.xml', idnumber: 'rnn-4.1', name: '4.1 Рекуррентные нейросети' } as const;

/** Set once the shipped bank has been loaded, so that emptying the bank later does not bring it back. */
const SEEDED = 'first_start.seeded_at';

export interface FirstStartOptions {
  itemsDir: string;
  /** QBANK_ADMIN_KEY: made an admin key when set. */
  adminKey?: string | undefined;
  /** Create (and print) an admin key when there is none and QBANK_ADMIN_KEY is not set. */
  createAdminKey: boolean;
  /** Where progress lines and the new admin key are written (stdout). */
  print: (line: string) => void;
}

export interface FirstStartResult {
  /** Files loaded on this start, with how many questions each gave. */
  loaded: { file: string; questions: number }[];
  quizId: number | null;
  /** The admin key created on this start (already printed), or null. */
  adminKey: string | null;
}

/** The items folder could not be loaded; the message lists every problem as `file:line:col: error: message`. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

export function firstStart(services: Services, options: FirstStartOptions): FirstStartResult {
  const result: FirstStartResult = { loaded: [], quizId: null, adminKey: null };
  const { store } = services;
  // Each check and its change share one write transaction, so that two processes starting together act once.
  store.transaction(() => {
    const empty = store.questions.listQuestions({ includeRetired: true, limit: 1 }).total === 0;
    if (empty && store.settings.getSetting(SEEDED) === null) seed(services, options, result);
  });

  if (options.adminKey !== undefined) {
    services.keys.ensureAdminSecret(options.adminKey);
    return result;
  }
  const issued = options.createAdminKey
    ? store.transaction(() => (store.keys.countKeys('admin') === 0 ? services.keys.issue('admin', 'first start') : null))
    : null;
  if (issued) {
    result.adminKey = issued.key;
    options.print(
      [
        '',
        'qbank: created an admin API key. It is shown only this once; keep it somewhere safe:',
        '',
        `    ${issued.key}`,
        '',
        'Send it as "Authorization: Bearer <key>". Set QBANK_ADMIN_KEY to choose your own instead.',
        '',
      ].join('\n'),
    );
  }
  return result;
}

/** Loads every question file of the items folder and creates the quiz, all in one transaction. */
function seed(services: Services, options: FirstStartOptions, result: FirstStartResult): void {
  let files: string[];
  try {
    files = readdirSync(options.itemsDir)
      .filter((name) => formatFromFileName(name) !== null)
      .sort();
  } catch {
    options.print(`qbank: no items folder at ${options.itemsDir}; starting with an empty bank.`);
    return;
  }
  const shown = (file: string) => relative(process.cwd(), join(options.itemsDir, file)) || file;
  services.store.transaction(() => {
    for (const file of files) {
      options.print(`qbank: loading ${shown(file)} …`);
      let created;
      try {
        created = services.transfer.importFile(readFileSync(join(options.itemsDir, file)), {
          format: formatFromFileName(file)!,
        }).created;
      } catch (error) {
        if (error instanceof ImportError) {
          throw new SeedError(`${error.message}\n${formatDiagnostics(shown(file), error.diagnostics)}`);
        }
        throw error;
      }
      result.loaded.push({ file, questions: created.length });
      options.print(`qbank: loaded ${created.length} questions from ${shown(file)}`);
      if (file === SEED_QUIZ.file) {
        const quiz = services.quizzes.create({
          name: SEED_QUIZ.name,
          idnumber: SEED_QUIZ.idnumber,
          items: created.map((c) => ({ questionId: c.id })),
        });
        result.quizId = quiz.id;
        options.print(`qbank: created the quiz "${quiz.name}" (${quiz.idnumber}) with ${quiz.items.length} items`);
      }
    }
    services.store.settings.setSetting(SEEDED, services.now().toISOString());
  });
}
