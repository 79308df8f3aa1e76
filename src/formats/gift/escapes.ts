// GIFT's backslash escapes, handled as Moodle handles them: before parsing, each escape becomes a placeholder
// (`\:` → `&&058;` …, `\\` → `\`), and placeholders become characters again only in finished text fields.
// Placeholder text typed literally in a file is decoded too (Moodle's bug, kept on purpose).

const HAS_PLACEHOLDER = /&&0(?:58;|35;|61;|10|92;)|&&12[356];/;
const BACKSLASH_PLACEHOLDER = '&&092;';

/** One replacement made by escapePre: `inLen` characters at `from` became `outLen` characters at `at`. */
export interface Edit {
  at: number;
  from: number;
  outLen: number;
  inLen: number;
}

/** What escapePre() writes for a backslash and the character after it; any other backslash stays. */
const PRE: Readonly<Record<string, string>> = {
  '\\': '\\',
  ':': '&&058;',
  '#': '&&035;',
  '=': '&&061;',
  '{': '&&123;',
  '}': '&&125;',
  '~': '&&126;',
  n: '&&010',
};
/** The same replacements as one expression, matched left to right without overlaps. */
const PRE_ESCAPE = /\\[\\:#={}~n]|&&092;/g;

/**
 * qformat_gift::escapedchar_pre(): `\\` → `\`, `\:` `\#` `\=` `\{` `\}` `\~` `\n` → placeholders, and
 * literal `&&092;` → `\`. One left-to-right pass gives the same result as Moodle's three str_replace calls.
 * It runs on every block, so it jumps from backslash to backslash.
 */
export function escapePre(s: string): string {
  let slash = s.indexOf('\\');
  let literal = s.indexOf(BACKSLASH_PLACEHOLDER);
  if (slash === -1 && literal === -1) return s;
  let out = '';
  let from = 0;
  while (slash !== -1 || literal !== -1) {
    if (literal !== -1 && (slash === -1 || literal < slash)) {
      out += `${s.slice(from, literal)}\\`;
      from = literal + BACKSLASH_PLACEHOLDER.length;
    } else {
      const replacement = PRE[s[slash + 1]!];
      if (replacement === undefined) {
        slash = s.indexOf('\\', slash + 1);
        continue;
      }
      out += s.slice(from, slash) + replacement;
      from = slash + 2;
    }
    if (slash !== -1 && slash < from) slash = s.indexOf('\\', from);
    if (literal !== -1 && literal < from) literal = s.indexOf(BACKSLASH_PLACEHOLDER, from);
  }
  return out + s.slice(from);
}

/**
 * The replacements escapePre(s) makes, in order, to map its output back to `s`. Only diagnostics need them, so
 * they are worked out apart (and only then).
 */
export function escapeEdits(s: string): Edit[] {
  const edits: Edit[] = [];
  let shift = 0;
  for (const m of s.matchAll(PRE_ESCAPE)) {
    const replacement = m[0] === BACKSLASH_PLACEHOLDER ? '\\' : PRE[m[0][1]!]!;
    edits.push({ at: m.index + shift, from: m.index, outLen: replacement.length, inLen: m[0].length });
    shift += replacement.length - m[0].length;
  }
  return edits;
}

/** The index in escapePre's input that produced index `p` of its output. */
export function sourceIndex(edits: readonly Edit[], p: number): number {
  let lo = 0;
  let hi = edits.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (edits[mid]!.at <= p) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found === -1) return p;
  const e = edits[found]!;
  if (p < e.at + e.outLen) return e.from;
  return e.from + e.inLen + (p - e.at - e.outLen);
}

/**
 * The character the placeholder at `at` (where s has `&&`) stands for, or '' when none starts there. Read by
 * character codes: it runs for every `&&` of every text field.
 */
function decodedAt(s: string, at: number): string {
  const a = s.charCodeAt(at + 2);
  const b = s.charCodeAt(at + 3);
  const c = s.charCodeAt(at + 4);
  if (a === 48 /* 0 */ && b === 49 /* 1 */ && c === 48 /* 0 */) return '\n'; // &&010 has no ';'
  if (s.charCodeAt(at + 5) !== 59 /* ; */) return '';
  if (a === 48) {
    if (b === 53 && c === 56) return ':'; // &&058;
    if (b === 51 && c === 53) return '#'; // &&035;
    if (b === 54 && c === 49) return '='; // &&061;
  } else if (a === 49 && b === 50) {
    if (c === 51) return '{'; // &&123;
    if (c === 53) return '}'; // &&125;
    if (c === 54) return '~'; // &&126;
  }
  return '';
}

/**
 * qformat_gift::escapedchar_post(): placeholders back to the characters they stand for. A scan from `&&` to `&&`
 * (it runs on every text field); no character it writes can start or end a placeholder, so one pass gives the
 * result of Moodle's str_replace calls.
 */
export function escapePost(s: string): string {
  let at = s.indexOf('&&');
  if (at === -1) return s;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const decoded = decodedAt(s, at);
    if (decoded === '') {
      at = s.indexOf('&&', at + 1);
      continue;
    }
    out += s.slice(from, at) + decoded;
    from = at + (decoded === '\n' ? 5 : 6);
    at = s.indexOf('&&', from);
  }
  return out + s.slice(from);
}

/** Whether the text holds placeholder text that Moodle would decode (`&&058;` read as `:` …). */
export function hasPlaceholderText(s: string): boolean {
  return s.includes('&&') && HAS_PLACEHOLDER.test(s);
}

/** The characters repchar() changes. */
const NEEDS_REPCHAR = /[\\#=~{}:\n\r]/;

/** qformat_gift::repchar(): escapes for writing a text field (CR is dropped). */
export function repchar(s: string): string {
  // Most fields need no escape: one regular-expression test spares the scan.
  if (!NEEDS_REPCHAR.test(s)) return s;
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const rep = repcharOf(s.charCodeAt(i));
    if (rep !== null) {
      out += s.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return out + s.slice(from);
}

/** What repchar() writes for one character, or null when it stays. */
function repcharOf(c: number): string | null {
  switch (c) {
    case 92 /* \ */:
      return '\\\\';
    case 35 /* # */:
      return '\\#';
    case 61 /* = */:
      return '\\=';
    case 126 /* ~ */:
      return '\\~';
    case 123 /* { */:
      return '\\{';
    case 125 /* } */:
      return '\\}';
    case 58 /* : */:
      return '\\:';
    case 10 /* LF */:
      return '\\n';
    case 13 /* CR */:
      return '';
    default:
      return null;
  }
}
