// The server `npm start` listens with: requests and responses are born with the app's prototypes (so express
// never has to switch them), and the API behaves through it as through express's own server: keep-alive
// connections, bodies, problems, the docs page.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/http-server.js';
import { useApi } from '../attempts/harness.js';
import { useListening } from '../helpers/listening.js';
import { choiceIds, rightResponses } from '../attempts/rnn-quiz.js';

const api = useApi();
const listen = useListening();

async function listening(server: Server): Promise<string> {
  return `http://127.0.0.1:${await listen(server)}`;
}

describe('createHttpServer', () => {
  it("builds every request and response on the app's prototypes", async () => {
    const a = api();
    const server = createHttpServer(a.app);
    const seen: boolean[] = [];
    // Runs before express sees the request.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push(Object.getPrototypeOf(req) === a.app.request, Object.getPrototypeOf(res) === a.app.response);
    });
    const url = await listening(server);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/nowhere`)).status).toBe(404);
    expect(seen).toEqual([true, true, true, true]);
  });

  it('serves the API through it: submissions on one keep-alive connection, problems, the docs page', async () => {
    const a = api();
    const url = await listening(createHttpServer(a.app));
    const pick = (idnumber: string, ...fragments: string[]) => choiceIds(a.store, a.rnn.ids[idnumber]!, ...fragments);
    const headers = { ...a.as(a.client), 'Content-Type': 'application/json' };
    const body = JSON.stringify({ userId: 'kept-alive', responses: rightResponses(pick) });
    const answers = [];
    // fetch keeps the connection open between these requests.
    for (let i = 0; i < 3; i++) {
      answers.push(await fetch(`${url}/api/v1/quizzes/rnn-4.1/attempts`, { method: 'POST', headers, body }));
    }
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ attemptNumber: i + 1, sumGrades: 7, maxGrade: 7 });
    }
    const refused = await fetch(`${url}/api/v1/quizzes/rnn-4.1/attempts`, { method: 'POST', body });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    const docs = await fetch(`${url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    expect(a.store.attempts.listAttempts(a.rnn.quizId).total).toBe(3);
  });
});
