// Moodle files in and out: import (all or nothing) and export.
import { z } from 'zod';
import { detectFormat, FORMAT_NAMES, type FormatName } from '../../formats/index.js';
import type { Services } from '../../services/index.js';
import { FILE_MEDIA_TYPES, type RouteModule } from '../app.js';
import { defineRoute } from '../route.js';
import { QuestionTypeSchema } from '../schemas/bank.js';

const FormatSchema = z.enum(FORMAT_NAMES as [FormatName, ...FormatName[]]).meta({ description: 'gift or moodlexml' });
const CategoryPath = z.string().min(1).max(1000);

const ImportedItemSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: QuestionTypeSchema,
    idnumber: z.string().nullable(),
    category: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ImportedItem' });

const ImportResultSchema = z
  .object({
    created: z.array(ImportedItemSchema),
    updated: z.array(ImportedItemSchema).meta({ description: 'With update=true: questions that got a new version' }),
    unchanged: z.array(ImportedItemSchema).meta({ description: 'With update=true: questions identical to the bank' }),
    warnings: z.array(
      z.object({ line: z.number().int(), column: z.number().int(), code: z.string(), message: z.string() }),
    ),
  })
  .meta({ id: 'ImportResult' });

export function transferRoutes(services: Services): RouteModule {
  return (routes) => {
    defineRoute(routes, {
      method: 'post',
      path: '/api/v1/import',
      summary: 'Import a GIFT or Moodle XML file',
      description:
        'The body is the file as it is (UTF-8). All or nothing: a file with any error stores nothing and gets a 422 listing ' +
        'every error with its line and column; an idnumber already used in its category is such an error, unless ' +
        '`update=true` makes that question a new version of the one in the bank. Without ' +
        '`category`, questions go into the categories the file names; with it, those categories are created below it and ' +
        'questions the file puts in no category go into it. `format` may be left out: the media type or the content tells.',
      tag: 'import and export',
      roles: ['admin'],
      query: z.object({
        format: FormatSchema.optional(),
        category: CategoryPath.optional().meta({ description: 'Target category path, e.g. $course$/top/Week 1' }),
        update: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .meta({ description: 'A question whose idnumber is taken in its category becomes a new version of that question' }),
      }),
      rawBody: { mediaTypes: FILE_MEDIA_TYPES, description: 'The GIFT or Moodle XML file' },
      responses: {
        201: { description: 'What was created (and updated), and the warnings', schema: ImportResultSchema },
        200: { description: 'With update=true, when nothing was created', schema: ImportResultSchema },
        422: { description: 'The file has errors (each with line and column); nothing was stored' },
      },
      handler: ({ query, raw, req, res }) => {
        const fromType = req.is(['application/xml', 'text/xml']) ? 'moodlexml' : undefined;
        const format = detectFormat({ from: query.format ?? fromType, content: raw });
        const result = services.transfer.importFile(raw, { format, category: query.category, update: query.update });
        res.status(result.created.length > 0 || !query.update ? 201 : 200).json(result);
      },
    });

    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/export',
      summary: 'Export questions as a GIFT or Moodle XML file',
      description:
        'A quiz (its questions in slot order), a category (with every category below it), or the whole bank when neither is ' +
        "given. Each question's id is written in Moodle's `question: N` comment.",
      tag: 'import and export',
      roles: ['admin'],
      query: z.object({
        format: FormatSchema,
        category: CategoryPath.optional(),
        quiz: z.string().min(1).max(100).optional().meta({ description: 'A quiz id or idnumber' }),
      }),
      responses: {
        200: { description: 'The file, as an attachment (text/plain for GIFT, application/xml for Moodle XML)', mediaType: 'text/plain' },
        404: { description: 'No such category or quiz' },
      },
      handler: ({ query, res }) => {
        const file = services.transfer.exportFile(query);
        res
          .status(200)
          .attachment(file.fileName)
          .type(file.mediaType)
          .set('Cache-Control', 'no-store')
          .send(file.text);
      },
    });
  };
}
