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

/** 1-based line and column of offsets, asked for in increasing order (any order works, just slower). */
export class Locator {
  private line = 1;
  private lineStart = 0;
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    if (offset < this.scanned) {
      this.line = 1;
      this.lineStart = 0;
      this.scanned = 0;
    }
    let nl = this.text.indexOf('\n', this.scanned);
    while (nl >= 0 && nl < offset) {
      this.line++;
      this.lineStart = nl + 1;
      nl = this.text.indexOf('\n', nl + 1);
    }
    this.scanned = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}
