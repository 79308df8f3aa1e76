// The bank: questions (with versions) and categories. Admin only: these carry the answer keys.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { defineRoute } from '../route.js';
import {
  CategorySchema,
  IdParam,
  QuestionDetailSchema,
  QuestionListQuery,
  QuestionPageSchema,
  QuestionVersionSchema,
} from '../schemas/bank.js';
import { QuestionInputSchema } from '../schemas/question.js';
import { inBody } from '../validate.js';

const IdParams = z.object({ id: IdParam });

export function questionRoutes(services: Services): RouteModule {
  return (routes) => {
    const tag = 'questions';
    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/questions',
      summary: 'List questions',
      description: 'Current versions of live questions (retired ones with includeRetired), in id order, with filters.',
      tag,
      roles: ['admin'],
      query: QuestionListQuery,
      responses: { 200: { description: 'A page of questions', schema: QuestionPageSchema } },
      handler: ({ query, res }) => {
        res.json(services.bank.list(query));
      },
    });

    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/questions',
      summary: 'Create a question',
      description:
        'The question goes into the category its `category` path names (created if needed; `$course$/top/Default` when null). ' +
        'An idnumber already used in that category is a 409.',
      tag,
      roles: ['admin'],
      body: QuestionInputSchema,
      responses: {
        201: { description: 'The stored question, version 1', schema: QuestionDetailSchema },
        409: { description: 'The idnumber is already used in the category' },
      },
      handler: ({ body, res }) => {
        const created = inBody(() => services.bank.create(body));
        res.status(201).location(`/api/v1/questions/${created.id}`).json(created);
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/questions/:id',
      summary: 'Get a question with its answer key and versions',
      tag,
      roles: ['admin'],
      params: IdParams,
      responses: {
        200: { description: 'The question', schema: QuestionDetailSchema },
        404: { description: 'No such question' },
      },
      handler: ({ params, res }) => {
        res.json(services.bank.get(params.id));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/questions/:id/versions/:version',
      summary: 'Get one version of a question',
      tag,
      roles: ['admin'],
      params: z.object({ id: IdParam, version: IdParam }),
      responses: {
        200: { description: 'The version', schema: QuestionVersionSchema },
        404: { description: 'No such question or version' },
      },
      handler: ({ params, res }) => {
        res.json(services.bank.getVersion(params.id, params.version));
      },
    });

    defineRoute(routes, {
      method: 'put',
      path: '/api/v1/questions/:id',
      summary: 'Replace a question (a new version)',
      description:
        'Stores the body as the next version; earlier versions stay, and attempts keep the version they were graded on. ' +
        'Answers, choices and stems whose text is unchanged keep their ids. A non-null `category` moves the question.',
      tag,
      roles: ['admin'],
      params: IdParams,
      body: QuestionInputSchema,
      responses: {
        200: { description: 'The question with its new version', schema: QuestionDetailSchema },
        404: { description: 'No such question' },
        409: { description: 'The question is retired, or the idnumber is taken in the category' },
      },
      handler: ({ params, body, res }) => {
        res.json(inBody(() => services.bank.update(params.id, body)));
      },
    });

    defineRoute(routes, {
      method: 'delete',
      path: '/api/v1/questions/:id',
      summary: 'Retire a question',
      description: 'It leaves listings and cannot be put in new quizzes or edited; its versions, quizzes and attempts stay.',
      tag,
      roles: ['admin'],
      params: IdParams,
      responses: {
        200: { description: 'The retired question', schema: QuestionDetailSchema },
        404: { description: 'No such question' },
      },
      handler: ({ params, res }) => {
        res.json(services.bank.retire(params.id));
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/categories',
      summary: 'List categories',
      tag,
      roles: ['admin'],
      responses: { 200: { description: 'Every category, parents first', schema: z.object({ items: z.array(CategorySchema) }) } },
      handler: ({ res }) => {
        res.json({ items: services.categories.list() });
      },
    });
  };
}
