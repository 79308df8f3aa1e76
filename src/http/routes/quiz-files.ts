// The files embedded in what a client sees of a quiz (images of a question text, a choice or a stem), at the
// URLs the client view gives. The bytes are served so that nothing in them can run: an SVG with a script is
// sandboxed, and anything that is not an image, audio or video is a download.
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { contentDisposition } from '../content-disposition.js';
import { defineRoute } from '../route.js';
import { IdParam } from '../schemas/bank.js';
import { ProblemSchema } from '../schemas/problem.js';

const FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** One decoded path segment: `..`, `.`, an empty segment or an encoded slash never names a file. */
const Segment = z
  .string()
  .max(255)
  .refine((s) => s !== '' && s !== '.' && s !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(s), {
    message: 'A path segment must not be empty, . or .., nor hold a slash, a backslash or a control character.',
  });

const FileParams = z.object({
  id: z.string().min(1).max(100).meta({ description: 'Quiz id or idnumber' }),
  slot: IdParam.meta({ description: 'The slot of the question in the quiz' }),
  area: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .meta({ description: '`text` (the question text), or the id of a multichoice choice or of a matching stem' }),
  // The router hands the wildcard over as decoded segments; the service compares the joined path.
  file: z
    .array(Segment)
    .min(1)
    .max(32)
    .transform((segments) => segments.join('/'))
    .meta({
      type: 'string',
      description: "The file's path (without its leading slash) and name, each segment percent-encoded",
      example: 'images/diagram%201.png',
    }),
});

export function quizFileRoutes(services: Services): RouteModule {
  return ({ router, registry, lookup }) => {
    defineRoute(router, registry, lookup, {
      method: 'get',
      path: '/api/v1/quizzes/:id/files/:slot/:area/*file',
      summary: 'Get a file embedded in the client view of a quiz',
      description:
        "The client view's texts refer to their embedded files (Moodle's `@@PLUGINFILE@@/…`) by these URLs. Only files " +
        'of a question text, a multichoice choice or a matching stem are served; a file of feedback, hints or another ' +
        'area is a 404, like a file that does not exist. Content-Type comes from the extension (png, jpg, gif, webp, ' +
        'svg, mp3, mp4, pdf; otherwise application/octet-stream); images, audio and video are inline, the rest ' +
        'attachments. A strong ETag allows `If-None-Match` (304).',
      tag: 'quizzes',
      roles: ['admin', 'client'],
      params: FileParams,
      responses: {
        200: { description: "The file's bytes", mediaType: 'application/octet-stream' },
        304: { description: 'The file is unchanged since the ETag sent in If-None-Match' },
        404: { description: 'No such quiz, slot, area or file', schema: ProblemSchema, mediaType: 'application/problem+json' },
      },
      handler: ({ params, res }) => {
        const file = services.quizFiles.get(params.id, params.slot, params.area, params.file);
        // setHeader, not res.type: the media type is sent exactly as the table has it, with no charset added.
        res.setHeader('Content-Type', file.mediaType);
        res.setHeader('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.name));
        res.setHeader('Content-Security-Policy', FILE_CSP);
        res.setHeader('Cache-Control', 'private, no-cache');
        res.setHeader('ETag', file.etag);
        // res.send sets Content-Length and answers a matching If-None-Match with 304.
        res.send(file.bytes);
      },
    });
  };
}
