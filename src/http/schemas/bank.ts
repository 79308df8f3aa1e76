// Wire schemas of the bank routes: questions, their versions, categories and listings.
import { z } from 'zod';
import { QUESTION_TYPES, type QuestionType } from '../../model/index.js';
import { QuestionInputSchema, RichTextSchema } from './question.js';

export const QuestionTypeSchema = z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]).meta({
  description: "Moodle's qtype name; `unsupported` holds a type qbank keeps but cannot grade (cloze, calculated, …)",
});

export const IdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A quiz named in a path, by id or idnumber. */
export const QuizRefParam = z.string().min(1).max(100).meta({ description: 'Quiz id or idnumber' });

/** `limit` and `offset` of a paginated listing. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'At most this many items (1–500)' }),
  offset: z.coerce.number().int().min(0).default(0).meta({ description: 'Items to skip' }),
};

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export const QuestionListQuery = z.object({
  category: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'A category path, e.g. $course$/top/Рекуррентные нейросети' }),
  includeSubcategories: flag.meta({ description: 'With category: also the questions of the categories below it' }),
  type: QuestionTypeSchema.optional(),
  tag: z.string().min(1).max(100).optional().meta({ description: 'A tag, matched without regard to case' }),
  idnumber: z.string().min(1).max(100).optional(),
  includeRetired: flag.meta({ description: 'Also list retired questions' }),
  ...pageQuery,
});

const ChoiceIdsSchema = z
  .object({
    choices: z.array(z.string()).meta({ description: 'Ids of the multichoice answers (or match choices), in the order of the question' }),
    stems: z.array(z.string()).meta({ description: 'Ids of the match stems, in the order of the question' }),
  })
  .meta({ id: 'ChoiceIds', description: 'The opaque ids clients answer with' });

const StoredQuestionSchema = QuestionInputSchema.meta({
  description: 'The question model (a stored question may also have type `unsupported`, with `qtype` and `xml`)',
});

const versionShape = {
  versionId: z.number().int(),
  version: z.number().int(),
  type: QuestionTypeSchema,
  name: z.string(),
  createdAt: z.string(),
};

const VersionSummarySchema = z.object(versionShape).meta({ id: 'VersionSummary' });

const summaryShape = {
  id: z.number().int(),
  categoryId: z.number().int(),
  category: z.string().meta({ description: 'The category path' }),
  idnumber: z.string().nullable(),
  type: QuestionTypeSchema,
  name: z.string(),
  tags: z.array(z.string()),
  version: z.number().int().meta({ description: 'The current version number' }),
  createdAt: z.string(),
  updatedAt: z.string().meta({ description: 'When the current version was made' }),
  retiredAt: z.string().nullable(),
};

export const QuestionSummarySchema = z.object(summaryShape).meta({ id: 'QuestionSummary' });

export const QuestionDetailSchema = z
  .object({
    ...summaryShape,
    versionId: z.number().int(),
    question: StoredQuestionSchema,
    choiceIds: ChoiceIdsSchema,
    versions: z.array(VersionSummarySchema),
  })
  .meta({ id: 'QuestionDetail', description: 'A bank entry: the current version with its answer key, and every version' });

export const QuestionVersionSchema = z
  .object({
    ...versionShape,
    questionId: z.number().int(),
    current: z.boolean(),
    question: StoredQuestionSchema,
    choiceIds: ChoiceIdsSchema,
  })
  .meta({ id: 'QuestionVersion' });

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().meta({ description: 'Items matching the filters over all pages' }),
      limit: z.number().int(),
      offset: z.number().int(),
    })
    .meta({ id });
}

export const QuestionPageSchema = pageSchema(QuestionSummarySchema, 'QuestionPage');

export const CategorySchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    path: z.string(),
    name: z.string(),
    idnumber: z.string().nullable(),
    info: RichTextSchema,
  })
  .meta({ id: 'Category' });
