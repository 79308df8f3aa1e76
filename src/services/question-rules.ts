// The checks Moodle's question edit forms make, applied to questions written as JSON (files are checked by
// their parsers): listed grades only, and a way to earn full marks.
import { matchGradeOption, matchStems, type Answer, type Question } from '../model/index.js';
import type { ErrorItem } from './errors.js';

const TOLERANCE = 0.0000001;

/** Every fraction snapped to Moodle's listed grade (0.33333 → 0.3333333); unlisted ones are problems. */
function snapFractions(answers: Answer[], problems: ErrorItem[]): void {
  answers.forEach((answer, i) => {
    const listed = matchGradeOption(answer.fraction);
    if (listed === null) {
      problems.push({
        path: `answers.${i}.fraction`,
        message: `${answer.fraction} is not one of Moodle's grades (1, 0.9, 0.8333333, …, 0.05, 0 and their negatives).`,
      });
    } else {
      answer.fraction = listed;
    }
  });
}

function needsFullMarks(answers: Answer[], what: string, problems: ErrorItem[]): void {
  if (!answers.some((a) => Math.abs(a.fraction - 1) < TOLERANCE)) {
    problems.push({
      path: 'answers',
      message: `One of the ${what} should be 100%, so that it is possible to get full marks for this question.`,
    });
  }
}

/** Snaps the question's fractions to Moodle's listed grades in place and lists what Moodle's forms would refuse
 * (paths relative to the question). */
export function checkQuestion(question: Question): ErrorItem[] {
  const problems: ErrorItem[] = [];
  switch (question.type) {
    case 'multichoice': {
      snapFractions(question.answers, problems);
      if (question.single) {
        if (question.allOrNothing) {
          problems.push({ path: 'allOrNothing', message: 'All-or-nothing grading needs a question with several answers.' });
        }
        needsFullMarks(question.answers, 'choices', problems);
      } else {
        const positive = question.answers.reduce((sum, a) => sum + Math.max(a.fraction, 0), 0);
        if (Math.abs(positive - 1) > 0.0001) {
          problems.push({
            path: 'answers',
            message: `The positive grades do not add up to 100%; they add up to ${Math.round(positive * 1e5) / 1e3}%.`,
          });
        }
      }
      break;
    }
    case 'shortanswer':
    case 'numerical':
      snapFractions(question.answers, problems);
      needsFullMarks(question.answers, 'answers', problems);
      break;
    case 'match': {
      question.subquestions.forEach((sub, i) => {
        if (sub.text.text.trim() !== '' && sub.answer.trim() === '') {
          problems.push({ path: `subquestions.${i}.answer`, message: 'A question needs its matching answer.' });
        }
      });
      if (matchStems(question).length < 2) {
        problems.push({ path: 'subquestions', message: 'A matching question needs at least 2 questions with answers.' });
      }
      break;
    }
    default:
      break;
  }
  return problems;
}
