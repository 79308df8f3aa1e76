// Attempts: submit (with optional idempotency), read, list, grade essays, regrade after question edits.
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { z } from 'zod';
import { HttpProblem } from '../problem.js';
import { attemptJson } from '../attempt-json.js';
import { FILE_HEADERS_DESCRIPTION, fileParamShape, fileResponses, sendFile } from '../file-response.js';
import { sendJsonText } from '../respond.js';
import { defineRoute } from '../route.js';
import { inBody } from '../validate.js';
import {
  AttemptIdParams,
  AttemptListQuery,
  AttemptPageSchema,
  AttemptSchema,
  IDEMPOTENCY_KEY,
  IdempotencyHeaders,
  isPlainSubmission,
  ManualGradeSchema,
  QuizRefParams,
  RegradeReportSchema,
  RegradeSchema,
  SubmissionSchema,
} from '../schemas/attempt.js';

const AttemptFileParams = z.object({
  ...AttemptIdParams.shape,
  ...fileParamShape(
    '`general` (general feedback), `correct`, `partiallycorrect` or `incorrect` (combined feedback), `true` or ' +
      '`false` (true/false feedback), `answer` (the matched short or numerical answer\'s feedback), or the id of a ' +
      'chosen multichoice choice (its feedback)',
  ),
});

/** inBody for a use case that settles later: the paths of its problems are made `body.…`. */
async function inBodyAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return inBody(() => {
      throw error;
    });
  }
}

function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new HttpProblem(422, 'The Idempotency-Key header is not valid.', [
      { path: 'headers.idempotency-key', message: 'must be 1 to 200 printable ASCII characters' },
    ]);
  }
  return header;
}

export function attemptRoutes(services: Services): RouteModule {
  const attempts = services.attempts;
  return (routes) => {
    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/quizzes/:id/attempts',
      summary: 'Submit a whole attempt',
      description:
        'Grades every graded question with Moodle\'s rules (deferred feedback) and stores the attempt in one ' +
        'transaction. Keys of `responses` are question ids or idnumbers; a question left out is "gave up". Any ' +
        'problem with a response is a 422 naming its path, and nothing is stored. With an Idempotency-Key, a ' +
        'repeat of the same request returns the first attempt (header Idempotent-Replayed: true).',
      tag: 'attempts',
      roles: ['client', 'admin'],
      params: QuizRefParams,
      headers: IdempotencyHeaders,
      body: SubmissionSchema,
      plainBody: isPlainSubmission,
      responses: {
        201: { description: 'The graded attempt, as stored (also for a replay)', schema: AttemptSchema },
        404: { description: 'No such quiz' },
        409: { description: 'The Idempotency-Key was used with another request' },
      },
      handler: async ({ params, body, principal, req, res }) => {
        const key = idempotencyKey(req.get('idempotency-key'));
        // zod's records drop a `__proto__` key; the parsed JSON keeps it, so that it is refused as unknown.
        const submission = { userId: body.userId, responses: (req.body as typeof body).responses };
        const result = await inBodyAsync(() => attempts.submit(params.id, submission, principal, key));
        res.setHeader('Location', `/api/v1/attempts/${result.attempt.id}`);
        if (key !== undefined) res.setHeader('Idempotent-Replayed', String(result.replayed));
        sendJsonText(res, 201, attemptJson(result.attempt));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/attempts/:id',
      summary: 'Read a graded attempt',
      description:
        'An admin may read any attempt; a client only the attempts its key submitted. Another client gets a 404, ' +
        'not a 403, so that attempt ids cannot be probed.',
      tag: 'attempts',
      roles: ['client', 'admin'],
      params: AttemptIdParams,
      responses: {
        200: { description: 'The attempt', schema: AttemptSchema },
        404: { description: 'No such attempt, or not one this key submitted' },
      },
      handler: ({ params, principal, res }) => {
        res.json(attempts.get(params.id, principal));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/attempts/:id/files/:slot/:area/*file',
      summary: "Get a file embedded in an attempt's feedback",
      description:
        "The attempt's feedback refers to its embedded files (Moodle's `@@PLUGINFILE@@/…`) by these URLs, the files " +
        'of the question version the slot was graded on. Only the feedback the attempt shows is served: the ' +
        "feedback of a choice not chosen or of another outcome, hints and grader information are a 404, like a " +
        'file that does not exist. Readable by whoever may read the attempt; another client gets a 404. ' +
        FILE_HEADERS_DESCRIPTION,
      tag: 'attempts',
      roles: ['client', 'admin'],
      params: AttemptFileParams,
      responses: fileResponses('No such attempt, slot, area or file, or not an attempt this key submitted'),
      handler: ({ params, principal, res }) => {
        sendFile(res, attempts.file(params.id, principal, params.slot, params.area, params.file));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/quizzes/:id/attempts',
      summary: "List a quiz's attempts",
      description: 'In submission order, or one user\'s in attempt-number order with `userId`. Paginated: `limit` (1–1000, default 100) and `offset`.',
      tag: 'attempts',
      roles: ['admin'],
      params: QuizRefParams,
      query: AttemptListQuery,
      responses: {
        200: { description: 'A page of attempts without their questions', schema: AttemptPageSchema },
        404: { description: 'No such quiz' },
      },
      handler: ({ params, query, res }) => {
        const options = { limit: query.limit, offset: query.offset, ...(query.userId ? { userId: query.userId } : {}) };
        res.json(attempts.list(params.id, options));
      },
    });

    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/attempts/:id/grades',
      summary: 'Grade an essay',
      description:
        'A teacher\'s grade of one essay of the attempt: `fraction` from 0 to 1 (stored to 7 decimals), an optional ' +
        'comment. The question\'s state, mark and feedback and the attempt\'s total and state are updated together. ' +
        'Grading again replaces the grade. Questions graded automatically (and descriptions) refuse a manual grade: 409.',
      tag: 'attempts',
      roles: ['admin'],
      params: AttemptIdParams,
      body: ManualGradeSchema,
      responses: {
        200: { description: 'The updated attempt', schema: AttemptSchema },
        404: { description: 'No such attempt, or no such question in it' },
        409: { description: 'The question is not an essay' },
      },
      handler: ({ params, body, res }) => {
        const input = { questionId: body.questionId, fraction: body.fraction, ...(body.comment !== undefined ? { comment: body.comment } : {}) };
        res.json(inBody(() => attempts.grade(params.id, input)));
      },
    });

    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/quizzes/:id/regrade',
      summary: "Regrade a quiz's attempts on the current question versions",
      description:
        'Responses given on older versions are carried over by choice and stem ids and graded again; a response ' +
        'naming a choice that no longer exists counts as blank and is reported (`responseLost`). An essay\'s ' +
        'manual grade is kept while it stays an essay. `dryRun: true` only reports; otherwise every change is ' +
        'stored in one transaction and the same report is returned.',
      tag: 'attempts',
      roles: ['admin'],
      params: QuizRefParams,
      body: RegradeSchema,
      responses: {
        200: { description: 'What changed (or would change)', schema: RegradeReportSchema },
        404: { description: 'No such quiz' },
      },
      handler: ({ params, body, res }) => {
        res.json(attempts.regrade(params.id, body.dryRun));
      },
    });
  };
}
