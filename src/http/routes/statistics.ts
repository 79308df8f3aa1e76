import type { Request } from 'express';
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { DEFAULT_WHICH_ATTEMPTS } from '../../services/statistics.js';
import { statisticsToCsv } from '../../stats/index.js';
import type { RouteModule } from '../app.js';
import { contentDisposition } from '../content-disposition.js';
import { defineRoute } from '../route.js';
import { ProblemSchema } from '../schemas/problem.js';
import { QuizStatisticsReportSchema, StatisticsQuerySchema } from '../schemas/statistics.js';

const PATH = '/api/v1/quizzes/:id/statistics';
const CSV = 'text/csv; charset=utf-8';

const ParamsSchema = z.object({
  id: z.string().min(1).max(255).meta({ description: 'The quiz id or its idnumber' }),
});

/** CSV when asked by `format`, else when the Accept header prefers text/csv to JSON. */
function wantsCsv(format: 'json' | 'csv' | undefined, req: Request): boolean {
  if (format !== undefined) return format === 'csv';
  if (req.get('accept') === undefined) return false;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv';
}

/** `attachment; filename="<quiz>-statistics.csv"`, named by the quiz's idnumber (or id). */
function csvDisposition(quiz: { id: number; idnumber: string | null }): string {
  return contentDisposition('attachment', `${quiz.idnumber ?? `quiz-${quiz.id}`}-statistics.csv`);
}

export function statisticsRoutes(services: Services): RouteModule {
  return (routes) => {
    defineRoute(routes, {
      method: 'get',
      path: PATH,
      summary: "The quiz's statistics report",
      description:
        "Moodle's quiz statistics report over every attempt committed before the request, figure for figure: " +
        'test-level figures, each graded question (descriptions are left out) and its analysis of responses. ' +
        `The attempts used default to \`${DEFAULT_WHICH_ATTEMPTS}\`, the default of Moodle's report for a quiz graded ` +
        'by its highest attempt. Figures are unrounded, in the unit Moodle shows them (percent where Moodle shows a ' +
        'percent) and null where Moodle leaves the cell blank. `format=csv` (or `Accept: text/csv`) returns the same ' +
        'report as a CSV attachment.',
      tag: 'statistics',
      roles: ['admin'],
      params: ParamsSchema,
      query: StatisticsQuerySchema,
      responses: {
        200: {
          description: 'The report',
          schema: QuizStatisticsReportSchema,
          alternatives: { 'text/csv': 'The report as CSV: quiz information, quiz structure analysis, analysis of responses' },
        },
        404: { description: 'There is no such quiz', schema: ProblemSchema, mediaType: 'application/problem+json' },
      },
      handler: async ({ params, query, req, res }) => {
        // An unknown quiz throws QuizNotFoundError, a not_found ServiceError: the error handler answers 404.
        const report = await services.statistics.report(params.id, query.attempts ?? DEFAULT_WHICH_ATTEMPTS);
        res.set('Cache-Control', 'private, no-cache').vary('Accept');
        if (wantsCsv(query.format, req)) {
          res.set('Content-Disposition', csvDisposition(report.quiz)).type(CSV).send(statisticsToCsv(report));
        } else {
          res.json(report);
        }
      },
    });
  };
}
