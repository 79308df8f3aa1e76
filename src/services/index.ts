// The use cases of qbank, shared by the HTTP API and the CLI: the only place that combines storage with
// formats, grading and statistics.
import type { Config } from '../config.js';
import type { Store } from '../storage/index.js';
import { KeyService } from './keys.js';
import { StatisticsService } from './statistics.js';

export interface Services {
  store: Store;
  config: Config;
  /** The clock for submission times; tests may fix it. */
  now: () => Date;
  keys: KeyService;
  statistics: StatisticsService;
}

export function createServices(store: Store, config: Config, now: () => Date = () => new Date()): Services {
  return {
    store,
    config,
    now,
    keys: new KeyService(store),
    statistics: new StatisticsService(store),
  };
}
