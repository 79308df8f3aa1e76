// `npm run bench -- formats`: a generated bank of 10,000 questions of every type, as GIFT and as Moodle XML.
// In one process and one run: our GIFT parse against gift-pegjs on the same file, our Moodle XML import against a
// bare xml2js parse of the same file, and the export time of each format. Ratios come from the same run.
import { availableParallelism, loadavg } from 'node:os';
import giftPeg from 'gift-pegjs';
import xml2js from 'xml2js';
import { parseGift, serializeGift } from '../src/formats/gift/index.js';
import { parseMoodleXml, serializeMoodleXml } from '../src/formats/moodle-xml/index.js';
import { XML2JS_OPTIONS } from '../src/formats/moodle-xml/xml-tree.js';
import { generateBank } from './bank-generator.js';
import { measure, measurePair, printTable, type Pair } from './measure.js';

const COUNT = 10_000;

/**
 * Both files must read back whole, and the baselines must read the same files. The results are dropped on return,
 * so that no timed run carries the others' leftovers in its heap.
 */
function checkFiles(gift: string, xml: string): void {
  const fromGift = parseGift(gift).questions.length;
  const fromXml = parseMoodleXml(xml).questions.length;
  if (fromGift !== COUNT || fromXml !== COUNT) {
    throw new Error(`the generated bank did not read back whole (GIFT ${fromGift}, XML ${fromXml})`);
  }
  if (giftPeg.parse(gift).filter((q) => q.type !== 'Category').length !== COUNT) throw new Error('gift-pegjs did not read the file');
  let bare = -1;
  xml2js.parseString(xml, XML2JS_OPTIONS, (err, tree: { quiz: { question: unknown[] } }) => {
    if (!err) bare = tree.quiz.question.length;
  });
  // The category pseudo-questions are questions of the file too.
  if (bare < COUNT) throw new Error('xml2js did not read the file');
}

export async function run(): Promise<void> {
  const questions = generateBank(COUNT);
  const bank = { questions };
  const gift = serializeGift(bank).text;
  const xml = serializeMoodleXml(bank).text;
  checkFiles(gift, xml);

  const bareXml2js = () =>
    new Promise<void>((resolve, reject) => xml2js.parseString(xml, XML2JS_OPTIONS, (err) => (err ? reject(err) : resolve())));

  // Each comparison alternates its two sides round by round (see measurePair).
  const giftPair = await measurePair(
    { name: 'GIFT parse (qbank)', fn: () => parseGift(gift) },
    { name: 'GIFT parse (gift-pegjs 1.0.2)', fn: () => giftPeg.parse(gift) },
  );
  const xmlPair = await measurePair(
    { name: 'Moodle XML bare xml2js parse', fn: bareXml2js },
    { name: 'Moodle XML import (qbank)', fn: () => parseMoodleXml(xml) },
  );
  const { a: giftOurs, b: giftPeer } = giftPair;
  const { a: xmlBare, b: xmlOurs } = xmlPair;
  const giftOut = await measure('GIFT export (qbank)', () => serializeGift(bank));
  const xmlOut = await measure('Moodle XML export (qbank)', () => serializeMoodleXml(bank));

  printTable(
    `${COUNT} questions; GIFT ${(gift.length / 1e6).toFixed(1)} MB, XML ${(xml.length / 1e6).toFixed(1)} MB; median of the runs`,
    [giftOurs, giftPeer, xmlOurs, xmlBare, giftOut, xmlOut],
  );
  const both = (p: Pair) => `${p.ratio.toFixed(2)}× (CPU ${p.cpuRatio.toFixed(2)}×)`;
  console.log(`GIFT parse: qbank is ${both(giftPair)} faster than gift-pegjs (target ≥ 10×), median of the rounds' ratios`);
  console.log(`Moodle XML import: ${both(xmlPair)} a bare xml2js parse (target ≤ 1.3×), median of the rounds' ratios`);
  console.log(
    `Export of ${COUNT}: GIFT ${giftOut.median.toFixed(0)} ms, Moodle XML ${xmlOut.median.toFixed(0)} ms ` +
      `(CPU ${giftOut.cpuMedian.toFixed(0)} and ${xmlOut.cpuMedian.toFixed(0)} ms; target ≤ 200 ms each)`,
  );
  console.log(`Load average while running: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
}
