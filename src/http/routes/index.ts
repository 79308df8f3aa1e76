// Every route module of the API, in the order they appear in the OpenAPI document.
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { attemptRoutes } from './attempts.js';
import { keyRoutes } from './keys.js';
import { questionRoutes } from './questions.js';
import { quizFileRoutes } from './quiz-files.js';
import { quizRoutes } from './quizzes.js';
import { statisticsRoutes } from './statistics.js';
import { transferRoutes } from './transfer.js';

export function routeModules(services: Services): RouteModule[] {
  return [
    questionRoutes(services),
    transferRoutes(services),
    quizRoutes(services),
    quizFileRoutes(services),
    attemptRoutes(services),
    statisticsRoutes(services),
    keyRoutes(services),
  ];
}
