// What reading one <question> collects: its problems, each at an offset in the file.
import type { Severity } from '../diagnostics.js';

export interface Issue {
  severity: Severity;
  code: string;
  message: string;
  /** 0-based offset of the element concerned. */
  offset: number;
}

export class QuestionContext {
  readonly issues: Issue[] = [];
  /** The question's name once read, for messages. */
  name = '';

  constructor(
    /** Offset of the `<question>` start tag. */
    readonly offset: number,
    /** Offsets of its `<answer>` children, in order. */
    readonly answerOffsets: readonly number[],
  ) {}

  error(code: string, message: string, offset = this.offset): void {
    this.issues.push({ severity: 'error', code, message, offset });
  }

  warning(code: string, message: string, offset = this.offset): void {
    this.issues.push({ severity: 'warning', code, message, offset });
  }

  hasErrors(): boolean {
    return this.issues.some((issue) => issue.severity === 'error');
  }

  /** Where the i-th `<answer>` starts, or the question when unknown. */
  answerOffset(i: number): number {
    return this.answerOffsets[i] ?? this.offset;
  }
}
