/** An error that ends the CLI with its exit code (1: the input has errors; 2: usage) after printing its message. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}
