// Turning uploaded bytes into text, with Moodle's checks: size, UTF-8 (with Moodle's message), BOM.
import { DEFAULT_MAX_BYTES, type Diagnostic } from './diagnostics.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Where the first byte that is not valid UTF-8 sits, as a 1-based line and column (in bytes). */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else break;
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) break;
    if (b === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    i += need + 1;
  }
  return { line, column: i - lineStart + 1 };
}

/**
 * The size of a string in UTF-8, or 0 when it certainly fits in `maxBytes`: a UTF-16 unit takes at most three
 * bytes, and counting the bytes of a large text is a whole scan of it.
 */
function utf8Size(text: string, maxBytes: number): number {
  return text.length * 3 <= maxBytes ? 0 : Buffer.byteLength(text, 'utf8');
}

/**
 * The text of an uploaded file, or the diagnostic that refuses it: too large, or not UTF-8
 * ("The file you selected does not use UTF-8 character encoding. GIFT format files must use UTF-8.").
 * A leading BOM is dropped, as Moodle does.
 */
export function decodeInput(
  input: string | Uint8Array,
  formatName: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): { text: string } | { error: Diagnostic } {
  const size = typeof input === 'string' ? utf8Size(input, maxBytes) : input.byteLength;
  if (size > maxBytes) {
    return {
      error: {
        severity: 'error',
        line: 1,
        column: 1,
        code: 'toolarge',
        message: `The file is ${size} bytes; the limit is ${maxBytes} bytes.`,
      },
    };
  }
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = decoder.decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      return {
        error: {
          severity: 'error',
          ...at,
          code: 'importwrongfileencoding',
          message: `The file you selected does not use UTF-8 character encoding. ${formatName} format files must use UTF-8.`,
        },
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}
