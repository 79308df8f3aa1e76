// Embedded files in the client's view: references rewritten per area, and only the areas a client sees found.
import { describe, expect, it } from 'vitest';
import {
  baseQuestion,
  newMatch,
  newMultichoice,
  newShortAnswer,
  richText,
  type EmbeddedFile,
  type Question,
  type RichText,
} from '../../src/model/index.js';
import { mediaTypeOf } from '../../src/services/media-types.js';
import { clientAreaFiles, fileAreaUrl, findClientFile, rewriteFileRefs, withFileUrls } from '../../src/services/quiz-files.js';
import { clientItem } from '../../src/services/quiz-view.js';
import type { ChoiceIds, QuizQuestion } from '../../src/storage/index.js';

const file = (name: string, path = '/'): EmbeddedFile => ({ name, path, content: Buffer.from(name).toString('base64') });
const withFiles = (text: string, ...files: EmbeddedFile[]): RichText => ({ ...richText(text), files });

function slotOf(question: Question, choiceIds: ChoiceIds, slot = 3): QuizQuestion {
  return {
    slot,
    questionId: 10,
    versionId: 20,
    version: 1,
    maxMark: 1,
    idnumber: null,
    type: question.type,
    name: question.name,
    retired: false,
    question,
    choiceIds,
  };
}

function multichoice(): QuizQuestion {
  const q = newMultichoice(baseQuestion('MC', ''));
  const html = '<img src="@@PLUGINFILE@@/dir/a%20b.png"> and <a href="@@PLUGINFILE@@/x.pdf">x</a>';
  q.text = withFiles(html, file('a b.png', '/dir/'), file('x.pdf'));
  q.generalFeedback = withFiles('@@PLUGINFILE@@/general.png', file('general.png'));
  q.answers = [
    {
      text: 'right <img src="@@PLUGINFILE@@/r.png">',
      format: 'html',
      files: [file('r.png')],
      fraction: 1,
      feedback: withFiles('', file('fb.png')),
    },
    { text: 'wrong', format: 'html', files: [], fraction: 0, feedback: richText('') },
  ];
  return slotOf(q, { choices: ['AAAAAAAA', 'BBBBBBBB'], stems: [] });
}

function match(): QuizQuestion {
  const q = newMatch(baseQuestion('Match', 'Match @@PLUGINFILE@@/t.png'));
  q.subquestions = [
    { text: withFiles('stem <img src="@@PLUGINFILE@@/s.png">', file('s.png')), answer: '@@PLUGINFILE@@/plain' },
    { text: richText(''), answer: 'distractor' },
    { text: richText('second'), answer: 'two' },
  ];
  return slotOf(q, { choices: ['c1c1c1c1', 'c2c2c2c2', 'c3c3c3c3'], stems: ['s1s1s1s1', 's2s2s2s2'] });
}

describe('rewriting references', () => {
  it('replaces every placeholder with the area URL and keeps the rest as written', () => {
    const base = fileAreaUrl(7, 3, 'text');
    expect(base).toBe('/api/v1/quizzes/7/files/3/text/');
    expect(rewriteFileRefs('<img src="@@PLUGINFILE@@/a%20b.png"><img src="@@PLUGINFILE@@/d/c.gif">', base)).toBe(
      '<img src="/api/v1/quizzes/7/files/3/text/a%20b.png"><img src="/api/v1/quizzes/7/files/3/text/d/c.gif">',
    );
    expect(rewriteFileRefs('no files', base)).toBe('no files');
  });

  it('rewrites the question text and multichoice answers, each under its own area', () => {
    const item = withFileUrls(7, clientItem(multichoice()));
    expect(item.text).toBe(
      '<img src="/api/v1/quizzes/7/files/3/text/dir/a%20b.png"> and <a href="/api/v1/quizzes/7/files/3/text/x.pdf">x</a>',
    );
    expect(item.choices).toContainEqual({ id: 'AAAAAAAA', text: 'right <img src="/api/v1/quizzes/7/files/3/AAAAAAAA/r.png">' });
    expect(item.choices).toContainEqual({ id: 'BBBBBBBB', text: 'wrong' });
  });

  it('rewrites matching stems under their ids and leaves the plain-text choices alone', () => {
    const item = withFileUrls(7, clientItem(match()));
    expect(item.text).toBe('Match /api/v1/quizzes/7/files/3/text/t.png');
    expect(item.stems).toEqual([
      { id: 's1s1s1s1', text: 'stem <img src="/api/v1/quizzes/7/files/3/s1s1s1s1/s.png">' },
      { id: 's2s2s2s2', text: 'second' },
    ]);
    expect(item.choices!.map((c) => c.text)).toContain('@@PLUGINFILE@@/plain');
  });
});

