// Large outputs built from many small pieces, without keeping every piece alive until the end.

/** About this many UTF-16 units of pieces are joined into one flat chunk. */
const CHUNK_LENGTH = 1 << 16;

/**
 * Collects the pieces of a large text. A chain of `+=` (or one array of every piece) keeps all the pieces of a
 * 10 MB export reachable until the end, so V8's young-generation collector copies each of them again and again:
 * that was most of an export's time. Joined into flat chunks as they come, the pieces die young.
 */
export class TextSink {
  private pieces: string[] = [];
  private length = 0;
  private readonly chunks: string[] = [];

  add(piece: string): void {
    this.pieces.push(piece);
    this.length += piece.length;
    if (this.length >= CHUNK_LENGTH) this.flush();
  }

  /** The whole text. */
  text(): string {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  private flush(): void {
    if (this.pieces.length === 0) return;
    this.chunks.push(this.pieces.join(''));
    this.pieces = [];
    this.length = 0;
  }
}
