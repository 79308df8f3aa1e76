// The media type of an embedded file, from its extension: a short list of what questions embed. Anything
// else is served as bytes to download, never as something a browser would render.

export interface MediaType {
  type: string;
  /** Images, audio and video are shown in place; everything else is an attachment. */
  inline: boolean;
}

const TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  pdf: 'application/pdf',
};

const OCTET_STREAM = 'application/octet-stream';

export function mediaTypeOf(name: string): MediaType {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = Object.hasOwn(TYPES, extension) ? TYPES[extension]! : OCTET_STREAM;
  return { type, inline: /^(image|audio|video)\//.test(type) };
}
