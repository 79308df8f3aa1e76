// GIFT's syntax pieces as Moodle's importer handles them: PHP trimming, format tags, weights and the
// splitting of answer text.
import { isPhpTrimChar, phpTrim, type TextFormat } from '../../model/index.js';

export const leadingTrim = (s: string): number => {
  let i = 0;
  while (i < s.length && isPhpTrimChar(s.charCodeAt(i))) i++;
  return i;
};

const FORMAT_NAMES: Readonly<Record<string, TextFormat>> = {
  moodle: 'moodle',
  html: 'html',
  plain: 'plain',
  markdown: 'markdown',
};
const formatNamed = (name: string): TextFormat | null =>
  Object.prototype.hasOwnProperty.call(FORMAT_NAMES, name) ? FORMAT_NAMES[name]! : null;

/** qformat_gift::parse_text_with_format() without the final decoding: the format and the text after the tag. */
export function splitFormatTag(text: string, defaultFormat: TextFormat): { format: TextFormat; text: string } {
  if (text.charCodeAt(0) !== 91 /* [ */) return { format: defaultFormat, text };
  const end = text.indexOf(']');
  // Without a ']', PHP computes substr($text, 1, false - 1): the text without its first and last characters.
  const name = end === -1 ? text.slice(1, -1) : text.slice(1, end);
  const format = formatNamed(name);
  if (format === null) return { format: defaultFormat, text };
  return { format, text: end === -1 ? text.slice(1) : text.slice(end + 1) };
}

/** A weight at the start of an answer, as qformat_gift's regular expression reads it: `%50%`, `%-33.333%`. */
export const WEIGHT = /^%-*([0-9]{1,2})\.?([0-9]*)%/;

/** A piece of answer text with where it starts in the block's processed text. */
export interface Piece {
  text: string;
  at: number;
}

/** explode(): the pieces between `separator` characters. */
export function splitOn(text: string, at: number, separator: string): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  for (let i = text.indexOf(separator); i !== -1; i = text.indexOf(separator, from)) {
    pieces.push({ text: text.slice(from, i), at: at + from });
    from = i + 1;
  }
  pieces.push({ text: text.slice(from), at: at + from });
  return pieces;
}

/**
 * Multiple choice's split: str_replace('=', '~=') then explode('~'), so each '=' opens a piece it stays in.
 * It jumps from separator to separator with indexOf: answer blocks are long and separators few.
 */
export function splitChoices(text: string, at: number): Piece[] {
  const pieces: Piece[] = [];
  let from = 0;
  let tilde = text.indexOf('~');
  let equals = text.indexOf('=');
  while (tilde !== -1 || equals !== -1) {
    if (equals === -1 || (tilde !== -1 && tilde < equals)) {
      pieces.push({ text: text.slice(from, tilde), at: at + from });
      from = tilde + 1;
      tilde = text.indexOf('~', from);
    } else {
      pieces.push({ text: text.slice(from, equals), at: at + from });
      from = equals;
      equals = text.indexOf('=', equals + 1);
    }
  }
  pieces.push({ text: text.slice(from), at: at + from });
  return pieces;
}

/** Moodle's handling of the first piece: trimmed, and dropped when empty ('' or '0'). */
export function dropEmptyFirst(pieces: Piece[]): Piece[] {
  const first = pieces[0]!;
  const trimmed = phpTrim(first.text);
  if (trimmed === '' || trimmed === '0') pieces.shift();
  return pieces;
}

/** A piece trimmed, with its start moved past the trimmed space. */
export const trimPiece = (p: Piece): Piece => {
  const text = phpTrim(p.text);
  return text === p.text ? p : { text, at: p.at + leadingTrim(p.text) };
};

