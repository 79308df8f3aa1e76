import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string().meta({ example: 'about:blank' }),
    title: z.string().meta({ example: 'Unprocessable Content' }),
    status: z.number().int().meta({ example: 422 }),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string().optional().meta({ description: 'Where in the request, e.g. body.responses.rnn-q1' }),
          line: z.number().int().optional().meta({ description: 'Line in an uploaded file (1-based)' }),
          column: z.number().int().optional().meta({ description: 'Column in an uploaded file (1-based)' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
