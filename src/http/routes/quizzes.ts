// Quizzes: admins create them; anyone with a key reads them, clients without anything that gives answers away.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { HttpProblem } from '../problem.js';
import { defineRoute } from '../route.js';
import { pageQuery, pageSchema, QuestionDetailSchema, QuestionTypeSchema, QuizRefParam } from '../schemas/bank.js';
import { inBody } from '../validate.js';

const NewQuizSchema = z
  .object({
    name: z.string().min(1).max(255),
    idnumber: z.string().min(1).max(100).nullable().optional(),
    grade: z.number().min(0).max(100000).optional().meta({ description: "Moodle's maximum grade of the quiz (default 10)" }),
    items: z
      .array(
        z.object({
          questionId: z.number().int().positive(),
          maxMark: z.number().min(0).max(1000).optional().meta({ description: "Defaults to the question's default mark; 0 for descriptions" }),
        }),
      )
      .min(1)
      .max(1000),
  })
  .meta({ id: 'NewQuiz' });

const ChoiceSchema = z.object({ id: z.string(), text: z.string() }).meta({ id: 'Choice' });

const clientItemShape = {
  slot: z.number().int(),
  questionId: z.number().int(),
  idnumber: z.string().nullable(),
  type: QuestionTypeSchema,
  name: z.string(),
  text: z.string(),
  textFormat: z.enum(['moodle', 'html', 'plain', 'wiki', 'markdown']),
  maxMark: z.number(),
  multiple: z.boolean().optional().meta({ description: 'Multichoice: several answers may be chosen' }),
  choices: z.array(ChoiceSchema).optional().meta({ description: 'Multichoice answers or matching choices' }),
  stems: z.array(ChoiceSchema).optional().meta({ description: 'Matching stems' }),
};

const quizShape = {
  id: z.number().int(),
  idnumber: z.string().nullable(),
  name: z.string(),
  grade: z.number(),
  sumGrades: z.number().meta({ description: "The sum of the items' max marks" }),
};

const ClientQuizSchema = z
  .object({ ...quizShape, items: z.array(z.object(clientItemShape).meta({ id: 'ClientQuizItem' })) })
  .meta({
    id: 'ClientQuiz',
    description:
      'The quiz as a client sees it: no fractions, feedback or right answers. Embedded files are referred to by URLs ' +
      'of GET /api/v1/quizzes/{id}/files/{slot}/{area}/{file} instead of @@PLUGINFILE@@.',
  });

const AdminQuizSchema = z
  .object({
    ...quizShape,
    createdAt: z.string(),
    items: z.array(
      z
        .object({
          ...clientItemShape,
          version: z.number().int(),
          versionId: z.number().int(),
          retired: z.boolean(),
          question: QuestionDetailSchema.shape.question,
          choiceIds: QuestionDetailSchema.shape.choiceIds,
        })
        .meta({ id: 'AdminQuizItem' }),
    ),
  })
  .meta({ id: 'AdminQuiz', description: 'The quiz with each current version in full' });

const QuizListItemSchema = z.object({ id: z.number().int(), idnumber: z.string().nullable(), name: z.string() });

export function quizRoutes(services: Services): RouteModule {
  return (routes) => {
    const tag = 'quizzes';
    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/quizzes',
      summary: 'Create a quiz',
      description:
        'Items in order, each a live question of a type qbank grades, or a description (a slot with no mark). ' +
        'An unknown, retired, repeated or unsupported question is a 422 naming the item.',
      tag,
      roles: ['admin'],
      body: NewQuizSchema,
      responses: {
        201: { description: 'The quiz (admin view)', schema: AdminQuizSchema },
        409: { description: 'The idnumber is already used by another quiz' },
      },
      handler: ({ body, res }) => {
        const quiz = inBody(() => services.quizzes.create(body));
        res.status(201).location(`/api/v1/quizzes/${quiz.id}`).json(quiz);
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/quizzes',
      summary: 'List quizzes',
      tag,
      roles: ['admin', 'client'],
      query: z.object(pageQuery),
      responses: { 200: { description: 'A page of quizzes', schema: pageSchema(QuizListItemSchema, 'QuizPage') } },
      handler: ({ query, res }) => {
        res.json(services.quizzes.list(query));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/quizzes/:id',
      summary: 'Get a quiz',
      description:
        '`id` is the quiz id or its idnumber. A client key gets the client view; an admin key gets everything, or the ' +
        'client view with `view=client`.',
      tag,
      roles: ['admin', 'client'],
      params: z.object({ id: QuizRefParam }),
      query: z.object({ view: z.enum(['admin', 'client']).optional() }),
      responses: {
        200: { description: 'The quiz', schema: z.union([AdminQuizSchema, ClientQuizSchema]) },
        404: { description: 'No such quiz' },
      },
      handler: ({ params, query, principal, res }) => {
        const view = query.view ?? principal.role;
        if (view === 'admin' && principal.role !== 'admin') {
          throw new HttpProblem(403, 'The admin view of a quiz needs the admin role.');
        }
        res.json(services.quizzes.get(params.id, view));
      },
    });
  };
}
