// What the RNN bank tests read: the bank file itself, the seed it was rebuilt from and the page that specifies it.
import { readFileSync } from 'node:fs';

const SHARED = new URL('../../../shared/', import.meta.url);

export const ITEMS_FILE = new URL('../../items/rnn-4.1.xml', import.meta.url);

/** The bank file as Moodle receives it: bytes. */
export function readItemsBytes(): Uint8Array {
  return readFileSync(ITEMS_FILE);
}

export function readItemsText(): string {
  return readFileSync(ITEMS_FILE, 'utf8');
}

/** The OCR'd Moodle review page the bank comes from. */
export function readSeed(): string {
  return readFileSync(new URL('seed/000_a16537380590e292.txt', SHARED), 'utf8');
}

/** The page that specifies the bank, item by item. */
export function readBankPage(): string {
  return readFileSync(new URL('rnn-bank.md', SHARED), 'utf8');
}

/** Whitespace runs (the seed has tabs, double spaces and line breaks inside sentences) as one space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const BLOCK_TAG = /<\/?(?:p|div|br|ul|ol|li|h\d)\b[^>]*>/gi;

/** The text a reader sees in an HTML fragment: tags dropped (block tags as a space), entities decoded. */
export function plain(html: string): string {
  const text = html
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;/g, "'")
    .replace(/&amp;/g, '&');
  return squash(text);
}

/** The part of the bank page about one item: from its `## Q1 —` heading to the next heading. */
export function bankSection(page: string, label: string): string {
  const start = page.indexOf(`\n## ${label} — `);
  if (start < 0) throw new Error(`rnn-bank.md has no section ${label}`);
  const end = page.indexOf('\n## ', start + 1);
  const section = page.slice(start + 1, end < 0 ? undefined : end);
  // A closing remark in parentheses explains the item; it is not part of it.
  return section.split("\n(The seed's")[0]!;
}

/** The `Text:` of a section, as one line. */
export function bankText(section: string): string {
  const m = /(?:^|\n)Text: ([\s\S]*?)(?=\n- |\n\n|\nGeneral feedback:|$)/.exec(section);
  if (!m) throw new Error(`no Text: in ${section.slice(0, 40)}`);
  return squash(m[1]!);
}

/** The `General feedback:` of a section, as one line. */
export function bankGeneralFeedback(section: string): string {
  const m = /(?:^|\n)General feedback: ([\s\S]*?)(?=\n\n|$)/.exec(section);
  if (!m) throw new Error(`no General feedback: in ${section.slice(0, 40)}`);
  return squash(m[1]!);
}

/** The answer bullets of a multichoice section: `- 50%: text`, with wrapped lines joined. */
export function bankAnswers(section: string): { percent: number; text: string }[] {
  const bullets = /^- (-?\d+(?:\.\d+)?)%(?: \([^)]*\))?: ([^\n]*(?:\n {2}[^\n]*)*)/gm;
  return [...section.matchAll(bullets)].map((m) => ({ percent: Number(m[1]), text: squash(m[2]!) }));
}

/** Every TeX fragment a section writes, with its MathJax delimiters: `\( … \)` and `\[ … \]`. */
export function texFragments(s: string): string[] {
  return [...s.matchAll(/\\\((.*?)\\\)|\\\[(.*?)\\\]/gs)].map((m) => m[0]);
}

/** The item order the bank page gives: `Q1, I1, …` as idnumbers `rnn-q1, rnn-i1, …`. */
export function bankOrder(page: string): string[] {
  const m = /items in this order: ([QI\d, ]+)\./.exec(page);
  if (!m) throw new Error('rnn-bank.md gives no item order');
  return m[1]!.split(',').map((label) => `rnn-${label.trim().toLowerCase()}`);
}

/** The first `<p>` of an HTML text, where each description keeps its passage. */
export function firstParagraph(html: string): string {
  const m = /<p>([\s\S]*?)<\/p>/.exec(html);
  if (!m) throw new Error(`no paragraph in ${html.slice(0, 40)}`);
  return m[1]!;
}

/** Words that mix Cyrillic and Latin letters: OCR look-alikes such as "Bonpoc" spelled half in each script. */
export function mixedScriptWords(text: string): string[] {
  return (text.match(/\p{L}+/gu) ?? []).filter((w) => /\p{Script=Cyrillic}/u.test(w) && /\p{Script=Latin}/u.test(w));
}

/** Latin words of a text outside TeX and web addresses, for the OCR words a mixed-script check cannot see. */
export function latinWords(html: string): string[] {
  const text = plain(html)
    .replace(/\\\(.*?\\\)|\\\[.*?\\\]/gs, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  return (text.match(/\p{L}+/gu) ?? []).filter((w) => /^\p{Script=Latin}+$/u.test(w));
}

/** A seed passage from its first to its last sentence (each must occur once). */
export function seedPassage(seed: string, first: string, last: string): string {
  const start = seed.indexOf(first);
  if (start < 0 || seed.indexOf(first, start + 1) >= 0) throw new Error(`seed: "${first}" not found once`);
  const end = seed.indexOf(last, start);
  if (end < 0) throw new Error(`seed: "${last}" not found after "${first}"`);
  return seed.slice(start, end + last.length);
}

/** A passage with its listed repairs applied; each damaged phrase must occur exactly once. */
export function repair(passage: string, repairs: readonly (readonly [string, string])[]): string {
  let out = passage;
  for (const [from, to] of repairs) {
    const count = out.split(from).length - 1;
    if (count !== 1) throw new Error(`repair "${from}" occurs ${count} times`);
    out = out.replace(from, () => to);
  }
  return out;
}
