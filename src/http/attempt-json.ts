// An attempt as JSON text, the same as JSON.stringify gives, for the answer to every submission. Most of its
// bytes are feedback, and the same choices give the same feedback object (grading keeps its outcomes): each such
// object is serialized once and its text reused.
import type { AttemptOutput } from '../services/attempts.js';

const feedbackJson = new WeakMap<object, string>();
const textJson = new Map<string, string>();
/** Right-answer sentences remembered; a quiz has a few per question. */
const MAX_TEXTS = 4096;

function num(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'null' : String(x);
}

function cachedFeedback(feedback: object): string {
  let json = feedbackJson.get(feedback);
  if (json === undefined) feedbackJson.set(feedback, (json = JSON.stringify(feedback)));
  return json;
}

function cachedText(text: string): string {
  let json = textJson.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (textJson.size >= MAX_TEXTS) textJson.clear();
    textJson.set(text, json);
  }
  return json;
}

export function attemptJson(a: AttemptOutput): string {
  let out =
    `{"id":${num(a.id)},"quizId":${num(a.quizId)},"userId":${JSON.stringify(a.userId)},` +
    `"attemptNumber":${num(a.attemptNumber)},"state":${JSON.stringify(a.state)},` +
    `"submittedAt":${JSON.stringify(a.submittedAt)},"sumGrades":${num(a.sumGrades)},"maxGrade":${num(a.maxGrade)},` +
    '"questions":[';
  for (let i = 0; i < a.questions.length; i++) {
    const q = a.questions[i]!;
    out +=
      `${i === 0 ? '' : ','}{"questionId":${num(q.questionId)},"idnumber":${JSON.stringify(q.idnumber)},` +
      `"slot":${num(q.slot)},"type":${JSON.stringify(q.type)},"versionId":${num(q.versionId)},` +
      `"response":${JSON.stringify(q.response)},"fraction":${num(q.fraction)},"mark":${num(q.mark)},` +
      `"maxMark":${num(q.maxMark)},"state":${JSON.stringify(q.state)},"feedback":${cachedFeedback(q.feedback)},` +
      `"rightAnswer":${cachedText(q.rightAnswer)},"comment":${JSON.stringify(q.comment)}}`;
  }
  return `${out}]}`;
}
