// Text format names as Moodle XML writes them (`format="…"` attributes).
import type { TextFormat } from '../../model/index.js';

const NAME_OF: Record<TextFormat, string> = {
  moodle: 'moodle_auto_format',
  html: 'html',
  plain: 'plain_text',
  wiki: 'wiki_like',
  markdown: 'markdown',
};

const FORMAT_OF = new Map<string, TextFormat>([
  ['moodle_auto_format', 'moodle'],
  ['html', 'html'],
  ['plain_text', 'plain'],
  ['wiki_like', 'wiki'],
  ['markdown', 'markdown'],
]);

/** Moodle's get_format: the attribute value for a format. */
export function formatName(format: TextFormat): string {
  return NAME_OF[format] ?? 'unknown';
}

/** Moodle's trans_format without its fallback: the format an attribute names (trimmed), or null if none. */
export function readFormatName(name: string): TextFormat | null {
  return FORMAT_OF.get(name) ?? FORMAT_OF.get(name.trim()) ?? null;
}
