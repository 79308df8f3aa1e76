// Moodle's quiz statistics report as pure functions over columnar attempts, and its CSV and text renderings.
export * from './types.js';
export { selectAttempts } from './select.js';
export { computeQuizStatistics, computeQuizStatisticsSteps } from './compute.js';
export { runSteps, type Steps } from './steps.js';
export { StatisticsWorkspace } from './workspace.js';
export { DUBIOUS_EFFICIENCY } from './question.js';
export { UPPER_LOWER_SHARE_PERCENT } from './beyond.js';
export { sevenDecimals } from './marks.js';
export { statisticsToCsv } from './csv.js';
export { statisticsToTable } from './table.js';
export { formatFixed, phpRound } from './round.js';
