// The PHP and Moodle text functions that decide question names on import: strip_tags(), Moodle's
// shorten_text(), clean_param(PARAM_TEXT) and the two name helpers of qformat_default, which the GIFT and the
// Moodle XML importers share (both are qformat_default subclasses); and html_is_blank(). They are reproduced
// step by step because their quirks (a lone '<' dropped, '...' appended, '0' treated as empty) show up in
// the names Moodle gives questions.

import { phpTrim } from '../model/index.js';

const isCSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** Length in characters (code points), as mb_strlen counts. */
export function mbStrlen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Bytes the string takes in UTF-8. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

const lower = (m: string): string => m.toLowerCase();
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, lower);

/** The character at i, or NUL outside the string (as PHP reads past either end). */
const charAt = (s: string, i: number): string => (i >= 0 && i < s.length ? s[i]! : '\0');

/** PHP's php_tag_find(): the tag reduced to `<name>` and looked up in the allowed set. */
function tagAllowed(tag: string, allowed: string): boolean {
  let norm = '';
  let state = 0;
  for (let t = 0; t < tag.length; t++) {
    const ch = asciiLower(tag[t]!);
    const c = ch.charCodeAt(0);
    if (ch === '<') norm += ch;
    else if (ch === '>') break;
    else if (!isCSpace(c)) {
      if (state === 0) state = 1;
      if (ch !== '/' || (tag[t - 1] !== '<' && tag[t + 1] !== '>')) norm += ch;
    } else if (state === 1) break;
  }
  norm += '>';
  return allowed.includes(norm);
}

/**
 * PHP strip_tags() (php_strip_tags_ex with allow_tag_spaces off): a state machine over tags, PHP blocks,
 * comments and quotes; `allowed` is a list like '<lang>'.
 */
export function stripTags(s: string, allowed = ''): string {
  const allow = asciiLower(allowed);
  const end = s.length;
  let out = '';
  let tbuf = '';
  let state = 0;
  let depth = 0;
  let inQ = '';
  let lc = '';
  let br = 0;
  let isXml = false;
  let p = 0;
  while (p < end) {
    const c = s[p]!;
    // Outside a comment, a '>' first closes a '<' opened inside the tag, and inside quotes it closes nothing:
    // a '>' that reaches a state below is outside quotes.
    if (c === '>' && state !== 4 && (depth || inQ)) {
      if (depth) depth--;
      p++;
      continue;
    }
    if (state === 0) {
      if (c === '\0') {
        // dropped
      } else if (c === '<') {
        if (!inQ) {
          if (isCSpace(charAt(s, p + 1).charCodeAt(0))) out += c;
          else {
            lc = '<';
            state = 1;
            if (allow) tbuf += '<';
          }
        }
      } else out += c;
      p++;
      continue;
    }
    if (state === 1) {
      let regChar = false;
      switch (c) {
        case '\0':
          break;
        case '<':
          if (inQ) break;
          if (isCSpace(charAt(s, p + 1).charCodeAt(0))) regChar = true;
          else depth++;
          break;
        case '>':
          lc = '>';
          if (isXml && charAt(s, p - 1) === '-') break;
          state = 0;
          isXml = false;
          if (allow) {
            tbuf += '>';
            if (tagAllowed(tbuf, allow)) out += tbuf;
            tbuf = '';
          }
          break;
        case '"':
        case "'":
          if (p !== 0 && (!inQ || c === inQ)) inQ = inQ ? '' : c;
          regChar = true;
          break;
        case '!':
          if (charAt(s, p - 1) === '<') {
            state = 3;
            lc = c;
          } else regChar = true;
          break;
        case '?':
          if (charAt(s, p - 1) === '<') {
            br = 0;
            state = 2;
          } else regChar = true;
          break;
        default:
          regChar = true;
      }
      if (regChar && allow) tbuf += c;
      p++;
      continue;
    }
    if (state === 2) {
      switch (c) {
        case '(':
          if (lc !== '"' && lc !== "'") {
            lc = '(';
            br++;
          }
          break;
        case ')':
          if (lc !== '"' && lc !== "'") {
            lc = ')';
            br--;
          }
          break;
        case '>':
          if (!br && p >= 1 && lc !== '"' && charAt(s, p - 1) === '?') {
            state = 0;
            tbuf = '';
          }
          break;
        case '"':
        case "'":
          if (p >= 1 && charAt(s, p - 1) !== '\\') {
            if (lc === c) lc = '';
            else if (lc !== '\\') lc = c;
            if (p !== 0 && (!inQ || c === inQ)) inQ = inQ ? '' : c;
          }
          break;
        case 'l':
        case 'L':
          if (
            p > 4 &&
            (charAt(s, p - 1) === 'm' || charAt(s, p - 1) === 'M') &&
            (charAt(s, p - 2) === 'x' || charAt(s, p - 2) === 'X') &&
            charAt(s, p - 3) === '?' &&
            charAt(s, p - 4) === '<'
          ) {
            state = 1;
            isXml = true;
          }
          break;
      }
      p++;
      continue;
    }
    if (state === 3) {
      switch (c) {
        case '>':
          state = 0;
          tbuf = '';
          break;
        case '"':
        case "'":
          if (p !== 0 && charAt(s, p - 1) !== '\\' && (!inQ || c === inQ)) inQ = inQ ? '' : c;
          break;
        case '-':
          if (p >= 2 && charAt(s, p - 1) === '-' && charAt(s, p - 2) === '!') state = 4;
          break;
        case 'E':
        case 'e':
          if (p > 6 && /^doctyp$/i.test(s.slice(p - 6, p))) state = 1;
          break;
      }
      p++;
      continue;
    }
    // state 4: inside <!-- ... -->
    if (c === '>' && !inQ && p >= 2 && charAt(s, p - 1) === '-' && charAt(s, p - 2) === '-') {
      inQ = '';
      state = 0;
      tbuf = '';
    }
    p++;
  }
  return out;
}

