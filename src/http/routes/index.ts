// Every route module of the API, in the order they appear in the OpenAPI document.
import type { Services } from '../../services/index.js';
import type { RouteModule } from '../app.js';
import { keyRoutes } from './keys.js';
import { statisticsRoutes } from './statistics.js';

export function routeModules(services: Services): RouteModule[] {
  return [keyRoutes(services), statisticsRoutes(services)];
}
