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
  /** Offset of the first line end not yet recorded (text.length when there is none). */
  private nextLineEnd: number;

  constructor(private readonly text: string) {
    this.nextLineEnd = this.lineEndFrom(0);
  }

  private lineEndFrom(from: number): number {
    const at = this.text.indexOf('\n', from);
    return at < 0 ? this.text.length : at;
  }

  at(offset: number): { line: number; column: number } {
    while (this.nextLineEnd < offset) {
      this.lineStarts.push(this.nextLineEnd + 1);
      this.nextLineEnd = this.lineEndFrom(this.nextLineEnd + 1);
    }
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
