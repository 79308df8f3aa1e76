// The wire form of the question model: the same fields as src/model, validated by zod and documented in
// OpenAPI. Defaults follow Moodle's, so a client may send only what differs.
import { z } from 'zod';
import { DEFAULT_PENALTY, type Question } from '../../model/index.js';

const LONG_TEXT = 1_000_000;

const format = z.enum(['moodle', 'html', 'plain', 'wiki', 'markdown']).meta({ description: "Moodle's text format" });

const file = z.object({
  name: z.string().min(1).max(255),
  path: z.string().regex(/^\/(.*\/)?$/, 'must start and end with /').default('/'),
  content: z.string().max(LONG_TEXT * 10).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});

export const RichTextSchema = z
  .object({
    text: z.string().max(LONG_TEXT).default(''),
    format: format.default('html'),
    files: z.array(file).max(100).default([]),
  })
  .meta({ id: 'RichText', description: 'Text with its format and embedded files (referenced as @@PLUGINFILE@@/name)' });

const rich = (defaultFormat: 'moodle' | 'html' = 'html') => RichTextSchema.default({ text: '', format: defaultFormat, files: [] });

const fraction = z
  .number()
  .min(-1)
  .max(1)
  .meta({ description: "Moodle's 7-decimal fraction, e.g. 1, 0.5, 0.3333333, -0.5" });

const answer = z.object({
  text: z.string().max(LONG_TEXT),
  format: format.default('html'),
  files: z.array(file).max(100).default([]),
  fraction,
  feedback: rich(),
});

const combined = z
  .object({
    correct: rich(),
    partiallyCorrect: rich(),
    incorrect: rich(),
    showNumCorrect: z.boolean().default(false),
  })
  .meta({ id: 'CombinedFeedback' });

const blank = { text: '', format: 'html', files: [] } as const;
const combinedDefault = combined.default({
  correct: { ...blank, files: [] },
  partiallyCorrect: { ...blank, files: [] },
  incorrect: { ...blank, files: [] },
  showNumCorrect: false,
});

const hint = z.object({
  text: RichTextSchema,
  showNumCorrect: z.boolean().default(false),
  clearWrong: z.boolean().default(false),
  options: z.string().max(10_000).default(''),
});

const base = {
  name: z.string().min(1).max(255),
  text: RichTextSchema,
  generalFeedback: rich(),
  defaultMark: z.number().min(0).max(1000).default(1),
  penalty: z.number().min(0).max(1).default(DEFAULT_PENALTY),
  idnumber: z.string().min(1).max(100).nullable().default(null),
  tags: z.array(z.string().min(1).max(100)).max(100).default([]),
  hints: z.array(hint).max(20).default([]),
  category: z
    .string()
    .min(1)
    .max(1000)
    .nullable()
    .default(null)
    .meta({ description: 'Category path as Moodle writes it, e.g. $course$/top/Рекуррентные нейросети' }),
};

const multichoice = z
  .object({
    ...base,
    type: z.literal('multichoice'),
    single: z.boolean().default(true),
    allOrNothing: z.boolean().default(false),
    shuffleAnswers: z.boolean().default(true),
    answerNumbering: z.string().max(10).default('abc'),
    showStandardInstruction: z.boolean().default(true),
    answers: z.array(answer).min(2).max(100),
    combinedFeedback: combinedDefault,
  })
  .meta({ id: 'MultichoiceQuestion' });

const truefalse = z
  .object({
    ...base,
    penalty: z.number().min(0).max(1).default(1),
    type: z.literal('truefalse'),
    correctAnswer: z.boolean(),
    feedbackTrue: rich(),
    feedbackFalse: rich(),
    answerFormat: format.default('moodle'),
  })
  .meta({ id: 'TrueFalseQuestion' });

const shortanswer = z
  .object({
    ...base,
    type: z.literal('shortanswer'),
    useCase: z.boolean().default(false),
    answers: z.array(answer.extend({ format: format.default('moodle') })).min(1).max(100),
  })
  .meta({ id: 'ShortAnswerQuestion' });

const numerical = z
  .object({
    ...base,
    type: z.literal('numerical'),
    answers: z
      .array(
        answer.extend({
          text: z.string().regex(/^(\*|[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)$/, "must be a number or '*'"),
          format: format.default('moodle'),
          tolerance: z.number().min(0).default(0),
        }),
      )
      .min(1)
      .max(100),
    units: z.array(z.object({ name: z.string().min(1).max(50), multiplier: z.number().positive() })).max(50).default([]),
    unitOptions: z
      .object({
        unitGradingType: z.number().int().min(0).max(2),
        unitPenalty: z.number().min(0).max(1),
        showUnits: z.number().int().min(0).max(3),
        unitsLeft: z.boolean(),
      })
      .nullable()
      .default(null),
    instructions: RichTextSchema.nullable().default(null),
  })
  .meta({ id: 'NumericalQuestion' });

const match = z
  .object({
    ...base,
    type: z.literal('match'),
    shuffleAnswers: z.boolean().default(true),
    subquestions: z
      .array(z.object({ text: RichTextSchema, answer: z.string().max(LONG_TEXT) }))
      .min(2)
      .max(100),
    combinedFeedback: combinedDefault,
  })
  .meta({ id: 'MatchQuestion' });

const essay = z
  .object({
    ...base,
    type: z.literal('essay'),
    responseFormat: z.enum(['editor', 'editorfilepicker', 'plain', 'monospaced', 'noinline']).default('editor'),
    responseRequired: z.boolean().default(true),
    responseFieldLines: z.number().int().min(1).max(100).default(15),
    minWordLimit: z.number().int().min(0).nullable().default(null),
    maxWordLimit: z.number().int().min(0).nullable().default(null),
    attachments: z.number().int().min(-1).max(100).default(0),
    attachmentsRequired: z.number().int().min(0).max(100).default(0),
    maxBytes: z.number().int().min(0).nullable().default(null),
    fileTypesList: z.string().max(1000).nullable().default(null),
    graderInfo: rich(),
    responseTemplate: rich(),
  })
  .meta({ id: 'EssayQuestion' });

const description = z
  .object({ ...base, defaultMark: z.literal(0).default(0), type: z.literal('description') })
  .meta({ id: 'DescriptionQuestion' });

/** A question as clients write it (POST/PUT). Unsupported types come only from imported files. */
export const QuestionInputSchema = z
  .discriminatedUnion('type', [multichoice, truefalse, shortanswer, numerical, match, essay, description])
  .meta({ id: 'QuestionInput', description: 'A question of one of the types qbank can grade; fields Moodle defaults may be left out' });

// The schema's output must be a model Question: this line fails to compile if the two drift apart.
export type QuestionInput = z.output<typeof QuestionInputSchema>;
const _modelCheck = (q: QuestionInput): Question => q;
void _modelCheck;