describe('finding a file a client sees', () => {
  it('finds files of the text and of answers by path and name', () => {
    const slot = multichoice();
    expect(findClientFile(slot, 'text', 'dir/a b.png')?.name).toBe('a b.png');
    expect(findClientFile(slot, 'text', 'x.pdf')?.name).toBe('x.pdf');
    expect(findClientFile(slot, 'AAAAAAAA', 'r.png')?.name).toBe('r.png');
  });

  it('finds nothing in feedback, in another area or under another path', () => {
    const slot = multichoice();
    expect(findClientFile(slot, 'text', 'general.png')).toBeNull();
    expect(findClientFile(slot, 'AAAAAAAA', 'fb.png')).toBeNull();
    expect(findClientFile(slot, 'BBBBBBBB', 'r.png')).toBeNull();
    expect(findClientFile(slot, 'text', 'r.png')).toBeNull();
    expect(findClientFile(slot, 'text', 'a b.png')).toBeNull();
    expect(findClientFile(slot, 'text', '/dir/a b.png')).toBeNull();
    expect(clientAreaFiles(slot, 'generalfeedback')).toBeNull();
    expect(clientAreaFiles(slot, 'CCCCCCCC')).toBeNull();
  });

  it('gives matching stems by their ids and nothing for choices; other types only their text', () => {
    const slot = match();
    expect(findClientFile(slot, 's1s1s1s1', 's.png')?.name).toBe('s.png');
    expect(clientAreaFiles(slot, 's2s2s2s2')).toEqual([]);
    expect(clientAreaFiles(slot, 'c1c1c1c1')).toBeNull();
    const short = newShortAnswer(baseQuestion('SA', 'Name it'));
    short.answers = [{ text: 'secret', format: 'moodle', files: [file('key.png')], fraction: 1, feedback: richText('') }];
    expect(clientAreaFiles(slotOf(short, { choices: ['k1k1k1k1'], stems: [] }), 'k1k1k1k1')).toBeNull();
  });
});

describe('media types', () => {
  it('reads the extension, in any case, and shows only images, audio and video in place', () => {
    expect(mediaTypeOf('a.PNG')).toEqual({ type: 'image/png', inline: true });
    expect(mediaTypeOf('a.b.jpeg')).toEqual({ type: 'image/jpeg', inline: true });
    expect(mediaTypeOf('x.svg')).toEqual({ type: 'image/svg+xml', inline: true });
    expect(mediaTypeOf('s.mp3')).toEqual({ type: 'audio/mpeg', inline: true });
    expect(mediaTypeOf('v.mp4')).toEqual({ type: 'video/mp4', inline: true });
    expect(mediaTypeOf('d.pdf')).toEqual({ type: 'application/pdf', inline: false });
    expect(mediaTypeOf('page.html')).toEqual({ type: 'application/octet-stream', inline: false });
    expect(mediaTypeOf('png')).toEqual({ type: 'application/octet-stream', inline: false });
    expect(mediaTypeOf('x.constructor')).toEqual({ type: 'application/octet-stream', inline: false });
  });
});
