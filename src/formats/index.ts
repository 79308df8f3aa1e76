// The registry of the file formats qbank reads and writes, looked up by name; and how to tell which one a
// file is in from a name the user gave, its extension or its first bytes.
import type { Bank, ParseOptions, ParseResult, SerializeOptions, SerializeResult } from './diagnostics.js';
import { parseGift, serializeGift } from './gift/index.js';
import { parseMoodleXml, serializeMoodleXml } from './moodle-xml/index.js';

export * from './diagnostics.js';

export type FormatName = 'gift' | 'moodlexml';

export const FORMAT_NAMES: readonly FormatName[] = ['gift', 'moodlexml'];

export interface Format {
  name: FormatName;
  /** The name Moodle's import page gives the format. */
  label: string;
  /** The media type of an exported file. */
  mediaType: string;
  /** The extension of an exported file (Moodle's: GIFT exports are `.txt`). */
  extension: string;
  parse(input: string | Uint8Array, options?: ParseOptions): ParseResult;
  serialize(bank: Bank, options?: SerializeOptions): SerializeResult;
}

export const FORMATS = {
  gift: {
    name: 'gift',
    label: 'GIFT',
    mediaType: 'text/plain; charset=utf-8',
    extension: '.txt',
    parse: (input, options) => parseGift(input, options),
    serialize: (bank, options) => serializeGift(bank, options),
  },
  moodlexml: {
    name: 'moodlexml',
    label: 'Moodle XML',
    mediaType: 'application/xml; charset=utf-8',
    extension: '.xml',
    parse: (input, options) => parseMoodleXml(input, options),
    serialize: (bank, options) => serializeMoodleXml(bank, options),
  },
} as const satisfies Record<FormatName, Format>;

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function getFormat(name: FormatName): Format {
  return FORMATS[name];
}

/** The format a file name's extension stands for: `.gift` and `.txt` are GIFT, `.xml` is Moodle XML. */
export function formatFromFileName(fileName: string): FormatName | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.gift') || lower.endsWith('.txt')) return 'gift';
  if (lower.endsWith('.xml')) return 'moodlexml';
  return null;
}

const XML_START = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<(?:\?xml|quiz[\s>/]|!--|!DOCTYPE)/i;

/** The format the content looks like: an XML declaration, comment, DOCTYPE or `<quiz>` first means Moodle XML. */
export function formatFromContent(content: string | Uint8Array): FormatName {
  const head = typeof content === 'string' ? content.slice(0, 512) : String.fromCharCode(...content.subarray(0, 512));
  return XML_START.test(head) ? 'moodlexml' : 'gift';
}

/** The format of an input: the one named, else the file name's extension, else the content's look. */
export function detectFormat(input: {
  from?: FormatName | undefined;
  fileName?: string | undefined;
  content: string | Uint8Array;
}): FormatName {
  return input.from ?? (input.fileName ? formatFromFileName(input.fileName) : null) ?? formatFromContent(input.content);
}
