// Questions of the types qbank does not grade (Cloze, calculated, drag and drop, plugins, unknown types): kept
// whole, with their header fields read for listing and search.
import type { QuestionBase, UnsupportedQuestion } from '../../model/index.js';
import { cleanQuestionName, createDefaultQuestionName } from '../php-text.js';
import { checkCloze } from './cloze.js';
import { QuestionContext } from './context.js';
import { child, hasChild } from './nodes.js';
import { readHeaders, readHints, readIdnumber, readPenalty, readRichText, readTags, readText } from './read-common.js';

/** Types Moodle itself (or one of its standard plugins) imports and qbank keeps without grading them. */
const MOODLE_TYPES_KEPT = new Set([
  'calculated',
  'calculatedsimple',
  'calculatedmulti',
  'ddwtos',
  'gapselect',
  'ddimageortext',
  'ddmarker',
  'ordering',
  'randomsamatch',
]);

/**
 * A question of a type qbank does not grade, kept whole: its header fields are read for listing and search,
 * and `xml` is written back unchanged on export. Cloze questions Moodle would refuse are errors.
 */
export function readUnsupported(ctx: QuestionContext, q: unknown, qtype: string, xml: string): UnsupportedQuestion {
  const cloze = qtype === 'cloze' || qtype === 'multianswer';
  const known = cloze || MOODLE_TYPES_KEPT.has(qtype);
  // Nothing is required of a type nobody here knows: its header is read for information only.
  const reading = known ? ctx : new QuestionContext(ctx.offset, []);
  const base = cloze ? readClozeHeaders(reading, q) : readHeaders(reading, q);
  base.hints = readHints(reading, q, base.text.format, true);
  if (!ctx.hasErrors()) {
    const which = base.name === '' ? 'A question' : `Question '${base.name}'`;
    ctx.warning(
      'unsupportedtype',
      `${which} is of ${known ? 'type' : 'unknown type'} ${qtype}, which qbank cannot grade: ` +
        'it is kept as it is and exported unchanged.',
    );
  }
  return { ...base, type: 'unsupported', qtype, xml };
}

/** import_multianswer: the Cloze text is checked, the mark is the sum of the parts' weights. */
function readClozeHeaders(ctx: QuestionContext, q: unknown): QuestionBase {
  const text = readRichText(ctx, child(q, 'questiontext'), 'html');
  const cloze = checkCloze(text.text);
  // Without a name, Moodle makes one from the text as extract_question left it, with `{#n}` for each part.
  const name = hasChild(q, 'name')
    ? cleanQuestionName(readText(ctx, child(q, 'name')))
    : createDefaultQuestionName(cloze.placeholders);
  ctx.name = name;
  if (cloze.error) ctx.error('invalidmultianswerquestion', cloze.error);
  return {
    name,
    text,
    generalFeedback: readRichText(ctx, child(q, 'generalfeedback'), text.format),
    defaultMark: cloze.defaultMark,
    penalty: readPenalty(ctx, q),
    idnumber: readIdnumber(ctx, q),
    tags: readTags(ctx, q),
    hints: [],
    category: null,
  };
}
