import { phpEmpty, phpTrim, type RichText, type TextFormat } from '../model/index.js';

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  times: '\u00d7',
  divide: '\u00f7',
  minus: '\u2212',
  plusmn: '\u00b1',
  deg: '\u00b0',
  middot: '\u00b7',
  copy: '\u00a9',
  rarr: '\u2192',
  larr: '\u2190',
  le: '\u2264',
  ge: '\u2265',
  ne: '\u2260',
};

/** Decodes named (common ones), decimal and hexadecimal character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** HTML as a reader sees it inline: tags dropped, entities decoded, runs of white space made one space. */
export function htmlToPlain(html: string): string {
  const withoutTags = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?(p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|pre)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(withoutTags).replace(/[ \t\n\r\f\v]+/g, ' ').trim();
}

/**
 * A text of the given format as plain text: HTML (and Moodle auto-format, which allows HTML) is stripped;
 * plain, Markdown and wiki texts are shown as written.
 */
export function toPlainText(text: string, format: TextFormat): string {
  return format === 'html' || format === 'moodle' ? htmlToPlain(text) : text;
}

export function richToPlain(text: RichText): string {
  return toPlainText(text.text, text.format);
}

/** PHP's truthiness of a string: '' and '0' are false. Moodle tests most feedback fields this way. */
export function phpTruthy(text: string): boolean {
  return !phpEmpty(text);
}

/** The multichoice renderer shows a choice's feedback only when trim(feedback) is truthy. */
export function phpTrimTruthy(text: string): boolean {
  return phpTruthy(phpTrim(text));
}

