// The PHP and Moodle text functions behind question names, checked against Moodle's own tests
// (lib/tests/moodlelib_test.php for shorten_text) and PHP's documented strip_tags() behaviour.
import { describe, expect, it } from 'vitest';
import {
  cleanParamText,
  cleanQuestionName,
  createDefaultQuestionName,
  htmlIsBlank,
  shortenText,
  stripTags,
} from '../../src/formats/php-text.js';

describe('shorten_text (Moodle\'s tests, whole words)', () => {
  const frog =
    "<div class='frog'><p><blockquote>Long text with tags that will be chopped off but <b>should be added back again</b></blockquote></p></div>";
  const tricky = "<h3>standard 'break-out' sub groups in TGs?</h3>&nbsp;&lt;&lt;There are several";
  const czech = '<p>Žluťoučký koníček <b>přeskočil</b> potůček</p>';
  it.each([
    ['short text already no tags', 30, 'short text already no tags'],
    ['<p>short <b>text</b> already</p><p>with tags</p>', 30, '<p>short <b>text</b> already</p><p>with tags</p>'],
    ['long text without any tags blah de blah blah blah what', 30, 'long text without any tags ...'],
    [frog, 30, "<div class='frog'><p><blockquote>Long text with tags that ...</blockquote></p></div>"],
    [
      "<div class='frog'><p><blockquote><!--[if !IE]><!-->Long text with tags that will<!--<![endif]--> be chopped off but <b>should be added back again</b></blockquote></p></div>",
      30,
      "<div class='frog'><p><blockquote><!--[if !IE]><!-->Long text with tags that ...<!--<![endif]--></blockquote></p></div>",
    ],
    ["some text which shouldn't &nbsp; break there", 31, "some text which shouldn't &nbsp; ..."],
    ["some text which shouldn't &nbsp; break there", 30, "some text which shouldn't &nbsp;..."],
    ["some text which shouldn't &nbsp; break there", 29, "some text which shouldn't ..."],
    [tricky, 41, "<h3>standard 'break-out' sub groups in ...</h3>"],
    [tricky, 42, "<h3>standard 'break-out' sub groups in TGs?...</h3>"],
    [tricky, 43, "<h3>standard 'break-out' sub groups in TGs?</h3>&nbsp;..."],
    ['<h1>123456789</h1>', 8, '<h1>12345...</h1>'],
    ['Žluťoučký koníček přeskočil', 30, 'Žluťoučký koníček přeskočil'],
    ['Žluťoučký koníček přeskočil', 19, 'Žluťoučký ...'],
    ['Žluťoučký koníček přeskočil', 17, 'Žluťoučký ...'],
    [czech, 60, czech],
    [czech, 21, '<p>Žluťoučký koníček ...</p>'],
    [czech, 19, '<p>Žluťoučký ...</p>'],
    [czech, 17, '<p>Žluťoučký ...</p>'],
    ['言語設定言語設定abcdefghijkl', 9, '言語設定言語...'],
    ['言語設定言語設定abcdefghijkl', 13, '言語設定言語設定...'],
    ['简体中文简体中文abcdefghijkl', 13, '简体中文简体中文...'],
    ['<span lang="en" class="multilang">A</span><span lang="fr" class="multilang">B</span>', 1, '<span lang="en" class="multilang">...</span>'],
  ])('shorten_text(%j, %i)', (text, ideal, expected) => {
    expect(shortenText(text, ideal)).toBe(expected);
  });
});

describe('strip_tags', () => {
  it.each([
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['a < b', 'a < b'],
    ['a<b', 'a'],
    ['5 > 3', '5 > 3'],
    ['x <!-- c --> y', 'x  y'],
    ['<a title="x>y">t</a>', 't'],
    ['<?php echo 1; ?>ok', 'ok'],
    ['<br/>line', 'line'],
    // Where a regular-expression stripper goes wrong; the expected values are PHP 8.2's own output.
    ['a<2', 'a'],
    ['<2>', ''],
    ['<<b>x', ''],
    ['a<', 'a'],
    ['<p a=">"></p>', ''],
    ['<!-- <img src=x> -->', ''],
  ])('strip_tags(%j)', (text, expected) => {
    expect(stripTags(text)).toBe(expected);
  });

  it('keeps allowed tags', () => {
    expect(stripTags('<lang lang="en">E</lang><b>x</b>', '<lang>')).toBe('<lang lang="en">E</lang>x');
  });
});

describe("html_is_blank: trim(strip_tags($s, '<img><object>…<hr>')) == '' (values from PHP 8.2)", () => {
  it.each([
    ['', true],
    [' \n\0', true],
    ['<p><br></p>', true],
    ['<!-- <img src=x> -->', true],
    ['<2>', true],
    ['<p a=">"></p>', true],
    ['<img/>', false],
    ['<HR>', false],
    ['<b>x</b>', false],
    ['a < b', false],
  ])('html_is_blank(%j) is %s', (text, blank) => {
    expect(htmlIsBlank(text)).toBe(blank);
  });
});

describe('clean_param(PARAM_TEXT) and question names', () => {
  it('keeps well-formed multilang and strips everything else', () => {
    const spans = '<span lang="en" class="multilang">A</span><span lang="fr" class="multilang">B</span>';
    expect(cleanParamText(spans)).toBe(spans);
    expect(cleanParamText('<lang lang="en">A</lang><lang lang="de">B</lang>')).toBe('<lang lang="en">A</lang><lang lang="de">B</lang>');
    expect(cleanParamText('<span lang="en">A</span>')).toBe('A');
    expect(cleanParamText('<b>x</b> <span lang="en" class="multilang">A</span>')).toBe('x <span lang="en" class="multilang">A</span>');
    expect(cleanParamText('a\0b')).toBe('ab');
  });

  it('shortens names longer than 255 characters', () => {
    const long = 'word '.repeat(80).trim();
    const name = cleanQuestionName(long);
    expect(name.length).toBeLessThanOrEqual(255);
    expect(name.endsWith('...')).toBe(true);
  });

  it('makes default names from the question text', () => {
    expect(createDefaultQuestionName('<p>Hello <b>world</b></p>')).toBe('Hello world');
    expect(createDefaultQuestionName('')).toBe('Question name');
    expect(createDefaultQuestionName('0')).toBe('Question name');
    expect(createDefaultQuestionName('<b></b>')).toBe('Question name');
  });
});
