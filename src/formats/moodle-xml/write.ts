// qbank's model → Moodle XML, byte for byte as Moodle's qformat_xml::writequestion writes it (two-space
// indentation, CDATA only where needed, numbers as PHP prints them), with two deliberate differences: the values
// Moodle writes unescaped (file names and paths, unit names, answer numbering, response format, file types) are
// entity-escaped, so that the output is always well-formed (for ordinary values the bytes are the same); and
// numerical instructions are written whatever their format (Moodle leaves out those in Moodle auto-format).
import {
  phpFloat,
  type Answer,
  type Category,
  type CombinedFeedback,
  type EmbeddedFile,
  type EssayQuestion,
  type Hint,
  type MatchQuestion,
  type MultichoiceQuestion,
  type NumericalQuestion,
  type Question,
  type RichText,
  type ShortAnswerQuestion,
  type TextFormat,
  type TrueFalseQuestion,
} from '../../model/index.js';
import { htmlIsBlank } from '../php-text.js';
import { htmlSpecialChars, xmlEscape } from './escape.js';
import { formatName } from './formats.js';

/** Receives a sentence for each thing a Moodle XML file cannot carry back. */
export type LossReporter = (message: string) => void;

function text(s: string, indent: number): string {
  return `${'  '.repeat(indent)}<text>${xmlEscape(s)}</text>\n`;
}

function format(f: TextFormat): string {
  return `format="${formatName(f)}"`;
}

/** Files start at column 0, as write_files prints them. */
function files(list: readonly EmbeddedFile[]): string {
  let out = '';
  for (const f of list) {
    out += `<file name="${htmlSpecialChars(f.name)}" path="${htmlSpecialChars(f.path)}" encoding="base64">`;
    out += `${htmlSpecialChars(f.content)}</file>\n`;
  }
  return out;
}

/** `<tag format="…"><text>…</text>[files]</tag>` at the question's indentation. */
function field(tag: string, value: RichText, withFiles = true): string {
  return `    <${tag} ${format(value.format)}>\n${text(value.text, 3)}${withFiles ? files(value.files) : ''}    </${tag}>\n`;
}

function num(x: number): string {
  return phpFloat(x);
}

function bool(b: boolean): string {
  return b ? 'true' : 'false';
}

function writeAnswer(answer: Answer, textValue: string, fraction: number, extra = ''): string {
  let out = `    <answer fraction="${num(fraction * 100)}" ${format(answer.format)}>\n`;
  out += text(textValue, 3);
  out += files(answer.files);
  out += `      <feedback ${format(answer.feedback.format)}>\n`;
  out += text(answer.feedback.text, 4);
  out += files(answer.feedback.files);
  out += '      </feedback>\n';
  out += extra;
  out += '    </answer>\n';
  return out;
}

function writeCombinedFeedback(feedback: CombinedFeedback): string {
  let out = field('correctfeedback', feedback.correct);
  out += field('partiallycorrectfeedback', feedback.partiallyCorrect);
  out += field('incorrectfeedback', feedback.incorrect);
  if (feedback.showNumCorrect) out += '    <shownumcorrect/>\n';
  return out;
}

function writeHint(hint: Hint): string {
  let out = `    <hint ${format(hint.text.format)}>\n`;
  out += text(hint.text.text, 3);
  if (hint.showNumCorrect) out += '      <shownumcorrect/>\n';
  if (hint.clearWrong) out += '      <clearwrong/>\n';
  // PHP's empty(): an option of '0' is not written.
  if (hint.options !== '' && hint.options !== '0') out += `      <options>${xmlEscape(hint.options)}</options>\n`;
  out += files(hint.text.files);
  out += '    </hint>\n';
  return out;
}

function writeTags(tags: readonly string[]): string {
  if (tags.length === 0) return '';
  // writetext already ends its line, hence the line break before </tag>.
  return `    <tags>\n${tags.map((tag) => `      <tag>${text(tag, 0)}</tag>\n`).join('')}    </tags>\n`;
}

function qtypeName(q: Question): string {
  switch (q.type) {
    case 'match':
      return 'matching';
    case 'multichoice':
      return q.allOrNothing ? 'multichoiceset' : 'multichoice';
    case 'unsupported':
      return q.qtype;
    default:
      return q.type;
  }
}

function writeTrueFalse(q: TrueFalseQuestion): string {
  const answer = (feedback: RichText): Answer => ({ text: '', format: q.answerFormat, files: [], fraction: 0, feedback });
  return (
    writeAnswer(answer(q.feedbackTrue), 'true', q.correctAnswer ? 1 : 0) +
    writeAnswer(answer(q.feedbackFalse), 'false', q.correctAnswer ? 0 : 1)
  );
}