const KEPT_BY_HTML_IS_BLANK = '<img><object><applet><input><select><textarea><hr>';

/** Moodle's html_is_blank(): nothing but spaces left once strip_tags() keeps only images, inputs and rules. */
export function htmlIsBlank(s: string): boolean {
  // Without a '<', strip_tags only drops NULs, which trim drops too.
  if (!s.includes('<')) return phpTrim(s) === '';
  return phpTrim(stripTags(s, KEPT_BY_HTML_IS_BLANK)) === '';
}

/** Non-overlapping `<.*?>` matches (dot-all, lazy), as preg_match_all('/<.*>/suU') finds them. */
function lazyTags(s: string): string[] {
  const found: string[] = [];
  let i = s.indexOf('<');
  while (i !== -1) {
    const close = s.indexOf('>', i + 1);
    if (close === -1) break;
    found.push(s.slice(i, close + 1));
    i = s.indexOf('<', close + 1);
  }
  return found;
}

/** Whether the multilang tags left in `s` pair up as Moodle requires (only `open` tags, each closed). */
function wellFormedMultilang(s: string, close: string, open: RegExp): boolean {
  const tags = lazyTags(s);
  if (tags.length === 0) return false;
  let isOpen = false;
  for (const tag of tags) {
    if (tag === close) {
      if (!isOpen) return false;
      isOpen = false;
      continue;
    }
    if (!open.test(tag)) return false;
    isOpen = true;
  }
  return !isOpen;
}

const LANG_OPEN = /^<lang lang="[a-zA-Z0-9_-]+"\s*>$/u;
const SPAN_OPEN = /^<span(\s+lang="[a-zA-Z0-9_-]+"|\s+class="multilang"){2}\s*>$/u;

