// Refusing what a question file never needs and an attacker always does: document type declarations.

/**
 * Offset of the first `<!DOCTYPE` or `<!ENTITY` that is markup (not inside CDATA or a comment), or -1.
 * Entity declarations are how entity-expansion ("billion laughs") and external-entity attacks work.
 */
export function findDeclaration(text: string): number {
  if (!/<!(?:DOCTYPE|ENTITY)/i.test(text)) return -1;
  let i = 0;
  for (;;) {
    const at = text.indexOf('<!', i);
    if (at < 0) return -1;
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at + 9);
      if (end < 0) return -1;
      i = end + 3;
    } else if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else {
      const word = text.slice(at + 2, at + 9).toUpperCase();
      if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) return at;
      i = at + 2;
    }
  }
}

/** 1-based line and column of offsets; the text is scanned once, as far as the largest offset asked for. */
export class Locator {
  private readonly lineStarts = [0];
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    for (let nl = this.text.indexOf('\n', this.scanned); nl >= 0 && nl < offset; nl = this.text.indexOf('\n', nl + 1)) {
      this.lineStarts.push(nl + 1);
      this.scanned = nl + 1;
    }
    if (offset > this.scanned) this.scanned = offset;
    // The last line start at or before the offset.
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}
