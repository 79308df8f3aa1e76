/** Moodle's text formats. Moodle XML calls them moodle_auto_format, html, plain_text, wiki_like, markdown;
 * GIFT writes [moodle], [html], [plain], [markdown] (wiki has no GIFT tag and is written as [moodle]). */
export type TextFormat = 'moodle' | 'html' | 'plain' | 'wiki' | 'markdown';

export const TEXT_FORMATS: readonly TextFormat[] = ['moodle', 'html', 'plain', 'wiki', 'markdown'];

/** A file embedded in a rich-text field and referenced from it as `@@PLUGINFILE@@/<path without leading slash><name>`. */
export interface EmbeddedFile {
  name: string;
  /** Starts and ends with `/`; Moodle's default is `/`. */
  path: string;
  /** The file's bytes, base64-encoded (no line breaks). */
  content: string;
}

/** Text with its format and the files it embeds: every rich-text field of a Moodle question. */
export interface RichText {
  text: string;
  format: TextFormat;
  files: EmbeddedFile[];
}

/** A rich-text value with no files. */
export function richText(text: string, format: TextFormat = 'html'): RichText {
  return { text, format, files: [] };
}
