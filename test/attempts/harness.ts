// The real express app over a real SQLite file, fresh for every test, with an admin key and two client keys.
import supertest from 'supertest';
import { useFreshApp, type FreshApp } from '../helpers/fresh-app.js';
import { bearer } from '../helpers/service.js';
import { createRnnQuiz, type RnnQuiz } from './rnn-quiz.js';

export interface Api extends FreshApp {
  http: supertest.Agent;
  rnn: RnnQuiz;
  admin: string;
  client: string;
  otherClient: string;
  /** Headers for a key. */
  as(key: string): { Authorization: string };
}

export function useApi(options: { maxJsonBytes?: number } = {}): () => Api {
  const env: Record<string, string> = options.maxJsonBytes ? { QBANK_MAX_JSON_BYTES: String(options.maxJsonBytes) } : {};
  return useFreshApp(
    'qbank-attempts-',
    ({ app, store, services }) => ({
      http: supertest.agent(app),
      rnn: createRnnQuiz(store),
      admin: services.keys.issue('admin', 'admin').key,
      client: services.keys.issue('client', 'client').key,
      otherClient: services.keys.issue('client', 'other').key,
      as: bearer,
    }),
    env,
  );
}
