// The shared vocabulary of qbank: plain types and small pure helpers. Imports nothing outside this folder.
export * from './text.js';
export * from './question.js';
export * from './category.js';
export * from './defaults.js';
export * from './fractions.js';
export * from './php.js';
export * from './match.js';
export * from './response.js';
export * from './grade.js';
export * from './analysis.js';
