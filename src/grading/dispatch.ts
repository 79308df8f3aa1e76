import type { Question, QuestionType } from '../model/index.js';
import { essayRules } from './essay.js';
import { matchRules } from './match.js';
import { multichoiceRules } from './multichoice.js';
import { notGradableRules } from './not-gradable.js';
import { numericalRules } from './numerical.js';
import type { QuestionOf, TypeRules } from './rules.js';
import { shortAnswerRules } from './shortanswer.js';
import { trueFalseRules } from './truefalse.js';

/** The rules of every question type; `satisfies` makes a new type in the model a compile error here. */
const RULES = {
  multichoice: multichoiceRules,
  truefalse: trueFalseRules,
  shortanswer: shortAnswerRules,
  numerical: numericalRules,
  match: matchRules,
  essay: essayRules,
  description: notGradableRules,
  unsupported: notGradableRules,
} satisfies { [K in QuestionType]: TypeRules<QuestionOf<K>> };

/** The rules of the question's own type (TypeScript cannot correlate the map's key with its value). */
export function rulesFor(question: Question): TypeRules<Question> {
  return RULES[question.type] as TypeRules<never> as TypeRules<Question>;
}
