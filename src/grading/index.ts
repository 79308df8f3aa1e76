// Moodle's grading of every supported question type, as pure functions of the question model.
export { gradeManually, gradeResponse } from './grade.js';
export { classifyResponse, responseParts } from './analysis.js';
export { randomGuessScore } from './guess.js';
export { readMoodleNumber, type MoodleNumber } from './moodle-number.js';
export { toleranceInterval } from './numerical.js';
export { matchesWildcard } from './shortanswer.js';
export { GradingError, type GradingErrorCode } from './errors.js';