function writeMultichoice(q: MultichoiceQuestion): string {
  let out = `    <single>${bool(q.single)}</single>\n`;
  out += `    <shuffleanswers>${bool(q.shuffleAnswers)}</shuffleanswers>\n`;
  out += `    <answernumbering>${htmlSpecialChars(q.answerNumbering)}</answernumbering>\n`;
  out += `    <showstandardinstruction>${q.showStandardInstruction ? 1 : 0}</showstandardinstruction>\n`;
  out += writeCombinedFeedback(q.combinedFeedback);
  for (const a of q.answers) out += writeAnswer(a, a.text, a.fraction);
  return out;
}

/** qtype_multichoiceset's export_to_xml: right answers at 100%, the others at 0, no partial feedback. */
function writeMultichoiceSet(q: MultichoiceQuestion): string {
  let out = `    <shuffleanswers>${bool(q.shuffleAnswers)}</shuffleanswers>\n`;
  out += field('correctfeedback', q.combinedFeedback.correct);
  out += field('incorrectfeedback', q.combinedFeedback.incorrect);
  if (q.combinedFeedback.showNumCorrect) out += '    <shownumcorrect/>\n';
  out += `    <answernumbering>${htmlSpecialChars(q.answerNumbering)}</answernumbering>\n`;
  for (const a of q.answers) out += writeAnswer(a, a.text, a.fraction > 0 ? 1 : 0);
  return out;
}

function writeShortAnswer(q: ShortAnswerQuestion): string {
  let out = `    <usecase>${q.useCase ? 1 : 0}</usecase>\n`;
  for (const a of q.answers) out += writeAnswer(a, a.text, a.fraction);
  return out;
}

function writeNumerical(q: NumericalQuestion): string {
  let out = '';
  for (const a of q.answers) out += writeAnswer(a, a.text, a.fraction, `      <tolerance>${num(a.tolerance)}</tolerance>\n`);
  if (q.units.length) {
    // Moodle writes the units block at column 0.
    out += '<units>\n';
    for (const unit of q.units) {
      out += '  <unit>\n';
      out += `    <multiplier>${num(unit.multiplier)}</multiplier>\n`;
      out += `    <unit_name>${htmlSpecialChars(unit.name)}</unit_name>\n`;
      out += '  </unit>\n';
    }
    out += '</units>\n';
  }
  if (q.unitOptions) {
    out += `    <unitgradingtype>${num(q.unitOptions.unitGradingType)}</unitgradingtype>\n`;
    out += `    <unitpenalty>${num(q.unitOptions.unitPenalty)}</unitpenalty>\n`;
    out += `    <showunits>${num(q.unitOptions.showUnits)}</showunits>\n`;
    out += `    <unitsleft>${q.unitOptions.unitsLeft ? 1 : 0}</unitsleft>\n`;
  }
  if (q.instructions) out += field('instructions', q.instructions);
  return out;
}

function writeMatch(q: MatchQuestion): string {
  let out = `    <shuffleanswers>${bool(q.shuffleAnswers)}</shuffleanswers>\n`;
  out += writeCombinedFeedback(q.combinedFeedback);
  for (const sub of q.subquestions) {
    out += `    <subquestion ${format(sub.text.format)}>\n`;
    out += text(sub.text.text, 3);
    out += files(sub.text.files);
    out += '      <answer>\n';
    out += text(sub.answer, 4);
    out += '      </answer>\n';
    out += '    </subquestion>\n';
  }
  return out;
}

function optional(x: number | null): string {
  return x === null ? '' : num(x);
}

function writeEssay(q: EssayQuestion): string {
  let out = `    <responseformat>${htmlSpecialChars(q.responseFormat)}</responseformat>\n`;
  out += `    <responserequired>${q.responseRequired ? 1 : 0}</responserequired>\n`;
  out += `    <responsefieldlines>${num(q.responseFieldLines)}</responsefieldlines>\n`;
  out += `    <minwordlimit>${optional(q.minWordLimit)}</minwordlimit>\n`;
  out += `    <maxwordlimit>${optional(q.maxWordLimit)}</maxwordlimit>\n`;
  out += `    <attachments>${num(q.attachments)}</attachments>\n`;
  out += `    <attachmentsrequired>${num(q.attachmentsRequired)}</attachmentsrequired>\n`;
  out += `    <maxbytes>${optional(q.maxBytes)}</maxbytes>\n`;
  out += `    <filetypeslist>${htmlSpecialChars(q.fileTypesList ?? '')}</filetypeslist>\n`;
  out += field('graderinfo', q.graderInfo);
  out += field('responsetemplate', q.responseTemplate, false);
  return out;
}

