// The wire form of the quiz statistics report: src/stats' QuizStatistics with the quiz's identity, and the
// notes on attempts graded on earlier question versions. Descriptions follow the field comments of
// src/stats/types.ts and src/services/statistics.ts. Figures are unrounded; null where Moodle leaves the cell blank.
import { z } from 'zod';
import { WHICH_ATTEMPTS } from '../../stats/index.js';

const percent = (description: string) => z.number().nullable().meta({ description: `${description} Percent.` });
const figure = (description: string) => z.number().nullable().meta({ description });
const count = (description: string) => z.number().int().min(0).meta({ description });

export const WhichAttemptsSchema = z.enum(WHICH_ATTEMPTS).meta({
  id: 'WhichAttempts',
  description:
    "Which attempts of each user the report uses (Moodle's \"Calculate statistics from\"): first, last, highest " +
    'graded (ties to the earlier attempt) or all, each attempt then counting as a user of its own.',
});

const UpperLowerGroupsSchema = z
  .object({
    nominalSize: count('The nominal group size k = round(27% of the attempts used).'),
    upperCount: count('Number of attempts in the upper group (ties at the cut-off join it).'),
    lowerCount: count('Number of attempts in the lower group.'),
    upperMinTotal: z.number().meta({ description: 'The lowest total (marks) in the upper group.' }),
    lowerMaxTotal: z.number().meta({ description: 'The highest total (marks) in the lower group.' }),
  })
  .meta({ id: 'UpperLowerGroups', description: 'The upper and lower 27% groups of the upper–lower discrimination index.' });

const QuizBeyondMoodleSchema = z
  .object({
    alpha: figure("Cronbach's α as a ratio (KR-20 when every question scores 0 or full marks); null as CIC."),
    dichotomous: z.boolean().meta({ description: 'True when every mark is 0 or the slot maximum, so that α is KR-20.' }),
    standardErrorOfMeasurement: figure(
      'Standard error of measurement in marks: sample SD of the totals × √(1 − α); null when α is null or above 1.',
    ),
    upperLowerGroups: UpperLowerGroupsSchema.nullable().meta({
      description: 'null when there are fewer than 2 attempts or the two groups would share an attempt.',
    }),
  })
  .meta({ id: 'QuizBeyondMoodle', description: 'Classical test theory figures Moodle does not report, on the question marks.' });

export const QuizLevelStatisticsSchema = z
  .object({
    id: z.number().int().meta({ description: 'The quiz id.' }),
    idnumber: z.string().nullable().meta({ description: "The quiz's idnumber." }),
    name: z.string().meta({ description: "The quiz's name." }),
    whichAttempts: WhichAttemptsSchema,
    quizSumGrades: z.number().meta({ description: "The quiz's total of maximum marks the percentages refer to." }),
    attemptsUsed: count("Number of attempts used for the figures below (Moodle's s)."),
    firstAttemptsCount: count('Number of complete graded first attempts.'),
    allAttemptsCount: count('Total number of complete graded attempts.'),
    lastAttemptsCount: count('Number of complete graded last attempts (Moodle computes it but does not show it).'),
    highestAttemptsCount: count('Number of complete graded highest attempts (Moodle computes it but does not show it).'),
    firstAttemptsAverage: percent("Average grade of first attempts; null when there is none or the quiz's total is 0."),
    allAttemptsAverage: percent('Average grade of all attempts.'),
    lastAttemptsAverage: percent('Average grade of last attempts.'),
    highestAttemptsAverage: percent('Average grade of highest graded attempts.'),
    median: percent('Median grade of the attempts used.'),
    standardDeviation: percent('Sample standard deviation of the attempt totals; null for fewer than 2 attempts.'),
    skewness: figure(
      'Score distribution skewness (adjusted Fisher–Pearson G1), a plain number; needs 3 attempts and varying totals.',
    ),
    kurtosis: figure('Score distribution excess kurtosis (G2), a plain number; needs 4 attempts and varying totals.'),
    coefficientOfInternalConsistency: figure(
      "Coefficient of internal consistency: Cronbach's α × 100 (not a share of the total); needs 3 attempts, " +
        'varying totals, 2 questions.',
    ),
    errorRatio: figure('Error ratio: 100·√(1 − CIC/100) (not a share of the total); null where CIC is null or above 100.'),
    standardError: percent("Standard error (of measurement), error ratio × SD, of the quiz's total."),
    beyondMoodle: QuizBeyondMoodleSchema,
  })
  .meta({
    id: 'QuizLevelStatistics',
    description:
      "The test-level figures of Moodle's \"Quiz information\" table. Percentages are of the quiz's maximum total " +
      'unless said otherwise.',
  });

const ResponseStatisticsSchema = z
  .object({
    partIndex: count("Index of the part in the question's parts."),
    part: z.string().meta({ description: "The part's label ('' for a question with a single part)." }),
    classIndex: count("Index of the class in the part's classes."),
    response: z.string().meta({ description: 'The response class ("[No response]" included), as grading labels it.' }),
    partialCredit: percent('The credit a response of this class earns; null when the class has none.'),
    count: count('Number of attempts whose response falls in this class.'),
    frequency: percent('count / attempts at the question; null when there is no attempt.'),
  })
  .meta({ id: 'ResponseStatistics', description: 'One row of the analysis of responses.' });

