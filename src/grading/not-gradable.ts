// Descriptions and unsupported types: no mark, no grade, no response analysis.
import type { DescriptionQuestion, UnsupportedQuestion } from '../model/index.js';
import { GradingError } from './errors.js';
import type { TypeRules } from './rules.js';

function refuse(q: DescriptionQuestion | UnsupportedQuestion): never {
  const what = q.type === 'unsupported' ? `a ${q.qtype} question (not supported)` : 'a description';
  throw new GradingError('not-gradable', `"${q.name}" is ${what}: Moodle gives it no mark`);
}

export const notGradableRules: TypeRules<DescriptionQuestion | UnsupportedQuestion> = {
  grade: refuse,
  rightAnswer: () => '',
  minFraction: () => 0,
  manualFeedback: refuse,
  randomGuessScore: () => null,
  responseParts: () => [],
  classifyResponse: () => [],
};
