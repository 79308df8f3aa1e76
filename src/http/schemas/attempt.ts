// The wire form of attempts: what a client submits, what it reads back, manual grades and regrades.
import { z } from 'zod';
import { RichTextSchema } from './question.js';

/** Limits of a submission, shared by its schema and its quick check. */
const MAX_REF = 200;
const MAX_TEXT = 1_000_000;
const MAX_CHOICES = 1000;

const ref = z.string().min(1).max(MAX_REF);

export const QuizRefParams = z.object({
  id: ref.meta({ description: 'The quiz id or its idnumber (e.g. rnn-4.1)' }),
});

export const AttemptIdParams = z.object({
  id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).meta({ description: 'The attempt id' }),
});

export const ResponseSchema = z
  // Tried in turn until one fits, so the most frequent kinds come first; no value fits two of them.
  .union([
    z.string().max(MAX_TEXT),
    z.array(z.string().max(MAX_REF)).max(MAX_CHOICES),
    z.record(z.string().max(MAX_REF), z.string().max(MAX_REF).nullable()),
    z.number(),
    z.boolean(),
    z.null(),
  ])
  .meta({
    id: 'Response',
    description:
      'By question type: a choice id (multichoice, one answer); an array of choice ids (several answers); true or ' +
      'false (true/false); a number or a string read as Moodle reads numbers, e.g. "12 528" or "12527,83" ' +
      '(numerical); text (short answer, essay); an object mapping stem ids to choice ids (matching). null is ' +
      'a blank answer, the same as leaving the question out.',
  });

export const SubmissionSchema = z
  .object({
    userId: ref.meta({ description: 'The student, as the client names them', example: 'student-42' }),
    responses: z
      .record(ref, ResponseSchema)
      .meta({ description: 'Question id or idnumber → response. A question left out is "gave up", mark 0.' }),
  })
  .strict()
  .meta({ id: 'Submission' });

/** A plain JSON object: what JSON.parse gives for `{…}`. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

const isRef = (key: string) => key.length >= 1 && key.length <= MAX_REF;
const isShort = (value: unknown) => typeof value === 'string' && value.length <= MAX_REF;

function isResponse(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_TEXT;
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.length <= MAX_CHOICES && value.every(isShort);
      if (!isPlainObject(value)) return false;
      for (const key of Object.keys(value)) {
        const choice = value[key];
        if (key.length > MAX_REF || key === '__proto__' || (choice !== null && !isShort(choice))) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * True only for a body that SubmissionSchema accepts as it is, so that the common case skips the schema's parse
 * (the costliest step of reading a submission). False sends the body through the schema, which names every
 * problem; a `__proto__` key always takes that path.
 */
export function isPlainSubmission(body: unknown): body is z.output<typeof SubmissionSchema> {
  if (!isPlainObject(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 2 || !('userId' in body) || !('responses' in body)) return false;
  const { userId, responses } = body;
  if (typeof userId !== 'string' || !isRef(userId) || !isPlainObject(responses)) return false;
  for (const key of Object.keys(responses)) {
    if (!isRef(key) || key === '__proto__' || !isResponse(responses[key])) return false;
  }
  return true;
}

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({
      description:
        'Makes retries safe: the same key (per API key) with the same quiz and body returns the first attempt ' +
        'with Idempotent-Replayed: true and stores nothing; with another body it is a 409.',
    }),
});