/** Tells `lost` about each part of `q` that a Moodle XML import would not give back. */
export function reportLosses(q: Question, lost: LossReporter): void {
  const name = `Question '${q.name}'`;
  if (q.type === 'unsupported') return;
  const hintsWithParts = q.type === 'multichoice' || q.type === 'match';
  if ((q.type === 'essay' || q.type === 'description') && q.hints.length) {
    lost(`${name}: Moodle does not import hints of ${q.type} questions; they are written but will be lost.`);
  } else if (!hintsWithParts && q.hints.some((h) => h.showNumCorrect || h.clearWrong)) {
    lost(`${name}: the show-number-correct and clear-wrong options of hints only apply to questions with parts.`);
  }
  const withOptions = q.type === 'multichoice' && q.allOrNothing;
  if (!withOptions && q.hints.some((h) => h.options !== '')) {
    lost(`${name}: hint options are only kept for all-or-nothing multiple choice questions.`);
  }
  if (q.type === 'description' && q.defaultMark !== 0) {
    lost(`${name}: a description has no mark; Moodle imports it with mark 0.`);
  }
  if (q.type === 'essay' && q.responseTemplate.files.length) {
    lost(`${name}: Moodle XML has no place for files in the response template.`);
  }
  if ((q.type === 'shortanswer' || q.type === 'numerical') && q.answers.some((a) => a.files.length)) {
    lost(`${name}: files of ${q.type} answers are written but Moodle does not import them.`);
  }
  if (q.type === 'multichoice' && q.allOrNothing) {
    if (q.single) lost(`${name}: an all-or-nothing question takes several answers; it is written as one.`);
    if (!htmlIsBlank(q.combinedFeedback.partiallyCorrect.text)) {
      lost(`${name}: all-or-nothing questions have no feedback for partially correct responses.`);
    }
    if (!q.showStandardInstruction) {
      lost(`${name}: all-or-nothing questions always show the standard instruction.`);
    }
    if (q.answers.some((a) => a.fraction !== 0 && a.fraction !== 1)) {
      lost(`${name}: all-or-nothing answers are right (100%) or wrong (0%); other grades are written as one of these.`);
    }
  }
}

/** One question as Moodle's writequestion writes it (an unsupported question: its XML, unchanged). */
export function writeMoodleXmlQuestion(question: Question, id = 0): string {
  const q = question;
  let out = `<!-- question: ${id}  -->\n`;
  if (q.type === 'unsupported') return `${out}  ${q.xml}\n`;
  out += `  <question type="${qtypeName(q)}">\n`;
  out += '    <name>\n';
  out += text(q.name, 3);
  out += '    </name>\n';
  out += field('questiontext', q.text);
  out += field('generalfeedback', q.generalFeedback);
  out += `    <defaultgrade>${num(q.defaultMark)}</defaultgrade>\n`;
  out += `    <penalty>${num(q.penalty)}</penalty>\n`;
  out += '    <hidden>0</hidden>\n';
  out += `    <idnumber>${htmlSpecialChars(q.idnumber ?? '')}</idnumber>\n`;
  switch (q.type) {
    case 'truefalse':
      out += writeTrueFalse(q);
      break;
    case 'multichoice':
      out += q.allOrNothing ? writeMultichoiceSet(q) : writeMultichoice(q);
      break;
    case 'shortanswer':
      out += writeShortAnswer(q);
      break;
    case 'numerical':
      out += writeNumerical(q);
      break;
    case 'match':
      out += writeMatch(q);
      break;
    case 'essay':
      out += writeEssay(q);
      break;
    case 'description':
      break;
  }
  for (const hint of q.hints) out += writeHint(hint);
  out += writeTags(q.tags);
  out += '  </question>\n';
  return out;
}

/** A category pseudo-question, as Moodle writes one before the first question of each category. */
export function writeCategoryQuestion(category: Category): string {
  let out = '<!-- question: 0  -->\n';
  out += '  <question type="category">\n';
  out += '    <category>\n';
  out += `      ${text(category.path, 0)}`;
  out += '    </category>\n';
  out += `    <info ${format(category.info.format)}>\n`;
  out += `      ${text(category.info.text, 0)}`;
  out += '    </info>\n';
  out += `    <idnumber>${htmlSpecialChars(category.idnumber ?? '')}</idnumber>\n`;
  out += '  </question>\n';
  return out;
}
