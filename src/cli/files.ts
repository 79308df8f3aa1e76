// Reading input files and writing output files for the commands; `-` is standard input or output.
import { readFile, writeFile } from 'node:fs/promises';
import type { CliIO } from './io.js';
import { CliError } from './errors.js';

/** The file's name for format detection by extension; standard input has none. */
export function inputFileName(file: string): string | undefined {
  return file === '-' ? undefined : file;
}

export async function readInput(io: CliIO, file: string): Promise<Buffer> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`qbank: cannot read ${file}: ${reason}`, 1);
  }
}

/** Writes the text to `-o <out>`, or to standard output when there is none. */
export async function writeOutput(io: CliIO, out: string | undefined, text: string): Promise<void> {
  if (out === undefined || out === '-') {
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    throw new CliError(`qbank: cannot write ${out}: ${(error as Error).message}`, 1);
  }
}
