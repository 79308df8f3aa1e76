import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { defineRoute } from '../route.js';

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

export function keyRoutes(services: Services): RouteModule {
  return ({ router, registry, lookup }) => {
    defineRoute(router, registry, lookup, {
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
  };
}
