// Files that are malformed, oversized or built to attack a parser: each gets one clear error, never an exception.
import { describe, expect, it } from 'vitest';
import { parseMoodleXml } from '../../../src/formats/moodle-xml/index.js';
import { inQuiz } from './helpers.js';

const QUESTION = '<question type="truefalse"><name><text>Q</text></name><answer fraction="100"><text>true</text></answer></question>';

function onlyError(input: string | Uint8Array, options = {}) {
  const result = parseMoodleXml(input, options);
  expect(result.questions).toEqual([]);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toHaveLength(1);
  return errors[0]!;
}

describe('document type declarations are refused, on purpose', () => {
  it('billion laughs', () => {
    const dtd = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE quiz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
      ']>',
      '<quiz><question type="description"><name><text>&lol9;</text></name></question></quiz>',
    ].join('\n');
    const error = onlyError(dtd);
    expect(error).toMatchObject({ code: 'doctype', line: 2, column: 1 });
    expect(error.message).toMatch(/refuses .*<!DOCTYPE.*on purpose/);
  });

  it('an external entity', () => {
    const error = onlyError('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<quiz>&xxe;</quiz>');
    expect(error).toMatchObject({ code: 'doctype', line: 2, column: 1 });
  });

  it('an internal entity, even without a DOCTYPE around it', () => {
    const error = onlyError(`<quiz>\n  <!ENTITY a "b">\n${QUESTION}</quiz>`);
    expect(error).toMatchObject({ code: 'doctype', line: 2, column: 3 });
  });

  it('but not the text of a question that talks about them (CDATA, comments)', () => {
    const xml = inQuiz(
      '<!-- <!DOCTYPE x> --><question type="description"><name><text>D</text></name>' +
        '<questiontext format="html"><text><![CDATA[<pre>&lt;!DOCTYPE html&gt; <!ENTITY x "y"></pre>]]></text></questiontext></question>',
    );
    const result = parseMoodleXml(xml);
    expect(result.diagnostics).toEqual([]);
    expect(result.questions[0]!.text.text).toContain('<!ENTITY x "y">');
  });
});

describe('bounds', () => {
  it('elements nested too deep', () => {
    const deep = `${'<d>'.repeat(100)}x${'</d>'.repeat(100)}`;
    const error = onlyError(inQuiz(`<question type="description"><name><text>N</text></name>\n   ${deep}</question>`));
    expect(error.code).toBe('toodeep');
    expect(error.message).toContain('more than 64 deep');
    // The 63rd <d> is the 65th element from the root: line 4 (the declaration, <quiz>, then the question's line).
    expect(error).toMatchObject({ line: 4, column: 4 + 62 * 3 });
  });

  it('a lower maxDepth', () => {
    const error = onlyError(inQuiz(QUESTION), { maxDepth: 3 });
    expect(error).toMatchObject({ code: 'toodeep', line: 3 });
  });

  it('an oversize file', () => {
    const error = onlyError(inQuiz(QUESTION), { maxBytes: 100 });
    expect(error).toMatchObject({ code: 'toolarge', line: 1, column: 1 });
  });

  it('bytes that are not UTF-8', () => {
    const bytes = new TextEncoder().encode(inQuiz(QUESTION.replace('Q', 'Qé')));
    const latin1 = Uint8Array.from(bytes.filter((_, i) => i !== bytes.indexOf(0xc3)));
    const error = onlyError(latin1);
    expect(error.code).toBe('importwrongfileencoding');
    expect(error.message).toBe('The file you selected does not use UTF-8 character encoding. Moodle XML format files must use UTF-8.');
    expect(error.line).toBe(3);
  });
});

describe('inputs that would take quadratic or exponential time in a naive reader (the test timeout guards them)', () => {
  it('a Cloze text full of parts that never close', () => {
    const text = `{1:SHORTANSWER:a~b#c${'{1:MC:x~y#z'.repeat(100_000)}`;
    const error = onlyError(inQuiz(`<question type="cloze"><questiontext><text><![CDATA[${text}]]></text></questiontext></question>`));
    expect(error.message).toContain('The question text must include at least one embedded answer.');
  });

  it('a numerical answer with a million spaces inside', () => {
    const error = onlyError(inQuiz(`<question type="numerical"><name><text>N</text></name><answer fraction="100"><text>1${' '.repeat(1_000_000)}x</text></answer></question>`));
    expect(error.code).toBe('invalidnumericanswer');
  });

  it('twenty thousand questions with an error each, all on one line', () => {
    const question = '<question type="numerical"><name><text>N</text></name><answer fraction="100"><text>x</text></answer></question>';
    const result = parseMoodleXml(`<quiz>${question.repeat(20_000)}</quiz>`);
    expect(result.diagnostics).toHaveLength(20_000);
    expect(result.diagnostics.at(-1)).toMatchObject({ line: 1, column: 7 + 19_999 * question.length + question.indexOf('<answer') });
  });
});

