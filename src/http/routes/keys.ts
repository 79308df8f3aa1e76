import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { defineRoute } from '../route.js';
import { IdParam } from '../schemas/bank.js';

const NewKeySchema = z
  .object({
    role: z.enum(['admin', 'client']),
    name: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'NewKey' });

const IssuedKeySchema = z
  .object({
    id: z.number().int(),
    role: z.enum(['admin', 'client']),
    name: z.string().nullable(),
    key: z.string().meta({ description: 'The secret: shown once, stored only as its hash' }),
  })
  .meta({ id: 'IssuedKey' });

const KeySchema = z
  .object({
    id: z.number().int(),
    name: z.string().nullable(),
    role: z.enum(['admin', 'client']),
    prefix: z.string().meta({ description: 'The first characters of the secret, to tell keys apart' }),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Key' });

export function keyRoutes(services: Services): RouteModule {
  return (routes) => {
    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/keys',
      summary: 'Create an API key',
      description: 'The key is in the response once; qbank stores only its hash.',
      tag: 'keys',
      roles: ['admin'],
      body: NewKeySchema,
      responses: { 201: { description: 'The new key, shown once', schema: IssuedKeySchema } },
      handler: ({ body, res }) => {
        const issued = services.keys.issue(body.role, body.name ?? null);
        res.status(201).set('Cache-Control', 'no-store').json(issued);
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/keys',
      summary: 'List API keys',
      description: 'Every key with its role, name and the first characters of its secret; never the secret.',
      tag: 'keys',
      roles: ['admin'],
      responses: { 200: { description: 'The keys', schema: z.object({ items: z.array(KeySchema) }) } },
      handler: ({ res }) => {
        res.json({ items: services.keys.list() });
      },
    });

    defineRoute(routes, {
      method: 'delete',
      path: '/api/v1/keys/:id',
      summary: 'Revoke an API key',
      tag: 'keys',
      roles: ['admin'],
      params: z.object({ id: IdParam }),
      responses: {
        200: { description: 'The revoked key', schema: KeySchema },
        404: { description: 'No such key' },
        409: { description: 'It is the last admin key' },
      },
      handler: ({ params, res }) => {
        res.json(services.keys.revoke(params.id));
      },
    });
  };
}
