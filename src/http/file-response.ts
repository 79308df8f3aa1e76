// What the routes that serve embedded files share: the path parameters after the owner's id, and the response.
// The bytes are served so that nothing in them can run: an SVG with a script is sandboxed, and anything that is
// not an image, audio or video is a download.
import type { Response } from 'express';
import { z } from 'zod';
import type { ClientFile } from '../services/embedded-files.js';
import { contentDisposition } from './content-disposition.js';
import { IdParam } from './schemas/bank.js';
import { ProblemSchema } from './schemas/problem.js';

const FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** One decoded path segment: `..`, `.`, an empty segment or an encoded slash never names a file. */
const Segment = z
  .string()
  .max(255)
  .refine((s) => s !== '' && s !== '.' && s !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(s), {
    message: 'A path segment must not be empty, . or .., nor hold a slash, a backslash or a control character.',
  });

/** `slot`, `area` and the `*file` wildcard of a file route; `area` is described by the route. */
export function fileParamShape(areaDescription: string) {
  return {
    slot: IdParam.meta({ description: 'The slot of the question in the quiz' }),
    area: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .meta({ description: areaDescription }),
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
  };
}

/** The documented answers of a file route; 401 and 422 are added to every route. */
export function fileResponses(notFoundDescription: string) {
  return {
    200: { description: "The file's bytes", mediaType: 'application/octet-stream' },
    304: { description: 'The file is unchanged since the ETag sent in If-None-Match' },
    404: { description: notFoundDescription, schema: ProblemSchema, mediaType: 'application/problem+json' },
  };
}

/** What every file route says of its headers, for its OpenAPI description. */
export const FILE_HEADERS_DESCRIPTION =
  'Content-Type comes from the extension (png, jpg, gif, webp, svg, mp3, mp4, pdf; otherwise ' +
  'application/octet-stream); images, audio and video are inline, the rest attachments. A strong ETag allows ' +
  '`If-None-Match` (304).';

/** Sends the file's bytes with its type, disposition, a sandboxing policy and a strong ETag. */
export function sendFile(res: Response, file: ClientFile): void {
  // setHeader, not res.type: the media type is sent exactly as the table has it, with no charset added.
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Disposition', contentDisposition(file.inline ? 'inline' : 'attachment', file.name));
  res.setHeader('Content-Security-Policy', FILE_CSP);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('ETag', file.etag);
  // res.send sets Content-Length and answers a matching If-None-Match with 304.
  res.send(file.bytes);
}
