// The files embedded in what a client sees of a quiz (images of a question text, a choice or a stem), at the
// URLs the client view gives, with the headers every file route sends (see file-response.ts).
import { z } from 'zod';
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { FILE_HEADERS_DESCRIPTION, fileParamShape, fileResponses, sendFile } from '../file-response.js';
import { defineRoute } from '../route.js';
import { QuizRefParam } from '../schemas/bank.js';

const FileParams = z.object({
  id: QuizRefParam,
  ...fileParamShape('`text` (the question text), or the id of a multichoice choice or of a matching stem'),
});

export function quizFileRoutes(services: Services): RouteModule {
  return (routes) => {
    defineRoute(routes, {
      method: 'get',
      path: '/api/v1/quizzes/:id/files/:slot/:area/*file',
      summary: 'Get a file embedded in the client view of a quiz',
      description:
        "The client view's texts refer to their embedded files (Moodle's `@@PLUGINFILE@@/…`) by these URLs. Only files " +
        'of a question text, a multichoice choice or a matching stem are served; a file of feedback, hints or another ' +
        'area is a 404, like a file that does not exist. ' +
        FILE_HEADERS_DESCRIPTION,
      tag: 'quizzes',
      roles: ['admin', 'client'],
      params: FileParams,
      responses: fileResponses('No such quiz, slot, area or file'),
      handler: ({ params, res }) => {
        sendFile(res, services.quizFiles.get(params.id, params.slot, params.area, params.file));
      },
    });
  };
}