/** clean_param($s, PARAM_TEXT): tags stripped, except well-formed multilang `<lang>` / `<span>` tags. */
export function cleanParamText(param: string): string {
  const s = param.includes('\0') ? param.replaceAll('\0', '') : param;
  if (!s.includes('<')) return s;
  if (s.includes('</lang>')) {
    const kept = stripTags(s, '<lang>');
    if (wellFormedMultilang(kept, '</lang>', LANG_OPEN)) return kept;
    return stripTags(kept);
  }
  if (s.includes('</span>')) {
    const kept = stripTags(s, '<span>');
    if (wellFormedMultilang(kept, '</span>', SPAN_OPEN)) return kept;
    return stripTags(kept);
  }
  return stripTags(s);
}

const ENTITY = /&[0-9a-z]{2,8};|&#[0-9]{1,7};|&#x[0-9a-f]{1,6};/gi;
const EMPTY_ELEMENTS = [
  'img', 'br', 'input', 'hr', 'area', 'base', 'basefont', 'col', 'frame', 'isindex', 'link', 'meta', 'param',
];

// The tag tests of shorten_text, written out by hand: as regular expressions they backtrack badly on long tags.
// "Whitespace" here is PCRE's \s without the u flag: ASCII only.
function ltrimWs(s: string): string {
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  return s.slice(i);
}
function rtrimWs(s: string): string {
  let e = s.length;
  while (e > 0 && isCSpace(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}
const hasWs = (s: string): boolean => /[\t-\r ]/.test(s);

/** `^<(\s*.+?\/\s*|\s*(img|br|…)(\s.+?)?)>$`: a self-closing or void element. */
function isEmptyElement(inner: string): boolean {
  const r = rtrimWs(inner);
  if (r.length >= 2 && r.endsWith('/')) return true;
  const l = asciiLower(ltrimWs(inner));
  return EMPTY_ELEMENTS.some((name) => {
    if (!l.startsWith(name)) return false;
    const rest = l.slice(name.length);
    return rest === '' || (rest.length >= 2 && isCSpace(rest.charCodeAt(0)));
  });
}

/** `^<\s*\/([^\s]+?)\s*>$`: the name of a closing tag, or null. */
function closingTagName(inner: string): string | null {
  const l = ltrimWs(inner);
  if (!l.startsWith('/')) return null;
  const name = rtrimWs(l.slice(1));
  return name !== '' && !hasWs(name) ? name : null;
}

/** `^<\s*([^\s>!]+).*?>$`: the name of an opening tag, or null. */
function openingTagName(inner: string): string | null {
  const l = ltrimWs(inner);
  let e = 0;
  while (e < l.length && !isCSpace(l.charCodeAt(e)) && l[e] !== '>' && l[e] !== '!') e++;
  return e > 0 ? l.slice(0, e) : null;
}

/** The text without `<…>` tags that close on their own line (preg_replace('/<.*?>/', '', …)). */
function withoutTags(s: string): string {
  let out = '';
  let from = 0;
  let i = s.indexOf('<');
  let nextGt = -2;
  let nextNl = -2;
  while (i !== -1) {
    if (nextGt !== -1 && nextGt <= i) nextGt = s.indexOf('>', i + 1);
    if (nextNl !== -1 && nextNl <= i) nextNl = s.indexOf('\n', i + 1);
    if (nextGt !== -1 && (nextNl === -1 || nextGt < nextNl)) {
      out += s.slice(from, i);
      from = nextGt + 1;
      i = s.indexOf('<', from);
    } else i = s.indexOf('<', i + 1);
  }
  return out + s.slice(from);
}

/** The (tag, text) pairs preg_match_all('/(<.+?>)?([^<>]*)/s') yields, empty matches included. */
function tagTextPairs(s: string): [string, string][] {
  const pairs: [string, string][] = [];
  let pos = 0;
  // The next '>' at or after a position, found once for all the '<' before it.
  let nextGt = -2;
  const runEnd = (from: number): number => {
    let e = from;
    while (e < s.length && s[e] !== '<' && s[e] !== '>') e++;
    return e;
  };
  while (pos <= s.length) {
    let tag = '';
    let textStart = pos;
    if (s[pos] === '<') {
      if (nextGt !== -1 && nextGt < pos + 2) nextGt = s.indexOf('>', pos + 2);
      if (nextGt !== -1) {
        tag = s.slice(pos, nextGt + 1);
        textStart = nextGt + 1;
      }
    }
    const e = runEnd(textStart);
    pairs.push([tag, s.slice(textStart, e)]);
    // An empty match is followed by a one-character step, as PCRE's global matching does.
    pos = e === pos ? pos + 1 : e;
  }
  return pairs;
}

/** Moodle's shorten_text($text, $ideal, false, '...'): cut at a space or '.' near `ideal` visible characters. */
export function shortenText(text: string, ideal: number): string {
  // A string never has more characters than UTF-16 units.
  if (text.length <= ideal || mbStrlen(withoutTags(text)) <= ideal) return text;
  const ending = '...';
  let total = ending.length;
  let truncate = '';
  const tagDetails: { open: boolean; tag: string }[] = [];
  for (const [tag, content] of tagTextPairs(text)) {
    if (tag !== '') {
      const inner = tag.slice(1, -1);
      if (!isEmptyElement(inner)) {
        const closing = closingTagName(inner);
        const opening = closing === null ? openingTagName(inner) : null;
        if (closing !== null) tagDetails.push({ open: false, tag: closing.toLowerCase() });
        else if (opening !== null) tagDetails.push({ open: true, tag: opening.toLowerCase() });
        else if (tag.length >= 10 && tag.startsWith('<!--[if') && isCSpace(tag.charCodeAt(7)) && tag.endsWith(']>'))
          tagDetails.push({ open: true, tag: 'if' });
        else if (tag === '<!--<![endif]-->') tagDetails.push({ open: false, tag: 'if' });
      }
      truncate += tag;
    }
    const contentLength = mbStrlen(content.replace(ENTITY, ' '));
    if (total + contentLength > ideal) {
      let left = ideal - total;
      let entitiesLength = 0;
      for (const m of content.matchAll(ENTITY)) {
        // Moodle compares the entity's byte offset with a count of characters.
        const byteOffset = utf8Length(content.slice(0, m.index));
        if (byteOffset + 1 - entitiesLength <= left) {
          left--;
          entitiesLength += mbStrlen(m[0]);
        } else break;
      }
      const chars = Array.from(content);
      let breakpos = left + entitiesLength;
      for (; breakpos > 0; breakpos--) {
        const ch = chars[breakpos];
        if (ch === undefined || ch === '0') continue;
        if (ch === '.' || ch === ' ' || ch.codePointAt(0)! >= 0x800) {
          breakpos += 1;
          break;
        }
      }
      if (breakpos === 0 || breakpos > left + entitiesLength) breakpos = left + entitiesLength;
      truncate += chars.slice(0, Math.max(0, breakpos)).join('');
      break;
    }
    truncate += content;
    total += contentLength;
    if (total >= ideal) break;
  }
  truncate += ending;
  const openTags: string[] = [];
  for (const info of tagDetails) {
    if (info.open) openTags.unshift(info.tag);
    else {
      const at = openTags.lastIndexOf(info.tag);
      if (at !== -1) openTags.splice(at, 1);
    }
  }
  for (const tag of openTags) truncate += tag === 'if' ? '<!--<![endif]-->' : `</${tag}>`;
  return truncate;
}

/** qformat_default::clean_question_name(): PARAM_TEXT cleaning, trim, and at most 255 characters. */
export function cleanQuestionName(name: string): string {
  let cleaned = phpTrim(cleanParamText(name));
  let trimLength = 251;
  while (cleaned.length > 255 && mbStrlen(cleaned) > 255 && trimLength > 0) {
    cleaned = shortenText(cleaned, trimLength);
    trimLength -= 10;
  }
  return cleaned;
}

export const DEFAULT_QUESTION_NAME = 'Question name';

/** qformat_default::create_default_question_name(): the start of the text, or 'Question name'. */
export function createDefaultQuestionName(questionText: string): string {
  const name = cleanQuestionName(shortenText(questionText, 80));
  return name !== '' && name !== '0' ? name : DEFAULT_QUESTION_NAME;
}
