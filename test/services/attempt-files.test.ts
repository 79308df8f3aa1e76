// Files of the feedback shown with an attempt: each text placed in its area, references rewritten only where a
// text has them, and only the areas the attempt shows found.
import { describe, expect, it } from 'vitest';
import { gradeResponse } from '../../src/grading/index.js';
import {
  baseQuestion,
  newMultichoice,
  newNumerical,
  newTrueFalse,
  richText,
  type EmbeddedFile,
  type Feedback,
  type Question,
  type RichText,
} from '../../src/model/index.js';
import {
  attemptFileAreaUrl,
  feedbackAreas,
  findFeedbackFile,
  withFeedbackUrls,
} from '../../src/services/attempt-files.js';
import type { ChoiceIds } from '../../src/storage/index.js';

const file = (name: string): EmbeddedFile => ({ name, path: '/', content: Buffer.from(name).toString('base64') });
const withFile = (text: string, name: string): RichText => ({ ...richText(text), files: [file(name)] });
const ref = (name: string) => `<img src="@@PLUGINFILE@@/${name}">`;

function multichoice(): { question: Question; choiceIds: ChoiceIds } {
  const q = newMultichoice(baseQuestion('MC', 'Pick'));
  q.generalFeedback = withFile(ref('g.png'), 'g.png');
  q.combinedFeedback.correct = withFile(ref('c.png'), 'c.png');
  q.combinedFeedback.incorrect = withFile(ref('i.png'), 'i.png');
  q.hints = [{ text: withFile(ref('h.png'), 'h.png'), showNumCorrect: false, clearWrong: false, options: '' }];
  q.answers = [
    { text: 'right', format: 'html', files: [], fraction: 1, feedback: withFile(ref('r.png'), 'r.png') },
    { text: 'wrong', format: 'html', files: [], fraction: 0, feedback: withFile(ref('w.png'), 'w.png') },
  ];
  return { question: q, choiceIds: { choices: ['AAAAAAAA', 'BBBBBBBB'], stems: [] } };
}

describe('feedback files of an attempt', () => {
  it('places each text shown in its area: the choice id, the outcome, general', () => {
    const v = multichoice();
    const shown = gradeResponse(v.question, { type: 'multichoice', selected: [0] }).feedback;
    expect(feedbackAreas(v, shown).map((a) => a.area)).toEqual(['AAAAAAAA', 'correct', 'general']);
    const wrong = gradeResponse(v.question, { type: 'multichoice', selected: [1] }).feedback;
    expect(feedbackAreas(v, wrong).map((a) => a.area)).toEqual(['BBBBBBBB', 'incorrect', 'general']);
  });

  it('rewrites the references of each area to the attempt file route', () => {
    const v = multichoice();
    const shown = gradeResponse(v.question, { type: 'multichoice', selected: [0] }).feedback;
    const out = withFeedbackUrls(7, 3, v, shown);
    expect(attemptFileAreaUrl(7, 3, 'general')).toBe('/api/v1/attempts/7/files/3/general/');
    expect(out).toEqual({
      specific: [{ ...shown.specific[0], text: '<img src="/api/v1/attempts/7/files/3/AAAAAAAA/r.png">' }],
      combined: { ...shown.combined, text: '<img src="/api/v1/attempts/7/files/3/correct/c.png">' },
      numCorrect: null,
      general: { ...shown.general, text: '<img src="/api/v1/attempts/7/files/3/general/g.png">' },
    });
    // The graded feedback, which grading keeps and reuses, is not changed.
    expect(shown.general!.text).toBe(ref('g.png'));
  });

  it('returns feedback without references as the very same object', () => {
    const q = newTrueFalse(baseQuestion('TF', 'True?'), true);
    q.feedbackTrue = richText('Quite.');
    q.generalFeedback = richText('No files.');
    const feedback: Feedback = gradeResponse(q, { type: 'truefalse', value: true }).feedback;
    expect(withFeedbackUrls(1, 1, { question: q, choiceIds: { choices: [], stems: [] } }, feedback)).toBe(feedback);
  });

  it('names true/false and matched-answer feedback by fixed areas', () => {
    const tf = newTrueFalse(baseQuestion('TF', 'True?'), true);
    tf.feedbackTrue = withFile(ref('t.png'), 't.png');
    tf.feedbackFalse = withFile(ref('f.png'), 'f.png');
    const ids = { choices: [], stems: [] };
    const shown = gradeResponse(tf, { type: 'truefalse', value: false }).feedback;
    expect(withFeedbackUrls(2, 1, { question: tf, choiceIds: ids }, shown).specific[0]!.text).toBe(
      '<img src="/api/v1/attempts/2/files/1/false/f.png">',
    );
    const num = newNumerical(baseQuestion('N', 'How many?'));
    num.answers = [{ text: '4', format: 'moodle', files: [], fraction: 1, feedback: withFile(ref('n.png'), 'n.png'), tolerance: 0 }];
    const matched = gradeResponse(num, { type: 'numerical', text: '4' }).feedback;
    expect(feedbackAreas({ question: num, choiceIds: ids }, matched).map((a) => a.area)).toEqual(['answer']);
  });

  it('finds only files of the areas the attempt shows: never a choice not chosen, another outcome or a hint', () => {
    const v = multichoice();
    const shown = gradeResponse(v.question, { type: 'multichoice', selected: [0] }).feedback;
    expect(findFeedbackFile(v, shown, 'AAAAAAAA', 'r.png')?.name).toBe('r.png');
    expect(findFeedbackFile(v, shown, 'correct', 'c.png')?.name).toBe('c.png');
    expect(findFeedbackFile(v, shown, 'general', 'g.png')?.name).toBe('g.png');
    for (const [area, name] of [
      ['BBBBBBBB', 'w.png'],
      ['incorrect', 'i.png'],
      ['general', 'h.png'],
      ['hint', 'h.png'],
      ['AAAAAAAA', 'g.png'],
      ['general', 'r.png'],
    ] as const) {
      expect(findFeedbackFile(v, shown, area, name), `${area}/${name}`).toBeNull();
    }
  });
});