describe('element names that are also names of object properties', () => {
  it('are ordinary elements: the question reads as without them, and no prototype changes', () => {
    const extra = '<__proto__><polluted>1</polluted></__proto__><__proto__/><constructor>c</constructor><toString/>';
    const plain = parseMoodleXml(inQuiz(QUESTION));
    const withExtra = parseMoodleXml(inQuiz(QUESTION.replace('</question>', `${extra}</question>`)));
    expect(withExtra.diagnostics).toEqual(plain.diagnostics);
    expect(withExtra.questions).toEqual(plain.questions);
    expect(Object.getPrototypeOf(withExtra.questions[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('malformed XML, with the position and Moodle\'s wording', () => {
  it('a mismatched tag', () => {
    const error = onlyError('<?xml version="1.0"?>\n<quiz>\n  <question type="description"><name><text>x</name></question>\n</quiz>');
    expect(error).toMatchObject({ code: 'errorparsingxml', line: 3 });
    expect(error.message).toMatch(/^Error parsing XML: Mismatched tag at line 3, char \d+$/);
    expect(error.column).toBe(Number(error.message.match(/char (\d+)/)![1]));
  });

  it('&nbsp; outside CDATA', () => {
    const error = onlyError(inQuiz('<question type="description"><name><text>a&nbsp;b</text></name></question>'));
    expect(error.message).toBe(`Error parsing XML: Undeclared entity error at line 3, char ${error.column}`);
    expect(error.line).toBe(3);
  });

  it('a file cut off before </quiz>', () => {
    const error = onlyError(`<?xml version="1.0"?>\n<quiz>\n${QUESTION}\n`);
    expect(error.code).toBe('unclosedroot');
    expect(error.message).toContain('</quiz>');
  });

  it('something after </quiz>', () => {
    const error = onlyError(`${inQuiz(QUESTION)}\n<quiz></quiz>`);
    expect(error.message).toMatch(/^Error parsing XML: Junk after document element at line 5/);
  });

  it('a wrong root element', () => {
    const error = onlyError(`<?xml version="1.0"?>\n<questions>${QUESTION}</questions>`);
    expect(error.message).toBe('There are no questions in the import file (its root element is <questions>, not <quiz>)');
  });

  it('an empty file', () => {
    expect(onlyError('  \n ').message).toBe('Cannot read import file (or file is empty)');
  });

  it('not XML at all', () => {
    expect(onlyError('::Q1:: What is 2+2? {=4}').code).toBe('errorparsingxml');
  });
});

describe("Moodle's errors about a question", () => {
  it('HTML outside CDATA: "string expected"', () => {
    const error = onlyError(inQuiz('<question type="description"><name><text>N</text></name>\n<questiontext format="html"><text><p>Hi</p></text></questiontext></question>'));
    expect(error).toMatchObject({ code: 'invalidxml', message: 'Invalid XML file - string expected (use CDATA?)', line: 3, column: 1 });
  });

  it('a question without a name', () => {
    expect(onlyError(inQuiz(QUESTION.replace('<name><text>Q</text></name>', ''))).message).toBe('Missing question name in XML file');
  });

  it('a question without a type', () => {
    const error = onlyError(inQuiz('<question><name><text>Q</text></name></question>'));
    expect(error.code).toBe('xmltypeunsupported');
    expect(error.message).toContain('no type attribute');
  });

  it('a grade that is not a number (PHP stops with a TypeError when it divides it by 100)', () => {
    const error = onlyError(inQuiz('<question type="shortanswer"><name><text>S</text></name><answer fraction="lots"><text>a</text></answer></question>'));
    expect(error).toMatchObject({ code: 'invalidnumber', line: 3 });
  });

  it('a multiple choice question with one choice', () => {
    const error = onlyError(inQuiz('<question type="multichoice"><name><text>M</text></name><answer fraction="100"><text>a</text></answer></question>'));
    expect(error.message).toBe('This type of question requires at least 2 choices');
  });

  it('a short answer question without a 100% answer', () => {
    const error = onlyError(inQuiz('<question type="shortanswer"><name><text>S</text></name><answer fraction="50"><text>a</text></answer></question>'));
    expect(error.message).toBe('One of the answers should have a score of 100% so it is possible to get full marks for this question.');
  });

  it('a matching stem without an answer', () => {
    const error = onlyError(inQuiz('<question type="matching"><name><text>M</text></name><subquestion><text>Stem</text><answer><text></text></answer></subquestion></question>'));
    expect(error.message).toBe("You must specify an answer matching the question 'Stem'.");
  });

  it('a numerical answer that is not a number, at that answer', () => {
    const error = onlyError(inQuiz('<question type="numerical"><name><text>N</text></name>\n  <answer fraction="100"><text>forty-two</text></answer></question>'));
    expect(error).toMatchObject({ code: 'invalidnumericanswer', line: 4, column: 3 });
  });

  it('true/false answers named in another language: a warning, as in Moodle', () => {
    const result = parseMoodleXml(inQuiz('<question type="truefalse"><name><text>T</text></name><questiontext><text>Sky is blue</text></questiontext>' +
      '<answer fraction="100"><text>Wahr</text></answer><answer fraction="0"><text>Falsch</text></answer></question>'));
    expect(result.questions).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'truefalseimporterror']]);
    expect(result.diagnostics[0]!.message).toContain("'Sky is blue'");
    expect(result.questions[0]).toMatchObject({ correctAnswer: true });
  });
});
