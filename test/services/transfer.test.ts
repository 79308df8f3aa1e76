import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGift } from '../../src/formats/gift/index.js';
import { parseMoodleXml } from '../../src/formats/moodle-xml/index.js';
import { ImportError, ServiceError } from '../../src/services/index.js';
import { ITEMS_FILE, useService } from '../helpers/service.js';
import { thrown } from '../helpers/thrown.js';

const GOOD_AND_BAD_GIFT = [
  '$CATEGORY: $course$/top/Arithmetic',
  '',
  '::Sum:: 2 + 2 = ? {=4 ~3 ~5}',
  '',
  '::Broken:: this one never closes {=yes ~no',
  '',
  '::Product:: 2 × 3 = ? {#6}',
  '',
].join('\n');

const xmlQuestion = (name: string, body: string) => `  <question type="truefalse">
    <name><text>${name}</text></name>
    <questiontext format="html"><text>${body}</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
`;

describe('importing a file', () => {
  const service = useService({ empty: true });
  const count = () => service().services.store.questions.listQuestions({ includeRetired: true }).total;
  const categories = () => service().services.categories.list().map((c) => c.path);

  it('when one GIFT question is broken, then nothing is stored and the error has its line and column', () => {
    const error = thrown(ImportError, () => service().services.transfer.importFile(GOOD_AND_BAD_GIFT, { format: 'gift' }));
    expect(error.diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 5 })]);
    expect(error.diagnostics[0]!.column).toBeGreaterThan(0);
    expect(count()).toBe(0);
    expect(categories()).toEqual([]);
  });

  it('when one Moodle XML question is broken, then nothing is stored', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${xmlQuestion('Fine', 'Yes?')}  <question type="multichoice">\n    <name><text>No answers</text></name>\n    <questiontext format="html"><text>Pick</text></questiontext>\n  </question>\n</quiz>\n`;
    const error = thrown(ImportError, () => service().services.transfer.importFile(xml, { format: 'moodlexml' }));
    expect(error.diagnostics.length).toBeGreaterThan(0);
    expect(error.diagnostics.every((d) => d.severity === 'error' && d.line >= 1 && d.column >= 1)).toBe(true);
    expect(count()).toBe(0);
  });

  it('when the file is fine, then every question is stored in the categories the file names, and the rest in Default', () => {
    const gift = '::Loose:: Before any category {T}\n\n$CATEGORY: $course$/top/Arithmetic/Easy\n\n// [id:add-1]\n::Sum:: 1 + 1 = ? {#2}\n';
    const result = service().services.transfer.importFile(gift, { format: 'gift' });
    expect(result.created.map((c) => [c.name, c.type, c.category, c.idnumber])).toEqual([
      ['Loose', 'truefalse', '$course$/top/Default', null],
      ['Sum', 'numerical', '$course$/top/Arithmetic/Easy', 'add-1'],
    ]);
    const stored = service().services.bank.get(result.created[1]!.id);
    expect(stored.question.category).toBe('$course$/top/Arithmetic/Easy');
  });

  it('when an idnumber is already used in its category, then nothing is stored and the error points at the question', () => {
    const before = count();
    const gift = '$CATEGORY: $course$/top/Arithmetic/Easy\n\n::Other:: 3 + 3 = ? {#6}\n\n// [id:add-1]\n::Sum again:: 1 + 1 = ? {#2}\n';
    const error = thrown(ImportError, () => service().services.transfer.importFile(gift, { format: 'gift' }));
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ line: 5, column: 1, code: 'idnumberused', message: expect.stringContaining('"add-1"') }),
    ]);
    expect(count()).toBe(before);
  });

  it('when a file uses one idnumber twice in a category, then both places are named', () => {
    const xml = `<quiz>\n<question type="category"><category><text>$course$/top/Twice</text></category></question>\n${xmlQuestion('A', 'a').replace('</name>', '</name><idnumber>same</idnumber>')}${xmlQuestion('B', 'b').replace('</name>', '</name><idnumber>same</idnumber>')}</quiz>`;
    const error = thrown(ImportError, () => service().services.transfer.importFile(xml, { format: 'moodlexml' }));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0]).toMatchObject({ code: 'duplicateidnumber', line: 9 });
    expect(error.diagnostics[0]!.message).toContain('line 3');
    expect(categories()).not.toContain('$course$/top/Twice');
  });

  it("when a target category is given, then the file's categories are made below it and loose questions go into it", () => {
    const gift = '::Loose:: In the target {T}\n\n$CATEGORY: $course$/top/Arithmetic\n\n::Inner:: 5 - 1 = ? {#4}\n';
    const result = service().services.transfer.importFile(gift, { format: 'gift', category: 'Week 1' });
    expect(result.created.map((c) => c.category)).toEqual(['$course$/top/Week 1', '$course$/top/Week 1/Arithmetic']);
  });

  it('when the target names only a top, then the import is refused', () => {
    expect(() => service().services.transfer.importFile('::A:: b {T}', { format: 'gift', category: '$course$/top' })).toThrow(
      ServiceError,
    );
  });

  it('when the file holds nothing, then it is an error', () => {
    const error = thrown(ImportError, () => service().services.transfer.importFile('// only a comment\n', { format: 'gift' }));
    expect(error.diagnostics[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('when a category idnumber is taken, then the import goes through without it and warns', () => {
    const xml = (path: string) =>
      `<quiz>\n<question type="category"><category><text>${path}</text></category><idnumber>cat-1</idnumber></question>\n${xmlQuestion(path, 'q')}</quiz>`;
    service().services.transfer.importFile(xml('$course$/top/First'), { format: 'moodlexml' });
    const second = service().services.transfer.importFile(xml('$course$/top/Second'), { format: 'moodlexml' });
    expect(second.created).toHaveLength(1);
    expect(second.warnings).toEqual([expect.objectContaining({ severity: 'warning', code: 'categoryidnumbertaken' })]);
    const byPath = new Map(service().services.categories.list().map((c) => [c.path, c.idnumber]));
    expect(byPath.get('$course$/top/First')).toBe('cat-1');
    expect(byPath.get('$course$/top/Second')).toBeNull();
  });
});

describe('importing with update', () => {
  const service = useService();

  it('when the shipped file comes again, then without update it clashes and with update nothing changes', () => {
    const { transfer, store } = service().services;
    const file = readFileSync(ITEMS_FILE);
    const clash = thrown(ImportError, () => transfer.importFile(file, { format: 'moodlexml' }));
    expect(clash.diagnostics).toHaveLength(12);
    expect(clash.diagnostics[0]!.message).toMatch(/import with update/);
    const again = transfer.importFile(file, { format: 'moodlexml', update: true });
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged.map((q) => [q.idnumber, q.version])).toEqual(
      store.questions.listQuestions().items.map((q) => [q.idnumber, 1]),
    );
  });

  it('when an item was edited, then it becomes a new version that the quiz shows, keeping its unchanged choice ids', () => {
    const { transfer, quizzes } = service().services;
    const before = quizzes.get('rnn-4.1', 'client').items[0]!;
    const edited = readFileSync(ITEMS_FILE, 'utf8').replace(
      'Почему рекуррентные нейросети часто медленнее свёрточных?',
      'Почему рекуррентные нейросети обычно медленнее свёрточных?',
    );
    const withNew = edited.replace('</quiz>', '<question type="truefalse"><name><text>New</text></name><questiontext><text>New?</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>\n</quiz>');
    const result = transfer.importFile(withNew, { format: 'moodlexml', update: true });
    expect(result.created.map((q) => q.name)).toEqual(['New']);
    expect(result.updated.map((q) => [q.idnumber, q.version])).toEqual([['rnn-q1', 2]]);
    expect(result.unchanged).toHaveLength(11);
    const after = quizzes.get('rnn-4.1', 'client').items[0]!;
    expect(after.text).toContain('обычно медленнее');
    expect(after.choices).toEqual(before.choices);
  });
});

describe('exporting', () => {
  const service = useService();

  it('writes a quiz in slot order with the database ids in Moodle XML comments', () => {
    const { transfer, quizzes } = service().services;
    const file = transfer.exportFile({ format: 'moodlexml', quiz: 'rnn-4.1' });
    const ids = quizzes.get('rnn-4.1', 'admin').items.map((i) => i.questionId);
    expect([...file.text.matchAll(/<!-- question: (\d+) {2}-->\n {2}<question type="(?!category)/g)].map((m) => Number(m[1]))).toEqual(ids);
    expect(file.fileName).toMatch(/^questions-rnn-4-1-\d{8}-\d{4}\.xml$/);
    expect(file.mediaType).toBe('application/xml; charset=utf-8');
    expect(file.count).toBe(12);
    const back = parseMoodleXml(file.text);
    expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(back.questions.map((q) => q.idnumber)).toEqual(quizzes.get('rnn-4.1', 'client').items.map((i) => i.idnumber));
  });

  it('writes a category with its subcategories as GIFT, with ids in the comments and the parents first', () => {
    const { transfer } = service().services;
    transfer.importFile('$CATEGORY: Course/Part A\n\n::A1:: a? {T}\n\n$CATEGORY: Course\n\n::C1:: c? {F}\n', { format: 'gift' });
    const file = transfer.exportFile({ format: 'gift', category: 'Course' });
    expect(file.fileName).toMatch(/^questions-Course-\d{8}-\d{4}\.txt$/);
    expect(file.mediaType).toBe('text/plain; charset=utf-8');
    const parsed = parseGift(file.text);
    expect(parsed.questions.map((q) => [q.name, q.category])).toEqual([
      ['C1', '$course$/top/Course'],
      ['A1', '$course$/top/Course/Part A'],
    ]);
    const ids = [...file.text.matchAll(/^\/\/ question: (\d+) {2}name: (C1|A1)$/gm)].map((m) => [m[2], Number(m[1])]);
    const stored = service().services.bank.list({ category: 'Course', includeSubcategories: true, limit: 10, offset: 0 });
    expect(Object.fromEntries(ids)).toEqual(Object.fromEntries(stored.items.map((q) => [q.name, q.id])));
  });

  it('writes the whole bank when neither quiz nor category is given, and refuses both at once', () => {
    const { transfer, store } = service().services;
    const all = transfer.exportFile({ format: 'moodlexml' });
    expect(all.count).toBe(store.questions.listQuestions().total);
    expect(all.fileName).toMatch(/^questions-all-/);
    expect(() => transfer.exportFile({ format: 'gift', quiz: 'rnn-4.1', category: 'Course' })).toThrow(ServiceError);
    expect(() => transfer.exportFile({ format: 'gift', quiz: 'no-such-quiz' })).toThrow(/does not exist/);
    expect(() => transfer.exportFile({ format: 'gift', category: 'No such' })).toThrow(/does not exist/);
  });

  it('round-trips the shipped bank through both formats into an empty bank', () => {
    const original = parseMoodleXml(readFileSync(ITEMS_FILE));
    const xml = service().services.transfer.exportFile({ format: 'moodlexml', quiz: 'rnn-4.1' });
    const again = parseMoodleXml(xml.text);
    expect(again.questions).toEqual(original.questions);
  });
});
