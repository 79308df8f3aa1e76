// What every file route shares: Moodle's `@@PLUGINFILE@@/<path><name>` references, their rewrite to a URL of
// qbank's file routes, a file found by its reference, and the bytes with the headers' facts about them.
import { createHash } from 'node:crypto';
import type { EmbeddedFile } from '../model/index.js';
import { mediaTypeOf } from './media-types.js';

export const PLUGINFILE = '@@PLUGINFILE@@/';

export interface ClientFile {
  name: string;
  bytes: Buffer;
  /** From the extension (application/octet-stream when unknown). */
  mediaType: string;
  /** Shown in place (images, audio, video) rather than downloaded. */
  inline: boolean;
  /** A strong entity tag of the bytes, quoted. */
  etag: string;
}

/** Whether a text refers to any embedded file: a cheap test, so that texts without files are left alone. */
export function hasFileRefs(text: string): boolean {
  return text.includes(PLUGINFILE);
}

/**
 * Moodle's rewrite (file_rewrite_pluginfile_urls): the placeholder becomes the area's URL and the rest of the
 * reference stays as the text has it, percent-encoded as Moodle writes it.
 */
export function rewriteFileRefs(text: string, areaUrl: string): string {
  return text.includes(PLUGINFILE) ? text.replaceAll(PLUGINFILE, areaUrl) : text;
}

/** A file as its reference names it: the path without its leading slash, then the name (`dir/a.png`). */
export function fileRef(file: EmbeddedFile): string {
  return (file.path.startsWith('/') ? file.path.slice(1) : file.path) + file.name;
}

/** The file `ref` (decoded: `dir/a b.png`) among `files`, or null. */
export function findFile(files: readonly EmbeddedFile[], ref: string): EmbeddedFile | null {
  return files.find((f) => fileRef(f) === ref) ?? null;
}

/** The file's bytes with its media type, disposition and entity tag. */
export function clientFile(file: EmbeddedFile): ClientFile {
  const bytes = Buffer.from(file.content, 'base64');
  const { type, inline } = mediaTypeOf(file.name);
  const etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
  return { name: file.name, bytes, mediaType: type, inline, etag };
}
