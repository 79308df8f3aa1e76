// The two ways Moodle's XML writer protects text: CDATA for rich text, entities for everything else.

const SPECIAL = /[&<>"]/;

/** PHP htmlspecialchars($s, ENT_COMPAT): `& < > "` as entities, `'` left alone. */
export function htmlSpecialChars(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * Moodle's xml_escape: a text with any of `& < > "` is wrapped in CDATA, and every `]]>` inside it is split
 * across two sections (`]]]]><![CDATA[>`); any other text is written unchanged.
 */
export function xmlEscape(s: string): string {
  if (s === '' || !SPECIAL.test(s)) return s;
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}