/** 1–200 printable ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,200}$/;

const FeedbackSchema = z
  .object({
    specific: z.array(RichTextSchema).meta({
      description: 'Feedback of each selected choice, of the chosen true/false value, or of the matched answer',
    }),
    combined: RichTextSchema.nullable().meta({
      description: 'Correct / partially correct / incorrect feedback (multichoice, matching), null when none',
    }),
    numCorrect: z.string().nullable().meta({ description: 'E.g. "You have correctly selected 1." on a partial answer' }),
    general: RichTextSchema.nullable().meta({ description: "The question's general feedback, null when empty" }),
  })
  .meta({ id: 'Feedback' });

const state = z.enum(['gradedright', 'gradedpartial', 'gradedwrong', 'gaveup', 'needsgrading']);

const AttemptQuestionSchema = z
  .object({
    questionId: z.number().int(),
    idnumber: z.string().nullable(),
    slot: z.number().int().meta({ description: "The question's place in the quiz (descriptions count)" }),
    type: z.string(),
    versionId: z.number().int().meta({ description: 'The question version the attempt was graded on' }),
    response: ResponseSchema,
    fraction: z.number().nullable().meta({ description: '7 decimals; null when left out or waiting for a grade' }),
    mark: z.number().nullable().meta({ description: 'fraction × maxMark; 0 when gave up; null while waiting for a manual grade' }),
    maxMark: z.number(),
    state,
    feedback: FeedbackSchema,
    rightAnswer: z.string().meta({ description: 'Moodle\'s "The correct answer is: …" sentence' }),
    comment: z.string().nullable().meta({ description: "The teacher's comment with a manual grade" }),
  })
  .meta({ id: 'AttemptQuestion' });

const summaryShape = {
  id: z.number().int(),
  quizId: z.number().int(),
  userId: z.string(),
  attemptNumber: z.number().int().meta({ description: 'Per user and quiz, from 1' }),
  state: z.enum(['finished', 'needsgrading']),
  submittedAt: z.string().meta({ description: 'ISO 8601, UTC' }),
  sumGrades: z.number().nullable().meta({ description: '5 decimals; null while a question waits for a manual grade' }),
  maxGrade: z.number().meta({ description: "The quiz's sum of max marks" }),
};

export const AttemptSummarySchema = z.object(summaryShape).meta({ id: 'AttemptSummary' });

export const AttemptSchema = z
  .object({ ...summaryShape, questions: z.array(AttemptQuestionSchema).meta({ description: 'The graded slots, in order' }) })
  .meta({ id: 'Attempt' });

export const AttemptListQuery = z.object({
  userId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

export const AttemptPageSchema = z
  .object({ items: z.array(AttemptSummarySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'AttemptPage' });

export const ManualGradeSchema = z
  .object({
    questionId: z
      .union([ref, z.number().int().min(1)])
      .transform(String)
      .meta({ description: 'The question id or idnumber' }),
    fraction: z.number().meta({ description: 'From 0 to 1 for an essay; stored to 7 decimals' }),
    comment: z.string().max(100_000).nullable().optional(),
  })
  .strict()
  .meta({ id: 'ManualGrade' });

export const RegradeSchema = z
  .object({
    dryRun: z.boolean().default(false).meta({ description: 'Only report what would change' }),
  })
  .strict()
  .meta({ id: 'RegradeRequest' });

const RegradeChangeSchema = z
  .object({
    attemptId: z.number().int(),
    userId: z.string(),
    attemptNumber: z.number().int(),
    slot: z.number().int(),
    questionId: z.number().int(),
    fromVersionId: z.number().int(),
    toVersionId: z.number().int(),
    oldFraction: z.number().nullable(),
    newFraction: z.number().nullable(),
    oldState: state,
    newState: state,
    oldSumGrades: z.number().nullable(),
    newSumGrades: z.number().nullable(),
    responseLost: z.boolean().meta({
      description: 'The response named a choice or stem the new version lacks (or the type changed): graded as blank',
    }),
    manualGradeKept: z.boolean(),
  })
  .meta({ id: 'RegradeChange' });

export const RegradeReportSchema = z
  .object({
    quizId: z.number().int(),
    dryRun: z.boolean(),
    attempts: z.number().int().meta({ description: 'Attempts looked at' }),
    attemptsUpdated: z.number().int().meta({ description: 'Attempts with a question on an older version' }),
    questionsUpdated: z.number().int().meta({ description: 'Questions moved to the current version' }),
    changes: z.array(RegradeChangeSchema).meta({ description: 'Questions whose grade or state changes, or whose response is lost' }),
  })
  .meta({ id: 'RegradeReport' });