const DistractorStatisticsSchema = z
  .object({
    classIndex: count("Index of the class in the question's only part."),
    response: z.string().meta({ description: 'The response class.' }),
    count: count('Number of attempts in this class.'),
    meanTotal: figure('Mean total (marks) of the attempts in this class; null when none.'),
    restCorrelation: figure(
      'Option point-biserial: Pearson r between "chose this class" and the rest score (total minus this mark); ' +
        'null when nobody or everybody chose it, or the rest score does not vary.',
    ),
  })
  .meta({ id: 'DistractorStatistics' });

const QuestionBeyondMoodleSchema = z
  .object({
    itemTotalCorrelation: figure(
      'Item–total r: Pearson r of the mark with the total that includes it (the point-biserial for 0/1 items).',
    ),
    itemRestCorrelation: figure(
      "Item–rest r: the correlation of the mark with the rest of the test (Moodle's discrimination index / 100).",
    ),
    upperLowerDiscrimination: figure(
      'Upper–lower discrimination D: mean mark / maximum mark in the upper group minus the same in the lower group; ' +
        'null when there are no groups or the maximum mark is 0.',
    ),
    alphaIfDeleted: figure("Cronbach's α of the test without this question; null for fewer than 3 questions or a constant rest score."),
    distractors: z.array(DistractorStatisticsSchema).nullable().meta({
      description: 'Distractor analysis, one row per response class, for a question with a single part; null otherwise.',
    }),
  })
  .meta({ id: 'QuestionBeyondMoodle', description: 'Question-level figures beyond Moodle. Correlations are plain ratios in [-1, 1].' });

const QuestionStatisticsSchema = z
  .object({
    slot: z.number().int().meta({ description: "The question's slot in the quiz (descriptions have slots too)." }),
    questionId: z.number().int(),
    idnumber: z.string().nullable(),
    name: z.string(),
    type: z.string().meta({ description: 'The question type (multichoice, truefalse, shortanswer, numerical, match, essay).' }),
    maxMark: z.number().meta({ description: "The slot's maximum mark." }),
    attempts: count("Attempts at the question (Moodle's s)."),
    facilityIndex: percent('Facility index: mean mark / maximum mark; null when the maximum is 0 or at most one attempt is used.'),
    standardDeviation: percent('Sample standard deviation of the marks, of the maximum mark; null for fewer than 2 attempts.'),
    randomGuessScore: percent('Random guess score; null when the type has none.'),
    intendedWeight: percent("Intended weight: maximum mark / quiz total; null when the quiz total is 0."),
    effectiveWeight: percent(
      'Effective weight: √Cov(mark, total) over the sum of these roots for every question whose covariance is not ' +
        'negative; null when this covariance is negative, the sum is 0 or fewer than 2 attempts.',
    ),
    negativeCovariance: z
      .boolean()
      .meta({ description: 'True when the covariance of the mark with the total is negative (Moodle\'s "negcovar").' }),
    discriminationIndex: figure(
      'Discrimination index: 100 × the correlation of the mark with the rest of the test; null when either has no variance.',
    ),
    discriminativeEfficiency: figure(
      'Discriminative efficiency: 100 × Cov(mark, rest) / its maximum for these values; null when the maximum is 0.',
    ),
    dubious: z.boolean().meta({ description: "Moodle's warning: the discriminative efficiency is below 15%." }),
    responses: z.array(ResponseStatisticsSchema).meta({
      description: 'Moodle\'s "Analysis of responses": every class of every part, zero counts included, in part and class order.',
    }),
    beyondMoodle: QuestionBeyondMoodleSchema,
  })
  .meta({
    id: 'QuestionStatistics',
    description: 'One row of Moodle\'s "Quiz structure analysis" (a graded slot), with its analysis of responses.',
  });

const OlderVersionSchema = z
  .object({
    slot: z.number().int(),
    questionId: z.number().int(),
    versionId: z.number().int(),
    version: z.number().int().meta({ description: "The version's number (1, 2, …)." }),
    attempts: count('Stored attempts of the quiz graded on this version (whichever attempts the report uses).'),
    sameClasses: z.boolean().meta({
      description: 'True when this version sorts responses into the same classes as the current one: they count as they are.',
    }),
    unmatchedResponses: count(
      'Responses whose class (choice, answer, stem) the current version no longer has, matched by its text: left out ' +
        'of the analysis of responses. Every other response is counted under the current class of the same text.',
    ),
  })
  .meta({ id: 'OlderQuestionVersion', description: 'An earlier question version that stored attempts were graded on.' });

export const QuizStatisticsReportSchema = z
  .object({
    quiz: QuizLevelStatisticsSchema,
    questions: z.array(QuestionStatisticsSchema).meta({ description: 'The graded slots in quiz order.' }),
    olderVersions: z.array(OlderVersionSchema).meta({
      description:
        'Earlier question versions that stored attempts were graded on (questions edited after the attempts and not ' +
        'regraded). Their marks count as graded; their responses are counted under the current classes.',
    }),
    shapeMismatches: count('Stored attempts whose statistics row does not fit the quiz\'s questions: their responses are left out.'),
  })
  .meta({
    id: 'QuizStatisticsReport',
    description:
      "Moodle's quiz statistics report over every committed attempt: test-level figures, question figures and the " +
      'analysis of responses, plus classical test theory beyond Moodle.',
  });

export const StatisticsQuerySchema = z
  .object({
    attempts: WhichAttemptsSchema.optional().meta({
      description:
        "Which attempts of each user to use; default highest, Moodle's default for a quiz graded by its highest attempt.",
    }),
    format: z.enum(['json', 'csv']).optional().meta({
      description: 'json (default) or csv; without it, an Accept header that prefers text/csv asks for CSV.',
    }),
  })
  .strict();
